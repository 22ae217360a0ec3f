import GRDB

extension Schema {
    /// Migration "v2-boundaries": county boundaries (`load --boundaries`) and zone areas (`load --zones`).
    ///
    /// Geometry is OGC Well-Known Binary (ISO 19125-1 §8.2): a little-endian MultiPolygon with closed
    /// rings of (longitude, latitude) degrees on WGS84/CGCS2000, so GDAL, SpatiaLite
    /// (`GeomFromWKB(geometry, 4326)`), PostGIS or shapely (`shapely.wkb.loads`) read it as is.
    static func v2Boundaries(_ db: Database) throws {
        try db.execute(
            sql: """
                -- One loaded GeoJSON file. kind 'counties': code_field/name_field are the properties
                -- that gave codes and names (name_field NULL: names are the codes). kind 'zones':
                -- code_field is the zone property and each feature's code is its zone.
                CREATE TABLE boundaries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('counties', 'zones')),
                    source TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    code_field TEXT NOT NULL,
                    name_field TEXT,
                    feature_count INTEGER NOT NULL,
                    loaded_at TEXT NOT NULL,
                    UNIQUE (name, kind)
                );

                -- A rowid table: geometries run to hundreds of kilobytes, too big for WITHOUT ROWID.
                CREATE TABLE boundary_features (
                    boundary_id INTEGER NOT NULL REFERENCES boundaries (id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    geometry BLOB NOT NULL,
                    PRIMARY KEY (boundary_id, seq)
                );
                """)
    }
}
