import GRDB

/// The schema, as named migrations. A shipped migration is never edited: changes go in a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        return migrator
    }

    // Zone CHECKs on the per-row tables are written with OR: SQLite evaluates `IN (list)` through
    // an ephemeral table, which doubled the cost of a residence insert.
    // Child tables are keyed by (parent, position) so that rows arrive in key order and a dataset or
    // run reads back in order from one range scan. The two big ones (residences, run_residences)
    // pack that key into the rowid: appending to a rowid table was 1.4x faster than to a WITHOUT
    // ROWID table, and deleting a dataset 2x faster.
    private static func v1(_ db: Database) throws {
        try db.execute(
            sql: """
                -- AUTOINCREMENT: a replaced dataset's id is never reused, so a stale id cannot
                -- silently name new data.
                CREATE TABLE datasets (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('points', 'residences')),
                    source TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    row_count INTEGER NOT NULL,
                    crs TEXT NOT NULL DEFAULT 'EPSG:4326',
                    loaded_at TEXT NOT NULL,
                    UNIQUE (name, kind)
                );
                CREATE INDEX datasets_kind ON datasets (kind, id);

                CREATE TABLE service_points (
                    dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    kinds TEXT NOT NULL,
                    level TEXT NOT NULL,
                    lon REAL NOT NULL,
                    lat REAL NOT NULL,
                    county TEXT,
                    PRIMARY KEY (dataset_id, seq),
                    UNIQUE (dataset_id, id)
                ) WITHOUT ROWID;

                -- key = dataset_id << 32 | seq is the rowid (see RowKey). No index on dataset_id:
                -- deleting a dataset scans this table once for the cascade.
                CREATE TABLE residences (
                    key INTEGER PRIMARY KEY,
                    dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    id TEXT NOT NULL,
                    lon REAL NOT NULL,
                    lat REAL NOT NULL,
                    population REAL NOT NULL,
                    county TEXT,
                    zone TEXT NOT NULL CHECK (zone = 'urban' OR zone = 'rural' OR zone = 'mountain' OR zone = 'island'),
                    CHECK (key = (dataset_id << 32) + seq)
                );

                -- A run keeps its own results and the names and checksums of its inputs. Reloading a
                -- dataset sets the run's dataset id to NULL: the run stays readable but is stale.
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    created_at TEXT NOT NULL,
                    points_dataset_id INTEGER REFERENCES datasets (id) ON DELETE SET NULL,
                    residences_dataset_id INTEGER REFERENCES datasets (id) ON DELETE SET NULL,
                    points_dataset_name TEXT NOT NULL,
                    residences_dataset_name TEXT NOT NULL,
                    points_checksum TEXT NOT NULL,
                    residences_checksum TEXT NOT NULL,
                    residence_count INTEGER NOT NULL,
                    parameters TEXT NOT NULL,
                    profile TEXT NOT NULL,
                    projection TEXT NOT NULL,
                    central_meridian REAL NOT NULL,
                    origin_latitude REAL NOT NULL,
                    timings TEXT NOT NULL
                );
                CREATE INDEX runs_points_dataset ON runs (points_dataset_id);
                CREATE INDEX runs_residences_dataset ON runs (residences_dataset_id);

                -- One row per report line in report order; the total row has is_total = 1.
                CREATE TABLE run_counties (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    is_total INTEGER NOT NULL CHECK (is_total IN (0, 1)),
                    county TEXT NOT NULL,
                    residents REAL NOT NULL,
                    covered REAL NOT NULL,
                    coverage_percent REAL,
                    service_points INTEGER NOT NULL,
                    points_per_10k REAL,
                    median_minutes REAL,
                    p90_minutes REAL,
                    uncovered_population REAL NOT NULL,
                    uncovered_areas INTEGER NOT NULL,
                    PRIMARY KEY (run_id, ordinal)
                ) WITHOUT ROWID;

                -- The zone breakdown of each report line, in the line's order.
                CREATE TABLE run_county_zones (
                    run_id INTEGER NOT NULL,
                    county_ordinal INTEGER NOT NULL,
                    ordinal INTEGER NOT NULL,
                    zone TEXT NOT NULL CHECK (zone = 'urban' OR zone = 'rural' OR zone = 'mountain' OR zone = 'island'),
                    residents REAL NOT NULL,
                    covered REAL NOT NULL,
                    coverage_percent REAL,
                    PRIMARY KEY (run_id, county_ordinal, ordinal),
                    FOREIGN KEY (run_id, county_ordinal) REFERENCES run_counties (run_id, ordinal)
                        ON DELETE CASCADE
                ) WITHOUT ROWID;

                -- residence_seq and nearest_point_seq are positions in the run's datasets; NULL
                -- nearest point, distance and minutes mean no eligible point (infinity in memory).
                -- key = run_id << 32 | residence_seq is the rowid (see RowKey).
                CREATE TABLE run_residences (
                    key INTEGER PRIMARY KEY,
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    residence_seq INTEGER NOT NULL,
                    nearest_point_seq INTEGER,
                    distance_m REAL,
                    minutes REAL,
                    covered INTEGER NOT NULL,
                    CHECK (key = (run_id << 32) + residence_seq)
                );

                -- cells: (column, row) pairs as little-endian Int32, 8 bytes per cell.
                CREATE TABLE run_areas (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    area_id INTEGER NOT NULL,
                    county TEXT,
                    dominant_zone TEXT NOT NULL
                        CHECK (dominant_zone IN ('urban', 'rural', 'mountain', 'island')),
                    population REAL NOT NULL,
                    residence_count INTEGER NOT NULL,
                    centroid_lon REAL NOT NULL,
                    centroid_lat REAL NOT NULL,
                    min_lon REAL NOT NULL,
                    min_lat REAL NOT NULL,
                    max_lon REAL NOT NULL,
                    max_lat REAL NOT NULL,
                    nearest_point_id TEXT,
                    nearest_point_name TEXT,
                    nearest_distance_m REAL,
                    nearest_minutes REAL,
                    minutes_beyond_target REAL,
                    cells BLOB NOT NULL,
                    PRIMARY KEY (run_id, ordinal)
                ) WITHOUT ROWID;
                """)
    }
}
