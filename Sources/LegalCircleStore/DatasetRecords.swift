import GRDB
import SQLiteBulk
import LegalCircle

/// A row of `datasets`.
struct DatasetRecord: Codable, FetchableRecord, NamedSetRecord {
    static let databaseTableName = "datasets"
    typealias Columns = NamedSetColumns

    var id: Int64?
    var name: String
    var kind: DatasetKind
    var source: String
    var checksum: String
    var rowCount: Int
    var crs: String
    var loadedAt: String
    /// The latest `dataset_versions.version` (migration "v3-dataset-versions").
    var version: Int = 1

    enum CodingKeys: String, CodingKey {
        case id, name, kind, source, checksum, rowCount = "row_count", crs, loadedAt = "loaded_at", version
    }

    func info(file: String) throws -> DatasetInfo {
        DatasetInfo(
            id: id!, name: name, kind: kind, source: source, checksum: checksum, rowCount: rowCount, crs: crs,
            loadedAt: try Timestamp.date(loadedAt, file: file), version: version)
    }
}

/// A row of `dataset_versions`: one load or append of a dataset.
struct DatasetVersionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "dataset_versions"

    var datasetID: Int64
    var version: Int
    var checksum: String
    var rowCount: Int
    var countyCount: Int
    var source: String
    var sourceChecksum: String
    var crs: String
    var loadedAt: String

    enum CodingKeys: String, CodingKey {
        case datasetID = "dataset_id", version, checksum, rowCount = "row_count", countyCount = "county_count",
            source, sourceChecksum = "source_checksum", crs, loadedAt = "loaded_at"
    }

    enum Columns {
        static let datasetID = Column(CodingKeys.datasetID)
        static let version = Column(CodingKeys.version)
        static let checksum = Column(CodingKeys.checksum)
    }

    func info(file: String) throws -> DatasetVersion {
        DatasetVersion(
            version: version, checksum: checksum, rowCount: rowCount, source: source, sourceChecksum: sourceChecksum,
            crs: crs, loadedAt: try Timestamp.date(loadedAt, file: file))
    }
}

/// A row of `service_points`; `seq` is the point's index in its dataset.
struct ServicePointRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "service_points"

    var datasetID: Int64
    var seq: Int
    var id: String
    var name: String
    /// `;`-separated kind names (`ServiceKinds.list`), "" for none.
    var kinds: String
    var level: String
    var lon: Double
    var lat: Double
    var county: String?

    /// In column order: `bind(to:base:)` binds the fields in this order.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case datasetID = "dataset_id", seq, id, name, kinds, level, lon, lat, county
    }

    enum Columns {
        static let datasetID = Column(CodingKeys.datasetID)
        static let seq = Column(CodingKeys.seq)
    }

    init(datasetID: Int64, seq: Int, point: ServicePoint) {
        self.datasetID = datasetID
        self.seq = seq
        id = point.id
        name = point.name
        kinds = point.kinds.list
        level = point.level.rawValue
        lon = point.location.longitude
        lat = point.location.latitude
        county = point.county
    }

    /// Binds every column, in `CodingKeys` order, for `BatchInsert`.
    func bind(to insert: RawStatement, base: Int32) {
        insert.bind(datasetID, at: base + 1)
        insert.bind(Int64(seq), at: base + 2)
        insert.bind(id, at: base + 3)
        insert.bind(name, at: base + 4)
        insert.bind(kinds, at: base + 5)
        insert.bind(level, at: base + 6)
        insert.bind(lon, at: base + 7)
        insert.bind(lat, at: base + 8)
        insert.bind(county, at: base + 9)
    }

    /// - Parameter kindLists: the kind lists parsed so far, by their text.
    func point(file: String, kindLists: inout [String: ServiceKinds]) throws -> ServicePoint {
        let parsedKinds = kinds.isEmpty ? ServiceKinds() : kindLists[kinds] ?? ServiceKinds(list: kinds)
        if let parsedKinds, kindLists.count < 1_024 { kindLists[kinds] = parsedKinds }
        guard let parsedKinds, let parsedLevel = ServiceLevel(rawValue: level) else {
            throw StoreError.corrupt(
                file: file, detail: "service point \"\(id)\" has kinds \"\(kinds)\" and level \"\(level)\"")
        }
        return ServicePoint(
            id: id, name: name, kinds: parsedKinds, level: parsedLevel,
            location: GeoCoordinate(longitude: lon, latitude: lat), county: county)
    }
}
