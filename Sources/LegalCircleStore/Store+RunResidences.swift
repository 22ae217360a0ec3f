import GRDB
import SQLiteBulk
import LegalCircle

extension Store {
    /// The per-residence results of run `runID`, in the order of its residences dataset, exactly as
    /// saved (-1 and +infinity where no point was eligible).
    /// - Throws: `StoreError.unknownRun`, `StoreError.corrupt` when a chunk does not decode.
    /// - Complexity: O(n), one range scan of the run's chunks.
    public func runResidences(runID: Int64) throws -> CoverageResult {
        try read("read the residences of run \(runID)") { db in
            guard let run = try RunRecord.fetchOne(db, key: runID) else {
                throw StoreError.unknownRun(runID, file: fileName)
            }
            let query = try RawStatement(
                db,
                sql: """
                    SELECT chunk, first_seq, row_count, nearest_point, distance_m, minutes, covered
                    FROM run_residence_chunks WHERE run_id = ? ORDER BY chunk
                    """)
            query.bind(runID, at: 1)
            var result = CoverageResult(nearestPoint: [], distance: [], minutes: [], covered: [])
            result.nearestPoint.reserveCapacity(run.residenceCount)
            result.distance.reserveCapacity(run.residenceCount)
            result.minutes.reserveCapacity(run.residenceCount)
            result.covered.reserveCapacity(run.residenceCount)
            var expectedChunk: Int64 = 0
            while try query.step() {
                let rowCount = Int(query.int64(at: 2))
                func corrupt(_ what: String) -> StoreError {
                    .corrupt(file: fileName, detail: "chunk \(expectedChunk) of the residences of run \(runID): \(what)")
                }
                guard query.int64(at: 0) == expectedChunk, query.int64(at: 1) == Int64(result.count), rowCount > 0
                else { throw corrupt("chunks are missing or out of sequence") }
                guard let nearest = ColumnChunk.values(Int32.self, in: query.blob(at: 3), count: rowCount),
                    let distance = ColumnChunk.values(Double.self, in: query.blob(at: 4), count: rowCount),
                    let minutes = ColumnChunk.values(Double.self, in: query.blob(at: 5), count: rowCount),
                    let covered = ColumnChunk.flags(in: query.blob(at: 6), count: rowCount)
                else { throw corrupt("a column blob does not hold \(rowCount) values") }
                result.nearestPoint.append(contentsOf: nearest)
                result.distance.append(contentsOf: distance)
                result.minutes.append(contentsOf: minutes)
                result.covered.append(contentsOf: covered)
                expectedChunk += 1
            }
            guard result.count == run.residenceCount else {
                throw StoreError.corrupt(
                    file: fileName,
                    detail: "run \(runID) has \(result.count) residence results stored, \(run.residenceCount) recorded")
            }
            return result
        }
    }

    /// Writes the per-residence results by column in `run_residence_chunks` (see `ColumnChunk`),
    /// one SQL row per 65,536 residences. `saveRun` has checked that the columns have equal lengths.
    static func insertResidenceResults(_ db: Database, runID: Int64, result: CoverageResult) throws {
        let insert = try RawStatement(
            db,
            sql: """
                INSERT INTO run_residence_chunks
                    (run_id, chunk, first_seq, row_count, nearest_point, distance_m, minutes, covered)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        insert.bind(runID, at: 1)
        for (chunk, rows) in ColumnChunk.ranges(count: result.count).enumerated() {
            insert.bind(Int64(chunk), at: 2)
            insert.bind(Int64(rows.lowerBound), at: 3)
            insert.bind(Int64(rows.count), at: 4)
            ColumnChunk.withBlob(result.nearestPoint, rows) { insert.bind($0, at: 5) }
            ColumnChunk.withBlob(result.distance, rows) { insert.bind($0, at: 6) }
            ColumnChunk.withBlob(result.minutes, rows) { insert.bind($0, at: 7) }
            // Bool is one byte holding 0 or 1: the blob's format.
            ColumnChunk.withBlob(result.covered, rows) { insert.bind($0, at: 8) }
            try insert.execute()
            if chunk == 0 { FaultPoint.reach(.runChunkWritten) }
        }
    }
}
