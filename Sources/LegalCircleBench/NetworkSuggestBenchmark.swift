import Foundation
import LegalCircle
import LegalCircleRoads

/// `bench --suggest --roads`: `suggest` over the roads at the size issue 19 asks for — 100,000
/// residences × 5,000 candidate sites — on `RoadBenchmark`'s generated province-size grid (5 M nodes,
/// the area of Zhejiang). Residences are spread at random over it, 40 % urban (walk), 40 % rural
/// (cycle), 20 % mountain (drive); 2,000 stations leave most uncovered; candidates stand at uncovered
/// residences, evenly spread over the list (as a file of village offices would give). Figures printed:
/// seconds of the coverage run over the roads, the coverage sets (one bounded search per candidate
/// and mode) and the whole suggestion, and the nodes a 15-minute search settles.
public struct NetworkSuggestBenchmark {
    public var seed: UInt64
    public var side = 2_236
    public var residences = 100_000
    public var stations = 2_000
    public var candidates = 5_000
    public var sites = 50

    public init(seed: UInt64) { self.seed = seed }

    public func run(progress: (String) -> Void) throws -> String {
        progress("generating a \(side) x \(side) road grid and its graphs")
        var start = Date()
        let ways = RoadBenchmark.grid(side: side, seed: seed)
        let network = RoadNetwork(ways: ways, profile: .standard)
        let roads = NetworkTravel(network: network, source: "generated grid")
        let build = Date().timeIntervalSince(start)

        var random = SplitMix64(seed: seed &+ 2)
        let (minLon, maxLon) = (ways.longitudes.min()!, ways.longitudes.max()!)
        let (minLat, maxLat) = (ways.latitudes.min()!, ways.latitudes.max()!)
        func place() -> GeoCoordinate { GeoCoordinate(longitude: random.uniform(minLon, maxLon), latitude: random.uniform(minLat, maxLat)) }
        let zones: [Zone] = [.urban, .urban, .rural, .rural, .mountain]
        let table = ResidenceTable((0..<residences).map { i in
            Residence(
                id: "R\(i)", location: place(), population: Double(20 + random.index(below: 400)), county: "33010\(i % 8)",
                zone: zones[random.index(below: zones.count)])
        })
        let points = (0..<stations).map { i in
            ServicePoint(id: "P\(i)", name: "", kinds: .all, level: .township, location: place(), county: "33010\(i % 8)")
        }
        let parameters = CoverageParameters(profile: .standard)
        progress("coverage over the roads before any site")
        start = Date()
        let base = try CoverageEngine.analyse(points: points, residences: table, parameters: parameters, roads: roads)
        let baseSeconds = Date().timeIntervalSince(start)
        let uncovered = (0..<table.count).filter { !base.result.covered[$0] }
        let candidateList = SuggestBenchmark.candidates(candidates, spreadOver: uncovered, of: table)
        // How many nodes one 15-minute search settles, per mode, from the first candidate.
        let first = candidateList[0].location
        let settled = TravelMode.allCases.map { mode -> Int in
            let seeds = network.seeds(mode: mode, longitudes: [first.longitude], latitudes: [first.latitude], stations: [0]).seeds
            return NetworkSearch.run(network.graph(mode), seeds: seeds, cutoff: parameters.profile.minutes * 60).settled
        }

        var lines = [
            String(
                format: "suggest over the roads: %d nodes (graphs and indexes %.2f s); %d residences (%d uncovered, %d off the roads) x %d candidates, %d sites",
                ways.nodeCount, build, table.count, uncovered.count, base.network?.fallbackCount ?? 0, candidateList.count, sites),
            "  one 15-minute search from a candidate settles: walk \(settled[0]), cycle \(settled[1]), drive \(settled[2]) nodes",
            String(format: "  coverage run over the roads (for reference) %7.2f s", baseSeconds),
        ]
        for localSearch in [false, true] {
            progress("suggesting \(sites) sites\(localSearch ? " with swaps" : "")")
            start = Date()
            let suggestion = try SiteSuggester.suggest(
                points: points, residences: table, parameters: parameters, candidates: candidateList, roads: roads,
                request: SuggestionRequest(goal: .count(sites), localSearch: localSearch))
            let total = Date().timeIntervalSince(start)
            let t = suggestion.timings
            lines.append("  \(localSearch ? "greedy + swaps" : "greedy")")
            for (label, value) in [
                ("coverage run", t.coverage), ("candidates", t.candidates), ("coverage sets", t.sets), ("greedy", t.greedy),
                ("local search", t.localSearch), ("bound", t.bound), ("promise", t.promise), ("whole suggestion", total),
            ] {
                lines.append("    " + label.padding(toLength: 17, withPad: " ", startingAt: 0) + String(format: "%8.3f s", value))
            }
            let before = suggestion.regionCoveredBefore / suggestion.regionResidents * 100
            lines.append(
                String(
                    format: "    covered          %.0f more people (%.2f %% -> %.2f %%) with %d sites",
                    suggestion.finalCovered, before, suggestion.sites.last?.regionCoveragePercent ?? before, suggestion.sites.count))
        }
        lines.append(String(format: "  peak memory %.0f MB", peakMemoryMB()))
        return lines.joined(separator: "\n") + "\n"
    }
}
