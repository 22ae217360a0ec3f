import Foundation
import GRDB
import Synchronization

/// The working database (`legalcircle.sqlite` by default): loaded datasets and saved runs.
///
/// Every public method is one SQLite transaction, so a failure or a killed process leaves the
/// previous state. Safe to share between threads: GRDB's `DatabaseQueue` serialises access.
public final class Store: Sendable {
    /// The default file name the CLI uses.
    public static let defaultFileName = "legalcircle.sqlite"

    /// The path the store was opened with.
    public let path: String
    let queue: DatabaseQueue

    /// The file name used in error messages.
    let fileName: String

    /// The transaction `inOneTransaction` holds open, with the thread that runs it.
    let transaction = Mutex<OpenTransaction?>(nil)

    /// Opens the database at `path`, creating it and applying missing migrations (`StoreAccess.create`).
    /// - Throws: `StoreError.sqlite` when the file cannot be opened or is not a database,
    ///   `StoreError.newerSchema` when a newer legalcircle wrote it.
    public convenience init(path: String) throws {
        try self.init(path: path, access: .create)
    }

    /// Opens the database at `path` for `access`. Only legalcircle's own databases are opened: stamped
    /// (`StoreStamp`), or carrying its migrations (made before the stamp; stamped on the first write
    /// access). Anything else (a GeoPackage, another application's database, a text file) is refused
    /// unchanged, before SQLite opens it for writing. Only `.create` makes a new file.
    /// - Throws: `StoreError.missingDatabase`, `.emptyDatabase`, `.notADatabase`, `.foreignDatabase`,
    ///   `.needsUpgrade`, `.unmergedJournal`, `.newerSchema`, `.readOnlyDatabase`, or `.sqlite`.
    public init(path: String, access: StoreAccess) throws {
        self.path = path
        let fileName = (path as NSString).lastPathComponent
        self.fileName = fileName
        var configuration = Configuration()
        configuration.journalMode = .wal
        // Wait for another legalcircle process instead of failing at once.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // 64 KiB pages for the column-chunk blobs (`ColumnChunk`): a 10-million-residence load or
            // run result wrote 16 times fewer pages and took 1.5-2x less time than with 4 KiB pages.
            // Takes effect only when the file is created (GRDB switches to WAL after this closure).
            try db.execute(sql: "PRAGMA page_size = 65536")
            // NORMAL in WAL mode stays atomic; it only risks the last commits on power loss.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Large imports grow the WAL by gigabytes; shrink it back after checkpoints.
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Reads from the mapped file instead of a pread into the page cache per 64 KiB page: the
            // 10 M-residence stored report spent about a third less system time. Writes still go
            // through the WAL (SQLite maps for reading only).
            try db.execute(sql: "PRAGMA mmap_size = 2147483648")
        }
        queue = try Self.openQueue(path: path, access: access, configuration: configuration)
        self.access = access
    }

    /// How the store was opened.
    public let access: StoreAccess

    /// Runs `body` in a write transaction, turning SQLite errors into `StoreError`. Inside
    /// `inOneTransaction` (on its thread) `body` joins that transaction instead.
    func write<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        do {
            if let db = openTransaction() { return try body(db) }
            return try queue.write(body)
        } catch let error as DatabaseError {
            throw StoreError(error, file: fileName, action: action)
        }
    }

    /// Runs `body` in a read transaction, turning SQLite errors into `StoreError`. Inside
    /// `inOneTransaction` (on its thread) `body` reads in that transaction, seeing its writes.
    func read<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        do {
            if let db = openTransaction() { return try body(db) }
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw StoreError(error, file: fileName, action: action)
        }
    }
}

/// Timestamps are ISO 8601 text in UTC, to the second, so they sort and read well in SQL.
enum Timestamp {
    static func now() -> String { Date().formatted(.iso8601) }

    static func date(_ text: String, file: String) throws -> Date {
        do {
            return try Date(text, strategy: .iso8601)
        } catch {
            throw StoreError.corrupt(file: file, detail: "timestamp \"\(text)\" is not ISO 8601")
        }
    }
}
