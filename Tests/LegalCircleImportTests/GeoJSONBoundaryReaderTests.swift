import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleTestSupport
import Testing

@Suite struct GeoJSONBoundaryReaderTests {
    static let square = "[[[120,30],[120.1,30],[120.1,30.1],[120,30.1],[120,30]]]"

    static func collection(_ features: String..., extra: String = "") -> Data {
        Data("{\"type\":\"FeatureCollection\"\(extra),\"features\":[\(features.joined(separator: ","))]}".utf8)
    }

    static func feature(_ properties: String, _ geometry: String = "{\"type\":\"Polygon\",\"coordinates\":\(square)}") -> String {
        "{\"type\":\"Feature\",\"properties\":{\(properties)},\"geometry\":\(geometry)}"
    }

    func problem(_ data: Data, codeField: String? = nil, nameField: String? = nil) -> GeoJSONError? {
        do {
            _ = try GeoJSONBoundaryReader.readBoundaries(data: data, file: "b.geojson", codeField: codeField, nameField: nameField)
            return nil
        } catch let error as GeoJSONError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func readsPolygonsAndMultiPolygonsWithHolesAndNumericCodes() throws {
        let multi = """
            {"type":"MultiPolygon","coordinates":[[[[121,30],[121.2,30],[121.2,30.2],[121,30.2],[121,30]],
            [[121.05,30.05],[121.1,30.05],[121.1,30.1,5],[121.05,30.1],[121.05,30.05]]],\(Self.square)]}
            """
        let file = try GeoJSONBoundaryReader.readBoundaries(
            data: Self.collection(Self.feature("\"adcode\":330102,\"name\":\"上城区\""), Self.feature("\"adcode\":\"330105 \",\"name\":\"拱墅区\"", multi)),
            file: "b.geojson")
        #expect(file.codeField == "adcode" && file.nameField == "name" && file.featureCount == 2)
        #expect(file.boundaries.map(\.code) == ["330102", "330105"])
        #expect(file.boundaries.map(\.name) == ["上城区", "拱墅区"])
        let second = file.boundaries[1]
        #expect(second.polygons.count == 2 && second.polygons[0].holes.count == 1)
        #expect(second.polygons[0].exterior.count == 4, "the closing position is dropped")
        #expect(second.polygons[0].holes[0][2] == GeoCoordinate(longitude: 121.1, latitude: 30.1), "heights are ignored")
    }

    @Test func chosenFieldsFallbacksAndMergedCodes() throws {
        let data = Self.collection(
            Self.feature("\"code\":\"330101\",\"label\":\"330201\""), Self.feature("\"code\":\"330102\",\"label\":\"330202\""),
            Self.feature("\"code\":\"330101\",\"label\":\"330201\"", "{\"type\":\"Polygon\",\"coordinates\":[[[122,30],[122.1,30],[122.1,30.1],[122,30]]]}"))
        let byDefault = try GeoJSONBoundaryReader.readBoundaries(data: data, file: "b.geojson")
        #expect(byDefault.codeField == "code" && byDefault.nameField == nil)
        #expect(byDefault.boundaries.map(\.name) == ["330101", "330102"], "without a name property the code serves")
        #expect(byDefault.boundaries[0].polygons.count == 2, "features sharing a code are merged")
        let named = try GeoJSONBoundaryReader.readBoundaries(data: data, file: "b.geojson", codeField: "label", nameField: "code")
        #expect(named.boundaries.map(\.code) == ["330201", "330202"] && named.boundaries.map(\.name) == ["330101", "330102"])
    }

    @Test func errorsNameTheFeatureAndWhatIsWrong() throws {
        let missing = problem(Self.collection(Self.feature("\"adcode\":\"330101\""), Self.feature("\"name\":\"x\"")))
        #expect(missing?.problem == .missingProperty(feature: 1, name: "adcode", available: ["name"]))
        #expect(missing?.description == "b.geojson features[1]: no property \"adcode\"; its properties are \"name\"")
        let noCode = problem(Self.collection(Self.feature("\"name\":\"x\"")))
        #expect(noCode?.description.contains("no property \"adcode\" or \"code\"") == true)
        #expect(problem(Self.collection(Self.feature("\"id\":\"330101\"")), codeField: "id", nameField: "mc")?.problem
            == .missingProperty(feature: 0, name: "mc", available: ["id"]))
        #expect(problem(Self.collection(Self.feature("\"adcode\":true")))?.problem
            == .wrongType(feature: 0, property: "adcode", expected: "a string or a whole number", found: "a boolean"))
        #expect(problem(Self.collection(Self.feature("\"adcode\":3301.5")))?.problem
            == .wrongType(feature: 0, property: "adcode", expected: "a string or a whole number", found: "3301.5"))
        #expect(problem(Self.collection(Self.feature("\"adcode\":\" \"")))?.problem == .badValue(feature: 0, property: "adcode", "the code is empty"))
        #expect(problem(Self.collection(Self.feature("\"adcode\":\"330101\",\"name\":{\"zh\":\"x\"}")))?.problem
            == .wrongType(feature: 0, property: "name", expected: "a string", found: "an object or array"))

        func geometryProblem(_ geometry: String) -> String? {
            guard case .badGeometry(let feature, let reason)? = problem(Self.collection(Self.feature("\"adcode\":\"330101\""), Self.feature("\"adcode\":\"330102\"", geometry)))?.problem
            else { return nil }
            return feature == 1 ? reason : "feature \(feature)"
        }
        #expect(geometryProblem("{\"type\":\"Point\",\"coordinates\":[120,30]}")?.contains("geometry type is \"Point\"") == true)
        #expect(geometryProblem("null")?.contains("null or missing") == true)
        #expect(geometryProblem("{\"type\":\"Polygon\",\"coordinates\":[[[120,30],[121,30],[121,31],[120,31]]]}")?.contains("ring 1 (exterior) is not closed") == true)
        #expect(geometryProblem("{\"type\":\"Polygon\",\"coordinates\":[[[120,30],[121,30],[120,30]]]}")?.contains("has 3 positions") == true)
        #expect(geometryProblem("{\"type\":\"Polygon\",\"coordinates\":[[[120,30],[120,30],[121,30],[120,30]]]}")?.contains("fewer than 3 distinct") == true)
        #expect(geometryProblem("{\"type\":\"Polygon\",\"coordinates\":[[[500000,3300000],[500100,3300000],[500100,3300100],[500000,3300000]]]}")?
            .contains("position 1: [500000.0, 3300000.0] is not longitude/latitude") == true)
        #expect(geometryProblem("{\"type\":\"Polygon\",\"coordinates\":[[[120],[121,30],[121,31],[120]]]}")?.contains("needs longitude and latitude") == true)
        #expect(geometryProblem("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[120,30],[121,30],[121,31],[120,30]]],[[[\"a\",1]]]]}")?
            .contains("MultiPolygon coordinates must be") == true)
        #expect(geometryProblem("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[120,30],[121,30],[121,31],[120,30]]],[[[122,30],[123,30],[123,31],[122,31]]]]}")?
            .contains("polygon 2, ring 1 (exterior) is not closed") == true)
    }

    @Test func fileLevelProblems() throws {
        #expect(problem(Data("not json".utf8))?.problem.isNotJSON == true)
        #expect(problem(Data("{\"type\":\"Feature\",\"geometry\":null}".utf8))?.problem == .notFeatureCollection("type \"Feature\""))
        #expect(problem(Data("[1,2]".utf8))?.problem == .notFeatureCollection("type \"not an object\""))
        #expect(problem(Data("{\"type\":\"FeatureCollection\",\"features\":[]}".utf8))?.problem == .noFeatures)
        let unknown = Self.collection(Self.feature("\"adcode\":\"330101\""), extra: ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:999999\"}}")
        #expect(problem(unknown)?.problem == .unsupportedCRS("EPSG:999999"))
        let cgcs = Self.collection(Self.feature("\"adcode\":\"330101\""), extra: ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4490\"}}")
        #expect(problem(cgcs) == nil, "a legacy crs member naming CGCS2000 is tolerated")
        do {
            _ = try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: "/nonexistent/b.geojson")
            Issue.record("a missing file was read")
        } catch let error as GeoJSONError {
            #expect(error.description.hasPrefix("/nonexistent/b.geojson: cannot be read"))
        }
    }

    @Test func zonesAcceptCanonicalAndChineseNames() throws {
        let data = Self.collection(
            Self.feature("\"zone\":\"Urban\",\"name\":\"城关\""), Self.feature("\"zone\":\"海岛\""), Self.feature("\"zone\":\"山区\""),
            Self.feature("\"zone\":\"乡村\""), Self.feature("\"zone\":\"城区\""))
        let areas = try GeoJSONBoundaryReader.readZones(data: data, file: "z.geojson")
        #expect(areas.map(\.zone) == [.urban, .island, .mountain, .rural, .urban])
        #expect(areas[0].name == "城关" && areas[1].name == nil)
        do {
            _ = try GeoJSONBoundaryReader.readZones(data: Self.collection(Self.feature("\"zone\":\"郊区\"")), file: "z.geojson")
            Issue.record("an unknown zone was accepted")
        } catch let error as GeoJSONError {
            #expect(error.description.contains("features[0]: property \"zone\": unknown zone \"郊区\""))
        }
        do {
            _ = try GeoJSONBoundaryReader.readZones(data: Self.collection(Self.feature("\"type\":\"x\"")), file: "z.geojson", zoneField: "kind")
            Issue.record("a missing zone was accepted")
        } catch let error as GeoJSONError {
            #expect(error.problem == .missingProperty(feature: 0, name: "kind", available: ["type"]))
        }
    }

    // MARK: Real files

    @Test(.requires(.data(.countiesWGS84, .countiesSimplifiedCGCS2000)))
    func readsTheRealCountyFiles() throws {
        let path = ZhejiangFile.countiesWGS84.path, simplified = ZhejiangFile.countiesSimplifiedCGCS2000.path
        let clock = ContinuousClock()
        let start = clock.now
        let file = try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: path)
        print("read \(file.featureCount) features in \(clock.now - start)")
        #expect(file.boundaries.count == 90 && file.featureCount == 90)
        #expect(file.boundaries.reduce(0) { $0 + $1.polygons.count } == 604)
        #expect(file.codeField == "adcode" && file.nameField == "name")
        #expect(file.boundaries.first { $0.code == "330902" }?.name == "定海区")
        let other = try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: simplified)
        #expect(Set(other.boundaries.map(\.code)) == Set(file.boundaries.map(\.code)))
    }
}

extension GeoJSONError.Problem {
    var isNotJSON: Bool {
        if case .notJSON = self { return true }
        return false
    }
}
