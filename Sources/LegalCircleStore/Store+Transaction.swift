#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import GRDB
import Synchronization

/// The transaction `Store.inOneTransaction` holds open and the thread running it. `Database` is not
/// Sendable: it is only handed back to code on that same thread (the GRDB queue's), inside the
/// transaction's closure, so no other thread ever touches it.
struct OpenTransaction: @unchecked Sendable {
    let db: Database
    let thread: pthread_t
}

/// A file that a committed load wrote under a temporary name and has not yet renamed
/// (`pending_renames`): when the process died between the commit and the rename, the file is complete
/// and lies at `temporaryPath`.
public struct PendingRename: Sendable, Hashable {
    public var temporaryPath: String
    public var finalPath: String
    /// What the file is, for the message ("the rejected rows of points.csv").
    public var what: String
    public var recordedAt: Date
}

extension Store {
    /// Runs `body` as one write transaction: every store method `body` calls (loads, appends,
    /// boundaries, `recordPendingRename`, reads) joins it, so they commit together or not at all. A
    /// failure, a thrown error or a killed process leaves the database as it was before.
    /// - Parameter action: what is being done, for error messages ("load 3 files").
    public func inOneTransaction<T>(_ action: String, _ body: () throws -> T) throws -> T {
        precondition(openTransaction() == nil, "inOneTransaction does not nest")
        do {
            return try queue.write { db in
                transaction.withLock { $0 = OpenTransaction(db: db, thread: pthread_self()) }
                defer { transaction.withLock { $0 = nil } }
                return try body()
            }
        } catch let error as DatabaseError {
            throw StoreError(error, file: fileName, action: action)
        }
    }

    /// The open transaction's database when called on its thread; nil otherwise.
    func openTransaction() -> Database? {
        transaction.withLock { open in
            guard let open, pthread_equal(open.thread, pthread_self()) != 0 else { return nil }
            return open.db
        }
    }

    // MARK: - Pending renames

    /// Records, in the current write (call it inside `inOneTransaction`), that `temporaryPath` is to be
    /// renamed to `finalPath` once the transaction commits.
    public func recordPendingRename(temporaryPath: String, finalPath: String, what: String) throws {
        try write("record the rejects file \(finalPath)") { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO pending_renames (temporary_path, final_path, what, recorded_at) VALUES (?, ?, ?, ?)",
                arguments: [temporaryPath, finalPath, what, Timestamp.now()])
        }
    }

    /// Forgets the pending renames of `temporaryPaths` (done, or their files are gone).
    public func clearPendingRenames(_ temporaryPaths: [String]) throws {
        guard !temporaryPaths.isEmpty else { return }
        try write("clear the renamed rejects files") { db in
            for path in temporaryPaths {
                try db.execute(sql: "DELETE FROM pending_renames WHERE temporary_path = ?", arguments: [path])
            }
        }
    }

    /// The renames a committed load did not get to make, oldest first; none in a database made before
    /// the table existed (read-only, not yet upgraded).
    public func pendingRenames() throws -> [PendingRename] {
        try read("read the pending rejects files") { db in
            guard try db.tableExists("pending_renames") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM pending_renames ORDER BY recorded_at, temporary_path").map { row in
                PendingRename(
                    temporaryPath: row["temporary_path"], finalPath: row["final_path"], what: row["what"],
                    recordedAt: try Timestamp.date(row["recorded_at"], file: fileName))
            }
        }
    }
}
