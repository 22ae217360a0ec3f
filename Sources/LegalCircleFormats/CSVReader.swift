import Foundation
import LegalCircle

/// Reads service points from CSV with the header `id,name,kind,level,lon,lat,county`.
///
/// Columns may come in any order and are matched by name, ignoring case; other columns are ignored.
/// `name` and `county` may be absent. `kind` is one or more of `consultation`, `legal_aid`, `mediation`,
/// `notary`, `lawyer`, `forensic`, `arbitration`, `publicity` separated by `;`; `level` is one of
/// `province`, `city`, `county`, `township`, `village`, `grid`; `county` is a 6-digit code or empty.
/// - Parameter file: the path as the user gave it, used in every message.
/// - Throws: `CSVImportError` for a file that cannot be read as a whole, and under `.allOrNothing` when
///   any row is rejected.
/// - Complexity: O(bytes).
public func readServicePoints(
    data: Data, file: String, policy: RowPolicy
) throws -> (points: [ServicePoint], rejects: [RejectedRow]) {
    try data.withUnsafeBytes { raw in
        try ServicePointReader.read(raw.bindMemory(to: UInt8.self), file: file, policy: policy)
    }
}

/// Reads residences from CSV with the header `id,lon,lat,population,county,zone`.
///
/// Columns may come in any order and are matched by name, ignoring case; other columns are ignored.
/// `population` (empty or absent means 1, may be fractional) and `county` (6-digit code or empty) may
/// be absent; `zone` is one of `urban`, `rural`, `mountain`, `island`.
/// - Parameter file: the path as the user gave it, used in every message.
/// - Throws: `CSVImportError` for a file that cannot be read as a whole, and under `.allOrNothing` when
///   any row is rejected.
/// - Complexity: O(bytes).
public func readResidences(
    data: Data, file: String, policy: RowPolicy
) throws -> (residences: ResidenceTable, rejects: [RejectedRow]) {
    try data.withUnsafeBytes { raw in
        try ResidenceReader.read(raw.bindMemory(to: UInt8.self), file: file, policy: policy)
    }
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

/// The raw text of the first record (the header), without a byte-order mark: the `header` argument of
/// `writeRejects`.
public func csvHeaderLine(of data: Data) -> String {
    data.withUnsafeBytes { CSVDocument.headerText(of: $0.bindMemory(to: UInt8.self)) }
}

private func mappedContents(_ path: String) throws -> Data {
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
        throw CSVImportError(file: path, problem: .unreadable((error as NSError).localizedDescription))
    }
}

private enum ServicePointReader {
    // Slots, in the order of `columns`.
    static let id = 0, name = 1, kind = 2, level = 3, lon = 4, lat = 5, county = 6
    static let columns = [
        CSVColumn(name: "id", isRequired: true), CSVColumn(name: "name", isRequired: false),
        CSVColumn(name: "kind", isRequired: true), CSVColumn(name: "level", isRequired: true),
        CSVColumn(name: "lon", isRequired: true), CSVColumn(name: "lat", isRequired: true),
        CSVColumn(name: "county", isRequired: false),
    ]
    static let levels = ServiceLevel.allCases
    static let levelNames = levels.map { Array($0.rawValue.utf8) }

    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, policy: RowPolicy
    ) throws -> (points: [ServicePoint], rejects: [RejectedRow]) {
        var document = try CSVDocument(bytes: bytes, file: file, columns: columns)
        var collector = RejectCollector(file: file, policy: policy)
        var points: [ServicePoint] = []
        var uniqueIDs = CSVUniqueIDs(expectedCount: 0)
        var countyCache = CountyCodeCache()
        while document.next() {
            do throws(FieldProblem) {
                try document.checkShape()
                let id = try document.requiredID(id)
                let (longitude, latitude) = try document.coordinates(lon: lon, lat: lat)
                let kinds = try kinds(document)
                guard let levelIndex = document.choice(level, among: levelNames) else {
                    throw document.problem(level, document.unknownValue(level, what: "level", accepted: levelNames))
                }
                let county = try document.countyCode(county, cache: &countyCache)
                let name = try document.text(name)
                if let first = uniqueIDs.firstLine(of: id, line: document.record.line, ids: points.lazy.map(\.id)) {
                    throw document.duplicate(id, slot: Self.id, firstLine: first)
                }
                points.append(
                    ServicePoint(
                        id: id, name: name, kinds: kinds, level: levels[levelIndex],
                        location: GeoCoordinate(longitude: longitude, latitude: latitude), county: county))
            } catch {
                collector.add(document.rejectedRow(error))
            }
        }
        return (points, try collector.finish())
    }

    /// Parses `mediation;legal_aid`, naming the first unknown part.
    private static func kinds(_ document: CSVDocument) throws(FieldProblem) -> ServiceKinds {
        let accepted = ServiceKinds.names.map(\.name).joined(separator: ", ")
        let list = try document.text(kind)
        var kinds = ServiceKinds()
        for part in list.split(separator: ";") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard let one = ServiceKinds(name: name) else {
                throw document.problem(kind, "unknown kind \"\(name)\"; accepted: \(accepted)")
            }
            kinds.insert(one)
        }
        guard !kinds.isEmpty else { throw document.problem(kind, "missing kind; accepted: \(accepted)") }
        return kinds
    }
}

private enum ResidenceReader {
    // Slots, in the order of `columns`.
    static let id = 0, lon = 1, lat = 2, population = 3, county = 4, zone = 5
    static let columns = [
        CSVColumn(name: "id", isRequired: true), CSVColumn(name: "lon", isRequired: true),
        CSVColumn(name: "lat", isRequired: true), CSVColumn(name: "population", isRequired: false),
        CSVColumn(name: "county", isRequired: false), CSVColumn(name: "zone", isRequired: true),
    ]
    static let zoneNames = Zone.allCases.map { Array($0.name.utf8) }

    static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, policy: RowPolicy
    ) throws -> (residences: ResidenceTable, rejects: [RejectedRow]) {
        var document = try CSVDocument(bytes: bytes, file: file, columns: columns)
        var collector = RejectCollector(file: file, policy: policy)
        var table = ResidenceTable()
        let expectedRows = lineBreakCount(bytes) + 1
        table.reserveCapacity(expectedRows)
        var uniqueIDs = CSVUniqueIDs(expectedCount: expectedRows)
        var countyCache = CountyCodeCache()
        while document.next() {
            do throws(FieldProblem) {
                try document.checkShape()
                let id = try document.requiredID(id)
                let (longitude, latitude) = try document.coordinates(lon: lon, lat: lat)
                let population = try document.number(population) ?? 1
                guard population >= 0 else {
                    throw document.problem(Self.population, "\(document.quotedValue(Self.population)) is negative")
                }
                let county = try document.countyCode(county, cache: &countyCache)
                guard let zoneIndex = document.choice(zone, among: zoneNames) else {
                    throw document.problem(zone, document.unknownValue(zone, what: "zone", accepted: zoneNames))
                }
                if let first = uniqueIDs.firstLine(of: id, line: document.record.line, ids: table.ids) {
                    throw document.duplicate(id, slot: Self.id, firstLine: first)
                }
                table.append(
                    id: id, longitude: longitude, latitude: latitude, population: population, county: county,
                    zone: Zone.allCases[zoneIndex])
            } catch {
                collector.add(document.rejectedRow(error))
            }
        }
        return (table, try collector.finish())
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
        guard !id.isEmpty else { throw problem(slot, "empty id") }
        return id
    }

    /// Longitude in [-180, 180] and latitude in [-90, 90], both required.
    fileprivate func coordinates(lon: Int, lat: Int) throws(FieldProblem) -> (Double, Double) {
        guard let longitude = try number(lon) else { throw problem(lon, "missing coordinate") }
        guard let latitude = try number(lat) else { throw problem(lat, "missing coordinate") }
        guard abs(longitude) <= 180 else {
            throw problem(lon, "longitude \(quotedValue(lon)) is outside [-180, 180]")
        }
        guard abs(latitude) <= 90 else {
            let hint = abs(longitude) <= 90 ? " (are lon and lat swapped?)" : ""
            throw problem(lat, "latitude \(quotedValue(lat)) is outside [-90, 90]\(hint)")
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
        guard allDigits else { throw problem(slot, "\(quotedValue(slot)) is not a 6-digit county code") }
        if key != cache.key { cache = CountyCodeCache(key: key, code: String(decoding: field, as: UTF8.self)) }
        return cache.code
    }

    fileprivate func duplicate(_ id: String, slot: Int, firstLine: Int) -> FieldProblem {
        problem(slot, "duplicate id \"\(id)\" (first on line \(firstLine))")
    }

    fileprivate func unknownValue(_ slot: Int, what: String, accepted: [[UInt8]]) -> String {
        let list = accepted.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ", ")
        if isEmpty(slot) { return "missing \(what); accepted: \(list)" }
        return "unknown \(what) \(quotedValue(slot)); accepted: \(list)"
    }
}
