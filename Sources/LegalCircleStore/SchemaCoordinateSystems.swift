import GRDB

extension Schema {
    /// The source coordinate system of every stored boundary set (datasets have recorded theirs since v1),
    /// and the outcome of the coordinate-system check of each load or append.
    static func v5CoordinateSystems(_ db: Database) throws {
        try db.execute(
            sql: """
                -- The system the GeoJSON file was given in (`CoordinateSystem.canonicalName`); the stored
                -- geometries are WGS84. Sets loaded before this migration could only be WGS84 or CGCS2000.
                ALTER TABLE boundaries ADD COLUMN crs TEXT NOT NULL DEFAULT 'WGS84';

                -- The coordinate-system check of the file this version loaded, against the county
                -- boundaries known then: NULL when not checked (no boundaries), '' when the check found
                -- nothing to say, else the finding as a sentence for the user.
                ALTER TABLE dataset_versions ADD COLUMN crs_check TEXT;
                """)
    }
}
