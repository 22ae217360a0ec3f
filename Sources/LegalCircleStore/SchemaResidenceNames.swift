import GRDB

extension Schema {
    /// Migration "v6-residence-names": the residences' names (a village's 名称), so that reports can say
    /// which places are uncovered. `residence_chunks.names` holds the chunk's names in the layout of
    /// `ids` (UTF-8 joined by one NUL byte; a row without a name is an empty string), or NULL when no
    /// row of the chunk has a name; chunks stored before this migration are NULL.
    static func v6ResidenceNames(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE residence_chunks ADD COLUMN names BLOB")
    }
}
