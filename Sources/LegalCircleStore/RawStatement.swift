import Foundation
import GRDB
// GRDB's system SQLite module; used only here, for the bulk paths.
import GRDBSQLite

/// A GRDB statement driven through the SQLite C API, for inserting and scanning millions of rows:
/// GRDB's `StatementArguments` and `Row` allocate per row, which costs more than SQLite itself.
///
/// Bindings survive `sqlite3_reset`, so values shared by all rows are bound once.
/// Not Sendable: the statement belongs to the `Database` it was made in and lives in one access.
struct RawStatement {
    /// Keeps the `sqlite3_stmt` alive; GRDB finalizes it when this is released.
    private let statement: Statement
    private let handle: SQLiteStatement

    /// Compiles `sql` as an uncached statement, so GRDB never sees it in a state it did not set.
    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    // SQLITE_TRANSIENT: SQLite copies the text before the bind call returns.
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }

    /// Binds a 1-based parameter. Bind calls fail only on a wrong index or out of memory; those
    /// surface as a failed step (`sqlite3_step` reports the last error).
    func bind(_ value: Double, at index: Int32) {
        sqlite3_bind_double(handle, index, value)
    }

    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ value: String, at index: Int32) {
        var value = value
        value.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    func bind(_ value: Data, at index: Int32) {
        guard !value.isEmpty else {
            // sqlite3_bind_blob with no bytes has a nil pointer, which SQLite stores as NULL.
            sqlite3_bind_zeroblob(handle, index, 0)
            return
        }
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    func bind(_ value: String?, at index: Int32) {
        if let value { bind(value, at: index) } else { bindNull(at: index) }
    }

    func bind(_ value: Double?, at index: Int32) {
        if let value { bind(value, at: index) } else { bindNull(at: index) }
    }

    func bindNull(at index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Runs the statement to completion (an INSERT) and resets it for the next row.
    func execute() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let error = error(code)
            sqlite3_reset(handle)
            throw error
        }
        sqlite3_reset(handle)
    }

    /// Steps a query: true when a row is available, false at the end.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let error = error(code)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Column readers, 0-based, for the current row.
    func double(at column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func int64(at column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func isNull(at column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column as text; "" for NULL.
    func string(at column: Int32) -> String {
        // sqlite3_column_text before sqlite3_column_bytes, as SQLite documents, so the count is UTF-8.
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The first byte of a text column (0 for NULL or ""), to tell short enum names apart cheaply.
    func firstByte(at column: Int32) -> UInt8 {
        guard let text = sqlite3_column_text(handle, column), sqlite3_column_bytes(handle, column) > 0 else {
            return 0
        }
        return text.pointee
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
