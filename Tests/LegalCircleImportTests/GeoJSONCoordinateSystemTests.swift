import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleTestSupport
import Projection
import Testing

/// GeoJSON boundaries and zones in GCJ-02, BD-09 or any EPSG system are converted to WGS84 vertex by vertex.
@Suite struct GeoJSONCoordinateSystemTests {
    /// The published GCJ-02 counties, read as GCJ-02, are the shipped WGS84 counties (which were derived
    /// from them and rounded to 6 decimals): every one of their vertices within 1e-6°.
    @Test(.requires(.data(.countiesWGS84, .countiesGCJ02)))
    func gcj02CountiesMatchTheWGS84File() throws {
        let gcj = try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: ZhejiangFile.countiesGCJ02.path, system: .gcj02)
        let wgs = try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: ZhejiangFile.countiesWGS84.path)
        #expect(gcj.system == .gcj02 && wgs.system == .wgs84)
        #expect(gcj.boundaries.map(\.code) == wgs.boundaries.map(\.code))
        var worst = 0.0
        var vertices = 0
        for (a, b) in zip(gcj.boundaries, wgs.boundaries) {
            let ra = a.polygons.flatMap(\.rings).flatMap { $0 }, rb = b.polygons.flatMap(\.rings).flatMap { $0 }
            #expect(ra.count == rb.count)
            for (p, q) in zip(ra, rb) {
                worst = max(worst, abs(p.longitude - q.longitude), abs(p.latitude - q.latitude))
                vertices += 1
            }
        }
        #expect(vertices > 100_000)
        #expect(worst < 1e-6, "worst vertex difference \(worst)°")
    }

    static func collection(_ ring: [(Double, Double)], crs: String? = nil, zone: Bool = false) -> Data {
        let positions = ring.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
        let member = crs.map { ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"\($0)\"}}" } ?? ""
        let properties = zone ? "\"zone\":\"urban\"" : "\"adcode\":\"330102\""
        return Data(
            ("{\"type\":\"FeatureCollection\"\(member),\"features\":[{\"type\":\"Feature\",\"properties\":{\(properties)},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(positions)]]}}]}").utf8)
    }

    static let square = [(120.0, 30.0), (120.1, 30.0), (120.1, 30.1), (120.0, 30.1), (120.0, 30.0)]

    /// BD-09, a projected EPSG system given on the command line or declared by the file, and zones.
    @Test func convertsEverySystemAndResolvesTheCrsMember() throws {
        func first(_ file: BoundaryFile) -> GeoCoordinate { file.boundaries[0].polygons[0].exterior[0] }
        let bd = Self.square.map { let p = ChineseOffsets.wgs84ToBD09(longitude: $0.0, latitude: $0.1); return (p.longitude, p.latitude) }
        let fromBD = try GeoJSONBoundaryReader.readBoundaries(data: Self.collection(bd), file: "bd.geojson", system: .bd09)
        #expect(abs(first(fromBD).longitude - 120) < 1e-9 && abs(first(fromBD).latitude - 30) < 1e-9)

        let transformer = try Transformer(from: "EPSG:4326", to: "EPSG:4549")
        let metres = try Self.square.map { try transformer.transform(x: $0.0, y: $0.1) }.map { ($0.x, $0.y) }
        let given = try GeoJSONBoundaryReader.readBoundaries(data: Self.collection(metres), file: "gk.geojson", system: .epsg(4549))
        let declared = try GeoJSONBoundaryReader.readBoundaries(
            data: Self.collection(metres, crs: "urn:ogc:def:crs:EPSG::4549"), file: "gk.geojson")
        for file in [given, declared] {
            #expect(file.system == .epsg(4549))
            #expect(abs(first(file).longitude - 120) < 1e-9 && abs(first(file).latitude - 30) < 1e-9)
        }
        // A CRS84 label does not contradict a GCJ-02 option (converters label everything so) …
        let labelled = try GeoJSONBoundaryReader.readBoundaries(
            data: Self.collection(Self.square, crs: "urn:ogc:def:crs:OGC:1.3:CRS84"), file: "g.geojson", system: .gcj02)
        #expect(labelled.system == .gcj02 && first(labelled).longitude < 120)
        // … but two different projected systems do.
        #expect(throws: GeoJSONError.self) {
            try GeoJSONBoundaryReader.readBoundaries(
                data: Self.collection(metres, crs: "EPSG:4549"), file: "gk.geojson", system: .epsg(32651))
        }
        // Metres without a projected system are refused with the option to give.
        do {
            _ = try GeoJSONBoundaryReader.readBoundaries(data: Self.collection(metres), file: "gk.geojson")
            Issue.record("projected metres were read as degrees")
        } catch let error as GeoJSONError {
            #expect(error.description.contains("--boundaries-crs EPSG:n"), "\(error)")
        }
        let zones = try GeoJSONBoundaryReader.readZoneFile(data: Self.collection(bd, zone: true), file: "z.geojson", system: .bd09)
        #expect(zones.system == .bd09 && abs(zones.areas[0].polygons[0].exterior[0].longitude - 120) < 1e-9)
    }
}
