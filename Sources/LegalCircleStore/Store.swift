import GRDB
import GRDBSQLite

func probe(_ s: Statement) { _ = sqlite3_bind_double(s.sqliteStatement, 1, 1.0) }
