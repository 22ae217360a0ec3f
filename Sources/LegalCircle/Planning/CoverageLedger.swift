/// The engine's coverage of every residence, kept up to date as sites are added one by one, so that
/// what `suggest` promises is what a recomputation with the sites added will report.
///
/// The engine covers a residence when the eligible point nearest to it in the plane (among those on
/// a reachable land mass) is within the zone's radius by the scale-corrected distance. Adding a site
/// therefore changes a residence only when the site is nearer in the plane than its current nearest
/// point; the ledger keeps that squared planar distance per residence and applies the same rule, with
/// the same projection, arithmetic and land-mass test. Exact ties in planar distance (two stations at
/// the very same distance to the last bit) are the one case left to the engine's tree order.
///
/// In a run by network travel, a residence attached to a road of its mode is covered by its seconds
/// over the roads instead: adding a site gives it the lesser of its current seconds and its seconds to
/// the site alone (`RoadTravel.reach`), which is what the multi-source search of `report` gives with
/// the site among the stations (rounded addition is monotone, so the least over stations of a path sum
/// is the multi-source sum). The residences off the roads keep the straight-line rule above.
struct CoverageLedger {
    let residences: ResidenceTable
    let plane: PlacedColumns
    /// Radius per zone (`Zone.rawValue`), metres.
    let radius: [Double]
    /// Squared planar distance to the residence's current nearest reachable station, +∞ for none
    /// (straight-line estimate: the residences not attached to the roads).
    private(set) var nearestSquared: [Double]
    /// In a run by network travel, per residence, whether it is attached to a road of its mode; empty
    /// for the straight-line estimate.
    let attached: [Bool]
    /// Seconds over the roads to the nearest station of each attached residence (+∞ elsewhere).
    private(set) var networkSeconds: [Double]
    let targetMinutes: Double
    private(set) var covered: [Bool]
    /// Covered population and residents per group: 0 for residences without a county, g for county
    /// index g − 1 of `residences.counties`.
    private(set) var groupCovered: [Double]
    let groupResidents: [Double]
    private(set) var totalCovered: Double
    let totalResidents: Double
    /// The residences a site can change: the uncovered, and the covered whose distance is so close to
    /// the radius that a station nearer in the plane could be farther on the ellipsoid.
    private let sensitive: ZoneTrees

    /// What adding one site changed.
    struct Effect {
        /// Net change of the covered population (a residence can in principle lose coverage, see above).
        var covered = 0.0
        /// Net change per group.
        var byGroup: [Int: Double] = [:]
    }

    /// - Parameters:
    ///   - nearestSquared: per residence, the squared planar distance to the station the engine chose.
    ///   - report: the engine's report of the same run; the starting sums are its figures.
    ///   - scaleRange: the smallest and largest scale factor of every residence, point and candidate.
    init(
        residences: ResidenceTable, plane: PlacedColumns, radius: [Double], result: CoverageResult,
        nearestSquared: [Double], report: CoverageReport, scaleRange: ClosedRange<Double>, network: NetworkOutcome? = nil,
        targetMinutes: Double
    ) {
        self.residences = residences
        self.plane = plane
        self.radius = radius
        self.nearestSquared = nearestSquared
        attached = network?.travel.attached ?? []
        networkSeconds = network.map { outcome in
            outcome.travel.seconds.indices.map { outcome.travel.attached[$0] ? outcome.travel.seconds[$0] : .infinity }
        } ?? []
        self.targetMinutes = targetMinutes
        covered = result.covered
        var groupCovered = [Double](repeating: 0, count: residences.counties.codes.count + 1)
        var groupResidents = groupCovered
        for row in report.counties {
            let group = row.county.isEmpty ? 0 : residences.counties.index(of: row.county).map { Int($0) + 1 }
            guard let group else { continue }
            groupCovered[group] = row.covered
            groupResidents[group] = row.residents
        }
        self.groupCovered = groupCovered
        self.groupResidents = groupResidents
        totalCovered = report.total.covered
        totalResidents = report.total.residents

        // A covered residence at engine distance d can only flip when d > radius · kmin / kmax (a
        // nearer planar distance that is farther on the ellipsoid needs that much scale difference).
        let ratio = scaleRange.lowerBound / scaleRange.upperBound * (1 - 1e-9)
        let fragile = radius.map { r in r * scaleRange.upperBound > PlanarFrame.correctedRange * 0.99 ? 0 : r * ratio }
        var indices: [Int32] = []
        let attached = self.attached
        for i in 0..<residences.count
        where !(attached.isEmpty ? false : attached[i])
            && (!result.covered[i] || result.distance[i] >= fragile[Int(residences.zones[i].rawValue)]) {
            indices.append(Int32(i))
        }
        sensitive = ZoneTrees(
            residences: indices, zones: residences.zones, plane: plane, radius: radius,
            maximumScale: scaleRange.upperBound)
    }

    /// The group of a county code: 0 for nil or empty, nil when no residence has that county.
    func group(ofCounty code: String?) -> Int? {
        guard let code, !code.isEmpty else { return 0 }
        return residences.counties.index(of: code).map { Int($0) + 1 }
    }

    /// Whether residence `r` is covered by its seconds over the roads (attached in a network run).
    @inline(__always)
    func isOnRoads(_ r: Int) -> Bool { !attached.isEmpty && attached[r] }

    /// Adds site `s` of `sites` as an eligible station and applies the engine's rule to every
    /// residence it can change.
    /// - Parameter roadReach: in a network run, the attached residences that reach the site alone
    ///   within the target and their seconds (`RoadTravel.reach`); those already covered may be left out.
    /// - Complexity: O(log n + k) for k sensitive residences within reach.
    mutating func add(site s: Int, of sites: PlacedColumns, roadReach: [(residence: Int32, seconds: Double)] = []) -> Effect {
        var effect = Effect()
        func record(_ r: Int, nowCovered: Bool) {
            guard nowCovered != covered[r] else { return }
            covered[r] = nowCovered
            let change = nowCovered ? residences.populations[r] : -residences.populations[r]
            let group = Int(residences.countyIndices[r]) + 1
            effect.covered += change
            effect.byGroup[group, default: 0] += change
        }
        for (r32, seconds) in roadReach {
            let r = Int(r32)
            precondition(isOnRoads(r), "a residence off the roads reached over them")
            guard seconds < networkSeconds[r] else { continue }
            networkSeconds[r] = seconds
            record(r, nowCovered: CoverageEngine.coveredByRoads(seconds: seconds, targetMinutes: targetMinutes))
        }
        let siteMass = sites.mass(s)
        let hasMasses = !plane.landMass.isEmpty && !sites.landMass.isEmpty
        let residenceColumns = plane.columns
        let siteColumns = sites.columns
        sensitive.forEach(nearX: siteColumns.x[s], y: siteColumns.y[s]) { r, squared in
            if hasMasses, !LandMasses.reachable(plane.landMass[r], siteMass) { return }
            guard squared < nearestSquared[r] else { return }
            nearestSquared[r] = squared
            let metres = CoverageEngine.distance(squared: squared, from: r, of: residenceColumns, to: s, of: siteColumns)
            record(r, nowCovered: metres <= radius[Int(residences.zones[r].rawValue)])
        }
        totalCovered += effect.covered
        for (group, change) in effect.byGroup { groupCovered[group] += change }
        return effect
    }
}
