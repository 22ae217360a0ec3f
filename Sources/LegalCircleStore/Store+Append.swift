import GRDB
import SQLiteBulk
import LegalCircle

extension Store {
    /// The ids among `candidates` that dataset `datasetID` (points or residences) holds already.
    /// - Throws: `StoreError.unknownDatasetID`, `StoreError.corrupt` when a chunk does not decode.
    /// - Complexity: O(n) for n stored rows: one scan of the ids, each looked up among the candidates.
    public func existingIDs(among candidates: some Sequence<String>, datasetID: Int64) throws -> Set<String> {
        let wanted = Set(candidates)
        return try read("read the ids of dataset \(datasetID)") { db in
            guard let dataset = try DatasetRecord.fetchOne(db, key: datasetID) else {
                throw StoreError.unknownDatasetID(datasetID, file: fileName)
            }
            return try existingIDs(db, among: wanted, dataset: dataset)
        }
    }

    /// Appends service points to `dataset` in one transaction: they get the next `seq` values, so the
    /// points a run read keep their index, and the dataset becomes a new version (`dataset_versions`)
    /// with checksum `DatasetInfo.appendedChecksum(previous: dataset.checksum, appended: checksum)`.
    /// Runs computed before are kept; they become stale (`RunInput.appendedSince`).
    /// - Parameters:
    ///   - dataset: the dataset as the caller read it; it must not have changed since.
    ///   - source: the appended file's path, for the record; `checksum` its SHA-256.
    /// - Returns: the dataset after the append (unchanged when `points` is empty: nothing is written).
    /// - Throws: `StoreError.duplicateID` for an id twice among `points`, `StoreError.idAlreadyInDataset`
    ///   for one the dataset holds, `StoreError.datasetChanged`; the previous state is kept on any failure.
    public func appendServicePoints(
        to dataset: DatasetInfo, source: String, checksum: String, crs: String = "EPSG:4326", points: [ServicePoint]
    ) throws -> DatasetInfo {
        guard !points.isEmpty else { return dataset }
        try Self.requireUnique(points.map(\.id), kind: .points)
        return try write("append service points to \"\(dataset.name)\"") { db in
            let record = try checkedForAppend(db, dataset, ids: points.map(\.id))
            try BatchInsert.run(
                db, table: ServicePointRecord.databaseTableName,
                columns: ServicePointRecord.CodingKeys.allCases.map(\.rawValue), rows: points.count
            ) { insert, row, base in
                ServicePointRecord(datasetID: dataset.id, seq: record.rowCount + row, point: points[row])
                    .bind(to: insert, base: base)
            } rejected: { row, error in
                StoreError.rejectedRow(
                    kind: .points, row: row, id: points[row].id, reason: error.message ?? "constraint failed")
            }
            FaultPoint.reach(.appendedRowsWritten)
            let updated = try Self.recordVersion(
                db, record, appended: points.count, countyCount: 0, source: source, checksum: checksum, crs: crs)
            FaultPoint.reach(.appendVersionRecorded)
            return try updated.info(file: fileName)
        }
    }

    /// Appends residences to `dataset` in one transaction: new column chunks after the stored ones and
    /// new county codes after the stored ones, so the rows and codes an earlier version held stay as
    /// they are (`residences(datasetID:checksum:)` reads them back). Same contract as
    /// `appendServicePoints`; also throws `StoreError.rejectedRow` as `replaceResidences` does.
    /// - Complexity: O(n + m) for n stored and m appended residences (the stored ids are scanned once).
    public func appendResidences(
        to dataset: DatasetInfo, source: String, checksum: String, crs: String = "EPSG:4326",
        residences: ResidenceTable
    ) throws -> DatasetInfo {
        guard !residences.isEmpty else { return dataset }
        try Self.requireUnique(residences.ids, kind: .residences)
        return try write("append residences to \"\(dataset.name)\"") { db in
            let record = try checkedForAppend(db, dataset, ids: residences.ids)
            let codes = try String.fetchAll(
                db, sql: "SELECT code FROM dataset_counties WHERE dataset_id = ? ORDER BY idx", arguments: [dataset.id])
            let appended = Self.renumberingCounties(residences, after: codes)
            try Self.insertCounties(db, datasetID: dataset.id, codes: appended.counties.codes, firstIndex: codes.count)
            let nextChunk = try Int.fetchOne(
                db, sql: "SELECT coalesce(max(chunk) + 1, 0) FROM residence_chunks WHERE dataset_id = ?",
                arguments: [dataset.id]) ?? 0
            try Self.insertChunks(
                db, datasetID: dataset.id, residences: appended, firstChunk: nextChunk, firstSeq: record.rowCount)
            FaultPoint.reach(.appendedRowsWritten)
            let updated = try Self.recordVersion(
                db, record, appended: residences.count, countyCount: appended.counties.codes.count, source: source,
                checksum: checksum, crs: crs)
            FaultPoint.reach(.appendVersionRecorded)
            return try updated.info(file: fileName)
        }
    }

    /// The loads and appends of dataset `datasetID`, oldest first.
    public func versions(datasetID: Int64) throws -> [DatasetVersion] {
        try read("read the versions of dataset \(datasetID)") { db in
            try DatasetVersionRecord.filter(DatasetVersionRecord.Columns.datasetID == datasetID)
                .order(DatasetVersionRecord.Columns.version).fetchAll(db).map { try $0.info(file: fileName) }
        }
    }

    /// The residences of dataset `datasetID` as they were when it had `checksum`: all of them for the
    /// current checksum, the rows an earlier version held (before later appends) otherwise. This is
    /// how a run's per-residence results are matched to its residences after an append.
    /// - Throws: `StoreError.unknownDatasetID`, `StoreError.unknownDatasetVersion`.
    public func residences(datasetID: Int64, checksum: String) throws -> ResidenceTable {
        try read("read residences") { db in
            let dataset = try Self.requireDataset(db, id: datasetID, kind: .residences, file: fileName)
            let version = try version(db, dataset, checksum: checksum)
            return try readResidences(db, dataset: dataset, rowCount: version.rowCount, countyCount: version.countyCount)
        }
    }

    /// The service points of dataset `datasetID` as they were when it had `checksum` (see
    /// `residences(datasetID:checksum:)`); a run's nearest-point indices index this array.
    public func servicePoints(datasetID: Int64, checksum: String) throws -> [ServicePoint] {
        try read("read service points") { db in
            let dataset = try Self.requireDataset(db, id: datasetID, kind: .points, file: fileName)
            let rowCount = try version(db, dataset, checksum: checksum).rowCount
            var kindLists: [String: ServiceKinds] = [:]
            let points = try ServicePointRecord
                .filter(ServicePointRecord.Columns.datasetID == datasetID && ServicePointRecord.Columns.seq < rowCount)
                .order(ServicePointRecord.Columns.seq).fetchAll(db).map { try $0.point(file: fileName, kindLists: &kindLists) }
            guard points.count == rowCount else {
                throw StoreError.corrupt(file: fileName, detail: "points dataset \"\(dataset.name)\" lost rows")
            }
            return points
        }
    }

    // MARK: - Helpers

    func version(_ db: Database, _ dataset: DatasetRecord, checksum: String) throws -> DatasetVersionRecord {
        guard let version = try DatasetVersionRecord
            .filter(DatasetVersionRecord.Columns.datasetID == dataset.id! && DatasetVersionRecord.Columns.checksum == checksum)
            .order(DatasetVersionRecord.Columns.version.desc).fetchOne(db)
        else {
            throw StoreError.unknownDatasetVersion(name: dataset.name, kind: dataset.kind, checksum: checksum, file: fileName)
        }
        return version
    }

    private static func requireUnique(_ ids: [String], kind: DatasetKind) throws {
        var firstRow: [String: Int] = [:]
        for (row, id) in ids.enumerated() {
            if let first = firstRow.updateValue(row, forKey: id) {
                throw StoreError.duplicateID(id, kind: kind, firstRow: first, secondRow: row)
            }
        }
    }

    /// The stored record, after checking that it is still the caller's version and holds none of `ids`.
    private func checkedForAppend(_ db: Database, _ dataset: DatasetInfo, ids: [String]) throws -> DatasetRecord {
        guard let record = try DatasetRecord.fetchOne(db, key: dataset.id), record.kind == dataset.kind,
            record.checksum == dataset.checksum, record.rowCount == dataset.rowCount
        else { throw StoreError.datasetChanged(name: dataset.name, kind: dataset.kind, file: fileName) }
        let existing = try existingIDs(db, among: Set(ids), dataset: record)
        if let row = ids.firstIndex(where: existing.contains) {
            throw StoreError.idAlreadyInDataset(ids[row], kind: dataset.kind, dataset: dataset.name, row: row)
        }
        return record
    }

    private func existingIDs(_ db: Database, among wanted: Set<String>, dataset: DatasetRecord) throws -> Set<String> {
        guard !wanted.isEmpty else { return [] }
        var found = Set<String>()
        if dataset.kind == .points {
            let ids = try String.fetchAll(db, sql: "SELECT id FROM service_points WHERE dataset_id = ?", arguments: [dataset.id])
            for id in ids where wanted.contains(id) { found.insert(id) }
            return found
        }
        let query = try RawStatement(db, sql: "SELECT row_count, ids FROM residence_chunks WHERE dataset_id = ? ORDER BY chunk")
        query.bind(dataset.id!, at: 1)
        while try query.step() {
            guard let ids = ColumnChunk.ids(in: query.blob(at: 1), count: Int(query.int64(at: 0))) else {
                throw StoreError.corrupt(file: fileName, detail: "an ids blob of residences dataset \(dataset.id!) does not decode")
            }
            for id in ids where wanted.contains(id) { found.insert(id) }
        }
        return found
    }

    /// `residences` with the stored `codes` first in its county catalogue, so its county indices are
    /// the dataset's: stored codes keep their index and new ones follow.
    private static func renumberingCounties(_ residences: ResidenceTable, after codes: [String]) -> ResidenceTable {
        var table = ResidenceTable()
        table.reserveCapacity(residences.count)
        for code in codes { _ = table.internCounty(code) }
        let newIndex = residences.counties.codes.map { table.internCounty($0) }
        for row in 0..<residences.count {
            let old = residences.countyIndices[row]
            table.append(
                id: residences.ids[row], longitude: residences.longitudes[row], latitude: residences.latitudes[row],
                population: residences.populations[row], countyIndex: old < 0 ? -1 : newIndex[Int(old)],
                zone: residences.zones[row], name: residences.name(at: row))
        }
        return table
    }

    /// Updates the dataset record after appending `appended` rows and records the new version.
    private static func recordVersion(
        _ db: Database, _ record: DatasetRecord, appended: Int, countyCount: Int, source: String, checksum: String,
        crs: String
    ) throws -> DatasetRecord {
        var updated = record
        updated.checksum = DatasetInfo.appendedChecksum(previous: record.checksum, appended: checksum)
        updated.rowCount = record.rowCount + appended
        updated.version = record.version + 1
        try updated.update(db)
        try DatasetVersionRecord(
            datasetID: record.id!, version: updated.version, checksum: updated.checksum, rowCount: updated.rowCount,
            countyCount: countyCount, source: source, sourceChecksum: checksum, crs: crs, loadedAt: Timestamp.now()
        ).insert(db)
        return updated
    }
}
