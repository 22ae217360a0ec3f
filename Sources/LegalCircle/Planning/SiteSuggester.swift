import Foundation

/// Chooses new service point locations that cover the most uncovered population under the run's
/// rule: greedy maximum coverage with lazy evaluation (`GreedyMaxCover`), improved by swaps from
/// several starts (`MaxCoverSolver`), over coverage sets built with the engine's projection, distance
/// and land-mass rule (`CoverageSetBuilder`); the figures promised per site come from applying the
/// engine's rule site by site (`CoverageLedger`).
public enum SiteSuggester {
    /// - Parameters:
    ///   - points, residences, parameters: the inputs of the coverage run to improve.
    ///   - boundaries: county polygons: islands are then served only from their own land mass (as in
    ///     `report`), and candidates without a county get the one containing them.
    ///   - candidates: where sites may go; nil to make them from the uncovered residences and areas.
    ///   - roads: plan over the road network, as `report` with these roads computes coverage (the
    ///     residences off the roads by the straight-line estimate, as there); nil for the estimate.
    /// - Throws: `SuggestionError` for a bad request or an unknown county; engine errors.
    public static func suggest(
        points: [ServicePoint], residences: ResidenceTable, parameters: CoverageParameters,
        boundaries: [Boundary]? = nil, candidates: [SiteCandidate]? = nil, roads: (any RoadTravel)? = nil,
        request: SuggestionRequest
    ) throws -> SiteSuggestion {
        switch request.goal {
        case .count(let count) where count < 1: throw SuggestionError("the number of sites must be at least 1")
        case .target(let percent) where !(percent > 0 && percent <= 100):
            throw SuggestionError("the target must be a coverage percentage above 0 and at most 100")
        default: break
        }
        if let county = request.county, residences.counties.index(of: county) == nil {
            throw SuggestionError("no residence is in county \(county)")
        }
        let clock = ContinuousClock()
        var start = clock.now
        var timings = SuggestionTimings()
        func lap() -> Double {
            let now = clock.now
            defer { start = now }
            return (now - start).seconds
        }

        let (analysis, islandRule) = try SuggestionContext.analyse(
            points: points, residences: residences, parameters: parameters, boundaries: boundaries, roads: roads)
        timings.coverage = lap()

        let prepared = try candidates.map { try SuggestionContext.located($0, countyIndex: boundaries.map { CountyIndex(boundaries: $0) }) }
        let context = try SuggestionContext(
            points: points, residences: residences, parameters: parameters, analysis: analysis, islandRule: islandRule,
            candidates: prepared, county: request.county, roads: roads)
        timings.candidates = lap()

        var solver = GoalSolver(context: context, localSearch: request.localSearch, keepsInstance: request.keepsInstance)
        switch request.goal {
        case .count(let count):
            try solver.solveCount(count, county: request.county)
        case .target(let percent):
            let counties = request.county.map { [$0] } ?? residences.counties.codes.sorted()
            for county in counties { try solver.solveTarget(percent, county: county) }
        }
        timings.sets = solver.timings.sets
        timings.greedy = solver.timings.greedy
        timings.localSearch = solver.timings.localSearch
        timings.bound = solver.timings.bound
        timings.promise = solver.timings.promise

        return SiteSuggestion(
            request: request, parameters: parameters, projectionDefinition: solver.context.frame.definition,
            sites: solver.sites, targets: solver.targets, regionCoveredBefore: analysis.report.total.covered,
            regionResidents: analysis.report.total.residents, candidateCount: context.candidates.count,
            projectionMoves: solver.projectionMoves, greedyCovered: solver.greedyCovered,
            finalCovered: solver.finalCovered, swaps: solver.swaps, bound: solver.bound, instance: solver.instance,
            promisedCovered: solver.context.ledger.covered, timings: timings, travelModel: analysis.network?.modelName,
            fallbackResidences: analysis.network?.fallbackCount)
    }
}
