import GRDB

/// The schema, as named migrations. A shipped migration is never edited: changes go in a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2-boundaries", migrate: v2Boundaries)
        migrator.registerMigration("v3-dataset-versions", migrate: v3DatasetVersions)
        migrator.registerMigration("v5-coordinate-systems", migrate: v5CoordinateSystems)
        migrator.registerMigration("v6-residence-names", migrate: v6ResidenceNames)
        migrator.registerMigration("v7-pending-renames", migrate: v7PendingRenames)
        migrator.registerMigration("v8-roads", migrate: v8Roads)
        migrator.registerMigration("v9-run-area-places", migrate: v9RunAreaPlaces)
        migrator.registerMigration("v10-run-distances", migrate: v10RunDistances)
        return migrator
    }

    /// The migrations a read-only command needs (it cannot apply any): later ones only add tables that
    /// reading does without.
    static let requiredForReading: Set<String> = ["v1", "v2-boundaries", "v3-dataset-versions"]

    /// A file a load finished under a temporary name, recorded in the load's transaction and deleted once
    /// the file has its final name: when the process dies between the commit and the rename, the row
    /// stays and the next command says where the finished file lies.
    private static func v7PendingRenames(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE pending_renames (
                    temporary_path TEXT PRIMARY KEY,
                    final_path TEXT NOT NULL,
                    what TEXT NOT NULL,
                    recorded_at TEXT NOT NULL
                );
                """)
    }

    // Zone CHECKs on the per-report-line table are written with OR: SQLite evaluates `IN (list)`
    // through an ephemeral table, which doubled the cost of an insert.
    // Child tables are keyed by (parent, position) so that rows arrive in key order and a dataset or
    // run reads back in order from one range scan. Per-residence values (residences, run results)
    // are column chunks of 65,536 rows (`ColumnChunk`): at about 1.3 µs per SQL row, one row per
    // residence took 20 s to load or save 10 million residences.
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

                -- Residences are stored by column, 65,536 rows per residence_chunks row, one BLOB per
                -- column; row first_seq + i of the dataset is element i of every blob. Blobs have no
                -- header; numbers are little-endian (numpy dtypes in brackets):
                --   ids                     UTF-8 ids joined by one NUL byte, none after the last
                --                           (ids.decode('utf-8').split('\\0') gives row_count ids)
                --   lon, lat, population    Float64 ['<f8']; coordinates in degrees
                --   zone                    UInt8 ['u1']: 0 urban, 1 rural, 2 mountain, 3 island
                --   county                  Int32 ['<i4']: dataset_counties.idx, -1 = unknown
                -- Plain SQL cannot unpack the blobs: `legalcircle export` (to come) writes
                -- per-residence tables for SQL and spreadsheets.
                CREATE TABLE dataset_counties (
                    dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL CHECK (idx >= 0),
                    code TEXT NOT NULL CHECK (code <> ''),
                    PRIMARY KEY (dataset_id, idx),
                    UNIQUE (dataset_id, code)
                ) WITHOUT ROWID;

                CREATE TABLE residence_chunks (
                    dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
                    chunk INTEGER NOT NULL CHECK (chunk >= 0),
                    first_seq INTEGER NOT NULL CHECK (first_seq >= 0),
                    row_count INTEGER NOT NULL CHECK (row_count > 0),
                    ids BLOB NOT NULL,
                    lon BLOB NOT NULL CHECK (length(lon) = 8 * row_count),
                    lat BLOB NOT NULL CHECK (length(lat) = 8 * row_count),
                    population BLOB NOT NULL CHECK (length(population) = 8 * row_count),
                    zone BLOB NOT NULL CHECK (length(zone) = row_count),
                    county BLOB NOT NULL CHECK (length(county) = 4 * row_count),
                    PRIMARY KEY (dataset_id, chunk)
                ) WITHOUT ROWID;

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

                -- A run's per-residence results, by column like residence_chunks, in the order of its
                -- residences dataset:
                --   nearest_point           Int32 ['<i4']: service_points.seq, -1 = no eligible point
                --   distance_m, minutes     Float64 ['<f8']: +infinity when no point is eligible
                --   covered                 UInt8 ['u1']: 0 or 1
                CREATE TABLE run_residence_chunks (
                    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                    chunk INTEGER NOT NULL CHECK (chunk >= 0),
                    first_seq INTEGER NOT NULL CHECK (first_seq >= 0),
                    row_count INTEGER NOT NULL CHECK (row_count > 0),
                    nearest_point BLOB NOT NULL CHECK (length(nearest_point) = 4 * row_count),
                    distance_m BLOB NOT NULL CHECK (length(distance_m) = 8 * row_count),
                    minutes BLOB NOT NULL CHECK (length(minutes) = 8 * row_count),
                    covered BLOB NOT NULL CHECK (length(covered) = row_count),
                    PRIMARY KEY (run_id, chunk)
                ) WITHOUT ROWID;

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
                    -- 1 when the nearest point as the crow flies is on another land mass (across water)
                    nearest_across_water INTEGER NOT NULL CHECK (nearest_across_water IN (0, 1)),
                    PRIMARY KEY (run_id, ordinal)
                ) WITHOUT ROWID;
                """)
    }
}
