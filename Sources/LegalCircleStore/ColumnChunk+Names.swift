import LegalCircle

extension ColumnChunk {
    /// The `names` blob of `rows` (the layout of `ids`: UTF-8 joined by NUL, "" for a row without a name),
    /// or nil when no row of the range has a name (stored as NULL). A NUL inside a name is dropped: it
    /// is the separator.
    static func nameBlob(_ residences: ResidenceTable, _ rows: Range<Int>) -> [UInt8]? {
        guard residences.hasNames, rows.contains(where: { residences.name(at: $0) != nil }) else { return nil }
        var blob: [UInt8] = []
        blob.reserveCapacity(rows.count * 12)
        for row in rows {
            if row != rows.lowerBound { blob.append(0) }
            blob.append(contentsOf: (residences.name(at: row) ?? "").utf8.lazy.filter { $0 != 0 })
        }
        return blob
    }
}
