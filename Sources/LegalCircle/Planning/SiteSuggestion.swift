/// What to suggest: a number of sites, or the fewest sites per county that reach a coverage target.
public struct SuggestionRequest: Sendable, Equatable {
    public enum Goal: Sendable, Equatable {
        /// Up to this many sites covering the most uncovered population.
        case count(Int)
        /// Per county, the fewest sites that bring its coverage to this percentage.
        case target(percent: Double)
    }

    public var goal: Goal
    /// Only residences of this county count, and only candidates in it are used; nil for the region
    /// (with `.target`: every county in turn).
    public var county: String?
    /// Improve greedy's choice with swaps from several starts (`MaxCoverSolver`); off gives plain greedy.
    public var localSearch: Bool
    /// Keep the maximum-coverage instance solved for `.count` in `SiteSuggestion.instance` (a diagnostic:
    /// for checking the answer and the bound against an exact solver).
    public var keepsInstance: Bool

    public init(goal: Goal, county: String? = nil, localSearch: Bool = true, keepsInstance: Bool = false) {
        self.goal = goal
        self.county = county
        self.localSearch = localSearch
        self.keepsInstance = keepsInstance
    }
}

/// The maximum-coverage instance `suggest --count` solved: its coverage sets (elements are the
/// uncovered residences in scope, weighted by population), the candidate of each set, and the answer.
public struct CoverageInstance: Sendable {
    public var sets: CoverageSets
    /// `candidates[s]` is the candidate of set `s`.
    public var candidates: [SiteCandidate]
    /// Residence index of each element.
    public var residences: [Int32]
    public var count: Int
    /// Set indices of plain greedy's choice and of the answer.
    public var greedy: [Int]
    public var chosen: [Int]
}

/// One suggested site, with what adding it (after the sites ranked before it) does to coverage by the
/// engine's own rule: these figures are what a recomputation with the sites added reports.
public struct SuggestedSite: Sendable, Equatable {
    /// 1-based position in the order the sites should be added.
    public var rank: Int
    public var candidate: SiteCandidate
    /// Population newly covered in the whole region.
    public var newlyCovered: Double
    /// The part of it in the site's own county.
    public var newlyCoveredInCounty: Double
    /// Covered population and residents of the site's county after adding it; nil when no residence
    /// has that county.
    public var countyCovered: Double?
    public var countyResidents: Double?
    public var regionCovered: Double
    public var regionResidents: Double

    public var county: String? { candidate.county }
    public var location: GeoCoordinate { candidate.location }

    /// Cumulative coverage of the site's county, as `report` computes it (covered / residents · 100).
    public var countyCoveragePercent: Double? {
        guard let countyCovered, let countyResidents, countyResidents > 0 else { return nil }
        return countyCovered / countyResidents * 100
    }

    /// Cumulative coverage of the whole region.
    public var regionCoveragePercent: Double? {
        regionResidents > 0 ? regionCovered / regionResidents * 100 : nil
    }
}

/// How one county fared against `--target`.
public struct CountyTargetOutcome: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Already at or above the target; no site needed.
        case alreadyMet
        /// Reached with the county's suggested sites.
        case reached
        /// Not reachable from the candidates: at most `bestPercent` with `sitesNeeded` sites (none are
        /// suggested for it).
        case notReachable(bestPercent: Double, sitesNeeded: Int)
    }

    public var county: String
    public var residents: Double
    /// Covered population when the county's turn came (after the sites of counties before it).
    public var coveredBefore: Double
    /// After its own sites.
    public var coveredAfter: Double
    public var sites: Int
    public var status: Status
    /// A certified lower bound on the number of sites any choice of candidates needs to reach the target
    /// (from `LagrangianRelaxation` and the submodular bound); nil when the target was already met or
    /// is not reachable.
    public var sitesLowerBound: Int?

    public var percentBefore: Double { residents > 0 ? coveredBefore / residents * 100 : 0 }
    public var percentAfter: Double { residents > 0 ? coveredAfter / residents * 100 : 0 }
}

/// Seconds per phase of a suggestion.
public struct SuggestionTimings: Sendable, Equatable, Codable {
    /// The coverage run the suggestion starts from.
    public var coverage = 0.0
    /// Candidates made or read, deduplicated, projected, counties and land masses found.
    public var candidates = 0.0
    /// Coverage sets built (per county with `.target`).
    public var sets = 0.0
    public var greedy = 0.0
    /// Swaps from several starts, then exchanges of two (with `localSearch`).
    public var localSearch = 0.0
    /// The certified bound: subgradient steps (with `.target`, also the search at one site fewer).
    public var bound = 0.0
    /// The exact promise: the engine's rule applied site after site.
    public var promise = 0.0
    public init() {}
}

/// The chosen sites in order, with the coverage they promise.
public struct SiteSuggestion: Sendable {
    public var request: SuggestionRequest
    public var parameters: CoverageParameters
    /// PROJ definition of the projection a recomputation with all the sites added uses.
    public var projectionDefinition: String
    public var sites: [SuggestedSite]
    /// With `.target`: one entry per county considered, in code order.
    public var targets: [CountyTargetOutcome]
    /// Region coverage before any site.
    public var regionCoveredBefore: Double
    public var regionResidents: Double
    /// Candidates considered after removing repeated locations.
    public var candidateCount: Int
    /// How many sites lay far enough outside the data to move the projection a recomputation uses;
    /// the figures from each such site on were computed by a full engine run in the new projection.
    public var projectionMoves: Int
    /// Weight the plain greedy choice covers and the weight after local search, summed over the
    /// instances solved (per county with `.target`), and the swaps made.
    public var greedyCovered: Double
    public var finalCovered: Double
    public var swaps: Int
    /// With `.count`: a certified upper bound on the uncovered population of the scope that any
    /// `count` sites from these candidates could newly cover (by the coverage sets `finalCovered` is
    /// counted on), so `finalCovered` is at least `finalCovered / bound.value` of the best possible.
    public var bound: CoverageBound?
    /// With `.count` and `request.keepsInstance`: the instance solved.
    public var instance: CoverageInstance?
    /// Per residence, covered after all sites are added: what the recomputation will find.
    public var promisedCovered: [Bool]
    public var timings: SuggestionTimings
    /// The travel model planned by in a run by network travel ("network (roads FILE)"); nil for the
    /// straight-line estimate.
    public var travelModel: String? = nil
    /// In a run by network travel, the residences off every road of their mode, planned for by the
    /// straight-line estimate (as `report` computes them).
    public var fallbackResidences: Int? = nil

    /// How far the answer may be below the best possible, as a percentage of the bound (with `.count`).
    public var boundGapPercent: Double? { bound?.gapPercent(of: finalCovered) }

    /// The answer as a percentage of the bound: "at least this % of the best possible" (with `.count`).
    public var certifiedPercent: Double? { boundGapPercent.map { 100 - $0 } }
}

/// Why no suggestion can be made.
public struct SuggestionError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
