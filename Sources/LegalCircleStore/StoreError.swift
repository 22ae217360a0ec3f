import Foundation
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
    /// A command that needs stored data (or writes to it) found no file at `path`: it creates none.
    case missingDatabase(path: String)
    /// The file is 0 bytes or an SQLite database without any table: nothing is stored in it yet.
    case emptyDatabase(path: String)
    /// Not an SQLite database at all (a folder, a text file, a workbook).
    case notADatabase(path: String, reason: String)
    /// An SQLite file that is not legalcircle's (a GeoPackage, another application's database); left
    /// unchanged.
    case foreignDatabase(path: String, what: String)
    /// Made by an earlier legalcircle whose schema a read-only command cannot upgrade.
    case needsUpgrade(path: String)
    /// A read-only folder holds the database with a non-empty `-wal` file that cannot be merged.
    case unmergedJournal(path: String)
    /// A write was refused because the file or its folder is read-only.
    case readOnlyDatabase(file: String, action: String)
    /// The disk (or the file-size limit) is full.
    case diskFull(file: String, action: String)

    init(_ error: DatabaseError, file: String, action: String) {
        switch error.resultCode {
        case .SQLITE_READONLY: self = .readOnlyDatabase(file: file, action: action)
        case .SQLITE_FULL: self = .diskFull(file: file, action: action)
        // A failed write(2): EFBIG beyond a file-size limit, EIO from a failing disk (SQLite says
        // "disk I/O error" for both, ENOSPC alone becomes SQLITE_FULL).
        case .SQLITE_IOERR where error.extendedResultCode == .SQLITE_IOERR_WRITE || error.extendedResultCode == .SQLITE_IOERR_FSYNC
            || error.extendedResultCode == .SQLITE_IOERR_TRUNCATE:
            self = .diskFull(file: file, action: action)
        // A missing or unwritable folder for a new database: SQLite's "unable to open database file".
        case .SQLITE_CANTOPEN:
            self = .sqlite(
                file: file, action: action,
                message: "the file cannot be opened or created (does its folder exist, and may you write there?); give another path with --db")
        default: self = .sqlite(file: file, action: action, message: error.message ?? "\(error.extendedResultCode)")
        }
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
        case let .missingDatabase(path):
            "no database at \(path) (--db); commands that read stored data never create one: load data first "
                + "(`legalcircle load --points FILE --residences FILE --db \(path)`) or give an existing database with --db"
        case let .emptyDatabase(path):
            "\(path) (--db) holds no legalcircle data yet; load data first with `legalcircle load --db \(path)`"
        case let .notADatabase(path, reason):
            "\(path) (--db) is not a legalcircle database: \(reason); give the path of a legalcircle database with "
                + "--db (`legalcircle load` creates one at a new path)"
        case let .foreignDatabase(path, what):
            "\(path) (--db) is \(what), not a legalcircle database; legalcircle opens only its own databases "
                + "and left the file unchanged: give another path with --db"
        case let .needsUpgrade(path):
            "\(path) (--db) was written by an earlier legalcircle and its tables need an upgrade, which a read-only "
                + "command does not make; run `legalcircle load` on it once (or a `legalcircle report` that saves a run)"
        case let .unmergedJournal(path):
            "\(path) (--db) is in a read-only folder next to a non-empty \((path as NSString).lastPathComponent)-wal "
                + "holding changes not yet merged into it; open it once where the folder is writable, or copy both files "
                + "to a writable folder"
        case let .readOnlyDatabase(file, action):
            "\(file): could not \(action): the database is read-only (the file or its folder cannot be written); "
                + "commands that only read it (runs, report --run, gaps --run, compare, export) still work, or copy it "
                + "to a writable folder"
        case let .diskFull(file, action):
            "\(file): could not \(action): the disk could not take the data (it is full, a file-size limit is reached, "
                + "or it failed); nothing of this command was written, the database keeps its previous state; free some "
                + "space and run it again"
        }
    }
}
