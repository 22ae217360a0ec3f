import Foundation
import LegalCircle
import LegalCircleReports
import Testing

@Suite struct OutputWritersTests {
    static let awkwardName = "Station \"North\", <script>alert('x')</script>\n二楼"

    let run = RunDescription(
        runID: 7, createdAt: "2025-01-02T03:04:05Z", parameters: CoverageParameters(profile: .standard),
        projectionDefinition: "+proj=tmerc +lat_0=30.2500 +lon_0=120.1500 +k=1", pointsDataset: "points",
        residencesDataset: "居民点")

    // MARK: - Fixtures

    static func county(_ code: String, residents: [Double], covered: [Double], points: Int, median: Double?, areas: Int)
        -> CountyFigures
    {
        let zones = Zone.allCases.enumerated().map { ZoneFigures(zone: $1, residents: residents[$0], covered: covered[$0]) }
        return CountyFigures(
            county: code, residents: residents.reduce(0, +), covered: covered.reduce(0, +), zones: zones,
            servicePoints: points, medianMinutes: median, p90Minutes: median.map { $0 * 2.5 }, uncoveredAreas: areas)
    }

    static let report: CoverageReport = {
        let counties = [
            county("", residents: [12.5, 0, 0, 0], covered: [2.25, 0, 0, 0], points: 0, median: nil, areas: 1),
            county("330102", residents: [1_234_567.4, 20_000, 3_000.75, 0], covered: [1_200_000, 15_000.5, 1_000, 0],
                points: 143, median: 6.123456789, areas: 12),
            county("330106", residents: [800_000, 45_000, 0, 0.1], covered: [790_000.25, 30_000, 0, 0], points: 97,
                median: 7.77, areas: 3),
        ]
        let sum = { (f: (ZoneFigures) -> Double) in
            Zone.allCases.indices.map { index in counties.reduce(0) { $0 + f($1.zones[index]) } }
        }
        let total = county(
            CountyFigures.totalKey, residents: sum(\.residents), covered: sum(\.covered),
            points: counties.reduce(0) { $0 + $1.servicePoints }, median: 6.5,
            areas: counties.reduce(0) { $0 + $1.uncoveredAreas })
        return CoverageReport(counties: counties, total: total)
    }()

    static func area(
        _ id: Int, county: String?, population: Double, name: String?, cells: [(Int32, Int32)]
    ) -> UncoveredArea {
        UncoveredArea(
            id: id, county: county, dominantZone: .rural, population: population, residenceCount: Int(population / 3),
            centroid: GeoCoordinate(longitude: 120.1512345678, latitude: 30.2523456789), minLongitude: 120.150001,
            minLatitude: 30.250002, maxLongitude: 120.16, maxLatitude: 30.26, nearestPointID: name.map { _ in "P-\(id)" },
            nearestPointName: name, nearestDistance: name.map { _ in 5_432.123456 }, nearestMinutes: name.map { _ in 27.15625 },
            minutesBeyondTarget: name.map { _ in 12.15625 }, cells: cells.map { GridCell(column: $0.0, row: $0.1) })
    }

    /// An L with a diagonal neighbour (MultiPolygon), a ring with a hole, a single cell, one without county.
    static let areas = [
        area(1, county: "330102", population: 900, name: "西湖区北山街道公共法律服务工作站", cells: [(0, 0), (1, 0), (0, 1), (2, 1)]),
        area(2, county: "330106", population: 450, name: "Xihu", cells: [(-5, -5), (-4, -5), (-3, -5), (-5, -4), (-3, -4), (-5, -3), (-4, -3), (-3, -3)]),
        area(3, county: "330102", population: 450, name: awkwardName, cells: [(10, 10)]),
        area(4, county: nil, population: 1000, name: nil, cells: [(-20, 3), (-20, 4)]),
    ]
    static let cellSize = 500.0

    func gaps(county: String? = nil, top: Int? = nil, _ format: OutputFormat) throws -> String {
        try GapsWriter.render(
            Self.areas, run: run, frame: PlanarFrame(centralMeridian: 120.15, originLatitude: 30.25),
            cellSize: Self.cellSize, county: county, top: top, format: format)
    }

    // MARK: - Report

    @Test func reportCSVReadsBackAndTotalIsTheSumOfCounties() throws {
        let records = parseCSV(try ReportWriter.render(Self.report, run: run, format: .csv))
        #expect(records.first == ReportWriter.csvOutputHeader)
        let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(ReportWriter.csvOutputHeader, $0)) }
        #expect(rows.map { $0["county"]! } == ["", "330102", "330106", "total"])
        for (row, figures) in zip(rows, Self.report.counties + [Self.report.total]) {
            #expect(Double(row["residents"]!) == figures.residents)
            #expect(Double(row["covered"]!) == figures.covered)
            #expect(row["coverage_percent"].flatMap(Double.init) == figures.coveragePercent)
            #expect(row["median_minutes"].flatMap(Double.init) == figures.medianMinutes)
            #expect(Int(row["service_points"]!) == figures.servicePoints)
            for zone in figures.zones {
                #expect(Double(row["\(zone.zone.name)_covered"]!) == zone.covered)
                #expect(row["\(zone.zone.name)_coverage_percent"].flatMap(Double.init) == zone.coveragePercent)
            }
        }
        let additive = ReportWriter.csvHeader.filter { $0.hasSuffix("residents") || $0.hasSuffix("covered") }
            + ["service_points", "uncovered_population", "uncovered_areas"]
        for column in additive {
            let sum = rows.dropLast().reduce(0.0) { $0 + Double($1[column]!)! }
            #expect(abs(sum - Double(rows.last![column]!)!) <= 1e-9 * max(1, sum), "\(column)")
        }
        #expect(rows[0]["median_minutes"] == "" && rows[0]["rural_coverage_percent"] == "")
    }

    @Test func reportJSONDecodesToEqualFigures() throws {
        struct Document: Decodable {
            var run: RunDescription
            var counties: [CountyFigures]
            var total: CountyFigures
        }
        let text = try ReportWriter.render(Self.report, run: run, format: .json)
        let document = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        #expect(document.counties == Self.report.counties)
        #expect(document.total == Self.report.total)
        #expect(document.run == run)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let first = (object["counties"] as! [[String: Any]])[0]
        #expect(first["medianMinutes"] is NSNull)
        #expect(text.contains("\n  \"counties\""))
    }

    /// The county's name beside its code (issue 17): `countyName` when known, never for the total or a
    /// code without a name; the counties still decode to equal figures.
    @Test func reportJSONNamesTheCountiesItKnows() throws {
        struct Document: Decodable { var counties: [CountyFigures] }
        let names = PlaceNames(counties: ["330102": "上城区"])
        let text = try ReportWriter.render(Self.report, run: run, format: .json, names: names)
        #expect(try JSONDecoder().decode(Document.self, from: Data(text.utf8)).counties == Self.report.counties)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let counties = (object["counties"] as! [[String: Any]]).map { ($0["county"] as! String, $0["countyName"] as? String) }
        #expect(counties.map(\.0) == ["", "330102", "330106"])
        #expect(counties.map(\.1) == [nil, "上城区", nil])
        #expect((object["total"] as! [String: Any])["countyName"] == nil)
        #expect(!(try ReportWriter.render(Self.report, run: run, format: .json)).contains("countyName"))
    }

    @Test func reportRefusesGeoJSON() {
        #expect(throws: OutputFormatError.self) { try ReportWriter.render(Self.report, run: run, format: .geojson) }
    }

    @Test func reportTableIsAlignedWithTotalLast() throws {
        let text = try ReportWriter.render(Self.report, run: run, format: .table)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("Run 7: profile default, 15 min; radius urban"))
        let body = Array(lines[2..<(lines.count - 1)])
        #expect(Set(body.map(terminalWidth)).count == 1, "\(body)")
        #expect(body[1].allSatisfy { $0 == "-" } && body[body.count - 2].allSatisfy { $0 == "-" })
        #expect(body.last!.hasPrefix("total"))
        #expect(body[2].hasPrefix(OutputFormat.noCountyLabel))
        #expect(text.contains("1,257,568") && text.contains("–"))
    }

    @Test func reportMarkdownIsATable() throws {
        let text = try ReportWriter.render(Self.report, run: run, format: .markdown)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(rows.count == 2 + Self.report.counties.count + 1)
        #expect(Set(rows.map { $0.filter { $0 == "|" }.count }).count == 1)
        #expect(rows.last!.contains("**total**"))
    }

    // MARK: - Gaps

    @Test func gapsGeoJSONHasOneClosedPolygonPerAreaOfTheRightSize() throws {
        for (county, top, expected) in [(nil, nil, [4, 1, 2, 3]), ("330102", nil, [1, 3]), (nil, 2, [4, 1])] as [(String?, Int?, [Int])] {
            let text = try gaps(county: county, top: top, .geojson)
            let collection = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            #expect(collection["type"] as? String == "FeatureCollection")
            #expect(collection["crs"] == nil)
            let features = collection["features"] as! [[String: Any]]
            #expect(features.map { $0["id"] as! Int } == expected)
            for feature in features {
                let id = feature["id"] as! Int
                let area = Self.areas.first { $0.id == id }!
                let geometry = feature["geometry"] as! [String: Any]
                let polygons: [[[[Double]]]] = geometry["type"] as? String == "Polygon"
                    ? [geometry["coordinates"] as! [[[Double]]]] : geometry["coordinates"] as! [[[[Double]]]]
                var squareMetres = 0.0
                for polygon in polygons {
                    for (index, ring) in polygon.enumerated() {
                        #expect(ring.first == ring.last && ring.count >= 5)
                        let signed = signedSquareMetres(ring)
                        #expect(index == 0 ? signed > 0 : signed < 0, "area \(id) ring \(index) orientation")
                        squareMetres += signed
                    }
                }
                let expectedArea = Double(area.cells.count) * Self.cellSize * Self.cellSize
                #expect(abs(squareMetres / expectedArea - 1) < 0.01, "area \(id): \(squareMetres) m²")
                let properties = feature["properties"] as! [String: Any]
                #expect(Set(properties.keys) == Set(GapsWriter.fieldNames))
                #expect(properties["population"] as? Double == area.population)
            }
            #expect(text.split(separator: "\n").count == features.count + 2)
        }
        let first = try JSONSerialization.jsonObject(with: Data(try gaps(county: "330106", .geojson).utf8)) as! [String: Any]
        let geometry = (first["features"] as! [[String: Any]])[0]["geometry"] as! [String: Any]
        #expect(geometry["type"] as? String == "Polygon" && (geometry["coordinates"] as! [Any]).count == 2)
    }

    @Test func awkwardNamesSurviveCSVAndJSON() throws {
        let records = parseCSV(try gaps(.csv))
        #expect(records[0] == GapsWriter.csvFieldNames && records.dropFirst().allSatisfy { $0.last == "WGS84" })
        let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(GapsWriter.fieldNames, $0)) }
        #expect(rows.map { $0["id"]! } == ["4", "1", "2", "3"])
        let awkward = rows.first { $0["id"] == "3" }!
        #expect(awkward["nearest_point_name"] == Self.awkwardName)
        #expect(Double(awkward["centroid_lon"]!) == 120.1512345678 && Double(awkward["min_lat"]!) == 30.250002)
        #expect(Double(awkward["nearest_distance_m"]!) == 5_432.123456 && awkward["cell_count"] == "1")
        #expect(rows.first { $0["id"] == "4" }!["nearest_minutes"] == "")

        let json = try JSONSerialization.jsonObject(with: Data(try gaps(.json).utf8)) as! [String: Any]
        let areas = json["areas"] as! [[String: Any]]
        #expect(areas.first { $0["id"] as? Int == 3 }?["nearestPointName"] as? String == Self.awkwardName)
        #expect(areas.first { $0["id"] as? Int == 4 }?["nearestPointName"] is NSNull)
        #expect((json["run"] as? [String: Any])?["residencesDataset"] as? String == "居民点")

        let geojson = try JSONSerialization.jsonObject(with: Data(try gaps(county: "330102", .geojson).utf8)) as! [String: Any]
        let names = (geojson["features"] as! [[String: Any]]).map { ($0["properties"] as! [String: Any])["nearest_point_name"] as? String }
        #expect(names.contains(Self.awkwardName))
    }

    @Test func gapsTableAlignsChineseNames() throws {
        let text = try gaps(.table)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1] == "Uncovered areas: 4 of 4, most populous first; lon/lat in WGS84")
        let body = Array(lines[3..<(lines.count - 1)])
        #expect(body.count == 2 + Self.areas.count)
        #expect(Set(body.map(terminalWidth)).count == 1, "\(body)")
        #expect(text.contains(OutputFormat.noCountyLabel) && text.contains("120.15123") && text.contains("5,432"))
        #expect(try gaps(county: "330106", top: 5, .markdown).contains("in county 330106: 1 of 1"))
    }

    // MARK: - Helpers

    /// Terminal columns, computed independently of the writer: CJK ideographs are 2 wide.
    private func terminalWidth(_ line: String) -> Int {
        line.unicodeScalars.reduce(0) { $0 + ((0x4E00...0x9FFF).contains($1.value) ? 2 : 1) }
    }

    /// Signed area of a lon/lat ring in m², with the local radii of curvature of WGS84 at its mean
    /// latitude (an equirectangular approximation, well within 0.1% over a few kilometres).
    private func signedSquareMetres(_ ring: [[Double]]) -> Double {
        let a = 6_378_137.0, e2 = 0.006694379990141317
        let phi = ring.reduce(0) { $0 + $1[1] } / Double(ring.count) * .pi / 180
        let w = 1 - e2 * sin(phi) * sin(phi)
        let n = a / w.squareRoot(), m = a * (1 - e2) / (w * w.squareRoot())
        let points = ring.map { (x: $0[0] * .pi / 180 * n * cos(phi), y: $0[1] * .pi / 180 * m) }
        return zip(points, points.dropFirst()).reduce(0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y } / 2
    }

    /// A minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
    private func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return records
    }
}
