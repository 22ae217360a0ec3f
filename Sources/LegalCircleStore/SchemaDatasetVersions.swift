import GRDB

extension Schema {
    /// Migration "v3-dataset-versions": the history of each dataset, one row per load and per
    /// `load --append`, so that a run computed before an append can still find the rows it read.
    ///
    /// Appends only add rows at the end (points get the next `seq`, residences new chunks after the
    /// last) and county codes at the end of `dataset_counties`: version v of a dataset is the first
    /// `row_count` rows and the first `county_count` county codes of the current one.
    /// `checksum` is `datasets.checksum` as it was after that version (what `runs.*_checksum`
    /// records); `source_checksum` is the SHA-256 of the file that version loaded.
    /// `datasets.version` is the dataset's latest version.
    static func v3DatasetVersions(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE dataset_versions (
                    dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    checksum TEXT NOT NULL,
                    row_count INTEGER NOT NULL CHECK (row_count >= 0),
                    county_count INTEGER NOT NULL CHECK (county_count >= 0),
                    source TEXT NOT NULL,
                    source_checksum TEXT NOT NULL,
                    crs TEXT NOT NULL,
                    loaded_at TEXT NOT NULL,
                    PRIMARY KEY (dataset_id, version)
                ) WITHOUT ROWID;
                ALTER TABLE datasets ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);

                CREATE INDEX dataset_versions_checksum ON dataset_versions (dataset_id, checksum);

                -- Datasets loaded before this migration are their own first version.
                INSERT INTO dataset_versions
                    (dataset_id, version, checksum, row_count, county_count, source, source_checksum, crs, loaded_at)
                SELECT id, 1, checksum, row_count,
                    (SELECT count(*) FROM dataset_counties WHERE dataset_counties.dataset_id = datasets.id),
                    source, checksum, crs, loaded_at
                FROM datasets;
                """)
    }
}
