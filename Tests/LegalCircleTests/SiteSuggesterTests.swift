import Foundation
import LegalCircle
import LegalCircleBench
import Testing

/// `SiteSuggester` on maps: known answers, the promise checked against the engine itself, land masses,
/// the projection guard, and the optimality gap against an exact reference built from engine runs.
@Suite struct SiteSuggesterTests {
    static let origin = GeoCoordinate(longitude: 120.3, latitude: 30.2)
    static let parameters = CoverageParameters(profile: .standard)

    /// Urban residences east–west of the origin; the far points only widen the data's extent.
    static func line(_ offsets: [(Double, Double)]) -> ResidenceTable {
        ResidenceTable(offsets.enumerated().map { index, entry in
            Residence(
                id: "R\(index)", location: offset(origin, azimuth: entry.0 < 0 ? 270 : 90, metres: abs(entry.0)),
                population: entry.1, county: "330102", zone: .urban)
        })
    }
    static let farPoints = [
        point("FAR1", offset(origin, azimuth: 45, metres: 30_000), county: "330102"),
        point("FAR2", offset(origin, azimuth: 225, metres: 30_000), county: "330102"),
    ]
    static func candidate(_ metres: Double, _ name: String) -> SiteCandidate {
        SiteCandidate(
            location: offset(origin, azimuth: metres < 0 ? 270 : 90, metres: abs(metres)), county: "330102", id: name,
            name: name)
    }

    /// The engine's coverage with the sites added: the independent check of every promise.
    static func recompute(
        _ suggestion: SiteSuggestion, points: [ServicePoint], residences: ResidenceTable, prefix: Int? = nil,
        boundaries: [Boundary]? = nil
    ) throws -> CoverageAnalysis {
        let added = Array(suggestion.servicePoints(joining: points).prefix(prefix ?? suggestion.sites.count))
        let all = points + added
        return try CoverageEngine.analyse(points: all, residences: residences, parameters: parameters, boundaries: boundaries)
    }

    @Test func greedyIsTrappedOnTheMapAndSwapsFindTheOptimum() throws {
        // 200 | 400 · 400 | 200 people at −1600, −400, +400, +1600 m; the centre site reaches the two
        // 400s (8 hundred), each side site a 200 and a 400 (6 hundred): the two sides are optimal.
        let residences = Self.line([(-1600, 200), (-400, 400), (400, 400), (1600, 200)])
        let candidates = [Self.candidate(0, "centre"), Self.candidate(-1000, "west"), Self.candidate(1000, "east")]
        let greedy = try SiteSuggester.suggest(
            points: Self.farPoints, residences: residences, parameters: Self.parameters, candidates: candidates,
            request: SuggestionRequest(goal: .count(2), localSearch: false))
        #expect(greedy.sites.map(\.candidate.id) == ["centre", "west"])
        #expect(greedy.sites.map(\.newlyCovered) == [800, 200])
        let best = try SiteSuggester.suggest(
            points: Self.farPoints, residences: residences, parameters: Self.parameters, candidates: candidates,
            request: SuggestionRequest(goal: .count(2)))
        #expect(Set(best.sites.map(\.candidate.id)) == ["west", "east"] && best.swaps == 1)
        #expect(best.sites.map(\.newlyCovered) == [600, 600])
        #expect(best.sites.last?.regionCovered == 1200 && best.sites.last?.regionCoveragePercent == 100)
        let check = try Self.recompute(best, points: Self.farPoints, residences: residences)
        #expect(check.report.total.covered == 1200 && check.result.covered == best.promisedCovered)
    }

    @Test func targetGivesTheFewestSitesOrSaysItIsNotReachable() throws {
        let residences = Self.line([(-1600, 200), (-400, 400), (400, 400), (1600, 200), (9000, 300)])
        let candidates = [Self.candidate(0, "centre"), Self.candidate(-1000, "west"), Self.candidate(1000, "east")]
        // 1,500 residents: 80 % needs 1,200, which only west + east give; the centre alone is 53 %.
        let reached = try SiteSuggester.suggest(
            points: Self.farPoints, residences: residences, parameters: Self.parameters, candidates: candidates,
            request: SuggestionRequest(goal: .target(percent: 80)))
        #expect(reached.targets.count == 1 && reached.targets[0].status == .reached)
        #expect(reached.sites.count == 2 && reached.targets[0].coveredAfter == 1200)
        let fifty = try SiteSuggester.suggest(
            points: Self.farPoints, residences: residences, parameters: Self.parameters, candidates: candidates,
            request: SuggestionRequest(goal: .target(percent: 50)))
        #expect(fifty.sites.map(\.candidate.id) == ["centre"] && fifty.targets[0].status == .reached)
        // The hamlet 9 km out has no candidate near it: at most 1,200 of 1,500.
        let unreachable = try SiteSuggester.suggest(
            points: Self.farPoints, residences: residences, parameters: Self.parameters, candidates: candidates,
            request: SuggestionRequest(goal: .target(percent: 95)))
        #expect(unreachable.sites.isEmpty)
        #expect(unreachable.targets[0].status == .notReachable(bestPercent: 80, sitesNeeded: 2))
        let met = try SiteSuggester.suggest(
            points: Self.farPoints, residences: residences, parameters: Self.parameters, candidates: candidates,
            request: SuggestionRequest(goal: .target(percent: 0.001)))
        #expect(met.targets[0].status == .reached || met.targets[0].status == .alreadyMet)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func everyPromisedFigureIsWhatTheEngineComputesWithTheSitesAdded(seed: UInt64) throws {
        let (points, residences) = DemoGenerator(seed: seed).generate(residences: 20_000, points: 300)
        let suggestion = try SiteSuggester.suggest(
            points: points, residences: residences, parameters: Self.parameters, request: SuggestionRequest(goal: .count(8)))
        #expect(suggestion.sites.count == 8 && suggestion.projectionMoves == 0)
        #expect(suggestion.finalCovered >= suggestion.greedyCovered)
        // The bound holds the answer (and greedy's); the answer is what the sites newly cover.
        let bound = try #require(suggestion.bound)
        #expect(bound.value >= suggestion.finalCovered && bound.value <= bound.submodular)
        let gained = (suggestion.sites.last?.regionCovered ?? 0) - suggestion.regionCoveredBefore
        #expect(abs(suggestion.finalCovered - gained) <= 1e-9 * gained)
        var previous = suggestion.regionCoveredBefore
        for site in suggestion.sites {
            let check = try Self.recompute(suggestion, points: points, residences: residences, prefix: site.rank)
            #expect(check.report.total.covered == site.regionCovered, "site \(site.rank)")
            let county = try #require(check.report.counties.first { $0.county == site.county })
            #expect(county.covered == site.countyCovered && county.residents == site.countyResidents)
            #expect(site.regionCovered - previous == site.newlyCovered && site.newlyCovered > 0)
            previous = site.regionCovered
            if site.rank == suggestion.sites.count { #expect(check.result.covered == suggestion.promisedCovered) }
        }
        // Per county: the whole scope counts only that county, and its sites lie in it.
        let code = residences.counties.codes.sorted()[0]
        let local = try SiteSuggester.suggest(
            points: points, residences: residences, parameters: Self.parameters,
            request: SuggestionRequest(goal: .count(3), county: code))
        #expect(local.sites.allSatisfy { $0.county == code } && local.sites.count == 3)
        let check = try Self.recompute(local, points: points, residences: residences)
        #expect(check.result.covered == local.promisedCovered)
    }

    @Test func aSiteAcrossWaterServesNoOneOnTheIsland() throws {
        // Mainland west of 120.30°E, an island east of 120.31°E: 900 m of sea between them.
        func square(_ west: Double, _ east: Double) -> GeoPolygon {
            GeoPolygon(exterior: [
                GeoCoordinate(longitude: west, latitude: 30.1), GeoCoordinate(longitude: east, latitude: 30.1),
                GeoCoordinate(longitude: east, latitude: 30.3), GeoCoordinate(longitude: west, latitude: 30.3),
                GeoCoordinate(longitude: west, latitude: 30.1),
            ])
        }
        let boundaries = [
            Boundary(code: "330902", name: "岛", polygons: [square(120.31, 120.4)]),
            Boundary(code: "330102", name: "陆", polygons: [square(120.2, 120.30)]),
        ]
        let island = Residence(
            id: "I", location: GeoCoordinate(longitude: 120.312, latitude: 30.2), population: 50, county: "330902", zone: .island)
        let mainland = Residence(
            id: "M", location: GeoCoordinate(longitude: 120.25, latitude: 30.2), population: 30, county: "330102", zone: .urban)
        let residences = ResidenceTable([island, mainland])
        // Two far points (on no land mass, so reaching every residence but too far to cover any) widen
        // the data's extent around both candidates.
        let points = [
            point("P", GeoCoordinate(longitude: 120.25, latitude: 30.2), county: "330102"),
            point("W", GeoCoordinate(longitude: 120.0, latitude: 30.0), county: nil),
            point("E", GeoCoordinate(longitude: 120.6, latitude: 30.4), county: nil),
        ]
        let candidates = [
            SiteCandidate(location: GeoCoordinate(longitude: 120.299, latitude: 30.2), county: nil, id: "shore"),
            SiteCandidate(location: GeoCoordinate(longitude: 120.35, latitude: 30.2), county: nil, id: "island"),
        ]
        let suggestion = try SiteSuggester.suggest(
            points: points, residences: residences, parameters: Self.parameters, boundaries: boundaries,
            candidates: candidates, request: SuggestionRequest(goal: .count(2)))
        // The shore site is 1.2 km from the islanders, inside their 5.4 km drive, but across water.
        #expect(suggestion.sites.map(\.candidate.id) == ["island"])
        #expect(suggestion.sites[0].county == "330902" && suggestion.sites[0].newlyCovered == 50)
        let check = try Self.recompute(suggestion, points: points, residences: residences, boundaries: boundaries)
        #expect(check.result.covered == suggestion.promisedCovered && check.report.total.covered == 80)
    }

    @Test func aSiteOutsideTheDataMovesTheProjectionAndThePromiseStillHolds() throws {
        // The easternmost residents sit at the edge of the data; the only site that reaches them lies
        // 800 m further east, so adding it moves the centre of the recomputation's projection.
        let residences = Self.line([(-400, 400), (400, 400), (5000, 300)])
        let outside = Self.candidate(5800, "outside")
        let inside = Self.candidate(0, "centre")
        let points = [point("W", offset(Self.origin, azimuth: 270, metres: 6000), county: "330102")]
        let suggestion = try SiteSuggester.suggest(
            points: points, residences: residences, parameters: Self.parameters, candidates: [inside, outside],
            request: SuggestionRequest(goal: .count(2)))
        #expect(suggestion.sites.map(\.candidate.id) == ["centre", "outside"] && suggestion.projectionMoves == 1)
        #expect(suggestion.sites.map(\.newlyCovered) == [800, 300])
        let check = try Self.recompute(suggestion, points: points, residences: residences)
        #expect(check.projectionDefinition == suggestion.projectionDefinition)
        #expect(check.result.covered == suggestion.promisedCovered && check.report.total.covered == 1100)
        let base = try CoverageEngine.analyse(points: points, residences: residences, parameters: Self.parameters)
        #expect(base.projectionDefinition != check.projectionDefinition, "the site moved the projection")
    }

    @Test func sitesBecomePointsWithNewIDsAndTheRuleKinds() throws {
        let residences = Self.line([(-1500, 400), (1500, 400)])
        let parameters = CoverageParameters(profile: .standard, kinds: [.mediation, .legalAid])
        // A file candidate whose id is taken by an existing point, and a generated one.
        let taken = SiteCandidate(location: offset(Self.origin, azimuth: 270, metres: 1500), county: "330102", id: "FAR1", name: "村委会")
        let suggestion = try SiteSuggester.suggest(
            points: Self.farPoints, residences: residences, parameters: parameters, candidates: [taken, Self.candidate(1500, "east")],
            request: SuggestionRequest(goal: .count(2)))
        let points = suggestion.servicePoints(joining: Self.farPoints)
        #expect(Set(points.map(\.id)) == ["FAR1-new1", "east"], "\(points.map(\.id))")
        #expect(points.allSatisfy { $0.kinds == [.mediation, .legalAid] && $0.level == .village })
        #expect(points.first { $0.id == "FAR1-new1" }?.name == "村委会")
        let generated = try SiteSuggester.suggest(
            points: Self.farPoints, residences: residences, parameters: parameters, request: SuggestionRequest(goal: .count(1)))
        #expect(generated.servicePoints().map(\.id) == ["NEW001"] && generated.servicePoints()[0].name == "建议站点 1")
    }
}
