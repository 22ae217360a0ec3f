import Foundation
import LegalCircle

extension GapsWriter {
    /// An RFC 7946 FeatureCollection with one Feature per line. Each piece is produced by `JSONEncoder`,
    /// so names are escaped by it; only the fixed envelope is written by hand.
    static func geoJSON(_ areas: [UncoveredArea], run: RunDescription, frame: PlanarFrame, cellSize: Double) throws -> String {
        let outlines = try CellOutline.geoPolygons(cellSets: areas.map(\.cells), cellSize: cellSize, frame: frame)
        var lines: [String] = []
        lines.reserveCapacity(areas.count)
        for (area, polygons) in zip(areas, outlines) {
            let properties = Dictionary(uniqueKeysWithValues: zip(fieldNames, fields(area)))
            let feature = GeoJSONFeature(id: area.id, properties: properties, geometry: GeoJSONGeometry(polygons))
            lines.append(try OutputFormat.json(feature, pretty: false))
        }
        return "{\"type\":\"FeatureCollection\",\"run\":\(try OutputFormat.json(run, pretty: false)),\"features\":[\n"
            + lines.joined(separator: ",\n") + "\n]}\n"
    }
}

private struct GeoJSONFeature: Encodable {
    let id: Int
    let properties: [String: GapsWriterField]
    let geometry: GeoJSONGeometry?

    enum CodingKeys: String, CodingKey { case type, id, properties, geometry }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("Feature", forKey: .type)
        try container.encode(id, forKey: .id)
        try container.encode(properties, forKey: .properties)
        // RFC 7946 §3.2: a Feature without a location has a null geometry (not a missing one).
        try container.encode(geometry, forKey: .geometry)
    }
}

/// A Polygon for one ring set, a MultiPolygon for several; nil when there are no cells.
private enum GeoJSONGeometry: Encodable {
    case polygon([[[Double]]])
    case multiPolygon([[[[Double]]]])

    init?(_ polygons: [[[GeoCoordinate]]]) {
        let rounded = polygons.map { $0.map { $0.map { [Self.rounded($0.longitude), Self.rounded($0.latitude)] } } }
        switch rounded.count {
        case 0: return nil
        case 1: self = .polygon(rounded[0])
        default: self = .multiPolygon(rounded)
        }
    }

    /// 7 decimals: about 1 cm, finer than any residence position, and ~40% smaller than full precision.
    private static func rounded(_ degrees: Double) -> Double { (degrees * 1e7).rounded() / 1e7 }

    enum CodingKeys: String, CodingKey { case type, coordinates }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .polygon(let rings):
            try container.encode("Polygon", forKey: .type)
            try container.encode(rings, forKey: .coordinates)
        case .multiPolygon(let polygons):
            try container.encode("MultiPolygon", forKey: .type)
            try container.encode(polygons, forKey: .coordinates)
        }
    }
}
