import Foundation
import LegalCircle
import Testing

@testable import LegalCircleRoads

@Suite("GeoJSON road lines")
struct GeoJSONRoadReaderTests {
    static func feature(_ properties: String, _ coordinates: [(Double, Double)]) -> String {
        let positions = coordinates.map { "[\($0.0), \($0.1)]" }.joined(separator: ",")
        return #"{"type":"Feature","properties":{\#(properties)},"geometry":{"type":"LineString","coordinates":[\#(positions)]}}"#
    }

    static func collection(_ features: [String]) -> Data {
        Data(#"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#.utf8)
    }

    @Test("vertices within 0.5 m join; farther ones and line ends touching nothing are counted as dangling")
    func joins() throws {
        // 1e-6° of latitude is 0.11 m; 1e-5° is 1.1 m.
        let data = Self.collection([
            Self.feature(#""highway":"residential""#, [(120.0, 30.0), (120.001, 30.0)]),
            Self.feature(#""highway":"residential","oneway":"yes","maxspeed":30"#, [(120.001, 30.000_001), (120.001, 30.001)]),
            Self.feature(#""highway":"primary""#, [(120.0, 30.000_01), (119.999, 30.0)]),
            Self.feature(#""route":"ferry","duration":25"#, [(120.001, 30.001), (120.01, 30.01)]),
            Self.feature(#""building":"yes""#, [(120.0, 30.0), (120.001, 30.001)]),
        ])
        let roads = try GeoJSONRoadReader.read(data, name: "roads.geojson")
        #expect(roads.wayCount == 4)
        #expect(roads.statistics.fileWays == 5)
        #expect(roads.statistics.joinedVertices == 2)
        #expect(roads.nodeCount == 6)
        // Dangling: (120, 30) and the primary's start 1.1 m away from it, (119.999, 30) and the ferry's far end.
        #expect(roads.statistics.danglingEnds == 4)
        #expect(roads.tags[1].oneway == .forward && roads.tags[1].maxspeedKmPerHour == 30)
        #expect(roads.tags[3].roadClass == .ferry && roads.tags[3].durationMinutes == 25)
    }

    @Test("a polygon road or projected coordinates are refused with the feature named")
    func errors() {
        let polygon = Data(
            #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"highway":"service"},"geometry":{"type":"Polygon","coordinates":[]}}]}"#.utf8)
        #expect(throws: RoadReadError.self) { try GeoJSONRoadReader.read(polygon, name: "a.geojson") }
        let projected = Self.collection([Self.feature(#""highway":"service""#, [(500_000, 3_300_000), (500_100, 3_300_000)])])
        let error = #expect(throws: RoadReadError.self) { try GeoJSONRoadReader.read(projected, name: "b.geojson") }
        #expect(error?.message.contains("feature 1") == true)
    }
}
