import Foundation
import GRDB
import SQLiteBulk
import LegalCircle

extension Store {
    /// The per-residence results of run `runID`, in the order of its residences dataset, exactly as
    /// computed (-1 and +infinity where no point was eligible). A straight-line run is kept as distances
    /// and zones (`run_residence_distances`); its minutes and coverage are worked out again here by the
    /// run's profile, the rule the engine applied.
    /// - Throws: `StoreError.unknownRun`, `StoreError.corrupt` when a chunk does not decode.
    /// - Complexity: O(n), one range scan of the run's chunks.
    public func runResidences(runID: Int64) throws -> CoverageResult {
        try read("read the residences of run \(runID)") { db in
            guard let run = try RunRecord.fetchOne(db, key: runID) else {
                throw StoreError.unknownRun(runID, file: fileName)
            }
            let result: CoverageResult
            if try Self.hasDistances(db, runID: runID) {
                let table = try decodeParameters(run).profile.zoneTable
                let columns = try readChunks(
                    db, runID: runID, table: "run_residence_distances", columns: "nearest_point, distance_m, zone",
                    capacity: run.residenceCount, into: ([Int32](), [Double](), [Zone]())
                ) { query, rowCount, columns in
                    guard let nearest = ColumnChunk.values(Int32.self, in: query.blob(at: 3), count: rowCount),
                        let distance = ColumnChunk.values(Double.self, in: query.blob(at: 4), count: rowCount),
                        let zoneBytes = ColumnChunk.values(UInt8.self, in: query.blob(at: 5), count: rowCount)
                    else { return "a column blob does not hold \(rowCount) values" }
                    if let bad = zoneBytes.first(where: { Zone(rawValue: $0) == nil }) { return "unknown zone \(bad)" }
                    columns.0.append(contentsOf: nearest)
                    columns.1.append(contentsOf: distance)
                    columns.2.append(contentsOf: zoneBytes.lazy.map { Zone(rawValue: $0)! })
                    return nil
                }
                result = CoverageResult(nearestPoint: columns.0, distance: columns.1, zones: columns.2, table: table)
            } else {
                let columns = try readChunks(
                    db, runID: runID, table: "run_residence_chunks", columns: "nearest_point, distance_m, minutes, covered",
                    capacity: run.residenceCount, into: ([Int32](), [Double](), [Double](), [Bool]())
                ) { query, rowCount, columns in
                    guard let nearest = ColumnChunk.values(Int32.self, in: query.blob(at: 3), count: rowCount),
                        let distance = ColumnChunk.values(Double.self, in: query.blob(at: 4), count: rowCount),
                        let minutes = ColumnChunk.values(Double.self, in: query.blob(at: 5), count: rowCount),
                        let covered = ColumnChunk.flags(in: query.blob(at: 6), count: rowCount)
                    else { return "a column blob does not hold \(rowCount) values" }
                    columns.0.append(contentsOf: nearest)
                    columns.1.append(contentsOf: distance)
                    columns.2.append(contentsOf: minutes)
                    columns.3.append(contentsOf: covered)
                    return nil
                }
                result = CoverageResult(nearestPoint: columns.0, distance: columns.1, minutes: columns.2, covered: columns.3)
            }
            guard result.count == run.residenceCount else {
                throw StoreError.corrupt(
                    file: fileName,
                    detail: "run \(runID) has \(result.count) residence results stored, \(run.residenceCount) recorded")
            }
            return result
        }
    }

    /// Whether run `runID` is kept as distances (`run_residence_distances`, absent from files made
    /// before migration v10 and opened read-only).
    static func hasDistances(_ db: Database, runID: Int64) throws -> Bool {
        guard try db.tableExists("run_residence_distances") else { return false }
        return try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM run_residence_distances WHERE run_id = ?)", arguments: [runID]) ?? false
    }

    /// Scans the run's chunks of `table` in order, checking their sequence; `decode` appends one chunk's
    /// columns (selected after chunk, first_seq and row_count, so from index 3), or says why it cannot.
    private func readChunks<Columns>(
        _ db: Database, runID: Int64, table: String, columns: String, capacity: Int, into initial: Columns,
        decode: (RawStatement, Int, inout Columns) -> String?
    ) throws -> Columns {
        let query = try RawStatement(
            db, sql: "SELECT chunk, first_seq, row_count, \(columns) FROM \(table) WHERE run_id = ? ORDER BY chunk")
        query.bind(runID, at: 1)
        var decoded = initial
        var (expectedChunk, rowsRead): (Int64, Int64) = (0, 0)
        while try query.step() {
            let rowCount = Int(query.int64(at: 2))
            func corrupt(_ what: String) -> StoreError {
                .corrupt(file: fileName, detail: "chunk \(expectedChunk) of the residences of run \(runID): \(what)")
            }
            guard query.int64(at: 0) == expectedChunk, query.int64(at: 1) == rowsRead, rowCount > 0
            else { throw corrupt("chunks are missing or out of sequence") }
            if let problem = decode(query, rowCount, &decoded) { throw corrupt(problem) }
            expectedChunk += 1
            rowsRead += Int64(rowCount)
        }
        return decoded
    }

    /// Writes the per-residence results by column, one SQL row per 65,536 residences (see `ColumnChunk`):
    /// as distances and zones when the stored profile gives back every minute and coverage flag to the
    /// bit (a straight-line run), otherwise all four columns in `run_residence_chunks`. `saveRun` has
    /// checked that the columns have equal lengths.
    /// - Parameter storedProfile: the profile as the run record keeps it, decoded again, so that the check
    ///   is made with the very table a later read will use.
    static func insertResidenceResults(
        _ db: Database, runID: Int64, analysis: CoverageAnalysis, storedProfile: TravelProfile?
    ) throws {
        let result = analysis.result
        let zones = analysis.residenceZones
        if analysis.network == nil, let table = storedProfile?.zoneTable, result.isEstimate(zones: zones, table: table) {
            let insert = try RawStatement(
                db,
                sql: """
                    INSERT INTO run_residence_distances (run_id, chunk, first_seq, row_count, nearest_point, distance_m, zone)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            try insertChunks(insert, runID: runID, count: result.count) { rows in
                ColumnChunk.withBlob(result.nearestPoint, rows) { insert.bind($0, at: 5) }
                ColumnChunk.withBlob(result.distance, rows) { insert.bind($0, at: 6) }
                zones[rows].map(\.rawValue).withUnsafeBytes { insert.bind($0, at: 7) }
            }
        } else {
            let insert = try RawStatement(
                db,
                sql: """
                    INSERT INTO run_residence_chunks
                        (run_id, chunk, first_seq, row_count, nearest_point, distance_m, minutes, covered)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            try insertChunks(insert, runID: runID, count: result.count) { rows in
                ColumnChunk.withBlob(result.nearestPoint, rows) { insert.bind($0, at: 5) }
                ColumnChunk.withBlob(result.distance, rows) { insert.bind($0, at: 6) }
                ColumnChunk.withBlob(result.minutes, rows) { insert.bind($0, at: 7) }
                // Bool is one byte holding 0 or 1: the blob's format.
                ColumnChunk.withBlob(result.covered, rows) { insert.bind($0, at: 8) }
            }
        }
    }

    /// Binds run, chunk, first row and row count (parameters 1 to 4), lets `bindColumns` bind the rest,
    /// and inserts each chunk.
    private static func insertChunks(
        _ insert: RawStatement, runID: Int64, count: Int, bindColumns: (Range<Int>) -> Void
    ) throws {
        insert.bind(runID, at: 1)
        for (chunk, rows) in ColumnChunk.ranges(count: count).enumerated() {
            insert.bind(Int64(chunk), at: 2)
            insert.bind(Int64(rows.lowerBound), at: 3)
            insert.bind(Int64(rows.count), at: 4)
            bindColumns(rows)
            try insert.execute()
            if chunk == 0 { FaultPoint.reach(.runChunkWritten) }
        }
    }
}
