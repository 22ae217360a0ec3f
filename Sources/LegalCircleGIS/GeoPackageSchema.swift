import GRDB
import LegalCircle
import LegalCircle

/// The GeoPackage 1.2 core (OGC 12-128r15, "OGC GeoPackage Encoding Standard" 1.2.1): the file header
/// values, the required metadata tables and rows, feature tables and the R-tree spatial index
/// extension (Annex F.3). Used by `GeoPackageWriter` for exported files.
enum GeoPackageSchema {
    /// `PRAGMA application_id`: "GPKG" in ASCII (Requirement 2).
    static let applicationID: Int32 = 0x4750_4B47
    /// `PRAGMA user_version`: 10200 for GeoPackage 1.2 (Requirement 2).
    static let userVersion: Int32 = 10200
    /// The geometry column of every feature table legalcircle writes.
    static let geometryColumn = "geom"

    /// EPSG:4326 in OGC WKT 1, as GDAL writes it for this SRS.
    static let wgs84Definition = """
        GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],\
        AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],\
        UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],\
        AUTHORITY["EPSG","4326"]]
        """

    /// Sets the header values and creates `gpkg_spatial_ref_sys` with the three rows Requirement 11
    /// asks for (-1, 0, 4326), `gpkg_contents` and `gpkg_geometry_columns` (Tables 18, 19, 21 SQL).
    static func createCore(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(userVersion)")
        try db.execute(
            sql: """
                CREATE TABLE gpkg_spatial_ref_sys (
                    srs_name TEXT NOT NULL,
                    srs_id INTEGER NOT NULL PRIMARY KEY,
                    organization TEXT NOT NULL,
                    organization_coordsys_id INTEGER NOT NULL,
                    definition TEXT NOT NULL,
                    description TEXT
                );
                CREATE TABLE gpkg_contents (
                    table_name TEXT NOT NULL PRIMARY KEY,
                    data_type TEXT NOT NULL,
                    identifier TEXT UNIQUE,
                    description TEXT DEFAULT '',
                    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                    min_x DOUBLE,
                    min_y DOUBLE,
                    max_x DOUBLE,
                    max_y DOUBLE,
                    srs_id INTEGER,
                    CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
                );
                CREATE TABLE gpkg_geometry_columns (
                    table_name TEXT NOT NULL,
                    column_name TEXT NOT NULL,
                    geometry_type_name TEXT NOT NULL,
                    srs_id INTEGER NOT NULL,
                    z TINYINT NOT NULL,
                    m TINYINT NOT NULL,
                    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                    CONSTRAINT uk_gc_table_name UNIQUE (table_name),
                    CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                    CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
                );
                INSERT INTO gpkg_spatial_ref_sys VALUES
                    ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
                    ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
                """)
        try db.execute(
            sql: "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, ?, ?)",
            arguments: [wgs84Definition, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"])
    }

    /// Creates the table of `layer`: `fid INTEGER PRIMARY KEY AUTOINCREMENT` (Requirement 29), the
    /// geometry column declared with its type name (Requirement 25), then the attributes.
    static func createFeatureTable(_ db: Database, _ layer: any FeatureLayer) throws {
        let columns = ["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "\(geometryColumn) \(layer.geometryType.rawValue)"]
            + layer.fields.map { "\($0.name.quotedDatabaseIdentifier) \($0.type.rawValue)" }
        try db.execute(sql: "CREATE TABLE \(layer.name.quotedDatabaseIdentifier) (\(columns.joined(separator: ", ")))")
    }

    /// Lists a feature table in `gpkg_contents` with its extent and in `gpkg_geometry_columns`
    /// (2D, EPSG:4326).
    static func register(
        _ db: Database, table: String, geometryType: FeatureGeometryType, description: String, extent: GeoBounds
    ) throws {
        let box: [Double?] =
            extent.isEmpty
            ? [nil, nil, nil, nil] : [extent.minLongitude, extent.minLatitude, extent.maxLongitude, extent.maxLatitude]
        try db.execute(
            sql: """
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
                VALUES (?, 'features', ?, ?, ?, ?, ?, ?, 4326)
                """,
            arguments: [table, table, description] + StatementArguments(box))
        try db.execute(
            sql: "INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, 4326, 0, 0)",
            arguments: [table, geometryColumn, geometryType.rawValue])
    }
}
