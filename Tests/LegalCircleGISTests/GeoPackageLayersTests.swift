import Foundation
import LegalCircle
import LegalCircleReports
import LegalCircleGIS
import Testing

/// The export layers and their GeoJSON form, on small hand-made runs.
@Suite struct GeoPackageLayersTests {
    static let awkwardName = "Station \"North\"\\ \u{1}\n二楼"

    static let points = [
        ServicePoint(
            id: "P1", name: awkwardName, kinds: [.mediation, .notary], level: .village,
            location: GeoCoordinate(longitude: 120.1, latitude: 30.2), county: "330102"),
        ServicePoint(
            id: "P2", name: "公证处", kinds: [.notary], level: .county, location: GeoCoordinate(longitude: 120.2, latitude: 30.3),
            county: nil),
    ]

    static let residences = ResidenceTable([
        Residence(id: "R1", location: GeoCoordinate(longitude: 120.0, latitude: 30.0), population: 1, county: "330102", zone: .urban),
        Residence(id: "R2", location: GeoCoordinate(longitude: 121.0, latitude: 31.0), population: 3, county: "330102", zone: .rural),
        Residence(id: "R3", location: GeoCoordinate(longitude: 122.0, latitude: 29.0), population: 0, county: nil, zone: .island),
        Residence(id: "R4", location: GeoCoordinate(longitude: 122.5, latitude: 29.5), population: 0, county: nil, zone: .island),
    ])

    static let result = CoverageResult(
        nearestPoint: [0, 0, -1, 1], distance: [500.5, 3_000, .infinity, 10],
        minutes: [7.5, 16.25, .infinity, 0.02], covered: [true, false, false, true])

    static let run = RunDescription(
        runID: 4, createdAt: nil, parameters: CoverageParameters(profile: .standard, kinds: [.mediation]),
        projectionDefinition: "+proj=tmerc +lat_0=30 +lon_0=121", pointsDataset: "p", residencesDataset: "r")

    @Test func residencesCarryTheirNearestPointIdAndNullWhereNoneIsEligible() throws {
        let layer = try ResidenceLayer(residences: Self.residences, result: Self.result, points: Self.points)
        #expect(layer.fields.map(\.name) == ["id", "county", "zone", "population", "nearest_point_id", "distance_m", "minutes", "covered"])
        #expect(layer.value(4, row: 0) == .text("P1") && layer.value(4, row: 3) == .text("P2"))
        #expect(layer.value(4, row: 2) == .text(nil) && layer.value(1, row: 2) == .text(nil))
        #expect(layer.value(2, row: 2) == .text("island") && layer.value(7, row: 1) == .boolean(false))
        #expect(layer.geometry(row: 1) == .point(GeoCoordinate(longitude: 121, latitude: 31)))
        // Every value has its field's type.
        for row in 0..<layer.count {
            #expect(layer.fields.indices.allSatisfy { layer.value($0, row: row).type == layer.fields[$0].type })
        }
        var short = Self.result
        short.nearestPoint[0] = 2
        #expect(throws: RunLayersError.self) { try ResidenceLayer(residences: Self.residences, result: short, points: Self.points) }
    }

    @Test func countyPointsArePopulationWeightedCentroids() throws {
        let report = CoverageReport(
            counties: [
                CountyFigures(county: "", residents: 0, covered: 0, zones: [], servicePoints: 1, medianMinutes: nil, p90Minutes: nil, uncoveredAreas: 1),
                CountyFigures(county: "330102", residents: 4, covered: 1, zones: [], servicePoints: 1, medianMinutes: 7.5, p90Minutes: 16.25, uncoveredAreas: 1),
                CountyFigures(county: "330999", residents: 0, covered: 0, zones: [], servicePoints: 2, medianMinutes: nil, p90Minutes: nil, uncoveredAreas: 0),
            ], total: CountyFigures(county: "total", residents: 4, covered: 1, zones: [], servicePoints: 2, medianMinutes: nil, p90Minutes: nil, uncoveredAreas: 1))
        let layer = CountyResultLayer(report: report, residences: Self.residences, boundaries: nil)
        #expect(layer.geometryType == .point && layer.count == 3, "the total row is not a county")
        // 330102: (120·1 + 121·3) / 4 = 120.75, (30·1 + 31·3) / 4 = 30.75.
        #expect(layer.geometry(row: 1) == .point(GeoCoordinate(longitude: 120.75, latitude: 30.75)))
        // No county: both residences have population 0, so the plain mean.
        #expect(layer.geometry(row: 0) == .point(GeoCoordinate(longitude: 122.25, latitude: 29.25)))
        #expect(layer.geometry(row: 2) == nil, "a county with points but no residences has no centroid")
        #expect(layer.fields.map(\.name) == ["county", "name"] + ReportWriter.csvHeader.dropFirst())
        #expect(layer.value(0, row: 1) == .text("330102") && layer.value(1, row: 1) == .text(nil))
        let median = try #require(layer.fields.firstIndex { $0.name == "median_minutes" })
        #expect(layer.value(median, row: 1) == .real(7.5))
    }

    @Test func countiesTakeTheirBoundaryPolygonsAndNames() {
        let square = GeoPolygon(exterior: [.init(longitude: 120, latitude: 30), .init(longitude: 121, latitude: 30), .init(longitude: 121, latitude: 31)])
        let report = CoverageReport(
            counties: [
                CountyFigures(county: "", residents: 0, covered: 0, zones: [], servicePoints: 0, medianMinutes: nil, p90Minutes: nil, uncoveredAreas: 0),
                CountyFigures(county: "330102", residents: 4, covered: 1, zones: [], servicePoints: 1, medianMinutes: nil, p90Minutes: nil, uncoveredAreas: 0),
            ], total: CountyFigures(county: "total", residents: 4, covered: 1, zones: [], servicePoints: 1, medianMinutes: nil, p90Minutes: nil, uncoveredAreas: 0))
        let layer = CountyResultLayer(
            report: report, residences: Self.residences, boundaries: [Boundary(code: "330102", name: "上城区", polygons: [square])])
        #expect(layer.geometryType == .multiPolygon)
        #expect(layer.geometry(row: 1) == .multiPolygon([square]) && layer.value(1, row: 1) == .text("上城区"))
        #expect(layer.geometry(row: 0) == nil, "no polygon for residences without a county")
    }

    @Test func areaFieldTypesMatchTheGapsFields() throws {
        let frame = try PlanarFrame(centralMeridian: 120.15, originLatitude: 30.25)
        let area = UncoveredArea(
            id: 1, county: "330102", dominantZone: .urban, population: 12.5, residenceCount: 3,
            centroid: GeoCoordinate(longitude: 120.15, latitude: 30.25), minLongitude: 120.1, minLatitude: 30.2,
            maxLongitude: 120.2, maxLatitude: 30.3, nearestPointID: nil, nearestPointName: nil, nearestDistance: nil,
            nearestMinutes: nil, minutesBeyondTarget: nil,
            cells: [GridCell(column: 0, row: 0), GridCell(column: 1, row: 0), GridCell(column: 3, row: 0)])
        var layer = try UncoveredAreaLayer(areas: [area], frame: frame, cellSize: 500)
        #expect(layer.fields.map(\.name) == GapsWriter.fieldNames + ["county_name"])
        #expect(layer.fields.indices.allSatisfy { layer.value($0, row: 0).type == layer.fields[$0].type })
        // The county's name, as `gaps` writes it (issue 17); NULL when unknown.
        #expect(layer.value(layer.fields.count - 1, row: 0) == .text(nil))
        layer.countyNames = PlaceNames(counties: ["330102": "上城区"])
        #expect(layer.value(layer.fields.count - 1, row: 0) == .text("上城区"))
        guard case .multiPolygon(let polygons) = try #require(layer.geometry(row: 0)) else {
            Issue.record("an area is a MultiPolygon")
            return
        }
        // Two cells joined and one apart: two polygons, a 1,000 × 500 m and a 500 × 500 m rectangle.
        #expect(polygons.count == 2 && polygons.map(\.exterior.count) == [4, 4])
        #expect(abs(polygons[0].area - 500_000) < 50 && abs(polygons[1].area - 250_000) < 25)
    }

    @Test func geoJSONIsOneFeaturePerLineWithNullsRoundedCoordinatesAndEscapedNames() throws {
        let layer = try ResidenceLayer(residences: Self.residences, result: Self.result, points: Self.points)
        let text = try GeoJSONLayersWriter.render(layer, run: Self.run)
        #expect(text.split(separator: "\n").count == 2 + layer.count)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(json["type"] as? String == "FeatureCollection" && json["name"] as? String == "residences")
        #expect((json["run"] as! [String: Any])["runID"] as? Int == 4)
        let features = json["features"] as! [[String: Any]]
        #expect(features.map { $0["id"] as! Int } == [1, 2, 3, 4])
        let third = features[2]["properties"] as! [String: Any]
        #expect(third["nearest_point_id"] is NSNull && third["minutes"] is NSNull && third["county"] is NSNull)
        let first = features[0]["properties"] as! [String: Any]
        #expect(first["minutes"] as? Double == 7.5 && first["covered"] as? Bool == true && first["nearest_point_id"] as? String == "P1")
        #expect((features[1]["geometry"] as! [String: Any])["coordinates"] as? [Double] == [121, 31])

        let points = try JSONSerialization.jsonObject(
            with: Data(try GeoJSONLayersWriter.render(ServicePointLayer(points: Self.points, kinds: [.mediation]), run: Self.run).utf8))
            as! [String: Any]
        let pointFeatures = (points["features"] as! [[String: Any]]).map { $0["properties"] as! [String: Any] }
        #expect(pointFeatures[0]["name"] as? String == Self.awkwardName)
        #expect(pointFeatures.map { $0["eligible"] as! Bool } == [true, false])
        #expect(pointFeatures[0]["kinds"] as? String == "mediation;notary")
    }

    @Test func geoJSONRingsAreClosedAndFollowTheRightHandRule() throws {
        // Exterior given clockwise and the hole counter-clockwise: the writer turns both round.
        let exterior = [(120.0, 30.0), (120.0, 30.1), (120.1, 30.1), (120.1, 30.0)].map { GeoCoordinate(longitude: $0.0, latitude: $0.1) }
        let hole = [(120.02, 30.02), (120.05, 30.02), (120.05, 30.05)].map { GeoCoordinate(longitude: $0.0, latitude: $0.1) }
        let county = Boundary(code: "330102", name: "x", polygons: [GeoPolygon(exterior: exterior, holes: [hole])])
        let report = CoverageReport(
            counties: [CountyFigures(county: "330102", residents: 4, covered: 1, zones: [], servicePoints: 1, medianMinutes: nil, p90Minutes: nil, uncoveredAreas: 0)],
            total: CountyFigures(county: "total", residents: 4, covered: 1, zones: [], servicePoints: 1, medianMinutes: nil, p90Minutes: nil, uncoveredAreas: 0))
        let layer = CountyResultLayer(report: report, residences: Self.residences, boundaries: [county])
        let json = try JSONSerialization.jsonObject(with: Data(try GeoJSONLayersWriter.render(layer, run: Self.run).utf8)) as! [String: Any]
        let geometry = (json["features"] as! [[String: Any]])[0]["geometry"] as! [String: Any]
        #expect(geometry["type"] as? String == "MultiPolygon")
        let rings = (geometry["coordinates"] as! [[[[Double]]]])[0]
        #expect(rings.map(\.count) == [5, 4] && rings.allSatisfy { $0.first == $0.last })
        func shoelace(_ ring: [[Double]]) -> Double {
            zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0[0] * $1.1[1] - $1.1[0] * $1.0[1] }
        }
        #expect(shoelace(rings[0]) > 0, "exterior counter-clockwise")
        #expect(shoelace(rings[1]) < 0, "hole clockwise")
        #expect(rings[0][0] == [120.0, 30.0])
    }

    @Test func geoJSONDirectoryHoldsOneFilePerLayer() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("geojson-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let layers: [any FeatureLayer] = [
            ServicePointLayer(points: Self.points, kinds: .all),
            try ResidenceLayer(residences: Self.residences, result: Self.result, points: Self.points),
        ]
        let paths = try GeoJSONLayersWriter.write(layers, run: Self.run, directory: folder.path)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["service_points.geojson", "residences.geojson"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["residences.geojson", "service_points.geojson"])
        let written = try String(contentsOfFile: paths[1], encoding: .utf8)
        #expect(written == (try GeoJSONLayersWriter.render(layers[1], run: Self.run)))
    }
}
