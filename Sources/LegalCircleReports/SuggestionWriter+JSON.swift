import LegalCircle

/// The JSON shape of a suggestion; every key is written, null for missing values, but `countyName` (of a
/// site or a target), written only when the county's name is known.
struct SuggestionDocument: Encodable {
    struct Request: Encodable {
        var count: Int?
        var targetPercent: Double?
        var county: String?
        var method: String
        var description: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .count)
            try container.encode(targetPercent, forKey: .targetPercent)
            try container.encode(county, forKey: .county)
            try container.encode(method, forKey: .method)
            try container.encode(description, forKey: .description)
        }
        enum CodingKeys: String, CodingKey { case count, targetPercent, county, method, description }
    }

    struct Before: Encodable {
        var covered: Double
        var residents: Double
        var coveragePercent: Double?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(covered, forKey: .covered)
            try container.encode(residents, forKey: .residents)
            try container.encode(coveragePercent, forKey: .coveragePercent)
        }
        enum CodingKeys: String, CodingKey { case covered, residents, coveragePercent }
    }


    struct Method: Encodable {
        /// Uncovered population the plain greedy choice covers, and after swaps (the model's figures).
        var greedyCovered: Double
        var finalCovered: Double
        /// With a count: the certified upper bound on what any choice of that many candidates covers,
        /// how far `finalCovered` may be below the best possible (% of the bound), and its parts.
        var bound: CoverageBound?
        var boundGapPercent: Double?
        var swaps: Int
        /// Sites outside the data that moved the projection (their figures come from full engine runs).
        var projectionMoves: Int
        var seconds: SuggestionTimings

        enum CodingKeys: String, CodingKey {
            case greedyCovered, finalCovered, upperBound, boundGapPercent, lagrangianBound, submodularBound, boundIterations
            case swaps, projectionMoves, seconds
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(greedyCovered, forKey: .greedyCovered)
            try container.encode(finalCovered, forKey: .finalCovered)
            try container.encode(bound?.value, forKey: .upperBound)
            try container.encode(boundGapPercent, forKey: .boundGapPercent)
            try container.encode(bound?.lagrangian, forKey: .lagrangianBound)
            try container.encode(bound?.submodular, forKey: .submodularBound)
            try container.encode(bound?.iterations, forKey: .boundIterations)
            try container.encode(swaps, forKey: .swaps)
            try container.encode(projectionMoves, forKey: .projectionMoves)
            try container.encode(seconds, forKey: .seconds)
        }
    }

    struct Site: Encodable {
        let site: SuggestedSite
        let output: OutputCoordinates
        let countyName: String?
        enum CodingKeys: String, CodingKey {
            case rank, longitude, latitude, county, countyName, candidateID, candidateName, origin, newlyCovered, newlyCoveredInCounty
            case countyCovered, countyResidents, countyCoveragePercent, regionCovered, regionResidents, regionCoveragePercent
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(site.rank, forKey: .rank)
            let location = output.convert(site.location)
            try container.encode(OutputFormat.finite(location.x), forKey: .longitude)
            try container.encode(OutputFormat.finite(location.y), forKey: .latitude)
            try container.encode(site.county, forKey: .county)
            try container.encodeIfPresent(countyName, forKey: .countyName)
            try container.encode(site.candidate.id, forKey: .candidateID)
            try container.encode(site.candidate.name, forKey: .candidateName)
            try container.encode(SuggestionWriter.origin(site.candidate), forKey: .origin)
            try container.encode(site.newlyCovered, forKey: .newlyCovered)
            try container.encode(site.newlyCoveredInCounty, forKey: .newlyCoveredInCounty)
            try container.encode(site.countyCovered, forKey: .countyCovered)
            try container.encode(site.countyResidents, forKey: .countyResidents)
            try container.encode(OutputFormat.finite(site.countyCoveragePercent), forKey: .countyCoveragePercent)
            try container.encode(site.regionCovered, forKey: .regionCovered)
            try container.encode(site.regionResidents, forKey: .regionResidents)
            try container.encode(OutputFormat.finite(site.regionCoveragePercent), forKey: .regionCoveragePercent)
        }
    }

    struct Target: Encodable {
        let target: CountyTargetOutcome
        let countyName: String?
        enum CodingKeys: String, CodingKey {
            case county, countyName, residents, coveredBefore, coveredAfter, percentBefore, percentAfter, sites, status, reachable
            case bestPercent, sitesNeeded, sitesLowerBound
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(target.county, forKey: .county)
            try container.encodeIfPresent(countyName, forKey: .countyName)
            try container.encode(target.residents, forKey: .residents)
            try container.encode(target.coveredBefore, forKey: .coveredBefore)
            try container.encode(target.coveredAfter, forKey: .coveredAfter)
            try container.encode(target.percentBefore, forKey: .percentBefore)
            try container.encode(target.percentAfter, forKey: .percentAfter)
            try container.encode(target.sites, forKey: .sites)
            try container.encode(SuggestionWriter.status(target.status), forKey: .status)
            var best: Double?
            var needed: Int?
            if case .notReachable(let percent, let sites) = target.status { (best, needed) = (percent, sites) }
            try container.encode(best == nil, forKey: .reachable)
            try container.encode(best, forKey: .bestPercent)
            try container.encode(needed, forKey: .sitesNeeded)
            try container.encode(target.sitesLowerBound, forKey: .sitesLowerBound)
        }
    }

    let run: RunDescription
    /// The system of the sites' longitude and latitude.
    let crs: String
    let request: Request
    let before: Before
    /// Candidates considered (one per location).
    let candidates: Int
    let method: Method
    let sites: [Site]
    let targets: [Target]

    init(_ suggestion: SiteSuggestion, run: RunDescription, output: OutputCoordinates, names: PlaceNames = .none) {
        self.run = run
        crs = output.label
        var count: Int?
        var target: Double?
        switch suggestion.request.goal {
        case .count(let n): count = n
        case .target(let percent): target = percent
        }
        request = Request(
            count: count, targetPercent: target, county: suggestion.request.county,
            method: suggestion.request.localSearch ? "greedy+swaps" : "greedy",
            description: SuggestionWriter.goal(suggestion.request))
        before = Before(
            covered: suggestion.regionCoveredBefore, residents: suggestion.regionResidents,
            coveragePercent: suggestion.regionResidents > 0 ? suggestion.regionCoveredBefore / suggestion.regionResidents * 100 : nil)
        candidates = suggestion.candidateCount
        method = Method(
            greedyCovered: suggestion.greedyCovered, finalCovered: suggestion.finalCovered, bound: suggestion.bound,
            boundGapPercent: suggestion.boundGapPercent, swaps: suggestion.swaps,
            projectionMoves: suggestion.projectionMoves, seconds: suggestion.timings)
        sites = suggestion.sites.map { Site(site: $0, output: output, countyName: names.county($0.county)) }
        targets = suggestion.targets.map { Target(target: $0, countyName: names.county($0.county)) }
    }
}
