extension ResidenceTable {
    /// The same rows with counties and zones replaced.
    ///
    /// The table's columns have `private(set)` setters (file-private in Swift), so this builds a new
    /// table through `append`; the cost is one county interning per row.
    /// - Parameters:
    ///   - county: the county code of row `i`, nil or "" for unknown.
    ///   - zones: one zone per row; nil keeps the current zones.
    /// - Complexity: O(n).
    public func replacing(county: (Int) -> String?, zones: [Zone]? = nil) -> ResidenceTable {
        precondition(zones == nil || zones!.count == count, "one zone per residence")
        var table = ResidenceTable()
        table.reserveCapacity(count)
        for i in 0..<count {
            table.append(
                id: ids[i], longitude: longitudes[i], latitude: latitudes[i], population: populations[i],
                county: county(i), zone: zones?[i] ?? self.zones[i], name: name(at: i))
        }
        return table
    }

    /// The same rows with the zones replaced, counties kept.
    /// - Complexity: O(n).
    public func replacing(zones: [Zone]) -> ResidenceTable {
        replacing(county: { self.county(at: $0) }, zones: zones)
    }
}
