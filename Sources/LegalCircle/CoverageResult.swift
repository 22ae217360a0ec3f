/// What to compute: the profile (with any `--minutes` override applied) and the eligible kinds.
public struct CoverageParameters: Sendable, Equatable {
    public var profile: TravelProfile
    /// A point is eligible when it offers at least one of these kinds.
    public var kinds: ServiceKinds
    /// Side of the grid cells that group uncovered residences into areas, metres.
    public var areaCellSize: Double

    public init(profile: TravelProfile, kinds: ServiceKinds = .all, areaCellSize: Double = 500) {
        self.profile = profile
        self.kinds = kinds
        self.areaCellSize = areaCellSize
    }

    /// Indices of the points eligible under these parameters (`ServicePoint.isEligible`), ascending.
    public func eligibleIndices(of points: [ServicePoint]) -> [Int] {
        points.indices.filter { points[$0].isEligible(for: kinds) }
    }
}

extension ServicePoint {
    /// The eligibility rule: a point counts when it offers at least one of the requested kinds.
    @inlinable
    public func isEligible(for kinds: ServiceKinds) -> Bool { !self.kinds.isDisjoint(with: kinds) }
}

/// Per-residence outcome, by column, in the order of the `ResidenceTable`.
public struct CoverageResult: Sendable, Equatable {
    /// Index into the service point array of the nearest eligible point, -1 when none is eligible.
    public var nearestPoint: [Int32]
    /// Ellipsoidal distance to it in metres (+infinity when none).
    public var distance: [Double]
    /// Estimated travel minutes to it with the residence's zone mode (+infinity when none).
    public var minutes: [Double]
    public var covered: [Bool]

    public init(nearestPoint: [Int32], distance: [Double], minutes: [Double], covered: [Bool]) {
        self.nearestPoint = nearestPoint
        self.distance = distance
        self.minutes = minutes
        self.covered = covered
    }

    public var count: Int { covered.count }
}

/// Connected uncovered residences of one county (8-neighbour cells of the area grid).
public struct UncoveredArea: Sendable, Equatable, Codable {
    /// 1-based rank by population (largest first) within the run.
    public var id: Int
    public var county: String?
    public var dominantZone: Zone
    public var population: Double
    public var residenceCount: Int
    /// Population-weighted centroid (unweighted when the area's population is 0).
    public var centroid: GeoCoordinate
    public var minLongitude: Double
    public var minLatitude: Double
    public var maxLongitude: Double
    public var maxLatitude: Double
    /// The eligible point nearest to any residence of the area; nil when no point is eligible.
    public var nearestPointID: String?
    public var nearestPointName: String?
    /// Metres and estimated minutes from the area's closest residence to that point.
    public var nearestDistance: Double?
    public var nearestMinutes: Double?
    /// `nearestMinutes - target minutes`: the least extra travel any resident of the area has.
    public var minutesBeyondTarget: Double?
    /// The area's grid cells as (column, row) in the run's projection, for drawing the merged polygon.
    public var cells: [GridCell]
    /// True when, for some of its residents, the nearest point as the crow flies is on another land
    /// mass with no fixed link: unreachable across water, so a farther point (or none) serves them.
    public var nearestAcrossWater: Bool

    public init(
        id: Int, county: String?, dominantZone: Zone, population: Double, residenceCount: Int,
        centroid: GeoCoordinate, minLongitude: Double, minLatitude: Double, maxLongitude: Double,
        maxLatitude: Double, nearestPointID: String?, nearestPointName: String?, nearestDistance: Double?,
        nearestMinutes: Double?, minutesBeyondTarget: Double?, cells: [GridCell], nearestAcrossWater: Bool = false
    ) {
        self.id = id
        self.county = county
        self.dominantZone = dominantZone
        self.population = population
        self.residenceCount = residenceCount
        self.centroid = centroid
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
        self.nearestPointID = nearestPointID
        self.nearestPointName = nearestPointName
        self.nearestDistance = nearestDistance
        self.nearestMinutes = nearestMinutes
        self.minutesBeyondTarget = minutesBeyondTarget
        self.cells = cells
        self.nearestAcrossWater = nearestAcrossWater
    }
}

/// A cell of the area grid: column and row of `cellSize`-metre squares in the run's projection.
public struct GridCell: Hashable, Sendable, Codable {
    public var column: Int32
    public var row: Int32
    public init(column: Int32, row: Int32) {
        self.column = column
        self.row = row
    }
}

/// Coverage of one zone inside a county (or the total).
public struct ZoneFigures: Sendable, Equatable, Codable {
    public var zone: Zone
    public var residents: Double
    public var covered: Double
    /// nil when the zone has no residents.
    public var coveragePercent: Double?

    public init(zone: Zone, residents: Double, covered: Double) {
        self.zone = zone
        self.residents = residents
        self.covered = covered
        coveragePercent = residents > 0 ? covered / residents * 100 : nil
    }
}

/// One row of the report: a county, or the total when `county` is `CountyFigures.totalKey`.
public struct CountyFigures: Sendable, Equatable, Codable {
    /// 6-digit code; "" for residences without a county; "total" for the total row.
    public var county: String
    public var residents: Double
    public var covered: Double
    public var coveragePercent: Double?
    public var zones: [ZoneFigures]
    public var servicePoints: Int
    public var pointsPer10k: Double?
    /// Population-weighted median and 90th percentile of estimated minutes to the nearest point.
    public var medianMinutes: Double?
    public var p90Minutes: Double?
    public var uncoveredPopulation: Double
    public var uncoveredAreas: Int
    /// In a run by network travel: the same residences by the straight-line estimate, and the flips
    /// between the two; nil in a run by the straight-line estimate (and left out of its JSON).
    public var networkComparison: TravelComparison? = nil

    public static let totalKey = "total"
    public var isTotal: Bool { county == Self.totalKey }

    public init(
        county: String, residents: Double, covered: Double, zones: [ZoneFigures], servicePoints: Int,
        medianMinutes: Double?, p90Minutes: Double?, uncoveredAreas: Int
    ) {
        self.county = county
        self.residents = residents
        self.covered = covered
        coveragePercent = residents > 0 ? covered / residents * 100 : nil
        self.zones = zones
        self.servicePoints = servicePoints
        pointsPer10k = residents > 0 ? Double(servicePoints) / residents * 10_000 : nil
        self.medianMinutes = medianMinutes
        self.p90Minutes = p90Minutes
        uncoveredPopulation = residents - covered
        self.uncoveredAreas = uncoveredAreas
    }
}

/// The per-county table with its total row.
public struct CoverageReport: Sendable, Equatable, Codable {
    /// Sorted by county code; residences without a county come first under "".
    public var counties: [CountyFigures]
    public var total: CountyFigures

    public init(counties: [CountyFigures], total: CountyFigures) {
        self.counties = counties
        self.total = total
    }
}

/// Everything one computation produces.
public struct CoverageAnalysis: Sendable {
    public var parameters: CoverageParameters
    /// The local projection used for distances and for the area grid.
    public var frame: PlanarFrame
    /// Its PROJ definition, to reproduce the figures with `cs2cs` or pyproj.
    public var projectionDefinition: String { frame.definition }
    public var result: CoverageResult
    public var areas: [UncoveredArea]
    public var report: CoverageReport
    /// Seconds spent in each phase, for the benchmark.
    public var timings: PhaseTimings
    /// Set when the run used network travel (`CoverageEngine.analyse(..., roads:)`): the model's name,
    /// the straight-line estimate it replaced and the fallback residences.
    public var network: NetworkOutcome? = nil
    /// The zone of each residence as the run used it, in the order of `result`: with the profile it
    /// determines a straight-line run's minutes and coverage from its distances (`ZoneTable.estimate`),
    /// which is how the store keeps such runs. Empty when the analysis was not made by the engine.
    public var residenceZones: [Zone] = []

    public init(
        parameters: CoverageParameters, frame: PlanarFrame, result: CoverageResult, areas: [UncoveredArea],
        report: CoverageReport, timings: PhaseTimings
    ) {
        self.parameters = parameters
        self.frame = frame
        self.result = result
        self.areas = areas
        self.report = report
        self.timings = timings
    }
}

public struct PhaseTimings: Sendable, Equatable, Codable {
    public var projection: Double = 0
    public var indexBuild: Double = 0
    public var coverage: Double = 0
    public var areas: Double = 0
    public var report: Double = 0
    public init() {}
}
