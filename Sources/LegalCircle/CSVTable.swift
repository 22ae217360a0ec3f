/// A small CSV table parsed from text: the reference tables shipped in `data/` (the county table,
/// the census allocation, the township crosswalk), not user files, which `LegalCircleImport` reads.
///
/// RFC 4180 fields: comma-separated, optionally in double quotes, a doubled quote inside quotes for a
/// quote, CRLF or LF line ends, quoted fields may span lines. The first record is the header; every
/// other record must have as many fields; blank lines are skipped; a leading UTF-8 byte-order mark is
/// dropped. Fields are kept as written (no trimming).
public struct CSVTable: Sendable, Equatable {
    /// Column names as written in the header.
    public let header: [String]
    /// Records after the header, each as wide as the header.
    public let rows: [[String]]
    /// For each row, the line of the file it starts on (1-based; the header is line 1).
    public let lines: [Int]
    /// The file as the caller named it, for messages.
    public let source: String

    /// Parses `text`.
    /// - Throws: `CSVTableError` naming the line (and column) of an unterminated quote, a stray quote,
    ///   a row of the wrong width, an empty table or a repeated header name.
    /// - Complexity: O(n) for n bytes.
    public init(text: String, source: String) throws(CSVTableError) {
        self.source = source
        var records: [(line: Int, fields: [String])] = []
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var line = 1
        var index = 0
        var fields: [String] = []
        var recordLine = 1
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        func endRecord() {
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
        }
        while index <= bytes.count {
            // One field starting at `index`.
            if index < bytes.count, bytes[index] == quote {
                var value: [UInt8] = []
                var position = index + 1
                let openedOn = line
                while true {
                    guard position < bytes.count else {
                        throw CSVTableError(source: source, line: openedOn, column: fields.count + 1, "a quoted field is not closed")
                    }
                    let byte = bytes[position]
                    if byte == quote {
                        if position + 1 < bytes.count, bytes[position + 1] == quote {
                            value.append(quote)
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    if byte == lf { line += 1 }
                    value.append(byte)
                    position += 1
                }
                fields.append(String(decoding: value, as: UTF8.self))
                index = position
                guard index == bytes.count || bytes[index] == comma || bytes[index] == lf || bytes[index] == cr else {
                    throw CSVTableError(source: source, line: line, column: fields.count, "text after the closing quote of a quoted field")
                }
            } else {
                var end = index
                while end < bytes.count, bytes[end] != comma, bytes[end] != lf, bytes[end] != cr {
                    if bytes[end] == quote {
                        throw CSVTableError(
                            source: source, line: line, column: fields.count + 1,
                            "a quote inside an unquoted field (quote the whole field and double the quote)")
                    }
                    end += 1
                }
                fields.append(String(decoding: bytes[index..<end], as: UTF8.self))
                index = end
            }
            // What ends the field.
            if index == bytes.count {
                endRecord()
                break
            }
            switch bytes[index] {
            case comma:
                index += 1
            case cr:
                index += index + 1 < bytes.count && bytes[index + 1] == lf ? 2 : 1
                endRecord()
                line += 1
                recordLine = line
            default:
                index += 1
                endRecord()
                line += 1
                recordLine = line
            }
        }
        guard let first = records.first else { throw CSVTableError(source: source, line: 1, "the table is empty (no header)") }
        header = first.fields
        var seen = Set<String>()
        for (position, name) in header.enumerated() where !seen.insert(name).inserted {
            throw CSVTableError(source: source, line: first.line, column: position + 1, "the header names \"\(name)\" twice")
        }
        for record in records.dropFirst() where record.fields.count != header.count {
            throw CSVTableError(
                source: source, line: record.line,
                "\(record.fields.count) fields where the header has \(header.count)")
        }
        rows = records.dropFirst().map(\.fields)
        lines = records.dropFirst().map(\.line)
    }

    /// The position of a header name.
    /// - Throws: `CSVTableError` listing the header when the column is missing.
    public func column(_ name: String) throws(CSVTableError) -> Int {
        guard let position = header.firstIndex(of: name) else {
            throw CSVTableError(
                source: source, line: 1,
                "no column \"\(name)\"; the header has \(header.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return position
    }
}

/// A shipped table that cannot be used, with the line (and column) at fault.
public struct CSVTableError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    /// 1-based; 0 for the file as a whole.
    public var line: Int
    /// 1-based field position, nil for the whole line.
    public var column: Int?
    public var message: String

    public init(source: String, line: Int, column: Int? = nil, _ message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        let place = line == 0 ? "" : column.map { ":\(line):\($0)" } ?? ":\(line)"
        return "\(source)\(place): \(message)"
    }
}
