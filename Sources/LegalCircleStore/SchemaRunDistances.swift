import GRDB

extension Schema {
    /// Migration "v10-run-distances": a straight-line run's per-residence results as distances.
    ///
    /// Such a run's minutes and coverage follow exactly from each residence's distance and zone and the
    /// run's profile (`ZoneTable.estimate`: minutes = distance_m × the zone's minutes per metre, covered =
    /// distance_m ≤ the zone's radius), so `run_residence_distances` keeps, by column in the order of the
    /// run's residences dataset:
    ///   nearest_point   Int32 ['<i4']: service_points.seq, -1 = no eligible point
    ///   distance_m      Float64 ['<f8']: +infinity when no point is eligible
    ///   zone            UInt8 ['u1']: the residence's zone as the run used it (0 urban … 3 island)
    /// 13 bytes a residence instead of 21 in `run_residence_chunks`, which keeps the runs over the roads
    /// (their minutes are travel times) and the runs saved before this migration. A run has rows in
    /// one of the two tables, never both.
    static func v10RunDistances(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE run_residence_distances (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    chunk INTEGER NOT NULL CHECK (chunk >= 0),
                    first_seq INTEGER NOT NULL CHECK (first_seq >= 0),
                    row_count INTEGER NOT NULL CHECK (row_count > 0),
                    nearest_point BLOB NOT NULL CHECK (length(nearest_point) = 4 * row_count),
                    distance_m BLOB NOT NULL CHECK (length(distance_m) = 8 * row_count),
                    zone BLOB NOT NULL CHECK (length(zone) = row_count),
                    PRIMARY KEY (run_id, chunk)
                ) WITHOUT ROWID;
                """)
    }
}
