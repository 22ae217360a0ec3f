/// Finds the county whose polygon contains a point: a `PolygonIndex` over county boundaries.
///
/// On a boundary shared by two counties, the point goes to the county on its east side (north side
/// for an east–west edge); see `PolygonIndex` for the rule.
public struct CountyIndex: Sendable {
    public let boundaries: [Boundary]
    let index: PolygonIndex

    /// - Complexity: O(e + c) for e edges and c ≈ 4e grid cells.
    public init(boundaries: [Boundary]) {
        self.boundaries = boundaries
        index = PolygonIndex(regions: boundaries.map { $0.polygons.flatMap(\.rings) })
    }

    /// The position in `boundaries` of the county containing the point, nil when none does.
    /// - Complexity: O(1) for most points (see `PolygonIndex.locate`).
    public func locate(longitude: Double, latitude: Double) -> Int? {
        index.locate(longitude: longitude, latitude: latitude)
    }

    /// The county code at the point, nil when no polygon contains it.
    public func code(longitude: Double, latitude: Double) -> String? {
        locate(longitude: longitude, latitude: latitude).map { boundaries[$0].code }
    }

    /// The position in `boundaries` of every point's county, -1 for none; in parallel chunks.
    /// - Complexity: O(n) for n points.
    public func locate(longitudes: [Double], latitudes: [Double]) -> [Int32] {
        index.locate(longitudes: longitudes, latitudes: latitudes)
    }
}
