import Foundation
import LegalCircle

/// A column a reader looks for.
struct CSVColumn {
    var role: CSVColumnRole
    var isRequired: Bool
}

/// Why the current row is rejected: the field position at fault (nil for the whole row), the reason
/// and its category.
struct FieldProblem: Error {
    var field: Int?
    var reason: String
    var category: CSVRejectCategory
}

/// Where a role was found in the header.
public struct CSVColumnMatch: Sendable, Hashable {
    public var role: CSVColumnRole
    /// The header name as written in the file.
    public var header: String
    /// Mapped with `role=Header` rather than recognised by name.
    public var mappedByUser: Bool

    public init(role: CSVColumnRole, header: String, mappedByUser: Bool) {
        self.role = role
        self.header = header
        self.mappedByUser = mappedByUser
    }
}

/// A CSV file with a header, read one record at a time; fields are addressed by the position of their
/// column in the reader's column list (a "slot"), whatever their order in the file.
///
/// Checks the file as a whole first: empty, header missing required columns, header only. Binary
/// content and the encoding are dealt with before (`CSVInput`): `bytes` are UTF-8.
/// The caller keeps `bytes` alive while using the document.
struct CSVDocument {
    let file: String
    let bytes: UnsafeBufferPointer<UInt8>
    /// The encoding of the original file, for messages about invalid text.
    let encoding: CSVTextEncoding
    /// Header names as written, by field position.
    let headerNames: [String]
    /// The column found for each role the reader uses, in the reader's order.
    let matches: [CSVColumnMatch]
    /// For each slot, the field position of its column, or -1 when the file lacks that optional column.
    private let fieldPositions: [Int]
    private var scanner: CSVScanner
    private(set) var fields = CSVFieldList()
    private(set) var record = CSVRecordSpan(line: 0, start: 0, end: 0, syntaxError: nil)
    /// The language of the reject reasons.
    var language: Language = .en

    /// `zh` in Chinese, `en` in English (`language`).
    func pick(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    init(
        bytes: UnsafeBufferPointer<UInt8>, file: String, columns: [CSVColumn], delimiter: CSVDelimiter = .comma,
        mapping: [CSVColumnRole: String] = [:], encoding: CSVTextEncoding = .utf8
    ) throws {
        self.file = file
        self.bytes = bytes
        self.encoding = encoding
        scanner = CSVScanner(bytes: bytes, delimiter: delimiter.byte)
        guard let header = scanner.nextRecord(into: &fields) else {
            throw CSVImportError(file: file, problem: .empty)
        }
        record = header
        try Self.checkSizes(header, fields, file: file)
        if let error = header.syntaxError {
            throw CSVImportError(file: file, problem: .malformedHeader(error.reason))
        }
        var names: [String] = []
        for position in fields.indices {
            let span = fields[position]
            var range = span.isQuoted ? (span.start, span.end) : Self.trimmed(bytes, span.start, span.end)
            if SpreadsheetCell.isNeutralisingApostrophe(bytes, range.0, range.1) { range.0 += 1 }
            names.append(Self.decodeUnchecked(bytes, range.0, range.1, span.hasDoubledQuotes))
        }
        headerNames = names
        (fieldPositions, matches) = try Self.match(columns: columns, names: names, mapping: mapping, file: file)

        var probe = scanner
        var probeFields = CSVFieldList()
        guard probe.nextRecord(into: &probeFields) != nil else {
            throw CSVImportError(file: file, problem: .headerOnly)
        }
    }

    /// The raw text of the header record, for a rejects file.
    static func headerText(of bytes: UnsafeBufferPointer<UInt8>, delimiter: CSVDelimiter = .comma) -> String {
        var scanner = CSVScanner(bytes: bytes, delimiter: delimiter.byte)
        var fields = CSVFieldList()
        guard let header = scanner.nextRecord(into: &fields) else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[header.start..<header.end]), as: UTF8.self)
    }

    /// Advanced by the bytes read every `progressInterval` records (parts of a parallel read share one).
    var progress: ProgressCounter?
    private var recordsSinceProgress = 0
    /// The offset up to which bytes were counted.
    private var progressReported = 0
    private static let progressInterval = 65_536

    /// Where the records of this document end: the file's end, or the start of the next part's
    /// first record in a parallel read (`part(from:line:to:)`).
    private var limit = Int.max
    /// Where the scanner stood when `next()` returned false: the end of the file, or the offset and
    /// line of the first record past `limit`. A parallel read checks that each part stopped exactly
    /// where the next one started.
    private(set) var stop: (offset: Int, line: Int)?

    /// The same file and columns, reading only the records that start in `start..<end`: `start` must
    /// be the first byte of a record on physical line `line` (the caller checks that the previous part
    /// stopped there).
    func part(from start: Int, line: Int, to end: Int) -> CSVDocument {
        var part = self
        part.scanner = CSVScanner(bytes: bytes, delimiter: scanner.delimiter, position: start, line: line)
        part.limit = end
        part.stop = nil
        part.progressReported = start
        return part
    }

    /// Where the data records begin (after the header) and their first physical line.
    var dataStart: (offset: Int, line: Int) { (scanner.position, scanner.line) }

    /// Moves to the next data record; false at the end of the file (or of the part).
    /// - Throws: `CSVImportError` for a record or field beyond the size limits (`CSVInput`).
    mutating func next() throws -> Bool {
        let before = (offset: scanner.position, line: scanner.line)
        guard before.offset < limit else { return finish(at: before) }
        guard let next = scanner.nextRecord(into: &fields) else {
            return finish(at: (scanner.position, scanner.line))
        }
        // Past the limit the scanner has read the next part's first record: where it began is the stop.
        guard next.start < limit else { return finish(at: (next.start, next.line)) }
        try Self.checkSizes(next, fields, file: file)
        record = next
        recordsSinceProgress += 1
        if recordsSinceProgress == Self.progressInterval, let progress {
            recordsSinceProgress = 0
            progress.advance(by: next.end - progressReported)
            progressReported = next.end
        }
        return true
    }

    private mutating func finish(at stop: (offset: Int, line: Int)) -> Bool {
        self.stop = stop
        let end = min(limit, bytes.count)
        if let progress, end > progressReported { progress.advance(by: end - progressReported) }
        progressReported = end
        return false
    }

    /// Refuses a record longer than `CSVInput.maximumLineBytes` or a field longer than
    /// `CSVInput.maximumFieldBytes`: no station name or id is that long, so the file is not what it
    /// should be, and reading on would cost memory and time for nothing.
    /// - Complexity: O(fields of the record).
    private static func checkSizes(_ record: CSVRecordSpan, _ fields: CSVFieldList, file: String) throws {
        if record.end - record.start > CSVInput.maximumLineBytes {
            throw CSVImportError(file: file, problem: .lineTooLong(line: record.line, length: record.end - record.start))
        }
        for position in fields.indices where fields[position].end - fields[position].start > CSVInput.maximumFieldBytes {
            throw CSVImportError(
                file: file,
                problem: .fieldTooLong(
                    line: record.line, field: position + 1, length: fields[position].end - fields[position].start))
        }
    }

    // MARK: Whole-row checks and rejection

    /// Throws for a quoting error or a field count that differs from the header's.
    func checkShape() throws(FieldProblem) {
        if let error = record.syntaxError {
            throw FieldProblem(
                field: error.field < headerNames.count ? error.field : nil,
                reason: pick(error.chineseReason, error.reason),
                category: .malformedQuotes)
        }
        guard fields.count == headerNames.count else {
            throw FieldProblem(
                field: nil,
                reason: pick(
                    "有 \(fields.count) 个字段，表头有 \(headerNames.count) 个",
                    "has \(fields.count) fields, the header has \(headerNames.count)"),
                category: .wrongFieldCount)
        }
    }

    /// The current record rejected for `problem`, keeping its original text.
    func rejectedRow(_ problem: FieldProblem) -> RejectedRow {
        let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[record.start..<record.end]), as: UTF8.self)
        return RejectedRow(
            file: file, line: record.line, column: problem.field.map { headerNames[$0] }, reason: problem.reason,
            rawText: raw, category: problem.category)
    }

    /// A row read earlier, at `line` with text `rawText`, rejected for `problem` (a duplicate id found
    /// after a parallel read's parts are merged).
    func rejectedRow(_ problem: FieldProblem, line: Int, rawText: String) -> RejectedRow {
        RejectedRow(
            file: file, line: line, column: problem.field.map { headerNames[$0] }, reason: problem.reason,
            rawText: rawText, category: problem.category)
    }

    /// A problem with a slot's field (the whole row when the file lacks that column).
    func problem(_ slot: Int, _ reason: String, _ category: CSVRejectCategory) -> FieldProblem {
        let position = fieldPositions[slot]
        return FieldProblem(field: position >= 0 ? position : nil, reason: reason, category: category)
    }

    // MARK: Field access by slot

    /// The content range of a slot's field, trimmed of spaces and tabs unless quoted, without the `'`
    /// that neutralises a formula (`SpreadsheetCell`); nil when the file has no such column.
    @inline(__always)
    func range(_ slot: Int) -> (start: Int, end: Int)? {
        let position = fieldPositions[slot]
        guard position >= 0 else { return nil }
        let span = fields[position]
        let range = span.isQuoted ? (span.start, span.end) : Self.trimmed(bytes, span.start, span.end)
        if SpreadsheetCell.isNeutralisingApostrophe(bytes, range.0, range.1) { return (range.0 + 1, range.1) }
        return range
    }

    /// The header name of a slot's column as written; "" when the file lacks it.
    func columnName(_ slot: Int) -> String {
        let position = fieldPositions[slot]
        return position >= 0 ? headerNames[position] : ""
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
            guard decoded.utf8.elementsEqual(raw) else { throw problem(slot, invalidTextReason, .invalidText) }
            if !doubled { return decoded }
        }
        return Self.decodeUnchecked(bytes, range.start, range.end, doubled)
    }

    /// Why a field's bytes are not text.
    private var invalidTextReason: String {
        switch encoding {
        case .utf8, .utf8WithBOM:
            pick("不是有效的 UTF-8 文本（请把文件存为 UTF-8，或用 --encoding gb18030 读取）", "not valid UTF-8 text (save the file as UTF-8, or read it as GB18030)")
        case .gb18030:
            pick("不是有效的 GB18030 文本（文件按 GB18030 读取；请把文件存为 UTF-8）", "not valid GB18030 text (the file was read as GB18030; save it as UTF-8)")
        }
    }

    /// The field as a number, nil when empty or absent. Throws `category` when it is not a finite
    /// decimal number.
    func number(_ slot: Int, _ category: CSVRejectCategory) throws(FieldProblem) -> Double? {
        guard let range = range(slot), range.start < range.end else { return nil }
        guard let value = CSVNumber.parseDouble(bytes, range.start, range.end) else {
            throw problem(slot, pick("\(quotedValue(slot)) 不是数字", "\(quotedValue(slot)) is not a number") + numberHint(range), category)
        }
        return value
    }

    /// Why a field that looks numeric is not read as a number: a decimal or thousands comma.
    private func numberHint(_ range: (start: Int, end: Int)) -> String {
        var hasComma = false
        for index in range.start..<range.end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") {
                hasComma = true
            } else if byte &- UInt8(ascii: "0") >= 10 && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-") {
                return ""
            }
        }
        return hasComma ? pick("（数字不要用千位分隔符，小数用小数点）", " (write numbers without thousands separators, with a point for decimals)") : ""
    }

    /// The field's text, trimmed, without quotes: for messages.
    func plainValue(_ slot: Int) -> String {
        guard let range = range(slot) else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range.start..<range.end]), as: UTF8.self)
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

    /// A header name as compared with role names: lower-case, without surrounding blanks or a trailing
    /// bracketed note (`经度（WGS84）` → `经度`).
    static func normalizedHeader(_ name: String) -> String {
        var text = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if text.hasSuffix(")") || text.hasSuffix("）"),
            let open = text.lastIndex(where: { $0 == "(" || $0 == "（" }), open != text.startIndex
        {
            text = text[..<open].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return text
    }

    /// Finds each column's field position: the user's mapping first, else a header with one of the role's
    /// names.
    private static func match(
        columns: [CSVColumn], names: [String], mapping: [CSVColumnRole: String], file: String
    ) throws -> ([Int], [CSVColumnMatch]) {
        let plain = names.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        let normalized = names.map(normalizedHeader)
        var positions: [Int] = []
        var matches: [CSVColumnMatch] = []
        var missing: [CSVColumnRole] = []
        for column in columns {
            let role = column.role
            if let header = mapping[role] {
                let wanted = header.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                let found = plain.indices.filter { plain[$0] == wanted }
                guard let position = found.first else {
                    throw CSVImportError(
                        file: file, problem: .mappedColumnNotFound(role: role.rawValue, header: header, found: names))
                }
                if found.count > 1 { throw CSVImportError(file: file, problem: .duplicateColumn(header)) }
                positions.append(position)
                matches.append(CSVColumnMatch(role: role, header: names[position], mappedByUser: true))
                continue
            }
            let aliases = role.aliases
            let found = normalized.indices.filter { aliases.contains(normalized[$0]) }
            if found.count > 1 {
                if Set(found.map { plain[$0] }).count == 1 {
                    throw CSVImportError(file: file, problem: .duplicateColumn(role.rawValue))
                }
                throw CSVImportError(
                    file: file, problem: .ambiguousColumns(role: role.rawValue, headers: found.map { names[$0] }))
            }
            if let position = found.first {
                positions.append(position)
                matches.append(CSVColumnMatch(role: role, header: names[position], mappedByUser: false))
            } else {
                positions.append(-1)
                if column.isRequired { missing.append(role) }
            }
        }
        guard missing.isEmpty else {
            let accepted = missing.map { "\($0): \($0.aliases.joined(separator: ", "))" }.joined(separator: "; ")
            throw CSVImportError(
                file: file,
                problem: .missingColumns(missing.map(\.rawValue), expected: columns.map(\.role.rawValue), found: names),
                hint: "recognised names: \(accepted); or map a column with ROLE=HEADER")
        }
        return (positions, matches)
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
