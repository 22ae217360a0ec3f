import Foundation

/// A column a reader looks for, by canonical (lower-case) header name.
struct CSVColumn {
    var name: String
    var isRequired: Bool
}

/// Why the current row is rejected: the field position at fault (nil for the whole row) and the reason.
struct FieldProblem: Error {
    var field: Int?
    var reason: String
}

/// A CSV file with a header, read one record at a time; fields are addressed by the position of their
/// column in the reader's column list (a "slot"), whatever their order in the file.
///
/// Checks the file as a whole first: empty, binary, header missing required columns, header only.
/// The caller keeps `bytes` alive while using the document.
struct CSVDocument {
    let file: String
    let bytes: UnsafeBufferPointer<UInt8>
    /// Header names as written, by field position.
    let headerNames: [String]
    /// For each slot, the field position of its column, or -1 when the file lacks that optional column.
    private let fieldPositions: [Int]
    private var scanner: CSVScanner
    private(set) var fields = CSVFieldList()
    private(set) var record = CSVRecordSpan(line: 0, start: 0, end: 0, syntaxError: nil)

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, columns: [CSVColumn]) throws {
        self.file = file
        self.bytes = bytes
        if let what = Self.binaryContent(bytes) {
            throw CSVImportError(file: file, problem: .binary(what))
        }
        scanner = CSVScanner(bytes: bytes)
        guard let header = scanner.nextRecord(into: &fields) else {
            throw CSVImportError(file: file, problem: .empty)
        }
        record = header
        if let error = header.syntaxError {
            throw CSVImportError(file: file, problem: .malformedHeader(error.reason))
        }
        var names: [String] = []
        for position in fields.indices {
            let span = fields[position]
            let range = span.isQuoted ? (span.start, span.end) : Self.trimmed(bytes, span.start, span.end)
            names.append(Self.decodeUnchecked(bytes, range.0, range.1, span.hasDoubledQuotes))
        }
        headerNames = names
        fieldPositions = try Self.match(columns: columns, names: names, file: file)

        var probe = scanner
        var probeFields = CSVFieldList()
        guard probe.nextRecord(into: &probeFields) != nil else {
            throw CSVImportError(file: file, problem: .headerOnly)
        }
    }

    /// The raw text of the header record, for a rejects file.
    static func headerText(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scanner = CSVScanner(bytes: bytes)
        var fields = CSVFieldList()
        guard let header = scanner.nextRecord(into: &fields) else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[header.start..<header.end]), as: UTF8.self)
    }

    /// Moves to the next data record; false at the end of the file.
    mutating func next() -> Bool {
        guard let next = scanner.nextRecord(into: &fields) else { return false }
        record = next
        return true
    }

    // MARK: Whole-row checks and rejection

    /// Throws for a quoting error or a field count that differs from the header's.
    func checkShape() throws(FieldProblem) {
        if let error = record.syntaxError {
            throw FieldProblem(field: error.field < headerNames.count ? error.field : nil, reason: error.reason)
        }
        guard fields.count == headerNames.count else {
            throw FieldProblem(field: nil, reason: "has \(fields.count) fields, the header has \(headerNames.count)")
        }
    }

    /// The current record rejected for `problem`, keeping its original text.
    func rejectedRow(_ problem: FieldProblem) -> RejectedRow {
        let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[record.start..<record.end]), as: UTF8.self)
        return RejectedRow(
            file: file, line: record.line, column: problem.field.map { headerNames[$0] }, reason: problem.reason,
            rawText: raw)
    }

    /// A problem with a slot's field (the whole row when the file lacks that column).
    func problem(_ slot: Int, _ reason: String) -> FieldProblem {
        let position = fieldPositions[slot]
        return FieldProblem(field: position >= 0 ? position : nil, reason: reason)
    }

    // MARK: Field access by slot

    /// The content range of a slot's field, trimmed of spaces and tabs unless quoted; nil when the file
    /// has no such column.
    @inline(__always)
    func range(_ slot: Int) -> (start: Int, end: Int)? {
        let position = fieldPositions[slot]
        guard position >= 0 else { return nil }
        let span = fields[position]
        return span.isQuoted ? (span.start, span.end) : Self.trimmed(bytes, span.start, span.end)
    }

    func isEmpty(_ slot: Int) -> Bool {
        guard let range = range(slot) else { return true }
        return range.start == range.end
    }

    /// The field as text; "" when the column is absent. Throws when it is not valid UTF-8.
    func text(_ slot: Int) throws(FieldProblem) -> String {
        guard let range = range(slot) else { return "" }
        let doubled = fields[fieldPositions[slot]].hasDoubledQuotes
        let raw = UnsafeBufferPointer(rebasing: bytes[range.start..<range.end])
        if !Self.isASCII(raw) {
            // Decoding replaces invalid sequences, so valid UTF-8 is exactly what decodes back to itself.
            let decoded = String(decoding: raw, as: UTF8.self)
            guard decoded.utf8.elementsEqual(raw) else {
                throw problem(slot, "not valid UTF-8 text (save the file as UTF-8)")
            }
            if !doubled { return decoded }
        }
        return Self.decodeUnchecked(bytes, range.start, range.end, doubled)
    }

    /// The field as a number, nil when empty or absent. Throws when it is not a finite decimal number.
    func number(_ slot: Int) throws(FieldProblem) -> Double? {
        guard let range = range(slot), range.start < range.end else { return nil }
        guard let value = CSVNumber.parseDouble(bytes, range.start, range.end) else {
            throw problem(slot, "\(quotedValue(slot)) is not a number")
        }
        return value
    }

    /// The index of the candidate whose UTF-8 bytes equal the field, nil when none does.
    func choice(_ slot: Int, among candidates: [[UInt8]]) -> Int? {
        guard let range = range(slot) else { return nil }
        let count = range.end - range.start
        return candidates.firstIndex { candidate in
            candidate.count == count
                && candidate.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress! + range.start, count) == 0 }
        }
    }

    /// The field for an error message: quoted and shortened.
    func quotedValue(_ slot: Int) -> String {
        guard let range = range(slot) else { return "\"\"" }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range.start..<range.end]), as: UTF8.self)
        return text.count > 40 ? "\"\(text.prefix(40))…\"" : "\"\(text)\""
    }

    // MARK: Helpers

    private static func match(columns: [CSVColumn], names: [String], file: String) throws -> [Int] {
        let keys = names.map { $0.lowercased() }
        var positions: [Int] = []
        var missing: [String] = []
        for column in columns {
            let matches = keys.indices.filter { keys[$0] == column.name }
            if matches.count > 1 { throw CSVImportError(file: file, problem: .duplicateColumn(column.name)) }
            if matches.isEmpty && column.isRequired { missing.append(column.name) }
            positions.append(matches.first ?? -1)
        }
        guard missing.isEmpty else {
            throw CSVImportError(
                file: file, problem: .missingColumns(missing, expected: columns.map(\.name), found: names))
        }
        return positions
    }

    /// Why the bytes are not CSV text, or nil when they may be.
    private static func binaryContent(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "it is a ZIP archive (an .xlsx workbook?); export the sheet as \"CSV UTF-8\""
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return "it is UTF-16 text; save it as UTF-8"
        }
        guard let base = bytes.baseAddress, let nul = memchr(base, 0, bytes.count) else { return nil }
        let offset = UnsafeRawPointer(nul) - UnsafeRawPointer(base)
        return "it contains NUL bytes (the first at byte \(offset)), so it is a binary file"
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var start = start
        var end = end
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        return (start, end)
    }

    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// Decodes with U+FFFD for invalid sequences; `""` pairs become one quote.
    private static func decodeUnchecked(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ hasDoubledQuotes: Bool
    ) -> String {
        guard hasDoubledQuotes else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(end - start)
        var index = start
        while index < end {
            unescaped.append(bytes[index])
            index += bytes[index] == CSVScanner.quote ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }
}

/// Collects rejects under a row policy.
struct RejectCollector {
    let file: String
    let policy: RowPolicy
    private(set) var rejects: [RejectedRow] = []
    private(set) var total = 0

    init(file: String, policy: RowPolicy) {
        self.file = file
        self.policy = policy
    }

    mutating func add(_ reject: @autoclosure () -> RejectedRow) {
        total += 1
        if policy == .skipBadRows || rejects.count < CSVImportError.listedRejectLimit { rejects.append(reject()) }
    }

    /// The rejects to return; throws under `.allOrNothing` when there are any.
    func finish() throws -> [RejectedRow] {
        if policy == .allOrNothing && total > 0 {
            throw CSVImportError(file: file, problem: .rejectedRows(first: rejects, total: total))
        }
        return rejects
    }
}
