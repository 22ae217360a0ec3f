import GRDB

/// Inserts many rows with multi-row `INSERT ... VALUES (...), (...)` statements: one statement
/// step per batch instead of per row, which cut SQLite's per-statement overhead.
package enum BatchInsert {
    static let rowsPerStatement = 128

    /// Binds row `row` through `bind(statement, row, parameterBase)` (1-based index = base + column)
    /// and inserts every batch. When a batch fails on a constraint, its rows are retried one by one
    /// so that `rejected` can name the offending row.
    package static func run(
        _ db: Database, table: String, columns: [String], rows: Int,
        bind: (RawStatement, Int, Int32) -> Void,
        rejected: (Int, DatabaseError) -> any Error
    ) throws {
        let sqlHead = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        func statement(rows: Int) throws -> RawStatement {
            try RawStatement(db, sql: sqlHead + Array(repeating: tuple, count: rows).joined(separator: ", "))
        }
        let width = Int32(columns.count)
        let full = try statement(rows: rowsPerStatement)
        let single = try statement(rows: 1)

        func insertOneByOne(_ range: Range<Int>) throws {
            for row in range {
                bind(single, row, 0)
                do {
                    try single.execute()
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw rejected(row, error)
                }
            }
        }

        var start = 0
        while rows - start >= rowsPerStatement {
            for offset in 0..<rowsPerStatement {
                bind(full, start + offset, Int32(offset) * width)
            }
            do {
                try full.execute()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                // A statement that fails on a constraint changes nothing, so the batch can be redone.
                try insertOneByOne(start..<start + rowsPerStatement)
                throw rejected(start, error)
            }
            start += rowsPerStatement
        }
        try insertOneByOne(start..<rows)
    }
}
