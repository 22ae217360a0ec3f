import Foundation
import LegalCircle
import Testing

@testable import LegalCircleRoads

/// `suggest` over the roads (issue 19): the sites it chooses, added to the points and recomputed by
/// the coverage engine over the same roads (what `report` runs), give per residence the coverage it
/// promised, and site by site the promised totals.
@Suite("Suggest over the roads gives what report computes")
struct NetworkSuggestionTests {
    /// Residences in the random network's box (a third of each zone whose mode is walk, cycle, drive),
    /// and a populous hamlet 3 km off every road, which `report` times by the straight-line estimate.
    static func residences(_ count: Int, seed: UInt64) -> ResidenceTable {
        var random = SplitMix64(seed: seed)
        let zones: [Zone] = [.urban, .rural, .mountain]
        let inBox = (0..<count).map { i in
            Residence(
                id: "R\(i)", location: GeoCoordinate(longitude: random.uniform(119.995, 120.055), latitude: random.uniform(29.995, 30.055)),
                population: Double(1 + random.index(below: 50)), county: i % 2 == 0 ? "330102" : "330106",
                zone: zones[random.index(below: zones.count)])
        }
        let hamlet = (0..<hamletSize).map { i in
            Residence(
                id: "H\(i)", location: GeoCoordinate(longitude: 120.08 + random.uniform(0, 0.003), latitude: 30.08 + random.uniform(0, 0.003)),
                population: 200, county: "330106", zone: .urban)
        }
        return ResidenceTable(inBox + hamlet)
    }

    static let hamletSize = 12

    static let points = [
        ServicePoint(
            id: "P1", name: "站一", kinds: .all, level: .township, location: GeoCoordinate(longitude: 120.01, latitude: 30.01),
            county: "330102"),
        ServicePoint(
            id: "P2", name: "站二", kinds: .all, level: .township, location: GeoCoordinate(longitude: 120.04, latitude: 30.04),
            county: "330106"),
    ]

    @Test("every residence suggest promises covered is covered by report, and the totals agree", arguments: 0..<6)
    func promiseIsTheReport(seed: Int) throws {
        let ways = NetworkSearchTests.randomWays(seed: UInt64(seed) &+ 5000, nodes: 400)
        let roads = NetworkTravel(network: RoadNetwork(ways: ways, profile: .standard), source: "random-\(seed)")
        let residences = Self.residences(600, seed: UInt64(seed) &+ 9)
        let parameters = CoverageParameters(profile: .standard)
        let count = 4
        let suggestion = try SiteSuggester.suggest(
            points: Self.points, residences: residences, parameters: parameters, roads: roads,
            request: SuggestionRequest(goal: .count(count), localSearch: seed % 2 == 0))
        #expect(suggestion.travelModel == "network (roads random-\(seed))")
        let before = try CoverageEngine.analyse(points: Self.points, residences: residences, parameters: parameters, roads: roads)
        #expect(suggestion.regionCoveredBefore == before.report.total.covered)
        #expect(suggestion.fallbackResidences == before.network?.fallbackCount)
        // The hamlet off the roads is planned for by the straight-line rule, as report counts it.
        let hamlet = (0..<residences.count).filter { residences.ids[$0].hasPrefix("H") }
        #expect(hamlet.allSatisfy { before.network!.isFallback($0) && !before.result.covered[$0] })
        #expect(hamlet.contains { suggestion.promisedCovered[$0] })
        #expect(!suggestion.sites.isEmpty)
        let sitePoints = suggestion.servicePoints(joining: Self.points)
        for site in suggestion.sites {
            let after = try CoverageEngine.analyse(
                points: Self.points + sitePoints.prefix(site.rank), residences: residences, parameters: parameters, roads: roads)
            #expect(after.report.total.covered == site.regionCovered, "site \(site.rank)")
            let row = try #require(after.report.counties.first { $0.county == site.county })
            #expect(row.covered == site.countyCovered, "site \(site.rank)")
            #expect(site.newlyCovered > 0)
            if site.rank == suggestion.sites.count {
                for r in 0..<residences.count {
                    #expect(after.result.covered[r] == suggestion.promisedCovered[r], "residence \(residences.ids[r])")
                }
            }
        }
        // Planned over the roads, not by the estimate: the straight-line run of the same sites differs.
        let straight = try CoverageEngine.analyse(points: Self.points + sitePoints, residences: residences, parameters: parameters)
        #expect(straight.result.covered != suggestion.promisedCovered)
    }

    @Test("a target per county is reached over the roads, as report then computes", arguments: 0..<3)
    func targetIsTheReport(seed: Int) throws {
        let ways = NetworkSearchTests.randomWays(seed: UInt64(seed) &+ 6000, nodes: 400)
        let roads = NetworkTravel(network: RoadNetwork(ways: ways, profile: .standard), source: "random")
        let residences = Self.residences(500, seed: UInt64(seed) &+ 19)
        let parameters = CoverageParameters(profile: .standard)
        let suggestion = try SiteSuggester.suggest(
            points: Self.points, residences: residences, parameters: parameters, roads: roads,
            request: SuggestionRequest(goal: .target(percent: 60), localSearch: false))
        let after = try CoverageEngine.analyse(
            points: Self.points + suggestion.servicePoints(joining: Self.points), residences: residences, parameters: parameters,
            roads: roads)
        #expect(after.result.covered == suggestion.promisedCovered)
        #expect(!suggestion.sites.isEmpty)
        #expect(after.report.total.covered == suggestion.sites.last?.regionCovered)
        // The last county's figure is final when its sites are added (no site comes after them).
        let last = try #require(suggestion.targets.last { $0.sites > 0 })
        #expect(after.report.counties.first { $0.county == last.county }?.covered == last.coveredAfter)
    }
}
