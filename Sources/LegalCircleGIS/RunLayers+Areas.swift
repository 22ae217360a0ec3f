import LegalCircle
import LegalCircleReports

/// `uncovered_areas`: the run's areas with the fields of `gaps --format csv` (`GapsWriter.fieldNames`,
/// then `county_name`) and their grid cells dissolved into a MultiPolygon (`CellOutline`), in the run's order.
public struct UncoveredAreaLayer: FeatureLayer {
    public let areas: [UncoveredArea]
    /// The names of the `county_name` field (NULL for a county without a name).
    public var countyNames: PlaceNames = .none
    private let values: [[FeatureValue]]
    private let geometries: [FeatureGeometry?]

    public var name: String { "uncovered_areas" }
    public var geometryType: FeatureGeometryType { .multiPolygon }
    public var count: Int { areas.count }

    /// The types of `GapsWriter.fieldNames`, in order.
    static let fieldTypes: [FeatureFieldType] = [
        .integer, .text, .text, .real, .integer, .real, .real, .real, .real, .real, .real, .text, .text, .real, .real,
        .real, .integer, .boolean,
    ]
    public let fields = zip(GapsWriter.fieldNames, fieldTypes).map { FeatureField($0, $1) } + [FeatureField("county_name", .text)]

    /// - Throws: `ProjError` from PROJ (the cells are in the run's projection).
    public init(areas: [UncoveredArea], frame: PlanarFrame, cellSize: Double) throws {
        self.areas = areas
        values = areas.map { GapsWriter.fields($0).map(FeatureValue.init) }
        let outlines = try CellOutline.geoPolygons(cellSets: areas.map(\.cells), cellSize: cellSize, frame: frame)
        geometries = outlines.map { polygons in
            polygons.isEmpty
                ? nil
                : .multiPolygon(polygons.map { GeoPolygon(exterior: $0[0], holes: Array($0.dropFirst())) })
        }
    }

    public func value(_ field: Int, row: Int) -> FeatureValue {
        field < values[row].count ? values[row][field] : .text(countyNames.county(areas[row].county))
    }

    public func geometry(row: Int) -> FeatureGeometry? { geometries[row] }
}

extension FeatureValue {
    init(_ field: GapsWriterField) {
        switch field {
        case .text(let text): self = .text(text)
        case .number(let number): self = .real(number)
        case .integer(let integer): self = .integer(Int64(integer))
        case .flag(let flag): self = .boolean(flag)
        }
    }
}
