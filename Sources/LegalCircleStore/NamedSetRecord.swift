import GRDB

/// A row of a table of named, loaded sets (`datasets`, `boundaries`): SQLite gives its id on insert, and
/// the store finds a set by its name and kind, ordered by id.
protocol NamedSetRecord: MutablePersistableRecord {
    var id: Int64? { get set }
}

extension NamedSetRecord {
    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// The columns `id`, `name` and `kind` of `datasets` and `boundaries` (each record's `Columns`): the store
/// filters and orders by them.
enum NamedSetColumns {
    static let id = Column("id")
    static let name = Column("name")
    static let kind = Column("kind")
}
