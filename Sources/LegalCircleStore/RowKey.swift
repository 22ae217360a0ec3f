/// The rowid of a `residences` or `run_residences` row: parent id in the high 32 bits, position in
/// the low 32 bits, so rows of one parent are one contiguous, ordered rowid range.
enum RowKey {
    /// - Precondition: `seq` fits 32 bits (4 billion rows per dataset).
    static func make(parent: Int64, seq: Int) -> Int64 {
        parent << 32 | Int64(seq)
    }

    /// Every key of `parent`.
    static func range(parent: Int64) -> (first: Int64, last: Int64) {
        (parent << 32, parent << 32 | 0xFFFF_FFFF)
    }
}
