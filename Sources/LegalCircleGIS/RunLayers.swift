import LegalCircle

/// The four layers `legalcircle export` writes for one run: service points, residences with their
/// nearest point and minutes, the per-county report, and the uncovered areas.
public struct RunLayers {
    public var servicePoints: ServicePointLayer
    public var residences: ResidenceLayer
    public var countyResults: CountyResultLayer
    public var uncoveredAreas: UncoveredAreaLayer
    /// For a run by network travel: the road segments within the run's minutes of a station, per mode.
    public var roadReach: RoadReachLayer? = nil

    /// In the order they are written.
    public var all: [any FeatureLayer] {
        [servicePoints, residences, countyResults, uncoveredAreas] + (roadReach.map { [$0] } ?? [])
    }

    /// - Parameters:
    ///   - points: the run's service points; `result.nearestPoint` indexes them.
    ///   - kinds: the run's eligible kinds (the `eligible` attribute of the points).
    ///   - residences, result: the run's residences and per-residence results, in the same order.
    ///   - frame, cellSize: the run's projection and area grid, to draw the areas' cells.
    ///   - boundaries: county polygons; without them counties are drawn as points at the
    ///     population-weighted centroid of their residences.
    /// - Throws: `RunLayersError` when the result does not fit the residences or points, `ProjError`
    ///   from PROJ.
    public init(
        points: [ServicePoint], kinds: ServiceKinds, residences: ResidenceTable, result: CoverageResult,
        report: CoverageReport, areas: [UncoveredArea], frame: PlanarFrame, cellSize: Double, boundaries: [Boundary]?
    ) throws {
        servicePoints = ServicePointLayer(points: points, kinds: kinds)
        self.residences = try ResidenceLayer(residences: residences, result: result, points: points)
        countyResults = CountyResultLayer(report: report, residences: residences, boundaries: boundaries)
        uncoveredAreas = try UncoveredAreaLayer(areas: areas, frame: frame, cellSize: cellSize)
    }
}

/// Inputs that do not belong together.
public struct RunLayersError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// `service_points`: every point of the run's points dataset, with whether it counts for the run's kinds.
public struct ServicePointLayer: FeatureLayer {
    public let points: [ServicePoint]
    public let kinds: ServiceKinds

    public init(points: [ServicePoint], kinds: ServiceKinds) {
        self.points = points
        self.kinds = kinds
    }

    public var name: String { "service_points" }
    public var geometryType: FeatureGeometryType { .point }
    public var count: Int { points.count }
    public let fields = [
        FeatureField("id", .text), FeatureField("name", .text), FeatureField("kinds", .text), FeatureField("level", .text),
        FeatureField("county", .text), FeatureField("eligible", .boolean),
    ]

    public func value(_ field: Int, row: Int) -> FeatureValue {
        let point = points[row]
        switch field {
        case 0: return .text(point.id)
        case 1: return .text(point.name)
        case 2: return .text(point.kinds.list)
        case 3: return .text(point.level.rawValue)
        case 4: return .text(point.county)
        default: return .boolean(point.isEligible(for: kinds))
        }
    }

    public func geometry(row: Int) -> FeatureGeometry? { .point(points[row].location) }
}

/// `residences`: every residence with its nearest eligible point, distance and minutes (NULL when no
/// point is eligible) and whether it is covered.
public struct ResidenceLayer: FeatureLayer {
    public let residences: ResidenceTable
    public let result: CoverageResult
    private let pointIDs: [String]

    public var name: String { "residences" }
    public var geometryType: FeatureGeometryType { .point }
    public var count: Int { residences.count }
    /// The attributes; `name` (the input's 名称 column) last, when the residences have names.
    public let fields: [FeatureField]

    /// - Throws: `RunLayersError` when `result` has another row count or names a point outside `points`.
    public init(residences: ResidenceTable, result: CoverageResult, points: [ServicePoint]) throws {
        guard result.count == residences.count, result.nearestPoint.count == residences.count,
            result.distance.count == residences.count, result.minutes.count == residences.count
        else {
            throw RunLayersError(description: "the run has \(result.count) residence results for \(residences.count) residences")
        }
        if let bad = result.nearestPoint.first(where: { $0 < -1 || Int($0) >= points.count }) {
            throw RunLayersError(description: "nearest point index \(bad) is outside the \(points.count) service points")
        }
        self.residences = residences
        self.result = result
        pointIDs = points.map(\.id)
        fields = [
            FeatureField("id", .text), FeatureField("county", .text), FeatureField("zone", .text),
            FeatureField("population", .real), FeatureField("nearest_point_id", .text), FeatureField("distance_m", .real),
            FeatureField("minutes", .real), FeatureField("covered", .boolean),
        ] + (residences.hasNames ? [FeatureField("name", .text)] : [])
    }

    public func value(_ field: Int, row: Int) -> FeatureValue {
        switch field {
        case 0: return .text(residences.ids[row])
        case 1: return .text(residences.county(at: row))
        case 2: return .text(residences.zones[row].name)
        case 3: return .real(residences.populations[row])
        case 4:
            let nearest = result.nearestPoint[row]
            return .text(nearest < 0 ? nil : pointIDs[Int(nearest)])
        case 5: return .real(result.distance[row])
        case 6: return .real(result.minutes[row])
        case 7: return .boolean(result.covered[row])
        default: return .text(residences.name(at: row))
        }
    }

    public func geometry(row: Int) -> FeatureGeometry? {
        .point(GeoCoordinate(longitude: residences.longitudes[row], latitude: residences.latitudes[row]))
    }
}
