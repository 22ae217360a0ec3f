import GRDB

extension Schema {
    /// Migration "v9-run-area-places": the most populous named places of each uncovered area of a run
    /// (`UncoveredPlaces.areaNames`), saved with the run so that the service's county pages name them
    /// without reading the residences (seconds at 10 M). One row per place, `rank` 0 the most populous.
    /// A run saved before this migration, or whose residences have no names, has none.
    static func v9RunAreaPlaces(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE run_area_places (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    area_id INTEGER NOT NULL,
                    rank INTEGER NOT NULL CHECK (rank >= 0),
                    name TEXT NOT NULL,
                    PRIMARY KEY (run_id, area_id, rank)
                ) WITHOUT ROWID;
                """)
    }
}
