/// Projected locations with their land mass: the residences, or the candidate sites, of a suggestion.
struct PlacedColumns: Sendable {
    let columns: ProjectedColumns
    /// Land mass of each location; empty when there are no land masses (everything reaches everything).
    let landMass: [Int32]

    var count: Int { columns.count }

    /// Projects the coordinates with the run's frame, exactly as the engine projects them.
    init(longitudes: [Double], latitudes: [Double], frame: PlanarFrame, landMass: [Int32]) throws {
        columns = try frame.project(longitudes: longitudes, latitudes: latitudes)
        self.landMass = landMass
    }

    @inline(__always)
    func mass(_ i: Int) -> Int32 { landMass.isEmpty ? LandMasses.unknown : landMass[i] }
}

/// A subset of residences in one k-d tree per zone, so each zone is searched with its own radius
/// (an urban residence is never looked for 5 km away).
struct ZoneTrees: Sendable {
    /// Residence indices per zone; a tree answers positions in its zone's list.
    let items: [[Int32]]
    let trees: [KDTree]
    /// Planar search radius per zone: every residence whose engine distance is within the zone's
    /// radius lies within it.
    let searchRadius: [Double]

    /// - Parameters:
    ///   - residences: indices of the residences to index.
    ///   - radius: the zone radii (metres on the ellipsoid).
    ///   - maximumScale: the largest scale factor of any residence or station involved: a planar
    ///     distance is at most the ellipsoidal one times it.
    init(residences: [Int32], zones: [Zone], plane: PlacedColumns, radius: [Double], maximumScale: Double) {
        var items = [[Int32]](repeating: [], count: Zone.allCases.count)
        for r in residences { items[Int(zones[Int(r)].rawValue)].append(r) }
        self.items = items
        let columns = plane.columns
        trees = items.map { list in KDTree(x: list.map { columns.x[Int($0)] }, y: list.map { columns.y[Int($0)] }) }
        searchRadius = radius.map { r in
            // Beyond the corrected range the geodesic decides; give it a wide berth.
            let margin = r * maximumScale > PlanarFrame.correctedRange * 0.99 ? 1.05 : 1 + 1e-6
            return r * maximumScale * margin + 0.01
        }
    }

    /// Calls `body(residence, squared planar distance)` for every indexed residence within its zone's
    /// search radius of (x, y).
    @inline(__always)
    func forEach(nearX x: Double, y: Double, _ body: (Int, Double) -> Void) {
        for zone in 0..<trees.count where trees[zone].count > 0 {
            let list = items[zone]
            trees[zone].forEach(within: searchRadius[zone], x: x, y: y) { position, squared in
                body(Int(list[Int(position)]), squared)
            }
        }
    }
}
