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
                    WHERE run_id = ? ORDER BY residence_seq
                    """)
            query.bind(runID, at: 1)
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
        let insert = try RawStatement(
            db,
            sql: """
                INSERT INTO run_residences (run_id, residence_seq, nearest_point_seq, distance_m, minutes, covered)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
        insert.bind(runID, at: 1)
        let (nearest, distance, minutes, covered) = (result.nearestPoint, result.distance, result.minutes, result.covered)
        for row in 0..<result.count {
            insert.bind(Int64(row), at: 2)
            if nearest[row] < 0 { insert.bindNull(at: 3) } else { insert.bind(Int64(nearest[row]), at: 3) }
            if distance[row] == .infinity { insert.bindNull(at: 4) } else { insert.bind(distance[row], at: 4) }
            if minutes[row] == .infinity { insert.bindNull(at: 5) } else { insert.bind(minutes[row], at: 5) }
            insert.bind(Int64(covered[row] ? 1 : 0), at: 6)
            try insert.execute()
        }
    }
}
