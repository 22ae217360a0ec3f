import GRDB
import LegalCircle

/// The coordinate-system check of one load or append of a dataset (`dataset_versions.crs_check`).
public struct CoordinateCheckRecord: Sendable, Hashable {
    public var version: Int
    /// The system the version's file was given in.
    public var crs: String
    /// nil: not checked (no boundaries were known); "": checked, nothing to say; else the finding.
    public var finding: String?
}

extension Store {
    /// Records the outcome of the coordinate-system check of a dataset's version (see
    /// `CoordinateCheckRecord.finding`), after the load or append that made it.
    /// A version that does not exist is left alone.
    public func recordCoordinateCheck(datasetID: Int64, version: Int, finding: String) throws {
        try write("record the coordinate check") { db in
            try db.execute(
                sql: "UPDATE dataset_versions SET crs_check = ? WHERE dataset_id = ? AND version = ?",
                arguments: [finding, datasetID, version])
        }
    }

    /// The checks of the versions of a dataset up to the one with `checksum` (all when nil), oldest
    /// first. Databases opened read-only before the "v5-coordinate-systems" migration have no checks
    /// (every `finding` nil).
    public func coordinateChecks(datasetID: Int64, upToChecksum checksum: String? = nil) throws -> [CoordinateCheckRecord] {
        try read("read the coordinate checks of dataset \(datasetID)") { db in
            let hasColumn = try db.columns(in: "dataset_versions").contains { $0.name == "crs_check" }
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT version, checksum, crs, \(hasColumn ? "crs_check" : "NULL AS crs_check") FROM dataset_versions "
                    + "WHERE dataset_id = ? ORDER BY version",
                arguments: [datasetID])
            var records: [CoordinateCheckRecord] = []
            for row in rows {
                records.append(CoordinateCheckRecord(version: row["version"], crs: row["crs"], finding: row["crs_check"]))
                if let checksum, row["checksum"] as String == checksum { break }
            }
            return records
        }
    }
}
