import GRDB
import LegalCircle
import LegalCircle

extension GeoPackageSchema {
    /// The R-tree spatial index extension as GeoPackage 1.2 defines it (Annex F.3, "gpkg_rtree_index").
    static let rtreeExtensionDefinition = "http://www.geopackage.org/spec120/#extension_rtree"

    /// `rtree_<table>_<column>`, the name Annex F.3 prescribes.
    static func rtreeName(table: String) -> String { "rtree_\(table)_\(geometryColumn)" }

    /// Creates `gpkg_extensions` (Table 58 SQL) unless it exists.
    static func createExtensionsTable(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS gpkg_extensions (
                    table_name TEXT,
                    column_name TEXT,
                    extension_name TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
                )
                """)
    }

    /// Builds the spatial index of `layer`'s table in bulk, then adds the extension's triggers and its
    /// `gpkg_extensions` row.
    ///
    /// The boxes are packed straight into the R-tree (`RTreeBulkLoad`), not inserted through the
    /// insert trigger: row by row, SQLite's R*-tree took 37 s for a million points, and the trigger
    /// calls `ST_MinX` and friends, SQL functions that GDAL and QGIS register but plain SQLite lacks.
    /// The triggers are created afterwards, so that later edits in QGIS or GDAL keep the index in step.
    /// Boxes are 32-bit floats rounded outwards, as SQLite stores them.
    /// - Complexity: O(n log n) for n features.
    static func createSpatialIndex(_ db: Database, _ layer: any FeatureLayer) throws {
        try createExtensionsTable(db)
        let name = rtreeName(table: layer.name)
        try db.execute(sql: "CREATE VIRTUAL TABLE \(name.quotedDatabaseIdentifier) USING rtree(id, minx, maxx, miny, maxy)")
        var packer = RTreeBulkLoad()
        packer.reserveCapacity(layer.count)
        for row in 0..<layer.count {
            guard let envelope = layer.geometry(row: row)?.envelope, !envelope.isEmpty else { continue }
            packer.append(
                id: Int64(row + 1), minX: envelope.minLongitude, maxX: envelope.maxLongitude, minY: envelope.minLatitude,
                maxY: envelope.maxLatitude)
        }
        try packer.write(db, rtree: name)
        try db.execute(sql: rtreeTriggers(table: layer.name))
        try db.execute(
            sql: "INSERT INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')",
            arguments: [layer.name, geometryColumn, rtreeExtensionDefinition])
    }

    /// The six triggers of Annex F.3 (insert, update1-4, delete) for `table`'s geometry column and
    /// `fid`, as GeoPackage 1.2 gives them (update3 fires on any column, as its condition needs).
    static func rtreeTriggers(table: String) -> String {
        let t = table.quotedDatabaseIdentifier
        let c = geometryColumn.quotedDatabaseIdentifier
        let i = "fid"
        let name = rtreeName(table: table)
        let r = name.quotedDatabaseIdentifier
        func trigger(_ suffix: String) -> String { "\(name)_\(suffix)".quotedDatabaseIdentifier }
        let box = "NEW.\(i), ST_MinX(NEW.\(c)), ST_MaxX(NEW.\(c)), ST_MinY(NEW.\(c)), ST_MaxY(NEW.\(c))"
        return """
            CREATE TRIGGER \(trigger("insert")) AFTER INSERT ON \(t)
              WHEN (NEW.\(c) NOT NULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN
              INSERT OR REPLACE INTO \(r) VALUES (\(box));
            END;
            CREATE TRIGGER \(trigger("update1")) AFTER UPDATE OF \(c) ON \(t)
              WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN
              INSERT OR REPLACE INTO \(r) VALUES (\(box));
            END;
            CREATE TRIGGER \(trigger("update2")) AFTER UPDATE OF \(c) ON \(t)
              WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
            BEGIN
              DELETE FROM \(r) WHERE id = OLD.\(i);
            END;
            CREATE TRIGGER \(trigger("update3")) AFTER UPDATE ON \(t)
              WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN
              DELETE FROM \(r) WHERE id = OLD.\(i);
              INSERT OR REPLACE INTO \(r) VALUES (\(box));
            END;
            CREATE TRIGGER \(trigger("update4")) AFTER UPDATE ON \(t)
              WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
            BEGIN
              DELETE FROM \(r) WHERE id IN (OLD.\(i), NEW.\(i));
            END;
            CREATE TRIGGER \(trigger("delete")) AFTER DELETE ON \(t)
              WHEN OLD.\(c) NOT NULL
            BEGIN
              DELETE FROM \(r) WHERE id = OLD.\(i);
            END;
            """
    }
}
