import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports

/// Rows added to a dataset (`load --append`) or to the inputs of a what-if: their ids must not be
/// among the ids already there, and a clash is a rejected row with its file, line and column.
enum AppendedRows {
    /// Rejects the rows of `file` whose id is in `existing`: under all-or-nothing throws a
    /// `CSVImportError` naming the first ones (file, line, column id); under `--skip-bad-rows` removes
    /// them and adds them to the rejects.
    /// - Parameters:
    ///   - ids: the ids of `file`'s rows, in row order.
    ///   - dataset: the name of what the ids are already in, for the reason.
    static func rejectIDs<Rows>(
        in file: inout ImportedFile<Rows>, ids: [String], existing: Set<String>, dataset: String
    ) throws {
        guard !existing.isEmpty else { return }
        let clashes = ids.indices.filter { existing.contains(ids[$0]) }
        try file.result.rejectRows(atSortedIndices: clashes, column: .id, category: .duplicateID) { row in
            "id \"\(ids[row])\" is already in dataset \"\(dataset)\""
        }
    }
}
