import Foundation
import GRDB
import SQLiteBulk
import LegalCircle

extension Store {
    /// Loads residences as dataset `name`, replacing a residences dataset of that name in the same
    /// transaction; runs that used the old one are kept and become stale.
    ///
    /// Rows are stored by column in `residence_chunks` (see `ColumnChunk`), one SQL row per 65,536
    /// residences, and the county codes once in `dataset_counties`.
    /// - Parameters:
    ///   - source: the input path, for the record.
    ///   - checksum: hex digest of the input bytes (`SHA256.hexDigest(ofFile:)`).
    ///   - crs: the CRS the input was given in (coordinates arrive here in degrees).
    /// - Throws: `StoreError.rejectedRow` naming the first row with a NaN coordinate or population or
    ///   an id containing a NUL character; the previous state is kept on any failure.
    ///   - progress: counts the residences written.
    /// - Complexity: O(n) for n residences, plus the deletion of the replaced dataset's chunks.
    public func replaceResidences(
        name: String, source: String, checksum: String, crs: String = "EPSG:4326", residences: ResidenceTable,
        progress: ProgressSink? = nil
    ) throws -> DatasetInfo {
        try write("load residences \"\(name)\"") { db in
            let dataset = try Self.replaceDataset(
                db, name: name, kind: .residences, source: source, checksum: checksum, crs: crs,
                rowCount: residences.count, countyCount: residences.counties.codes.count)
            try Self.insertCounties(db, datasetID: dataset.id!, codes: residences.counties.codes)
            let counter = progress?.begin("storing residences", total: residences.count, unit: "residences")
            defer { counter?.finish() }
            try Self.insertChunks(db, datasetID: dataset.id!, residences: residences, progress: counter)
            FaultPoint.reach(.residencesWritten)
            return try dataset.info(file: fileName)
        }
    }

    /// Inserts `codes[firstIndex...]` (the codes before are stored already).
    static func insertCounties(_ db: Database, datasetID: Int64, codes: [String], firstIndex: Int = 0) throws {
        let insert = try RawStatement(db, sql: "INSERT INTO dataset_counties (dataset_id, idx, code) VALUES (?, ?, ?)")
        insert.bind(datasetID, at: 1)
        for (index, code) in codes.enumerated() where index >= firstIndex {
            insert.bind(Int64(index), at: 2)
            insert.bind(code, at: 3)
            try insert.execute()
        }
    }

    /// Checks each chunk, then inserts it as one row. An append passes the number of the dataset's next
    /// chunk and its row count: the new chunks follow the stored ones, which stay as they are.
    static func insertChunks(
        _ db: Database, datasetID: Int64, residences: ResidenceTable, firstChunk: Int = 0, firstSeq: Int = 0,
        progress: ProgressCounter? = nil
    ) throws {
        let insert = try RawStatement(
            db,
            sql: """
                INSERT INTO residence_chunks
                    (dataset_id, chunk, first_seq, row_count, ids, lon, lat, population, zone, county, names)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        insert.bind(datasetID, at: 1)
        let ranges = ColumnChunk.ranges(count: residences.count)
        // The blobs that are not the columns' own memory (ids, zones, names) are built for a batch of
        // chunks on every core while the previous batch is inserted: building them on the inserting
        // thread took a quarter of a 10M load.
        let batch = 2 * ProcessInfo.processInfo.activeProcessorCount
        let batches = stride(from: 0, to: ranges.count, by: batch).map { $0..<min($0 + batch, ranges.count) }
        var next = batches.first.map { blobBatch(residences, Array(ranges[$0])) }
        for (index, chunks) in batches.enumerated() {
            let built = try next!.value()
            next = index + 1 < batches.count ? blobBatch(residences, Array(ranges[batches[index + 1]])) : nil
            for (offset, chunk) in chunks.enumerated() {
                let rows = ranges[chunk]
                let blobs = try built[offset].get()
                insert.bind(Int64(firstChunk + chunk), at: 2)
                insert.bind(Int64(firstSeq + rows.lowerBound), at: 3)
                insert.bind(Int64(rows.count), at: 4)
                blobs.ids.withUnsafeBytes { insert.bind($0, at: 5) }
                ColumnChunk.withBlob(residences.longitudes, rows) { insert.bind($0, at: 6) }
                ColumnChunk.withBlob(residences.latitudes, rows) { insert.bind($0, at: 7) }
                ColumnChunk.withBlob(residences.populations, rows) { insert.bind($0, at: 8) }
                blobs.zones.withUnsafeBytes { insert.bind($0, at: 9) }
                ColumnChunk.withBlob(residences.countyIndices, rows) { insert.bind($0, at: 10) }
                if let names = blobs.names {
                    names.withUnsafeBytes { insert.bind($0, at: 11) }
                } else {
                    insert.bindNull(at: 11)
                }
                try insert.execute()
                if chunk == 0 { FaultPoint.reach(.residenceChunkWritten) }
                progress?.advance(by: rows.count)
            }
        }
        // (A failed insert leaves the next batch building; it holds the table until it ends, then is freed.)
    }

    /// The blobs of one chunk that are built rather than taken from a column's memory.
    fileprivate struct ChunkBlobs: Sendable {
        var ids: [UInt8]
        var zones: [UInt8]
        var names: [UInt8]?
    }

    /// The blobs of a batch of chunks, built on every core from a background thread as soon as the
    /// batch is asked for; each chunk's blobs or the error of its first bad row.
    fileprivate static func blobBatch(
        _ residences: ResidenceTable, _ ranges: [Range<Int>]
    ) -> BackgroundValue<[Result<ChunkBlobs, any Error>]> {
        BackgroundValue {
            ParallelChunks(count: ranges.count, size: 1).map { chunk, _ in
                Result { () throws -> ChunkBlobs in
                    let rows = ranges[chunk]
                    return ChunkBlobs(
                        ids: try checkedIDBlob(residences, rows), zones: residences.zones[rows].map(\.rawValue),
                        names: ColumnChunk.nameBlob(residences, rows))
                }
            }
        }
    }

    /// One stored chunk as read, before its ids and names are decoded; nil columns did not hold
    /// `rowCount` values.
    private struct StoredChunk: Sendable {
        var chunk: Int64
        var firstSeq: Int64
        var rowCount: Int
        var ids: [UInt8]
        var longitudes: [Double]?
        var latitudes: [Double]?
        var populations: [Double]?
        var zones: [UInt8]?
        var counties: [Int32]?
        var names: [UInt8]?
    }



    /// The `ids` blob of `rows`, after the checks SQL constraints cannot make inside blobs.
    /// - Throws: `StoreError.rejectedRow` for the first row of `rows` with a NaN number (SQL would
    ///   have stored NULL) or an id containing NUL (the blob's separator).
    fileprivate static func checkedIDBlob(_ residences: ResidenceTable, _ rows: Range<Int>) throws -> [UInt8] {
        let nanRows = [
            (firstNaN(residences.longitudes, rows), "lon is not a number (NaN)"),
            (firstNaN(residences.latitudes, rows), "lat is not a number (NaN)"),
            (firstNaN(residences.populations, rows), "population is not a number (NaN)"),
        ]
        var firstBad = nanRows.compactMap { row, reason in row.map { (row: $0, reason: reason) } }.min { $0.row < $1.row }
        var blob: [UInt8] = []
        do throws(ColumnChunk.NULInID) {
            blob = try ColumnChunk.idBlob(residences.ids, rows)
        } catch {
            if error.row < firstBad?.row ?? .max { firstBad = (error.row, "the id contains a NUL character") }
        }
        if let firstBad {
            throw StoreError.rejectedRow(
                kind: .residences, row: firstBad.row, id: residences.ids[firstBad.row], reason: firstBad.reason)
        }
        return blob
    }

    private static func firstNaN(_ values: [Double], _ rows: Range<Int>) -> Int? {
        values.withUnsafeBufferPointer { buffer in rows.first { buffer[$0].isNaN } }
    }

    /// The residences of dataset `datasetID` in load order (row i is `seq` i).
    /// - Throws: `StoreError.unknownDatasetID` when there is no such residences dataset,
    ///   `StoreError.corrupt` when a chunk does not decode.
    /// - Complexity: O(n), one range scan of the dataset's chunks.
    public func residences(datasetID: Int64) throws -> ResidenceTable {
        try read("read residences") { db in
            let dataset = try Self.requireDataset(db, id: datasetID, kind: .residences, file: fileName)
            return try readResidences(db, dataset: dataset, rowCount: dataset.rowCount, countyCount: nil)
        }
    }

    /// The first `rowCount` residences of `dataset` with the first `countyCount` county codes (all when
    /// nil): the whole dataset, or the rows an earlier version held.
    func readResidences(
        _ db: Database, dataset: DatasetRecord, rowCount wanted: Int, countyCount: Int?
    ) throws -> ResidenceTable {
        let datasetID = dataset.id!
        var table = ResidenceTable()
        table.reserveCapacity(wanted)
        var codes = try String.fetchAll(
            db, sql: "SELECT code FROM dataset_counties WHERE dataset_id = ? ORDER BY idx", arguments: [datasetID])
        if let countyCount { codes = Array(codes.prefix(countyCount)) }
        for (index, code) in codes.enumerated() where table.internCounty(code) != Int32(index) {
            throw StoreError.corrupt(
                file: fileName, detail: "county \"\(code)\" of dataset \(datasetID) is empty or repeated")
        }
        // A database a read-only command opens may predate "v6-residence-names": its residences have no names.
        let namesColumn = try db.columns(in: "residence_chunks").contains { $0.name == "names" } ? "names" : "NULL"
        let query = try RawStatement(
            db,
            sql: """
                SELECT chunk, first_seq, row_count, ids, lon, lat, population, zone, county, \(namesColumn)
                FROM residence_chunks WHERE dataset_id = ? AND first_seq < ? ORDER BY chunk
                """)
        query.bind(datasetID, at: 1)
        query.bind(Int64(wanted), at: 2)
        // Chunks are read in batches; their ids and names (a String per row) are decoded on every core,
        // then checked and appended in chunk order, so a damaged chunk is reported as a sequential read would.
        let batchSize = 2 * ProcessInfo.processInfo.activeProcessorCount
        var batch: [StoredChunk] = []
        var expectedChunk: Int64 = 0
        let countyCount = Int32(codes.count)
        func appendBatch() throws {
            let decoded = ParallelChunks(count: batch.count, size: 1).map { [batch] index, _ in
                let chunk = batch[index]
                return (
                    ids: chunk.ids.withUnsafeBytes { ColumnChunk.ids(in: $0, count: chunk.rowCount) },
                    names: chunk.names.map { names in names.withUnsafeBytes { ColumnChunk.ids(in: $0, count: chunk.rowCount) } })
            }
            for (chunk, strings) in zip(batch, decoded) {
                func corrupt(_ what: String) -> StoreError {
                    .corrupt(file: fileName, detail: "chunk \(expectedChunk) of residences dataset \(datasetID): \(what)")
                }
                guard chunk.chunk == expectedChunk, chunk.firstSeq == Int64(table.count), chunk.rowCount > 0
                else { throw corrupt("chunks are missing or out of sequence") }
                guard let ids = strings.ids, let longitudes = chunk.longitudes, let latitudes = chunk.latitudes,
                    let populations = chunk.populations, let zones = chunk.zones, let counties = chunk.counties
                else { throw corrupt("a column blob does not hold \(chunk.rowCount) values") }
                // NULL: no row of the chunk has a name.
                if chunk.names != nil, strings.names! == nil {
                    throw corrupt("the names blob does not hold \(chunk.rowCount) names")
                }
                if let bad = zones.first(where: { Zone(rawValue: $0) == nil }) { throw corrupt("unknown zone \(bad)") }
                if let bad = counties.first(where: { $0 < -1 || $0 >= countyCount }) {
                    throw corrupt("county index \(bad) is outside dataset_counties")
                }
                table.append(
                    ids: ids, longitudes: longitudes, latitudes: latitudes, populations: populations,
                    zones: zones.map { Zone(rawValue: $0)! }, countyIndices: counties, names: strings.names ?? nil)
                expectedChunk += 1
            }
            batch.removeAll(keepingCapacity: true)
        }
        while try query.step() {
            let rowCount = Int(query.int64(at: 2))
            batch.append(
                StoredChunk(
                    chunk: query.int64(at: 0), firstSeq: query.int64(at: 1), rowCount: rowCount, ids: [UInt8](query.blob(at: 3)),
                    longitudes: ColumnChunk.values(Double.self, in: query.blob(at: 4), count: rowCount),
                    latitudes: ColumnChunk.values(Double.self, in: query.blob(at: 5), count: rowCount),
                    populations: ColumnChunk.values(Double.self, in: query.blob(at: 6), count: rowCount),
                    zones: ColumnChunk.values(UInt8.self, in: query.blob(at: 7), count: rowCount),
                    counties: ColumnChunk.values(Int32.self, in: query.blob(at: 8), count: rowCount),
                    names: query.isNull(at: 9) ? nil : [UInt8](query.blob(at: 9))))
            if batch.count == batchSize { try appendBatch() }
        }
        if !batch.isEmpty { try appendBatch() }
        guard table.count == wanted else {
            throw StoreError.corrupt(
                file: fileName,
                detail: "residences dataset \(datasetID) has \(table.count) rows stored, \(wanted) recorded")
        }
        return table
    }
}
