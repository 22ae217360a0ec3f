import Foundation
import GRDB

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

    /// Opens the database at `path`, creating it and applying missing migrations.
    /// - Throws: `StoreError.sqlite` when the file cannot be opened or is not a database,
    ///   `StoreError.newerSchema` when a newer legalcircle wrote it.
    public init(path: String) throws {
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
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = Schema.migrator
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerSchema(file: fileName)
            }
            try migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw StoreError(error, file: fileName, action: "open the database")
        }
    }

    /// Runs `body` in a write transaction, turning SQLite errors into `StoreError`.
    func write<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch let error as DatabaseError {
            throw StoreError(error, file: fileName, action: action)
        }
    }

    /// Runs `body` in a read transaction, turning SQLite errors into `StoreError`.
    func read<T>(_ action: String, _ body: (Database) throws -> T) throws -> T {
        do {
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
