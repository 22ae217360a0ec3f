import Foundation
import LegalCircle

// MARK: Reading with options

/// Reads service points from CSV: `id,name,kind,level,lon,lat,county` or the Chinese equivalents.
///
/// The encoding (UTF-8, UTF-8 with BOM, GB18030/GBK) and the delimiter (`,` `;` tab) are detected unless
/// `options` fixes them. Columns may come in any order and are found by role (`CSVColumnRole.aliases`,
/// e.g. `编号`, `名称`, `服务类型`, `层级`, `经度`, `纬度`, `区县代码`) or by the user's `role=Header`
/// mapping; other columns are ignored. `name` and `county` may be absent.
/// - `kind`: one or more of `consultation` (法律咨询), `legal_aid` (法律援助), `mediation` (调解,
///   人民调解), `notary` (公证), `lawyer` (律师), `forensic` (司法鉴定), `arbitration` (仲裁), `publicity`
///   (法治宣传, 普法), separated by `;` `；` `、` `,` `，` or `/` (a `,` only inside a quoted field).
/// - `level`: `province` (省, 省级), `city` (市, 市级), `county` (县, 区, 县级), `township` (乡镇, 街道,
///   乡, 镇, 乡镇级), `village` (村, 社区, 村级) or `grid` (网格).
/// - `county`: a 6-digit administrative code or empty.
/// - `lon`/`lat`: finite numbers; unless `options.coordinatesAreProjected`, also degrees in range and not
///   apparently swapped. Checks that need WGS84 come after conversion: `rejectImplausibleLocations`.
///
/// Unknown values reject the row. Line numbers are those of the original file in every encoding.
/// - Parameter file: the path as the user gave it, used in every message.
/// - Throws: `CSVImportError` for a file that cannot be read as a whole (empty, header only, binary,
///   missing or ambiguous columns), and under `.allOrNothing` when any row is rejected.
/// - Complexity: O(bytes).
public func readServicePoints(
    data: Data, file: String, options: CSVReadOptions, policy: RowPolicy
) throws -> CSVReadResult<[ServicePoint]> {
    try readDocument(data: data, file: file, options: options, columns: ServicePointReader.columns) {
        document, input, text in
        try ServicePointReader.read(&document, input: input, text: text, options: options, policy: policy)
    }
}

/// Reads residences from CSV: `id,lon,lat,population,county,zone` or the Chinese equivalents.
///
/// Encoding, delimiter and columns as for `readServicePoints(data:file:options:policy:)`. `population`
/// (人口, 人数; empty or absent means 1, may be fractional, 0 to 10,000,000: `InputBounds.population`) and `county` may be absent.
/// `zone` is `urban` (城区, 城市), `rural` (乡村, 农村), `mountain` (山区), `island` (海岛, 岛屿), or an NBS
/// urban-rural classification code (统计用城乡分类代码): 111, 112, 121, 122, 123 (城镇) are urban, 210, 220
/// (乡村) rural.
/// - Parameter file: the path as the user gave it, used in every message.
/// - Throws: `CSVImportError` for a file that cannot be read as a whole, and under `.allOrNothing` when
///   any row is rejected.
/// - Complexity: O(bytes).
public func readResidences(
    data: Data, file: String, options: CSVReadOptions, policy: RowPolicy
) throws -> CSVReadResult<ResidenceTable> {
    try readDocument(
        data: data, file: file, options: options, columns: ResidenceReader.columns(zoneRequired: !options.zoneIsOptional)
    ) {
        document, input, text in
        try ResidenceReader.read(&document, input: input, text: text, options: options, policy: policy)
    }
}

/// `readResidences(data:file:options:policy:)` in `parts` parallel parts whatever the file's size, or
/// nil when the parts did not join (the reader would then read sequentially); `parts` 1 reads
/// sequentially. For tests that compare the two.
func readResidences(
    data: Data, file: String, options: CSVReadOptions, policy: RowPolicy, parts: Int
) throws -> CSVReadResult<ResidenceTable>? {
    try readDocument(
        data: data, file: file, options: options, columns: ResidenceReader.columns(zoneRequired: !options.zoneIsOptional)
    ) {
        document, input, text in
        guard parts > 1 else {
            return try ResidenceReader.readSequentially(&document, input: input, text: text, options: options, policy: policy)
        }
        return try ResidenceReader.readInParallel(
            document, input: input, text: text, options: options, policy: policy, parts: parts, threshold: 0)
    }
}

/// Reads service points from a file, memory-mapped; `path` names the file in messages.
public func readServicePoints(
    contentsOfFile path: String, options: CSVReadOptions, policy: RowPolicy
) throws -> CSVReadResult<[ServicePoint]> {
    try readServicePoints(data: mappedContents(path, options.language), file: path, options: options, policy: policy)
}

/// Reads residences from a file, memory-mapped; `path` names the file in messages.
public func readResidences(
    contentsOfFile path: String, options: CSVReadOptions, policy: RowPolicy
) throws -> CSVReadResult<ResidenceTable> {
    try readResidences(data: mappedContents(path, options.language), file: path, options: options, policy: policy)
}

// MARK: Reading with the defaults

/// `readServicePoints(data:file:options:policy:)` with detected encoding, delimiter and columns.
/// - Complexity: O(bytes).
public func readServicePoints(
    data: Data, file: String, policy: RowPolicy
) throws -> (points: [ServicePoint], rejects: [RejectedRow]) {
    let result = try readServicePoints(data: data, file: file, options: CSVReadOptions(), policy: policy)
    return (result.rows, result.rejects)
}

/// `readResidences(data:file:options:policy:)` with detected encoding, delimiter and columns.
/// - Complexity: O(bytes).
public func readResidences(
    data: Data, file: String, policy: RowPolicy
) throws -> (residences: ResidenceTable, rejects: [RejectedRow]) {
    let result = try readResidences(data: data, file: file, options: CSVReadOptions(), policy: policy)
    return (result.rows, result.rejects)
}

/// Reads service points from a file, memory-mapped; `path` names the file in messages.
public func readServicePoints(
    contentsOfFile path: String, policy: RowPolicy
) throws -> (points: [ServicePoint], rejects: [RejectedRow]) {
    try readServicePoints(data: mappedContents(path), file: path, policy: policy)
}

/// Reads residences from a file, memory-mapped; `path` names the file in messages.
public func readResidences(
    contentsOfFile path: String, policy: RowPolicy
) throws -> (residences: ResidenceTable, rejects: [RejectedRow]) {
    try readResidences(data: mappedContents(path), file: path, policy: policy)
}

/// The raw text of the first record (the header) as UTF-8, without a byte-order mark: the `header`
/// argument of `writeRejects`. The encoding and delimiter are detected from the first MiB as the readers
/// do; `CSVReadResult.headerLine` gives the same for a file already read.
public func csvHeaderLine(of data: Data) -> String {
    let prefix = Data(data.prefix(1 << 20))
    guard let input = try? CSVInput(data: prefix, file: "", options: CSVReadOptions()) else {
        return prefix.withUnsafeBytes { CSVDocument.headerText(of: $0.bindMemory(to: UInt8.self)) }
    }
    return input.text.withUnsafeBytes {
        CSVDocument.headerText(of: $0.bindMemory(to: UInt8.self), delimiter: input.delimiter)
    }
}

private func mappedContents(_ path: String, _ language: Language = .en) throws -> Data {
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
        throw CSVImportError(file: path, problem: .unreadable(FileProblem.whyUnreadable(path, language)))
    }
}

/// Prepares the text, opens the document (adding encoding and delimiter hints to header errors) and hands
/// both to `body`.
private func readDocument<Result>(
    data: Data, file: String, options: CSVReadOptions, columns: [CSVColumn],
    body: (inout CSVDocument, CSVInput, Data) throws -> Result
) throws -> Result {
    // An .xlsx workbook becomes the CSV text of its sheet, read by the same rules.
    let (data, options) = try XLSXInput.prepare(data, file: file, options: options)
    let input = try CSVInput(data: data, file: file, options: options)
    return try input.text.withUnsafeBytes { raw in
        var document: CSVDocument
        do {
            document = try CSVDocument(
                bytes: raw.bindMemory(to: UInt8.self), file: file, columns: columns, delimiter: input.delimiter,
                mapping: options.columns, encoding: input.encoding)
        } catch var error as CSVImportError {
            var hints = error.hint.map { [$0] } ?? []
            switch error.problem {
            case .missingColumns(_, _, let found), .mappedColumnNotFound(_, _, let found):
                if found.count == 1 {
                    hints.append(
                        options.language == .zh
                            ? "按 \(input.delimiter) 分割时表头只有一个字段"
                                + (input.delimiterWasForced ? "（指定的分隔符）；请试 --delimiter auto" : "；文件不是用逗号、分号或制表符分隔的")
                            : "the header is a single field when split at \(input.delimiter)"
                                + (input.delimiterWasForced ? " (forced); try delimiter auto" : "; the file is not separated by , ; or tab"))
                }
                if let hint = CSVInput.encodingHint(data, used: input.encoding, forced: input.encodingWasForced, language: options.language) {
                    hints.append(hint)
                }
            default:
                break
            }
            error.hint = hints.isEmpty ? nil : hints.joined(separator: "\n  ")
            throw error
        }
        document.language = options.language
        let counter = options.progress?.begin("reading \(file)", total: raw.count, unit: "bytes")
        document.progress = counter
        defer { counter?.finish() }
        return try body(&document, input, input.text)
    }
}

// MARK: The row loop

/// What every row starts with, read and checked the same way in both files: a non-empty id and a
/// location (see `CSVDocument.coordinates(lon:lat:projected:)`).
struct CSVRowStart {
    var id: String
    var longitude: Double
    var latitude: Double
}

/// What the row readers keep from row to row: the ids seen so far and the last county code.
struct CSVRowMemory {
    var uniqueIDs: CSVUniqueIDs
    var countyCache = CountyCodeCache()
    /// Service kind lists already parsed (`ServicePointReader`).
    var kindLists: [String: ServiceKinds] = [:]
}

/// The loop both readers run: for each record, its shape, id (in slot `id`) and coordinates (slots `lon`
/// and `lat`) are checked, then `row` reads the rest and appends the row to `rows`; the row's origin is
/// kept, and a row `row` rejects goes to the reject collector under `policy`.
/// - Parameter expectedRows: capacity reserved for the origins and the ids (0 when unknown).
func readRows<Rows>(
    _ document: inout CSVDocument, into rows: inout Rows, expectedRows: Int, input: CSVInput, text: Data, options: CSVReadOptions,
    policy: RowPolicy, id: Int, lon: Int, lat: Int,
    row: (CSVDocument, CSVRowStart, inout Rows, inout CSVRowMemory) throws(FieldProblem) -> Void
) throws -> CSVReadResult<Rows> {
    var collector = RejectCollector(file: document.file, policy: policy)
    var origins = CSVRowOrigins(text: text, expectedCount: expectedRows)
    var memory = CSVRowMemory(uniqueIDs: CSVUniqueIDs(expectedCount: expectedRows))
    var rowsRead = 0
    let projected = options.coordinatesAreProjected
    while try document.next() {
        rowsRead += 1
        do throws(FieldProblem) {
            try document.checkShape()
            let id = try document.requiredID(id)
            let (longitude, latitude) = try document.coordinates(lon: lon, lat: lat, projected: projected)
            try row(document, CSVRowStart(id: id, longitude: longitude, latitude: latitude), &rows, &memory)
            origins.append(line: document.record.line, start: document.record.start, end: document.record.end)
        } catch {
            collector.add(document.rejectedRow(error))
        }
    }
    return CSVReadResult(
        rows: rows, rejects: try collector.finish(), origins: origins, file: document.file, policy: policy,
        headerLine: CSVDocument.headerText(of: document.bytes, delimiter: input.delimiter), input: input,
        columns: document.matches, coordinatesAreProjected: projected, rowsRead: rowsRead)
}
