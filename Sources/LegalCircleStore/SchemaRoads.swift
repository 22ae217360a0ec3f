import GRDB

extension Schema {
    /// Migration "v8-roads": the road network loaded with `load --roads` and what a run by network
    /// travel adds to its report.
    ///
    /// `road_networks` holds one loaded network a row (a command uses the latest), as the columns of
    /// the roads module's `RoadWays`, each a little-endian array:
    /// - `longitudes`, `latitudes`: `node_count` Float64 (WGS84 degrees);
    /// - `way_starts`: `way_count + 1` Int32, way w's nodes are `way_nodes[way_starts[w] ..< way_starts[w + 1]]`;
    /// - `way_nodes`: Int32 node indices;
    /// - `way_tags`: `way_count` records of 12 bytes: road class (UInt8, `RoadClass.rawValue`), one-way
    ///   (Int8: 0 no, 1 forward, −1 backward), denied modes (UInt8 bit set: 1 walk, 2 cycle, 4 drive),
    ///   one zero byte, maxspeed km/h (Float32, 0 when untagged), ferry duration minutes (Float32, 0 when
    ///   untagged).
    /// `statistics` is the read's counts as JSON (the load summary's figures).
    ///
    /// `run_travel` has a row for each run computed by network travel (none for the straight-line
    /// estimate): the model's name, the residences that fell back to the estimate, the access distance,
    /// and the side-by-side figures per county as JSON (`{"county code": TravelComparison, "total": …}`).
    static func v8Roads(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE road_networks (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    source TEXT NOT NULL,
                    loaded_at TEXT NOT NULL,
                    node_count INTEGER NOT NULL CHECK (node_count >= 0),
                    way_count INTEGER NOT NULL CHECK (way_count >= 0),
                    longitudes BLOB NOT NULL CHECK (length(longitudes) = 8 * node_count),
                    latitudes BLOB NOT NULL CHECK (length(latitudes) = 8 * node_count),
                    way_starts BLOB NOT NULL CHECK (length(way_starts) = 4 * (way_count + 1)),
                    way_nodes BLOB NOT NULL,
                    way_tags BLOB NOT NULL CHECK (length(way_tags) = 12 * way_count),
                    statistics TEXT NOT NULL
                );
                CREATE TABLE run_travel (
                    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
                    travel_model TEXT NOT NULL,
                    fallback_residences INTEGER NOT NULL,
                    access_max_m REAL NOT NULL,
                    comparison TEXT NOT NULL
                );
                """)
    }
}
