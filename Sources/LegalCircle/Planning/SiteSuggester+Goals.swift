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
    /// With `.count`: the certified bound, and the instance when asked to keep it.
    private(set) var bound: CoverageBound?
    private(set) var instance: CoverageInstance?
    private let keepsInstance: Bool
    private let clock = ContinuousClock()
    /// In a run by network travel, the last sets built and each candidate's reach over the roads, for
    /// adding the candidates chosen from them.
    private var roadSets: RoadCoverageSets?

    init(context: SuggestionContext, localSearch: Bool, keepsInstance: Bool = false) {
        self.context = context
        self.localSearch = localSearch
        self.keepsInstance = keepsInstance
    }

    /// Up to `count` sites covering the most uncovered population of the scope, and a certified bound
    /// on what any `count` candidates could cover.
    mutating func solveCount(_ count: Int, county: String?) throws {
        let (sets, candidates, universe) = coverageSets(county: county)
        var start = clock.now
        let greedy = GreedyMaxCover.select(sets, count: count)
        timings.greedy += (clock.now - start).seconds
        greedyCovered += greedy.coveredWeight
        var chosen = greedy
        start = clock.now
        let elementSets = sets.transposed()
        if localSearch {
            let outcome = MaxCoverSolver(sets: sets, elementSets: elementSets).solve(count: count, greedy: greedy)
            chosen = outcome.best
            swaps += outcome.swaps
            timings.localSearch += (clock.now - start).seconds
            let deep = GuidedSearch(sets: sets, elementSets: elementSets).improve(chosen, count: count)
            chosen = deep.best
            swaps += deep.swaps
            bound = deep.bound
            timings.localSearch += deep.searchSeconds
            timings.bound += deep.boundSeconds
        } else {
            bound = LagrangianRelaxation(sets: sets, elementSets: elementSets, count: count)
                .optimise(incumbent: greedy.sets).bound
            timings.bound += (clock.now - start).seconds
        }
        finalCovered += chosen.coveredWeight
        if keepsInstance {
            instance = CoverageInstance(
                sets: sets, candidates: candidates.map { context.candidates[$0] }, residences: universe, count: count,
                greedy: greedy.sets, chosen: chosen.sets)
        }
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

        let (sets, candidates, _) = coverageSets(county: county)
        let start = clock.now
        let greedy = GreedyMaxCover.select(sets, count: .max, target: percent / 100 * residents - before)
        timings.greedy += (clock.now - start).seconds
        greedyCovered += greedy.coveredWeight
        guard reaches(before + greedy.coveredWeight) else {
            // Greedy ran out of candidates that add anyone: this is the most the candidates cover.
            let most = greedy.coveredWeight * (1 - 1e-12)
            let fewest = fewestSets(sets, from: greedy) { $0 >= most }
            outcome.status = .notReachable(
                bestPercent: (before + greedy.coveredWeight) / residents * 100, sitesNeeded: fewest.selection.sets.count)
            return
        }
        let best = fewestSets(sets, from: greedy) { reaches(before + $0) }
        finalCovered += best.selection.coveredWeight
        try add(best.selection.sets.map { candidates[$0] })
        outcome.coveredAfter = context.ledger.groupCovered[group]
        outcome.sites = best.selection.sets.count
        outcome.sitesLowerBound = best.lowerBound
        outcome.status = reaches(outcome.coveredAfter)
            ? .reached : .notReachable(bestPercent: outcome.percentAfter, sitesNeeded: best.selection.sets.count)
    }

    /// Greedy's choice, or fewer sets that still cover `enough`: one site fewer at a time, with swaps
    /// and restarts and then the guided search, while that suffices (only with local search); and a
    /// certified lower bound on the number of sets any choice needs: the fewest k whose upper bound
    /// (`LagrangianRelaxation.bounds`, at the multipliers of one site fewer than found) covers `enough`.
    private mutating func fewestSets(
        _ sets: CoverageSets, from greedy: CoverSelection, enough: (Double) -> Bool
    ) -> (selection: CoverSelection, lowerBound: Int) {
        let start = clock.now
        var boundSeconds = 0.0
        let elementSets = sets.transposed()
        let solver = MaxCoverSolver(sets: sets, elementSets: elementSets)
        var best = greedy
        var relaxation: LagrangianRelaxation.Outcome?
        while best.sets.count > 1 {
            let fewer = best.sets.count - 1
            if !localSearch {
                relaxation = LagrangianRelaxation(sets: sets, elementSets: elementSets, count: fewer)
                    .optimise(incumbent: Array(best.sets.prefix(fewer)))
                break
            }
            let outcome = solver.solve(count: fewer)
            swaps += outcome.swaps
            if enough(outcome.best.coveredWeight) {
                best = outcome.best
                continue
            }
            let deep = GuidedSearch(sets: sets, elementSets: elementSets).improve(outcome.best, count: fewer)
            swaps += deep.swaps
            boundSeconds += deep.boundSeconds
            if enough(deep.best.coveredWeight) {
                best = deep.best
                continue
            }
            relaxation = deep.relaxation
            break
        }
        let elapsed = (clock.now - start).seconds
        if localSearch {
            timings.localSearch += elapsed - boundSeconds
            timings.bound += boundSeconds
        } else {
            timings.bound += elapsed
        }
        guard let relaxation else { return (best, best.sets.count) }
        let bounds = LagrangianRelaxation.bounds(
            sets, multipliers: relaxation.multipliers, costs: relaxation.costs, upTo: best.sets.count - 1)
        let lowerBound = (bounds.firstIndex { enough($0) } ?? bounds.count) + 1
        return (best, min(lowerBound, best.sets.count))
    }

    /// The coverage sets of a scope: its uncovered residences as elements, its candidates as sets.
    /// - Returns: the sets, for each the index of its candidate, and the residence of each element.
    private mutating func coverageSets(county: String?) -> (CoverageSets, [Int], [Int32]) {
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
        if let roads = context.roads {
            let built = RoadCoverageSets(universe: universe, candidates: candidates, context: context, roads: roads)
            roadSets = built
            return (built.sets, candidates, universe)
        }
        let sets = CoverageSetBuilder.build(
            universe: universe, candidates: candidates, sites: context.sites, ledger: context.ledger,
            maximumScale: context.maximumScale)
        return (sets, candidates, universe)
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
                effect = context.ledger.add(site: c, of: context.sites, roadReach: roadSets?.roadReach(candidate: c) ?? [])
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
