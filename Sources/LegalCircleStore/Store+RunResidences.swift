import GRDB
import LegalCircle

extension Store {
    /// The per-residence results of run `runID`, in the order of its residences dataset.
    /// NULL columns come back as -1 (nearest point) and +infinity (distance, minutes).
    /// - Throws: `StoreError.unknownRun`.
    /// - Complexity: O(n), one range scan.
    public func runResidences(runID: Int64) throws -> CoverageResult {
        try read("read the residences of run \(runID)") { db in
            guard let run = try RunRecord.fetchOne(db, key: runID) else {
                throw StoreError.unknownRun(runID, file: fileName)
            }
            let query = try RawStatement(
                db,
                sql: """
                    SELECT nearest_point_seq, distance_m, minutes, covered FROM run_residences
                    WHERE key BETWEEN ? AND ? ORDER BY key
                    """)
            let keys = RowKey.range(parent: runID)
            query.bind(keys.first, at: 1)
            query.bind(keys.last, at: 2)
            var nearest: [Int32] = []
            var distance: [Double] = []
            var minutes: [Double] = []
            var covered: [Bool] = []
            nearest.reserveCapacity(run.residenceCount)
            distance.reserveCapacity(run.residenceCount)
            minutes.reserveCapacity(run.residenceCount)
            covered.reserveCapacity(run.residenceCount)
            while try query.step() {
                nearest.append(query.isNull(at: 0) ? -1 : Int32(truncatingIfNeeded: query.int64(at: 0)))
                distance.append(query.isNull(at: 1) ? .infinity : query.double(at: 1))
                minutes.append(query.isNull(at: 2) ? .infinity : query.double(at: 2))
                covered.append(query.int64(at: 3) != 0)
            }
            return CoverageResult(nearestPoint: nearest, distance: distance, minutes: minutes, covered: covered)
        }
    }

    /// Writes one `run_residences` row per residence; "no eligible point" (index -1, infinite
    /// distance or minutes) is stored as NULL.
    static func insertResidenceResults(_ db: Database, runID: Int64, result: CoverageResult) throws {
        let (nearest, distance, minutes, covered) = (result.nearestPoint, result.distance, result.minutes, result.covered)
        try BatchInsert.run(
            db, table: RunResidenceRecord.databaseTableName,
            columns: RunResidenceRecord.CodingKeys.allCases.map(\.rawValue), rows: result.count
        ) { insert, row, base in
            insert.bind(RowKey.make(parent: runID, seq: row), at: base + 1)
            insert.bind(runID, at: base + 2)
            insert.bind(Int64(row), at: base + 3)
            if nearest[row] < 0 { insert.bindNull(at: base + 4) } else { insert.bind(Int64(nearest[row]), at: base + 4) }
            if distance[row] == .infinity { insert.bindNull(at: base + 5) } else { insert.bind(distance[row], at: base + 5) }
            if minutes[row] == .infinity { insert.bindNull(at: base + 6) } else { insert.bind(minutes[row], at: base + 6) }
            insert.bind(Int64(covered[row] ? 1 : 0), at: base + 7)
        } rejected: { row, error in
            StoreError.inconsistentRun("residence result \(row) was rejected: \(error.message ?? "constraint failed")")
        }
    }
}
