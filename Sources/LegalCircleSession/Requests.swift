import LegalCircle

/// Where a computation's inputs come from.
public enum InputSource: Sendable, Equatable {
    /// CSV files read directly (one-shot: nothing is stored), with optional county boundaries GeoJSON.
    case files(points: String, residences: String, boundaries: String?)
    /// Loaded datasets by name; nil means the latest loaded of that kind.
    case datasets(points: String?, residences: String?)

    /// The latest loaded datasets.
    public static let latest = InputSource.datasets(points: nil, residences: nil)
}

/// The coverage rule as the user gives it: profile name or file, target minutes, eligible kinds, area grid.
public struct RuleRequest: Sendable, Equatable {
    /// A shipped profile's name (`default`, `policy`) or a path to a profile JSON file.
    public var profile: String
    /// Overrides the profile's target minutes.
    public var minutes: Double?
    /// Eligible service kinds; nil for any.
    public var kinds: ServiceKinds?
    /// Side in metres of the cells that group uncovered residences into areas.
    public var cellSize: Double
    /// A road file (`.osm.pbf` or GeoJSON lines) for a one-shot run: minutes over the roads.
    public var roads: String?
    /// How minutes are measured; nil: over the roads when there are roads (`roads`, or a network stored
    /// with the datasets where `storedRoadsByDefault`), else the straight-line estimate.
    public var travel: TravelChoice?
    /// Whether a computation over loaded datasets uses the stored road network when `travel` is nil
    /// (`report` sets it; the commands whose planning is by the straight-line estimate do not).
    public var storedRoadsByDefault = false

    public init(
        profile: String = "default", minutes: Double? = nil, kinds: ServiceKinds? = nil, cellSize: Double = 500,
        roads: String? = nil, travel: TravelChoice? = nil
    ) {
        self.profile = profile
        self.minutes = minutes
        self.kinds = kinds
        self.cellSize = cellSize
        self.roads = roads
        self.travel = travel
    }

    /// True when anything differs from the defaults (a saved run keeps its own rule).
    public var isCustomised: Bool { self != RuleRequest() }
}

/// Which run a command works on.
public enum RunRequest: Sendable, Equatable {
    /// Re-read this saved run.
    case stored(Int64)
    /// The most recently saved run.
    case latestStored
    /// Compute from `source` with `rule`; saved when the inputs are loaded datasets.
    case compute(InputSource, RuleRequest)
}

/// How a run measures the minutes to a service point.
public enum TravelChoice: String, Sendable, Equatable, CaseIterable {
    /// Over the road network of the residence's mode (access leg + network time); residences off the
    /// roads keep the straight-line estimate and are counted.
    case network
    /// Straight-line distance × the zone's circuity at the mode's speed: the results without roads.
    case straight
}
