/// Builds, per candidate site, the set of currently uncovered residences it would cover on its own,
/// by the engine's rule (see `CoverageLedger`): same land mass, nearer in the plane than the
/// residence's current nearest station, and within the residence's zone radius by the engine's
/// distance.
enum CoverageSetBuilder {
    /// - Parameters:
    ///   - universe: the residences that count (uncovered, in scope, population > 0); element `e` of
    ///     the result is `universe[e]`, weighted by its population.
    ///   - candidates: indices into `sites`; set `s` of the result belongs to `candidates[s]`.
    ///   - maximumScale: the largest scale factor of any residence or site.
    /// - Complexity: O(c · (log n + k)) for c candidates and k residences within reach of each, in
    ///   parallel chunks over the candidates; no allocation per candidate.
    static func build(
        universe: [Int32], candidates: [Int], sites: PlacedColumns, ledger: CoverageLedger, maximumScale: Double
    ) -> CoverageSets {
        let residences = ledger.residences
        let plane = ledger.plane
        let radius = ledger.radius
        let nearestSquared = ledger.nearestSquared
        let weights = universe.map { residences.populations[Int($0)] }
        var elementIndex = [Int32](repeating: -1, count: residences.count)
        for (e, r) in universe.enumerated() { elementIndex[Int(r)] = Int32(e) }
        let elementOf = elementIndex
        let trees = ZoneTrees(
            residences: universe, zones: residences.zones, plane: plane, radius: radius, maximumScale: maximumScale)
        let hasMasses = !plane.landMass.isEmpty && !sites.landMass.isEmpty

        let residenceColumns = plane.columns
        let siteColumns = sites.columns

        let chunks = ParallelChunks(count: candidates.count, parts: max(1, min(256, candidates.count / 64))).map {
            _, range -> (counts: [Int32], members: [Int32]) in
            var counts = [Int32](repeating: 0, count: range.count)
            var members: [Int32] = []
            for (offset, c) in candidates[range].enumerated() {
                let before = members.count
                let siteMass = sites.mass(c)
                trees.forEach(nearX: siteColumns.x[c], y: siteColumns.y[c]) { r, squared in
                    if hasMasses, !LandMasses.reachable(plane.landMass[r], siteMass) { return }
                    guard squared < nearestSquared[r] else { return }
                    let metres = CoverageEngine.distance(squared: squared, from: r, of: residenceColumns, to: c, of: siteColumns)
                    if metres <= radius[Int(residences.zones[r].rawValue)] { members.append(elementOf[r]) }
                }
                counts[offset] = Int32(members.count - before)
            }
            return (counts, members)
        }
        var offsets = [Int]()
        offsets.reserveCapacity(candidates.count + 1)
        offsets.append(0)
        var members = [Int32]()
        members.reserveCapacity(chunks.reduce(0) { $0 + $1.members.count })
        for chunk in chunks {
            for count in chunk.counts { offsets.append(offsets.last! + Int(count)) }
            members.append(contentsOf: chunk.members)
        }
        return CoverageSets(weights: weights, offsets: offsets, members: members)
    }
}
