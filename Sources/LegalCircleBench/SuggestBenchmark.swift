import Foundation
import LegalCircle

/// `bench --suggest`: times `suggest` at province scale: 1,000,000 generated residences, 2,000 points (so that many are uncovered),
/// 100,000 candidate sites at uncovered residences (as a file of village offices would give), 100 sites
/// chosen by greedy and by greedy with swaps.
public struct SuggestBenchmark {
    var seed: UInt64
    var residences = 1_000_000
    var points = 2_000
    var candidates = 100_000
    var sites = 100

    public init(seed: UInt64) { self.seed = seed }

    /// Runs and returns the table of figures.
    public func run(progress: (String) -> Void) throws -> String {
        progress("generating \(residences) residences and \(points) points (seed \(seed))")
        let (pointList, table) = DemoGenerator(seed: seed).generate(residences: residences, points: points)
        let parameters = CoverageParameters(profile: .standard)
        // Candidates: uncovered residences, evenly spread over the list, one per location.
        let base = try CoverageEngine.analyse(points: pointList, residences: table, parameters: parameters)
        let uncovered = (0..<table.count).filter { !base.result.covered[$0] }
        let candidateList = Self.candidates(candidates, spreadOver: uncovered, of: table)
        progress("\(uncovered.count) uncovered residences, \(candidateList.count) candidates; suggesting \(sites) sites")

        var lines = [
            "suggest: \(table.count) residences x \(candidateList.count) candidates, \(sites) sites "
                + "(\(uncovered.count) residences uncovered before)"
        ]
        for localSearch in [false, true] {
            let suggestion = try SiteSuggester.suggest(
                points: pointList, residences: table, parameters: parameters, candidates: candidateList,
                request: SuggestionRequest(goal: .count(sites), localSearch: localSearch))
            let t = suggestion.timings
            let before = suggestion.regionCoveredBefore / suggestion.regionResidents * 100
            let after = (suggestion.sites.last?.regionCoveragePercent ?? before)
            lines.append("  \(localSearch ? "greedy + swaps" : "greedy")")
            for (label, value) in [
                ("coverage run", t.coverage), ("candidates", t.candidates), ("set building", t.sets), ("greedy", t.greedy),
                ("local search", t.localSearch), ("bound, search", t.bound), ("promise", t.promise),
                ("total", t.coverage + t.candidates + t.sets + t.greedy + t.localSearch + t.bound + t.promise),
            ] {
                lines.append("    " + label.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: "%8.3f s", value))
            }
            lines.append(
                String(
                    format: "    covered       %.0f more people (%.2f %% -> %.2f %%), %d swaps",
                    suggestion.finalCovered, before, after, suggestion.swaps))
            if let bound = suggestion.bound, let certified = suggestion.certifiedPercent {
                lines.append(
                    String(
                        format: "    bound         %.0f (Lagrangian %.0f after %d steps, submodular %.0f): at least %.2f %% of the best possible",
                        bound.value, bound.lagrangian, bound.iterations, bound.submodular, certified))
            }
        }
        lines.append(String(format: "  peak memory %.0f MB", peakMemoryMB()))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `count` candidates at uncovered residences evenly spread over their list, one per location.
    static func candidates(_ count: Int, spreadOver uncovered: [Int], of table: ResidenceTable) -> [SiteCandidate] {
        var seen = Set<GeoCoordinate>()
        var list: [SiteCandidate] = []
        let stride = max(1, uncovered.count / count)
        for position in Swift.stride(from: 0, to: uncovered.count, by: stride) where list.count < count {
            let r = uncovered[position]
            let location = GeoCoordinate(longitude: table.longitudes[r], latitude: table.latitudes[r])
            if seen.insert(location).inserted {
                list.append(SiteCandidate(location: location, county: table.county(at: r), id: "V\(r)"))
            }
        }
        return list
    }
}
