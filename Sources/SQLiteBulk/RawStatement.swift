import Foundation
import GRDB
// GRDB's system SQLite module; used only here, for the bulk paths.
import GRDBSQLite

/// A GRDB statement driven through the SQLite C API, for bulk inserts and for column-chunk blobs:
/// GRDB's `StatementArguments` and `Row` allocate per row and copy blobs into `Data`.
///
/// Bindings survive `sqlite3_reset`, so values shared by all rows are bound once.
/// Not Sendable: the statement belongs to the `Database` it was made in and lives in one access.
package struct RawStatement {
    /// Keeps the `sqlite3_stmt` alive; GRDB finalizes it when this is released.
    private let statement: Statement
    private let handle: SQLiteStatement

    /// Compiles `sql` as an uncached statement, so GRDB never sees it in a state it did not set.
    package init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    // SQLITE_TRANSIENT: SQLite copies the text before the bind call returns.
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }

    /// Binds a 1-based parameter. Bind calls fail only on a wrong index or out of memory; those
    /// surface as a failed step (`sqlite3_step` reports the last error).
    package func bind(_ value: Double, at index: Int32) {
        sqlite3_bind_double(handle, index, value)
    }

    package func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    package func bind(_ value: String, at index: Int32) {
        var value = value
        value.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    package func bind(_ value: Data, at index: Int32) {
        value.withUnsafeBytes { bind($0, at: index) }
    }

    /// Binds a BLOB; SQLite copies the bytes, so they need not outlive the call.
    package func bind(_ bytes: UnsafeRawBufferPointer, at index: Int32) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            // sqlite3_bind_blob with no bytes has a nil pointer, which SQLite stores as NULL.
            sqlite3_bind_zeroblob(handle, index, 0)
            return
        }
        _ = sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(bytes.count), Self.transient)
    }

    package func bind(_ value: String?, at index: Int32) {
        if let value { bind(value, at: index) } else { bindNull(at: index) }
    }

    package func bind(_ value: Double?, at index: Int32) {
        if let value { bind(value, at: index) } else { bindNull(at: index) }
    }

    package func bindNull(at index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Runs the statement to completion (an INSERT) and resets it for the next row.
    package func execute() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let error = error(code)
            sqlite3_reset(handle)
            throw error
        }
        sqlite3_reset(handle)
    }

    /// Steps a query: true when a row is available, false at the end.
    package func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let error = error(code)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// True when the column is NULL, 0-based, for the current row.
    package func isNull(at column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column as an integer, 0-based, for the current row.
    package func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// The column's bytes (empty for NULL), 0-based, valid until the next `step()`: copy them out before.
    package func blob(at column: Int32) -> UnsafeRawBufferPointer {
        // sqlite3_column_blob before sqlite3_column_bytes, as SQLite documents.
        guard let bytes = sqlite3_column_blob(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// The error of a failed step; read before `sqlite3_reset`, which may clear the message.
    private func error(_ code: Int32) -> DatabaseError {
        let db = sqlite3_db_handle(handle)
        let extended = sqlite3_extended_errcode(db)
        return DatabaseError(
            resultCode: ResultCode(rawValue: extended & 0xff == code & 0xff ? extended : code),
            message: String(cString: sqlite3_errmsg(db)),
            sql: String(cString: sqlite3_sql(handle)))
    }
}
