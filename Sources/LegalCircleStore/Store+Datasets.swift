import GRDB
import SQLiteBulk
import LegalCircle

extension Store {
    /// All loaded datasets, oldest first.
    public func datasets() throws -> [DatasetInfo] {
        try read("list datasets") { db in
            try DatasetRecord.order(DatasetRecord.Columns.id).fetchAll(db).map { try $0.info(file: fileName) }
        }
    }

    /// The most recently loaded dataset of `kind`, nil when none is loaded.
    public func latestDataset(kind: DatasetKind) throws -> DatasetInfo? {
        try read("find the latest \(kind.label)") { db in
            try DatasetRecord.filter(DatasetRecord.Columns.kind == kind.rawValue)
                .order(DatasetRecord.Columns.id.desc)
                .fetchOne(db)?.info(file: fileName)
        }
    }

    /// The dataset of `kind` called `name`, or the latest one when `name` is nil.
    /// - Throws: `StoreError.unknownDataset` or `StoreError.noDataset`.
    public func dataset(named name: String?, kind: DatasetKind) throws -> DatasetInfo {
        guard let name else {
            guard let latest = try latestDataset(kind: kind) else {
                throw StoreError.noDataset(kind: kind, file: fileName)
            }
            return latest
        }
        let records = try read("find \(kind.label) \"\(name)\"") { db in
            try DatasetRecord.filter(DatasetRecord.Columns.kind == kind.rawValue).order(DatasetRecord.Columns.id).fetchAll(db)
        }
        guard let record = records.first(where: { $0.name == name }) else {
            throw StoreError.unknownDataset(name: name, kind: kind, file: fileName, loaded: records.map(\.name))
        }
        return try record.info(file: fileName)
    }

    /// Loads service points as dataset `name`, replacing a points dataset of that name in the same
    /// transaction; runs that used the old one are kept and become stale.
    /// - Parameters:
    ///   - source: the input path, for the record.
    ///   - checksum: hex digest of the input bytes (`SHA256.hexDigest(ofFile:)`).
    ///   - crs: the CRS the input was given in (coordinates arrive here in degrees).
    /// - Throws: `StoreError.duplicateID` when two points share an id; the previous state is kept on
    ///   any failure.
    public func replaceServicePoints(
        name: String, source: String, checksum: String, crs: String = "EPSG:4326", points: [ServicePoint]
    ) throws -> DatasetInfo {
        var firstRow: [String: Int] = [:]
        for (row, point) in points.enumerated() {
            if let first = firstRow.updateValue(row, forKey: point.id) {
                throw StoreError.duplicateID(point.id, kind: .points, firstRow: first, secondRow: row)
            }
        }
        return try write("load service points \"\(name)\"") { db in
            let dataset = try Self.replaceDataset(
                db, name: name, kind: .points, source: source, checksum: checksum, crs: crs,
                rowCount: points.count)
            try BatchInsert.run(
                db, table: ServicePointRecord.databaseTableName,
                columns: ServicePointRecord.CodingKeys.allCases.map(\.rawValue), rows: points.count
            ) { insert, seq, base in
                ServicePointRecord(datasetID: dataset.id!, seq: seq, point: points[seq]).bind(to: insert, base: base)
            } rejected: { seq, error in
                StoreError.rejectedRow(
                    kind: .points, row: seq, id: points[seq].id, reason: error.message ?? "constraint failed")
            }
            FaultPoint.reach(.pointsWritten)
            return try dataset.info(file: fileName)
        }
    }

    /// The points of dataset `datasetID` in load order, so a point's index is its `seq`.
    /// - Throws: `StoreError.unknownDatasetID` when there is no such points dataset.
    public func servicePoints(datasetID: Int64) throws -> [ServicePoint] {
        try read("read service points") { db in
            try Self.requireDataset(db, id: datasetID, kind: .points, file: fileName)
            // Points repeat a few kind lists: each is parsed once (parsing every row's took 0.25 s at 40 k).
            var kindLists: [String: ServiceKinds] = [:]
            return try ServicePointRecord.filter(ServicePointRecord.Columns.datasetID == datasetID)
                .order(ServicePointRecord.Columns.seq)
                .fetchAll(db)
                .map { try $0.point(file: fileName, kindLists: &kindLists) }
        }
    }

    /// Deletes the dataset `name` of `kind` (its rows go by cascade) and inserts its new record and
    /// its first version.
    /// - Parameter countyCount: county codes the residences will store in `dataset_counties`.
    static func replaceDataset(
        _ db: Database, name: String, kind: DatasetKind, source: String, checksum: String, crs: String,
        rowCount: Int, countyCount: Int = 0
    ) throws -> DatasetRecord {
        try DatasetRecord.filter(DatasetRecord.Columns.name == name && DatasetRecord.Columns.kind == kind.rawValue)
            .deleteAll(db)
        var record = DatasetRecord(
            id: nil, name: name, kind: kind, source: source, checksum: checksum, rowCount: rowCount, crs: crs,
            loadedAt: Timestamp.now())
        try record.insert(db)
        try DatasetVersionRecord(
            datasetID: record.id!, version: 1, checksum: checksum, rowCount: rowCount, countyCount: countyCount,
            source: source, sourceChecksum: checksum, crs: crs, loadedAt: record.loadedAt
        ).insert(db)
        FaultPoint.reach(.datasetReplaced)
        return record
    }

    @discardableResult
    static func requireDataset(_ db: Database, id: Int64, kind: DatasetKind, file: String) throws -> DatasetRecord {
        guard let record = try DatasetRecord.fetchOne(db, key: id), record.kind == kind else {
            throw StoreError.unknownDatasetID(id, file: file)
        }
        return record
    }
}
