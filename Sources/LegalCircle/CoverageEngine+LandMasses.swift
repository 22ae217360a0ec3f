/// The island rule: a residence is served only by points on its own land mass, or on one joined to it
/// by a fixed link. The land masses are those of the county boundaries (`LandMasses`) joined by the
/// profile's links; a location of unknown land mass (-1) reaches and is reached from every one.
///
/// The one place the rule is built, for coverage (`CoverageEngine.analyse`), planning and zone
/// assignment alike.
public struct IslandRule: Sendable {
    public let landMasses: LandMasses
    /// The land mass of every residence of the table the rule was built for.
    public let residences: [Int32]

    /// - Parameters:
    ///   - boundaries: the county polygons; nil gives no rule (nil).
    ///   - links: the profile's bridges, tunnels and causeways (`TravelProfile.links`).
    ///   - residences: the residences whose land masses are found once here.
    public init?(boundaries: [Boundary]?, links: [FixedLink], residences: ResidenceTable) {
        guard let boundaries else { return nil }
        landMasses = LandMasses(boundaries: boundaries, links: links)
        self.residences = landMasses.landMasses(longitudes: residences.longitudes, latitudes: residences.latitudes)
    }

    /// The land mass of each location (candidate sites).
    public func landMasses(longitudes: [Double], latitudes: [Double]) -> [Int32] {
        landMasses.landMasses(longitudes: longitudes, latitudes: latitudes)
    }

    /// The land masses of the residences and of these points.
    public func assignment(points: [ServicePoint]) -> LandMassAssignment {
        LandMassAssignment(
            residences: residences,
            points: landMasses(longitudes: points.map(\.location.longitude), latitudes: points.map(\.location.latitude)))
    }
}

/// The land mass of every residence and service point (see `LandMasses`); -1 means unknown, which
/// reaches and is reached from every land mass.
public struct LandMassAssignment: Sendable {
    public var residences: [Int32]
    /// One per entry of the service point array given to the engine.
    public var points: [Int32]

    public init(residences: [Int32], points: [Int32]) {
        self.residences = residences
        self.points = points
    }
}

extension CoverageEngine {
    /// Re-answers, from the points of their own land mass only, the residences whose nearest point
    /// as the crow flies lies across water. Few residences are affected (islanders), so the first pass
    /// stays a single tree over all points.
    /// - Parameters:
    ///   - points: the eligible points, projected; `pointIndex` gives each one's index in the point array.
    /// - Returns: for every residence, whether its nearest point as the crow flies is across water.
    static func restrict(
        _ result: inout CoverageResult, to landMasses: LandMassAssignment, residences: ResidenceTable,
        plane: ProjectedColumns, points: ProjectedColumns, pointIndex: [Int32], profile: TravelProfile
    ) -> [Bool] {
        var acrossWater = [Bool](repeating: false, count: residences.count)
        // Trees per land mass, over the eligible slots on it or of unknown land mass; built on demand.
        var trees: [Int32: (tree: KDTree, slots: [Int])] = [:]
        func tree(for mass: Int32) -> (tree: KDTree, slots: [Int]) {
            if let known = trees[mass] { return known }
            let slots = pointIndex.indices.filter {
                LandMasses.reachable(landMasses.points[Int(pointIndex[$0])], mass)
            }
            let built = (KDTree(x: slots.map { points.x[$0] }, y: slots.map { points.y[$0] }), slots)
            trees[mass] = built
            return built
        }
        let table = profile.zoneTable
        for i in 0..<residences.count where result.nearestPoint[i] >= 0 {
            let mass = landMasses.residences[i]
            guard !LandMasses.reachable(mass, landMasses.points[Int(result.nearestPoint[i])]) else { continue }
            acrossWater[i] = true
            let local = tree(for: mass)
            guard let (position, squared) = local.tree.nearest(x: plane.x[i], y: plane.y[i]) else {
                result.nearestPoint[i] = -1
                result.distance[i] = .infinity
                result.minutes[i] = .infinity
                result.covered[i] = false
                continue
            }
            let slot = local.slots[Int(position)]
            let metres = distance(squared: squared, from: i, of: plane, to: slot, of: points)
            result.nearestPoint[i] = pointIndex[slot]
            result.distance[i] = metres
            (result.minutes[i], result.covered[i]) = table.estimate(metres: metres, zone: residences.zones[i])
        }
        return acrossWater
    }
}
