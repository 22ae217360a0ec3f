/// The content of one field: a byte range, inside the quotes when the field is quoted.
struct CSVFieldSpan {
    var start: Int
    var end: Int
    var isQuoted: Bool
    /// The content holds `""` pairs, each standing for one quote.
    var hasDoubledQuotes: Bool
}

/// The fields of the current record; storage is kept from record to record.
struct CSVFieldList {
    private var spans: [CSVFieldSpan] = []
    private(set) var count = 0

    subscript(index: Int) -> CSVFieldSpan { spans[index] }

    var indices: Range<Int> { 0..<count }

    mutating func removeAll() { count = 0 }

    mutating func append(_ span: CSVFieldSpan) {
        if count < spans.count {
            spans[count] = span
        } else {
            spans.append(span)
        }
        count += 1
    }
}

/// Where a record sits in the file: its first physical line (1-based) and the byte range of its raw text
/// without the line break.
struct CSVRecordSpan {
    var line: Int
    var start: Int
    var end: Int
    /// The first quoting error in the record, if any.
    var syntaxError: CSVSyntaxError?
}

/// A quoting error: the field where it happened and what is wrong.
struct CSVSyntaxError {
    var field: Int
    var reason: String

    /// `reason` in Chinese.
    var chineseReason: String {
        reason.hasPrefix("quoted field") ? "引号内的字段直到文件末尾都没有闭合" : "闭合引号后还有文字"
    }
}

/// Splits RFC 4180 CSV bytes into records and fields without copying.
///
/// Accepts CRLF, LF and lone CR line breaks, quoted fields holding delimiters, doubled quotes and line
/// breaks; a quote inside an unquoted field is kept as text. Blank lines are skipped. The delimiter is a
/// parameter so `;` and tab dialects need no other change.
/// The caller keeps `bytes` alive while scanning.
struct CSVScanner {
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    private(set) var position: Int
    private(set) var line = 1

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.delimiter = delimiter
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        position = bytes.starts(with: bom) ? 3 : 0
    }

    /// A scanner that resumes at `position`, the start of a record on physical line `line`: where
    /// another part of a parallel read begins (`CSVParts`).
    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, position: Int, line: Int) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = position
        self.line = line
    }

    /// Reads the next record's fields into `fields` (cleared first); nil at the end of the input.
    /// - Complexity: O(length of the record).
    mutating func nextRecord(into fields: inout CSVFieldList) -> CSVRecordSpan? {
        skipBlankLines()
        guard position < bytes.count else { return nil }
        fields.removeAll()
        var record = CSVRecordSpan(line: line, start: position, end: position, syntaxError: nil)
        while true {
            if position < bytes.count && bytes[position] == Self.quote {
                if let error = scanQuotedField(into: &fields), record.syntaxError == nil {
                    record.syntaxError = error
                }
            } else {
                scanUnquotedField(into: &fields)
            }
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == delimiter {
                // A field always follows a delimiter, even at the end of a line or of the file.
                position += 1
                continue
            }
            record.end = position
            skipLineBreak()
            return record
        }
        record.end = bytes.count
        return record
    }

    private mutating func scanUnquotedField(into fields: inout CSVFieldList) {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
            position += 1
        }
        fields.append(CSVFieldSpan(start: start, end: position, isQuoted: false, hasDoubledQuotes: false))
    }

    /// Scans from an opening quote to just past the closing quote and any spaces after it.
    private mutating func scanQuotedField(into fields: inout CSVFieldList) -> CSVSyntaxError? {
        position += 1
        let start = position
        var hasDoubledQuotes = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count && bytes[position + 1] == Self.quote {
                    hasDoubledQuotes = true
                    position += 2
                    continue
                }
                break
            }
            // Line breaks inside quotes still advance the physical line count.
            if byte == Self.lineFeed || (byte == Self.carriageReturn && !isLineFeed(at: position + 1)) { line += 1 }
            position += 1
        }
        let field = CSVFieldSpan(start: start, end: position, isQuoted: true, hasDoubledQuotes: hasDoubledQuotes)
        fields.append(field)
        guard position < bytes.count else {
            return CSVSyntaxError(field: fields.count - 1, reason: "quoted field is not closed before the end of the file")
        }
        position += 1
        // Blanks after the closing quote are dropped, except a tab that is the delimiter.
        while position < bytes.count && bytes[position] != delimiter
            && (bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t"))
        {
            position += 1
        }
        guard position < bytes.count, !isFieldEnd(bytes[position]) else { return nil }
        // Skip the stray text so the next field starts at the next delimiter.
        while position < bytes.count && !isFieldEnd(bytes[position]) { position += 1 }
        return CSVSyntaxError(field: fields.count - 1, reason: "text after the closing quote")
    }

    private func isFieldEnd(_ byte: UInt8) -> Bool {
        byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn
    }

    private func isLineFeed(at index: Int) -> Bool {
        index < bytes.count && bytes[index] == Self.lineFeed
    }

    /// Consumes one line break: CRLF, LF or a lone CR.
    private mutating func skipLineBreak() {
        if bytes[position] == Self.carriageReturn && isLineFeed(at: position + 1) { position += 1 }
        position += 1
        line += 1
    }

    private mutating func skipBlankLines() {
        while position < bytes.count && (bytes[position] == Self.lineFeed || bytes[position] == Self.carriageReturn) {
            skipLineBreak()
        }
    }
}
