import GRDB

/// What went wrong in the store, worded so that the reader knows what to do next.
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Nothing of `kind` has been loaded yet.
    case noDataset(kind: DatasetKind, file: String)
    /// No dataset of `kind` has this name; `loaded` names those that exist.
    case unknownDataset(name: String, kind: DatasetKind, file: String, loaded: [String])
    /// No dataset has this id (it was replaced or never existed).
    case unknownDatasetID(Int64, file: String)
    /// No run has this id.
    case unknownRun(Int64, file: String)
    /// A dataset handed to `saveRun` was replaced after the analysis read it.
    case datasetReplaced(name: String, kind: DatasetKind, file: String)
    /// The same id appears twice in one dataset.
    case duplicateID(String, kind: DatasetKind, firstRow: Int, secondRow: Int)
    /// One input row cannot be stored (`row` counts from 0 in input order): a NaN number, an id
    /// containing NUL, or a value SQLite refused.
    case rejectedRow(kind: DatasetKind, row: Int, id: String, reason: String)
    /// An analysis does not fit the datasets it is saved with.
    case inconsistentRun(String)
    /// The file was written by a newer legalcircle with a schema this one does not know.
    case newerSchema(file: String)
    /// A stored value cannot be read back.
    case corrupt(file: String, detail: String)
    /// An append found the dataset changed since the caller read it (another load ran meanwhile).
    case datasetChanged(name: String, kind: DatasetKind, file: String)
    /// An appended row (`row` counts from 0 among the appended rows) has an id the dataset holds already.
    case idAlreadyInDataset(String, kind: DatasetKind, dataset: String, row: Int)
    /// No version of the dataset has the checksum a run recorded.
    case unknownDatasetVersion(name: String, kind: DatasetKind, checksum: String, file: String)
    /// Any other SQLite failure.
    case sqlite(file: String, action: String, message: String)

    init(_ error: DatabaseError, file: String, action: String) {
        self = .sqlite(file: file, action: action, message: error.message ?? "\(error.extendedResultCode)")
    }

    public var description: String {
        switch self {
        case let .noDataset(kind, file):
            "no \(kind.label) loaded in \(file); run `legalcircle load \(kind.loadOption) FILE` first"
        case let .unknownDataset(name, kind, file, loaded):
            "no \(kind.label) dataset named \"\(name)\" in \(file); "
                + (loaded.isEmpty
                    ? "none is loaded, run `legalcircle load \(kind.loadOption) FILE` first"
                    : "loaded: " + loaded.map { "\"\($0)\"" }.joined(separator: ", "))
        case let .unknownDatasetID(id, file):
            "no dataset \(id) in \(file): it was reloaded or never existed"
        case let .unknownRun(id, file):
            "no run \(id) in \(file); `legalcircle runs` lists them"
        case let .datasetReplaced(name, kind, file):
            "the \(kind.label) dataset \"\(name)\" was reloaded in \(file) while the analysis ran; run it again"
        case let .duplicateID(id, kind, first, second):
            "\(kind.label) id \"\(id)\" appears twice (rows \(first + 1) and \(second + 1)); ids must be unique"
        case let .rejectedRow(kind, row, id, reason):
            "\(kind.label) row \(row + 1) (id \"\(id)\") was rejected: \(reason)"
                + (reason.contains("NOT NULL") ? " (a number is NaN?)" : "")
        case let .inconsistentRun(detail):
            "cannot save the run: \(detail)"
        case let .newerSchema(file):
            "\(file) was written by a newer legalcircle; upgrade, or pass another database path"
        case let .corrupt(file, detail):
            "\(file) holds an unreadable value: \(detail)"
        case let .datasetChanged(name, kind, file):
            "the \(kind.label) dataset \"\(name)\" changed in \(file) while the append was prepared; run it again"
        case let .idAlreadyInDataset(id, kind, dataset, row):
            "\(kind.label) id \"\(id)\" (appended row \(row + 1)) is already in dataset \"\(dataset)\"; ids must be unique"
        case let .unknownDatasetVersion(name, kind, checksum, file):
            "no version of the \(kind.label) dataset \"\(name)\" in \(file) has checksum \(checksum.prefix(12))…"
        case let .sqlite(file, action, message):
            "\(file): could not \(action): \(message)"
        }
    }
}
