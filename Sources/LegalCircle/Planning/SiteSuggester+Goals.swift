/// Solves the request's goal on the context, adding the chosen sites to the ledger in order.
struct GoalSolver {
    var context: SuggestionContext
    let localSearch: Bool
    private(set) var sites: [SuggestedSite] = []
    private(set) var targets: [CountyTargetOutcome] = []
    private(set) var greedyCovered = 0.0
    private(set) var finalCovered = 0.0
    private(set) var swaps = 0
    private(set) var projectionMoves = 0
    private(set) var timings = SuggestionTimings()
    private let clock = ContinuousClock()

    init(context: SuggestionContext, localSearch: Bool) {
        self.context = context
        self.localSearch = localSearch
    }

    /// Up to `count` sites covering the most uncovered population of the scope.
    mutating func solveCount(_ count: Int, county: String?) throws {
        let (sets, candidates) = instance(county: county)
        var start = clock.now
        let greedy = GreedyMaxCover.select(sets, count: count)
        timings.greedy += (clock.now - start).seconds
        greedyCovered += greedy.coveredWeight
        var chosen = greedy
        if localSearch {
            start = clock.now
            let outcome = MaxCoverSolver(sets: sets).solve(count: count, greedy: greedy)
            chosen = outcome.best
            swaps += outcome.swaps
            timings.localSearch += (clock.now - start).seconds
        }
        finalCovered += chosen.coveredWeight
        try add(chosen.sets.map { candidates[$0] })
    }

    /// The fewest sites in `county` that bring its coverage to `percent`, given the sites before.
    mutating func solveTarget(_ percent: Double, county: String) throws {
        guard let group = context.ledger.group(ofCounty: county) else { return }
        let residents = context.ledger.groupResidents[group]
        let before = context.ledger.groupCovered[group]
        guard residents > 0 else { return }
        func reaches(_ covered: Double) -> Bool { covered / residents * 100 >= percent }
        var outcome = CountyTargetOutcome(
            county: county, residents: residents, coveredBefore: before, coveredAfter: before, sites: 0, status: .alreadyMet)
        defer { targets.append(outcome) }
        guard !reaches(before) else { return }

        let (sets, candidates) = instance(county: county)
        let start = clock.now
        let greedy = GreedyMaxCover.select(sets, count: .max, target: percent / 100 * residents - before)
        timings.greedy += (clock.now - start).seconds
        greedyCovered += greedy.coveredWeight
        guard reaches(before + greedy.coveredWeight) else {
            // Greedy ran out of candidates that add anyone: this is the most the candidates cover.
            let most = greedy.coveredWeight * (1 - 1e-12)
            let fewest = fewestSets(sets, from: greedy) { $0 >= most }
            outcome.status = .notReachable(
                bestPercent: (before + greedy.coveredWeight) / residents * 100, sitesNeeded: fewest.sets.count)
            return
        }
        let best = fewestSets(sets, from: greedy) { reaches(before + $0) }
        finalCovered += best.coveredWeight
        try add(best.sets.map { candidates[$0] })
        outcome.coveredAfter = context.ledger.groupCovered[group]
        outcome.sites = best.sets.count
        outcome.status = reaches(outcome.coveredAfter)
            ? .reached : .notReachable(bestPercent: outcome.percentAfter, sitesNeeded: best.sets.count)
    }

    /// Greedy's choice, or fewer sets that still cover `enough`: one site fewer at a time, with swaps
    /// and restarts, while that suffices (only with local search).
    private mutating func fewestSets(
        _ sets: CoverageSets, from greedy: CoverSelection, enough: (Double) -> Bool
    ) -> CoverSelection {
        guard localSearch else { return greedy }
        let start = clock.now
        defer { timings.localSearch += (clock.now - start).seconds }
        let solver = MaxCoverSolver(sets: sets)
        var best = greedy
        while best.sets.count > 1 {
            let fewer = solver.solve(count: best.sets.count - 1)
            swaps += fewer.swaps
            guard enough(fewer.best.coveredWeight) else { break }
            best = fewer.best
        }
        return best
    }

    /// The coverage sets of a scope: its uncovered residences as elements, its candidates as sets.
    /// - Returns: the sets and, for each, the index of its candidate.
    private mutating func instance(county: String?) -> (CoverageSets, [Int]) {
        let start = clock.now
        defer { timings.sets += (clock.now - start).seconds }
        let residences = context.residences
        let countyIndex = county.flatMap { residences.counties.index(of: $0) }
        let covered = context.ledger.covered
        var universe: [Int32] = []
        for r in 0..<residences.count where !covered[r] && residences.populations[r] > 0 {
            if county == nil || residences.countyIndices[r] == countyIndex { universe.append(Int32(r)) }
        }
        let candidates = context.candidates.indices.filter { county == nil || context.candidates[$0].county == county }
        let sets = CoverageSetBuilder.build(
            universe: universe, candidates: candidates, sites: context.sites, ledger: context.ledger,
            maximumScale: context.maximumScale)
        return (sets, candidates)
    }

    /// Adds the sites in order and records what each does, by the engine's rule: through the ledger,
    /// or, when a site moves the projection, by a full engine run in the new one.
    private mutating func add(_ chosen: [Int]) throws {
        let start = clock.now
        defer { timings.promise += (clock.now - start).seconds }
        for c in chosen {
            let candidate = context.candidates[c]
            let before = context.ledger
            let station = ServicePoint(
                id: "site\(sites.count + 1)", name: "", kinds: context.parameters.kinds, level: .village,
                location: candidate.location, county: candidate.county)
            var effect: CoverageLedger.Effect
            if context.keepsFrame(adding: candidate.location) {
                effect = context.ledger.add(site: c, of: context.sites)
                context.points.append(station)
                context.extent.include(candidate.location)
            } else {
                context = try context.adding(station)
                projectionMoves += 1
                effect = CoverageLedger.Effect(covered: context.ledger.totalCovered - before.totalCovered)
                for group in before.groupCovered.indices where context.ledger.groupCovered[group] != before.groupCovered[group] {
                    effect.byGroup[group] = context.ledger.groupCovered[group] - before.groupCovered[group]
                }
            }
            let group = context.ledger.group(ofCounty: candidate.county)
            sites.append(
                SuggestedSite(
                    rank: sites.count + 1, candidate: candidate, newlyCovered: effect.covered,
                    newlyCoveredInCounty: group.map { effect.byGroup[$0] ?? 0 } ?? 0,
                    countyCovered: group.map { context.ledger.groupCovered[$0] },
                    countyResidents: group.map { context.ledger.groupResidents[$0] },
                    regionCovered: context.ledger.totalCovered, regionResidents: context.ledger.totalResidents))
        }
    }
}
