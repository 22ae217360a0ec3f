/// The engine's coverage of every residence, kept up to date as sites are added one by one, so that
/// what `suggest` promises is what a recomputation with the sites added will report.
///
/// The engine covers a residence when the eligible point nearest to it in the plane (among those on
/// a reachable land mass) is within the zone's radius by the scale-corrected distance. Adding a site
/// therefore changes a residence only when the site is nearer in the plane than its current nearest
/// point; the ledger keeps that squared planar distance per residence and applies the same rule, with
/// the same projection, arithmetic and land-mass test. Exact ties in planar distance (two stations at
/// the very same distance to the last bit) are the one case left to the engine's tree order.
struct CoverageLedger {
    let residences: ResidenceTable
    let plane: PlacedColumns
    /// Radius per zone (`Zone.rawValue`), metres.
    let radius: [Double]
    /// Squared planar distance to the residence's current nearest reachable station, +∞ for none.
    private(set) var nearestSquared: [Double]
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
        nearestSquared: [Double], report: CoverageReport, scaleRange: ClosedRange<Double>
    ) {
        self.residences = residences
        self.plane = plane
        self.radius = radius
        self.nearestSquared = nearestSquared
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
        for i in 0..<residences.count
        where !result.covered[i] || result.distance[i] >= fragile[Int(residences.zones[i].rawValue)] {
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

    /// Adds site `s` of `sites` as an eligible station and applies the engine's rule to every
    /// residence it can change.
    /// - Complexity: O(log n + k) for k sensitive residences within reach.
    mutating func add(site s: Int, of sites: PlacedColumns) -> Effect {
        var effect = Effect()
        let siteMass = sites.mass(s)
        let hasMasses = !plane.landMass.isEmpty && !sites.landMass.isEmpty
        let residenceColumns = plane.columns
        let siteColumns = sites.columns
        sensitive.forEach(nearX: siteColumns.x[s], y: siteColumns.y[s]) { r, squared in
            if hasMasses, !LandMasses.reachable(plane.landMass[r], siteMass) { return }
            guard squared < nearestSquared[r] else { return }
            nearestSquared[r] = squared
            let metres = CoverageEngine.distance(squared: squared, from: r, of: residenceColumns, to: s, of: siteColumns)
            let nowCovered = metres <= radius[Int(residences.zones[r].rawValue)]
            guard nowCovered != covered[r] else { return }
            covered[r] = nowCovered
            let change = nowCovered ? residences.populations[r] : -residences.populations[r]
            let group = Int(residences.countyIndices[r]) + 1
            effect.covered += change
            effect.byGroup[group, default: 0] += change
        }
        totalCovered += effect.covered
        for (group, change) in effect.byGroup { groupCovered[group] += change }
        return effect
    }
}
