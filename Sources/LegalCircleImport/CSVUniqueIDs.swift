/// Finds ids seen before among accepted rows.
///
/// While ids arrive in strictly increasing order (exported and generated files usually are sorted) a
/// comparison with the previous id proves each one new, with no hashing. At the first id out of order
/// every id so far goes into a dictionary, which handles the rest.
struct CSVUniqueIDs {
    private var previous: String?
    private var rowByID: [String: Int]?
    /// The line of each accepted row, for "first on line N".
    private var lines: [Int32] = []

    init(expectedCount: Int) { lines.reserveCapacity(expectedCount) }

    /// Records `id` for a row accepted at `line`; returns the line where it appeared first, or nil
    /// when it is new. `ids` are the ids accepted so far, in row order.
    mutating func firstLine(of id: String, line: Int, ids: some RandomAccessCollection<String>) -> Int? {
        if rowByID == nil {
            if let previous, !(previous < id) {
                rowByID = Dictionary(zip(ids, 0...), uniquingKeysWith: { first, _ in first })
            } else {
                previous = id
                lines.append(Int32(clamping: line))
                return nil
            }
        }
        if let row = rowByID![id] { return Int(lines[row]) }
        rowByID![id] = lines.count
        lines.append(Int32(clamping: line))
        return nil
    }
}
