/// The coverage sets of a run by network travel: a residence attached to a road of its mode is in a
/// candidate's set when its seconds over the roads to the candidate alone (`RoadTravel.reach`, one
/// bounded search per candidate) cover it by `report`'s rule (`CoverageEngine.coveredByRoads`) and beat
/// its current seconds; a residence off the roads by the straight-line rule (`CoverageSetBuilder`),
/// as `report` keeps the estimate for it.
struct RoadCoverageSets {
    let sets: CoverageSets
    /// Per candidate of the sets, its reach over every attached residence uncovered when it was
    /// computed, in the whole region: what adding it does to the ledger (`CoverageLedger.add`).
    private let reach: SiteReach
    private let rowOfCandidate: [Int: Int]

    /// - Parameters:
    ///   - universe: the residences that count (uncovered, in scope, population > 0); element `e` of
    ///     the sets is `universe[e]`.
    ///   - candidates: indices into `context.candidates`; set `s` belongs to `candidates[s]`.
    /// - Complexity: one `RoadTravel.reach` over the candidates and the uncovered attached residences
    ///   of the region, plus `CoverageSetBuilder` over the residences off the roads.
    init(universe: [Int32], candidates: [Int], context: SuggestionContext, roads: any RoadTravel) {
        let ledger = context.ledger
        let residences = context.residences
        let profile = context.parameters.profile
        // Region-wide, whatever the scope: a site in one county may cover residences of the next.
        var pending: [Int32] = []
        for r in 0..<residences.count where ledger.isOnRoads(r) && !ledger.covered[r] { pending.append(Int32(r)) }
        let sites = candidates.map { context.candidates[$0].location }
        // A margin over the target so that no residence the rule covers is cut off by rounding.
        let limit = profile.minutes * 60 * (1 + 1e-9)
        let found = roads.reach(
            siteLongitudes: sites.map(\.longitude), siteLatitudes: sites.map(\.latitude),
            residenceLongitudes: pending.map { residences.longitudes[Int($0)] },
            residenceLatitudes: pending.map { residences.latitudes[Int($0)] },
            modes: pending.map { profile.zoneModes[residences.zones[Int($0)]]! }, limitSeconds: limit)
        reach = SiteReach(offsets: found.offsets, residences: found.residences.map { pending[Int($0)] }, seconds: found.seconds)
        rowOfCandidate = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1, $0) })

        var elementOf = [Int32](repeating: -1, count: residences.count)
        for (e, r) in universe.enumerated() { elementOf[Int(r)] = Int32(e) }
        let offRoads = universe.filter { !ledger.isOnRoads(Int($0)) }
        let straight = CoverageSetBuilder.build(
            universe: offRoads, candidates: candidates, sites: context.sites, ledger: ledger, maximumScale: context.maximumScale)
        var offsets = [0]
        offsets.reserveCapacity(candidates.count + 1)
        var members: [Int32] = []
        for s in 0..<candidates.count {
            for e in straight.members(of: s) { members.append(elementOf[Int(offRoads[Int(e)])]) }
            for k in reach.row(s) {
                let r = Int(reach.residences[k])
                let seconds = reach.seconds[k]
                guard elementOf[r] >= 0, seconds < ledger.networkSeconds[r],
                    CoverageEngine.coveredByRoads(seconds: seconds, targetMinutes: profile.minutes)
                else { continue }
                members.append(elementOf[r])
            }
            offsets.append(members.count)
        }
        sets = CoverageSets(weights: universe.map { residences.populations[Int($0)] }, offsets: offsets, members: members)
    }

    /// What candidate `c` (an index into the context's candidates, one of the sets') reaches over the
    /// roads, for `CoverageLedger.add`.
    func roadReach(candidate c: Int) -> [(residence: Int32, seconds: Double)] {
        guard let row = rowOfCandidate[c] else { preconditionFailure("candidate \(c) is not among the sets") }
        return reach.row(row).map { (reach.residences[$0], reach.seconds[$0]) }
    }
}
