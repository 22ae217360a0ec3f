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

/// Reads service points from a file, memory-mapped; `path` names the file in messages.
public func readServicePoints(
    contentsOfFile path: String, options: CSVReadOptions, policy: RowPolicy
) throws -> CSVReadResult<[ServicePoint]> {
    try readServicePoints(data: mappedContents(path), file: path, options: options, policy: policy)
}

/// Reads residences from a file, memory-mapped; `path` names the file in messages.
public func readResidences(
    contentsOfFile path: String, options: CSVReadOptions, policy: RowPolicy
) throws -> CSVReadResult<ResidenceTable> {
    try readResidences(data: mappedContents(path), file: path, options: options, policy: policy)
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

private func mappedContents(_ path: String) throws -> Data {
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
        throw CSVImportError(file: path, problem: .unreadable(FileProblem.whyUnreadable(path)))
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
                        "the header is a single field when split at \(input.delimiter)"
                            + (input.delimiterWasForced ? " (forced); try delimiter auto" : "; the file is not separated by , ; or tab"))
                }
                if let hint = CSVInput.encodingHint(data, used: input.encoding, forced: input.encodingWasForced) {
                    hints.append(hint)
                }
            default:
                break
            }
            error.hint = hints.isEmpty ? nil : hints.joined(separator: "\n  ")
            throw error
        }
        let counter = options.progress?.begin("reading \(file)", total: raw.count, unit: "bytes")
        document.progress = counter
        defer { counter?.finish() }
        return try body(&document, input, input.text)
    }
}

// MARK: Values

/// Accepted spellings of a value, canonical first.
private struct Vocabulary<Value: Sendable>: Sendable {
    let spellings: [[UInt8]]
    let values: [Value]
    /// `urban (城区, 城市), rural (乡村, 农村)`.
    let accepted: String

    /// - Parameter aliases: further spellings, accepted but not listed in `accepted`.
    init(_ entries: [(canonical: String, synonyms: [String], value: Value)], aliases: [(spelling: String, value: Value)] = [], note: String = "") {
        spellings = entries.flatMap { entry in ([entry.canonical] + entry.synonyms).map { Array($0.utf8) } }
            + aliases.map { Array($0.spelling.utf8) }
        values = entries.flatMap { entry in Array(repeating: entry.value, count: 1 + entry.synonyms.count) } + aliases.map(\.value)
        accepted = entries.map { entry in
            entry.synonyms.isEmpty ? entry.canonical : "\(entry.canonical) (\(entry.synonyms.joined(separator: ", ")))"
        }.joined(separator: ", ") + note
    }

    func value(_ text: Substring) -> Value? {
        let bytes = Array(text.utf8)
        return spellings.firstIndex(of: bytes).map { values[$0] }
    }
}

// The spellings are listed once, in `DomainVocabulary`, for the readers and the command-line options.
private let kindVocabulary = Vocabulary<ServiceKinds>(DomainVocabulary.kinds)

private let levelVocabulary = Vocabulary<ServiceLevel>(DomainVocabulary.levels, aliases: DomainVocabulary.levelAliases)

/// NBS urban-rural classification codes (统计用区划代码和城乡划分代码): the first digit is 1 for 城镇
/// (111 主城区, 112 城乡结合区, 121 镇中心区, 122 镇乡结合区, 123 特殊区域) and 2 for 乡村 (210 乡中心区,
/// 220 村庄).
private let zoneVocabulary = Vocabulary<Zone>(DomainVocabulary.zones)

/// Separators of a kind list: `;` `；` `、` `,` `，` `/`.
private let kindSeparators: Set<Character> = [";", "；", "、", ",", "，", "/"]

// MARK: Readers

private enum ServicePointReader {
    // Slots, in the order of `columns`.
    static let id = 0, name = 1, kind = 2, level = 3, lon = 4, lat = 5, county = 6
    static let columns = [
        CSVColumn(role: .id, isRequired: true), CSVColumn(role: .name, isRequired: false),
        CSVColumn(role: .kind, isRequired: true), CSVColumn(role: .level, isRequired: true),
        CSVColumn(role: .lon, isRequired: true), CSVColumn(role: .lat, isRequired: true),
        CSVColumn(role: .county, isRequired: false),
    ]

    static func read(
        _ document: inout CSVDocument, input: CSVInput, text: Data, options: CSVReadOptions, policy: RowPolicy
    ) throws -> CSVReadResult<[ServicePoint]> {
        var collector = RejectCollector(file: document.file, policy: policy)
        var points: [ServicePoint] = []
        var origins = CSVRowOrigins(text: text, expectedCount: 0)
        var uniqueIDs = CSVUniqueIDs(expectedCount: 0)
        var countyCache = CountyCodeCache()
        var rowsRead = 0
        let projected = options.coordinatesAreProjected
        while try document.next() {
            rowsRead += 1
            do throws(FieldProblem) {
                try document.checkShape()
                let id = try document.requiredID(id)
                let (longitude, latitude) = try document.coordinates(lon: lon, lat: lat, projected: projected)
                let kinds = try kinds(document)
                guard let levelIndex = document.choice(level, among: levelVocabulary.spellings) else {
                    throw document.problem(
                        level, document.unknownValue(level, what: "level", accepted: levelVocabulary.accepted),
                        .unknownLevel)
                }
                let county = try document.countyCode(county, cache: &countyCache)
                let name = try document.text(name)
                if let first = uniqueIDs.firstLine(of: id, line: document.record.line, ids: points.lazy.map(\.id)) {
                    throw document.duplicate(id, slot: Self.id, firstLine: first)
                }
                points.append(
                    ServicePoint(
                        id: id, name: name, kinds: kinds, level: levelVocabulary.values[levelIndex],
                        location: GeoCoordinate(longitude: longitude, latitude: latitude), county: county))
                origins.append(line: document.record.line, start: document.record.start, end: document.record.end)
            } catch {
                collector.add(document.rejectedRow(error))
            }
        }
        return CSVReadResult(
            rows: points, rejects: try collector.finish(), origins: origins, file: document.file, policy: policy,
            headerLine: CSVDocument.headerText(of: document.bytes, delimiter: input.delimiter), input: input,
            columns: document.matches, coordinatesAreProjected: projected, rowsRead: rowsRead)
    }

    /// Parses `mediation;legal_aid` or `法律咨询、人民调解`, naming the first unknown part.
    private static func kinds(_ document: CSVDocument) throws(FieldProblem) -> ServiceKinds {
        let list = try document.text(kind)
        var kinds = ServiceKinds()
        for part in list.split(whereSeparator: { kindSeparators.contains($0) }) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard let one = kindVocabulary.value(Substring(name)) else {
                throw document.problem(
                    kind, "unknown kind \"\(name)\"; accepted: \(kindVocabulary.accepted)", .unknownKind)
            }
            kinds.insert(one)
        }
        guard !kinds.isEmpty else {
            throw document.problem(kind, "missing kind; accepted: \(kindVocabulary.accepted)", .unknownKind)
        }
        return kinds
    }
}

private enum ResidenceReader {
    // Slots, in the order of `columns`.
    static let id = 0, lon = 1, lat = 2, population = 3, county = 4, zone = 5, name = 6
    static func columns(zoneRequired: Bool) -> [CSVColumn] {
        [
            CSVColumn(role: .id, isRequired: true), CSVColumn(role: .lon, isRequired: true),
            CSVColumn(role: .lat, isRequired: true), CSVColumn(role: .population, isRequired: false),
            CSVColumn(role: .county, isRequired: false), CSVColumn(role: .zone, isRequired: zoneRequired),
            // A village's or building's name (名称): kept, so that reports can say which place is uncovered.
            CSVColumn(role: .name, isRequired: false),
        ]
    }

    static func read(
        _ document: inout CSVDocument, input: CSVInput, text: Data, options: CSVReadOptions, policy: RowPolicy
    ) throws -> CSVReadResult<ResidenceTable> {
        var collector = RejectCollector(file: document.file, policy: policy)
        var table = ResidenceTable()
        let expectedRows = lineBreakCount(document.bytes) + 1
        table.reserveCapacity(expectedRows)
        var origins = CSVRowOrigins(text: text, expectedCount: expectedRows)
        var uniqueIDs = CSVUniqueIDs(expectedCount: expectedRows)
        var countyCache = CountyCodeCache()
        var rowsRead = 0
        var zoneGiven: [Bool] = []
        let projected = options.coordinatesAreProjected
        while try document.next() {
            rowsRead += 1
            do throws(FieldProblem) {
                try document.checkShape()
                let id = try document.requiredID(id)
                let (longitude, latitude) = try document.coordinates(lon: lon, lat: lat, projected: projected)
                let population = try document.number(population, .nonNumericPopulation) ?? 1
                guard population >= 0 else {
                    throw document.problem(
                        Self.population, "\(document.quotedValue(Self.population)) is negative", .negativePopulation)
                }
                guard population <= InputBounds.population.upperBound else {
                    throw document.problem(
                        Self.population,
                        "\(document.quotedValue(Self.population)) is outside the accepted range of "
                            + "\(InputBounds.text(InputBounds.population)) people per row",
                        .populationOutOfRange)
                }
                let county = try document.countyCode(county, cache: &countyCache)
                let zoneValue: Zone
                var zoneWasGiven = true
                if let zoneIndex = document.choice(zone, among: zoneVocabulary.spellings) {
                    zoneValue = zoneVocabulary.values[zoneIndex]
                } else if options.zoneIsOptional, document.range(zone).map({ $0.start == $0.end }) ?? true {
                    // Decided later from zone polygons or classification.
                    zoneValue = .rural
                    zoneWasGiven = false
                } else {
                    throw document.problem(
                        zone, document.unknownValue(zone, what: "zone", accepted: zoneVocabulary.accepted),
                        .unknownZone)
                }
                if let first = uniqueIDs.firstLine(of: id, line: document.record.line, ids: table.ids) {
                    throw document.duplicate(id, slot: Self.id, firstLine: first)
                }
                let placeName = try document.text(Self.name)
                table.append(
                    id: id, longitude: longitude, latitude: latitude, population: population, county: county,
                    zone: zoneValue, name: placeName.isEmpty ? nil : placeName)
                if options.zoneIsOptional { zoneGiven.append(zoneWasGiven) }
                origins.append(line: document.record.line, start: document.record.start, end: document.record.end)
            } catch {
                collector.add(document.rejectedRow(error))
            }
        }
        var result = CSVReadResult(
            rows: table, rejects: try collector.finish(), origins: origins, file: document.file, policy: policy,
            headerLine: CSVDocument.headerText(of: document.bytes, delimiter: input.delimiter), input: input,
            columns: document.matches, coordinatesAreProjected: projected, rowsRead: rowsRead)
        if options.zoneIsOptional { result.zoneGiven = zoneGiven }
        return result
    }

    /// An upper bound on the record count, to reserve capacity once.
    private static func lineBreakCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard var cursor = bytes.baseAddress else { return 0 }
        let end = cursor + bytes.count
        var count = 0
        while cursor < end, let found = memchr(cursor, Int32(CSVScanner.lineFeed), end - cursor) {
            count += 1
            cursor = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }
}

/// The last county code read, with its bytes packed in an integer.
private struct CountyCodeCache {
    var key: UInt64 = .max
    var code = ""
}

extension CSVDocument {
    /// A non-empty id.
    fileprivate func requiredID(_ slot: Int) throws(FieldProblem) -> String {
        let id = try text(slot)
        guard !id.isEmpty else { throw problem(slot, "empty id", .missingID) }
        return id
    }

    /// Both coordinates, finite numbers. Unless `projected`: longitude in [-180, 180] and latitude in
    /// [-90, 90]; a pair out of range that lies in China once exchanged is reported as swapped. (Every
    /// swapped Zhejiang pair is out of range, its "latitude" being about 120; a pair in range is left to
    /// the post-conversion check, which rejects it if it is outside China.)
    fileprivate func coordinates(lon: Int, lat: Int, projected: Bool) throws(FieldProblem) -> (Double, Double) {
        guard let longitude = try number(lon, .nonNumericCoordinate) else {
            throw problem(lon, "missing coordinate", .missingCoordinate)
        }
        guard let latitude = try number(lat, .nonNumericCoordinate) else {
            throw problem(lat, "missing coordinate", .missingCoordinate)
        }
        if projected { return (longitude, latitude) }
        let inRange = abs(longitude) <= 180 && abs(latitude) <= 90
        if !inRange && CSVLocationCheck.isInChina(longitude: latitude, latitude: longitude) {
            throw problem(
                lon,
                "lon \(plainValue(lon)) / lat \(plainValue(lat)) look swapped: Zhejiang is at lon 118–123, lat 27–31; "
                    + "swap the lon and lat columns or map them with --column lon=\(columnName(lat)) "
                    + "--column lat=\(columnName(lon))",
                .swappedCoordinates)
        }
        guard abs(longitude) <= 180 else {
            throw problem(lon, "longitude \(quotedValue(lon)) is outside [-180, 180]", .coordinateOutOfRange)
        }
        guard abs(latitude) <= 90 else {
            throw problem(lat, "latitude \(quotedValue(lat)) is outside [-90, 90]", .coordinateOutOfRange)
        }
        return (longitude, latitude)
    }

    /// A 6-digit code, or nil when the field is empty or the column absent. Consecutive rows of one
    /// county share one String through `cache`.
    fileprivate func countyCode(_ slot: Int, cache: inout CountyCodeCache) throws(FieldProblem) -> String? {
        guard let range = range(slot), range.start < range.end else { return nil }
        let field = UnsafeBufferPointer(rebasing: bytes[range.start..<range.end])
        var key: UInt64 = 0
        var allDigits = field.count == 6
        for byte in field {
            allDigits = allDigits && byte &- UInt8(ascii: "0") < 10
            key = key << 8 | UInt64(byte)
        }
        guard allDigits else {
            let isName = field.contains { $0 >= 0x80 }
            throw problem(
                slot,
                "\(quotedValue(slot)) is not a 6-digit county code"
                    + (isName ? " (give the administrative code, e.g. 330106, not the name)" : ""),
                .invalidCountyCode)
        }
        if key != cache.key { cache = CountyCodeCache(key: key, code: String(decoding: field, as: UTF8.self)) }
        return cache.code
    }

    fileprivate func duplicate(_ id: String, slot: Int, firstLine: Int) -> FieldProblem {
        problem(slot, "duplicate id \"\(id)\" (first on line \(firstLine))", .duplicateID)
    }

    fileprivate func unknownValue(_ slot: Int, what: String, accepted: String) -> String {
        if isEmpty(slot) { return "missing \(what); accepted: \(accepted)" }
        return "unknown \(what) \(quotedValue(slot)); accepted: \(accepted)"
    }
}
