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
    /// - Returns: for every residence, whether its nearest point as the crow flies is across water.
    static func restrict(
        _ result: inout CoverageResult, to landMasses: LandMassAssignment, residences: ResidenceTable,
        plane: (x: [Double], y: [Double], scale: [Double]),
        points: (longitudes: [Double], latitudes: [Double], scale: [Double], index: [Int32]),
        pointPlane: (x: [Double], y: [Double], scale: [Double]), profile: TravelProfile
    ) -> [Bool] {
        var acrossWater = [Bool](repeating: false, count: residences.count)
        // Trees per land mass, over the eligible slots on it or of unknown land mass; built on demand.
        var trees: [Int32: (tree: KDTree, slots: [Int])] = [:]
        func tree(for mass: Int32) -> (tree: KDTree, slots: [Int]) {
            if let known = trees[mass] { return known }
            let slots = points.index.indices.filter {
                LandMasses.reachable(landMasses.points[Int(points.index[$0])], mass)
            }
            let built = (KDTree(x: slots.map { pointPlane.x[$0] }, y: slots.map { pointPlane.y[$0] }), slots)
            trees[mass] = built
            return built
        }
        let table = profile.zoneTable
        for i in 0..<residences.count where result.nearestPoint[i] >= 0 {
            let mass = landMasses.residences[i]
            guard !LandMasses.reachable(mass, landMasses.points[Int(result.nearestPoint[i])]) else { continue }
            acrossWater[i] = true
            let local = tree(for: mass)
            let zone = Int(residences.zones[i].rawValue)
            guard let (position, squared) = local.tree.nearest(x: plane.x[i], y: plane.y[i]) else {
                result.nearestPoint[i] = -1
                result.distance[i] = .infinity
                result.minutes[i] = .infinity
                result.covered[i] = false
                continue
            }
            let slot = local.slots[Int(position)]
            let metres = distance(
                residence: i, slot: slot, squared: squared, residences: residences, plane: plane, points: points)
            result.nearestPoint[i] = points.index[slot]
            result.distance[i] = metres
            result.minutes[i] = metres * table.minutesPerMetre[zone]
            result.covered[i] = metres <= table.radius[zone]
        }
        return acrossWater
    }
}
