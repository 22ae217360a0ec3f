import LegalCircle
import LegalCircleReports

/// `county_results`: one feature per county row of the report (not the total row), with every figure of
/// the CSV report (`ReportWriter.csvHeader`) and the county's name from the boundaries.
///
/// Geometry: with boundaries, the county's polygons as a MultiPolygon (NULL for a county code the
/// boundaries lack, such as the row without a county); without boundaries, a point at the
/// population-weighted centroid of the county's residences (unweighted when they have no population;
/// NULL for a county with service points but no residences).
public struct CountyResultLayer: FeatureLayer {
    public let rows: [CountyFigures]
    public let geometryType: FeatureGeometryType
    private let names: [String?]
    private let values: [[FeatureValue]]
    private let geometries: [FeatureGeometry?]

    public var name: String { "county_results" }
    public var count: Int { rows.count }

    public let fields: [FeatureField] = {
        let names = ReportWriter.csvHeader
        let integers: Set = ["service_points", "uncovered_areas"]
        return [FeatureField(names[0], .text), FeatureField("name", .text)]
            + names.dropFirst().map { FeatureField($0, integers.contains($0) ? .integer : .real) }
    }()

    public init(report: CoverageReport, residences: ResidenceTable, boundaries: [Boundary]?) {
        rows = report.counties
        let byCode = Dictionary((boundaries ?? []).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        names = rows.map { byCode[$0.county]?.name }
        values = rows.map(Self.figures)
        if let boundaries, !boundaries.isEmpty {
            geometryType = .multiPolygon
            geometries = rows.map { row in
                byCode[row.county].flatMap { $0.polygons.isEmpty ? nil : FeatureGeometry.multiPolygon($0.polygons) }
            }
        } else {
            geometryType = .point
            let centroids = Self.centroids(residences)
            geometries = rows.map { row in centroids[row.county].map(FeatureGeometry.point) }
        }
    }

    public func value(_ field: Int, row: Int) -> FeatureValue {
        field == 1 ? .text(names[row]) : values[row][field == 0 ? 0 : field - 1]
    }

    public func geometry(row: Int) -> FeatureGeometry? { geometries[row] }

    /// The values of `ReportWriter.csvHeader` for one row, in its order.
    static func figures(_ figures: CountyFigures) -> [FeatureValue] {
        let zones = Zone.allCases.flatMap { zone -> [FeatureValue] in
            let zoneFigures = figures.zones.first { $0.zone == zone }
            return [.real(zoneFigures?.residents), .real(zoneFigures?.covered), .real(zoneFigures?.coveragePercent)]
        }
        return [.text(figures.county), .real(figures.residents), .real(figures.covered), .real(figures.coveragePercent)]
            + zones
            + [.integer(Int64(figures.servicePoints)), .real(figures.pointsPer10k), .real(figures.medianMinutes),
                .real(figures.p90Minutes), .real(figures.uncoveredPopulation), .integer(Int64(figures.uncoveredAreas))]
    }

    /// Population-weighted mean longitude and latitude per county code ("" for no county); the plain
    /// mean where the population is zero. Zhejiang is far from the antimeridian, so degrees average.
    /// - Complexity: O(n) for n residences.
    static func centroids(_ residences: ResidenceTable) -> [String: GeoCoordinate] {
        // Slot 0 is the unknown county (-1), slot k + 1 the county at catalog index k.
        let slots = residences.counties.codes.count + 1
        var weighted = [(lon: Double, lat: Double, weight: Double)](repeating: (0, 0, 0), count: slots)
        var plain = [(lon: Double, lat: Double, count: Double)](repeating: (0, 0, 0), count: slots)
        for row in 0..<residences.count {
            let slot = Int(residences.countyIndices[row]) + 1
            let (lon, lat, population) = (residences.longitudes[row], residences.latitudes[row], residences.populations[row])
            weighted[slot].lon += lon * population
            weighted[slot].lat += lat * population
            weighted[slot].weight += population
            plain[slot].lon += lon
            plain[slot].lat += lat
            plain[slot].count += 1
        }
        var centroids: [String: GeoCoordinate] = [:]
        for slot in 0..<slots where plain[slot].count > 0 {
            let code = slot == 0 ? "" : residences.counties.codes[slot - 1]
            centroids[code] =
                weighted[slot].weight > 0
                ? GeoCoordinate(longitude: weighted[slot].lon / weighted[slot].weight, latitude: weighted[slot].lat / weighted[slot].weight)
                : GeoCoordinate(longitude: plain[slot].lon / plain[slot].count, latitude: plain[slot].lat / plain[slot].count)
        }
        return centroids
    }
}
