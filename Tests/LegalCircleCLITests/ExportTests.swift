import Foundation
import LegalCircle
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// `legalcircle export` checked with GDAL's ogrinfo: layers, feature counts, geometry types, values,
/// the spatial index, and with the real Zhejiang county boundaries.
@Suite(.serialized, .requires(.ogrinfo))
struct ExportTests {
    static let layerNames = ["service_points", "residences", "county_results", "uncovered_areas"]

    /// A loaded generated dataset with one saved run, and what the run holds.
    struct Fixture {
        let cli: CLI
        let pointCount: Int
        let residenceCount: Int
        let countyRows: [[String: Any]]
        let areaCount: Int

        init(seed: UInt64 = 11, residences: Int = 2_500, points: Int = 120, boundaries: String? = nil) throws {
            cli = try CLI()
            try cli.ok(["generate", "--seed", "\(seed)", "--residences", "\(residences)", "--points", "\(points)", "--out", "demo"])
            try cli.ok(["load", "--points", "demo/points.csv", "--residences", "demo/residences.csv"] + (boundaries.map { ["--boundaries", $0] } ?? []))
            let report = try decodeJSON(try cli.ok(["report", "--format", "json"]))
            countyRows = report["counties"] as! [[String: Any]]
            areaCount = (try decodeJSON(try cli.ok(["gaps", "--run", "1", "--format", "json"]))["areas"] as! [Any]).count
            pointCount = points
            residenceCount = residences
        }

        var expectedCounts: [Int] { [pointCount, residenceCount, countyRows.count, areaCount] }
    }

    @Test func geoPackageHasFourLayersWithTheRunsCountsAndTypes() throws {
        let fixture = try Fixture()
        let cli = fixture.cli
        let outcome = try cli.run(["export", "--format", "gpkg", "--out", "run.gpkg"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("exporting run 1, the latest saved run"))
        #expect(fixture.areaCount > 0 && fixture.countyRows.count >= 2, "the generated data has gaps and several counties")

        let layers = try OGRInfo.layers(cli.path("run.gpkg"))
        #expect(layers.map(\.name) == Self.layerNames)
        #expect(layers.map(\.featureCount) == fixture.expectedCounts)
        #expect(layers.map(\.geometry) == ["Point", "Point", "Point", "Multi Polygon"])

        // The driver GDAL picked, the SRS and the extent.
        let info = try OGRInfo.run(["-ro", "-so", cli.path("run.gpkg"), "residences"])
        #expect(info.contains("using driver `GPKG'"), "\(info)")
        #expect(info.contains("ID[\"EPSG\",4326]") || info.contains("AUTHORITY[\"EPSG\",\"4326\"]"), "\(info)")
        #expect(info.contains("FID Column = fid") && info.contains("Geometry Column = geom"))
    }

    @Test func geoJSONFolderHoldsOneCollectionPerLayer() throws {
        let fixture = try Fixture(seed: 12)
        let cli = fixture.cli
        try cli.ok(["export", "--format", "geojson", "--out", "layers", "--run", "1"])
        var found: [OGRInfo.Layer] = []
        for name in Self.layerNames {
            let layers = try OGRInfo.layers(cli.path("layers/\(name).geojson"))
            #expect(layers.count == 1)
            found += layers
        }
        #expect(found.map(\.name) == Self.layerNames)
        #expect(found.map(\.featureCount) == fixture.expectedCounts)
        #expect(found.map(\.geometry) == ["Point", "Point", "Point", "Multi Polygon"])
    }

    /// Residence values against the run's stored results and against `legalcircle nearest`; county
    /// figures against `report --format csv`.
    @Test func valuesMatchTheStoredRunNearestAndTheReport() throws {
        let fixture = try Fixture(seed: 13, residences: 1_500, points: 80)
        let cli = fixture.cli
        try cli.ok(["export", "--format", "gpkg", "--out", "run.gpkg"])
        try cli.ok(["export", "--format", "geojson", "--out", "layers"])

        let store = try Store(path: cli.path("legalcircle.sqlite"))
        let stored = try store.runResidences(runID: 1)
        let residences = try store.residences(datasetID: try store.dataset(named: nil, kind: .residences).id)
        let points = try store.servicePoints(datasetID: try store.dataset(named: nil, kind: .points).id)
        for row in [0, 1, 777, residences.count - 1] {
            let id = residences.ids[row]
            let feature = try #require(try OGRInfo.features(cli.path("run.gpkg"), sql: "SELECT * FROM residences WHERE id = '\(id)'").first)
            let nearest = stored.nearestPoint[row]
            #expect(feature["nearest_point_id"] == (nearest < 0 ? "(null)" : points[Int(nearest)].id))
            // ogrinfo prints reals with 15 significant digits.
            let minutes = try #require(Double(feature["minutes"] ?? ""))
            #expect(abs(minutes - stored.minutes[row]) <= 1e-12 * stored.minutes[row])
            #expect(feature["covered"] == (stored.covered[row] ? "1" : "0"))

            // `nearest` measures the geodesic itself; the run's planar distances agree to 1e-5.
            let answer = try decodeJSON(
                try cli.ok([
                    "nearest", "--lon", "\(residences.longitudes[row])", "--lat", "\(residences.latitudes[row])", "--zone",
                    residences.zones[row].name, "--count", "1", "--format", "json",
                ]))
            let first = try #require((answer["points"] as? [[String: Any]])?.first)
            #expect(first["id"] as? String == feature["nearest_point_id"])
            #expect(abs((first["minutes"] as! Double) - minutes) <= 1e-4 * minutes)
        }

        // County figures: the GeoJSON keeps full precision, so they equal the CSV report's exactly.
        let csv = try cli.ok(["report", "--run", "1", "--format", "csv"]).split(separator: "\n")
        let header = csv[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // JSONDecoder, not JSONSerialization: on Linux the latter rounds some doubles by an ulp.
        let collection = try JSONDecoder().decode(
            PropertiesOnly.self, from: Data(contentsOf: URL(fileURLWithPath: cli.path("layers/county_results.geojson"))))
        let features = collection.features.map(\.properties)
        let rows = csv.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0[0] != "total" }
        #expect(features.count == rows.count)
        for (feature, row) in zip(features, rows) {
            for (name, text) in zip(header, row) {
                if name == "county" {
                    #expect(feature[name] == .text(text))
                } else if name == "county_name" {
                    continue  // the layer's own `name` column holds the county's name
                } else if text.isEmpty {
                    #expect(feature[name] == .null, "\(name) of \(row[0])")
                } else {
                    #expect(feature[name] == .number(Double(text)!), "\(name) of \(row[0])")
                }
            }
        }

        // Uncovered areas name their county (issue 17) as `gaps` does, in both formats.
        let gaps = try decodeJSON(try cli.ok(["gaps", "--run", "1", "--format", "json"]))["areas"] as! [[String: Any]]
        let gapNames = Dictionary(uniqueKeysWithValues: gaps.map { ("\($0["id"] as! Int)", $0["countyName"] as? String) })
        let areas = try OGRInfo.features(cli.path("run.gpkg"), sql: "SELECT id, county, county_name FROM uncovered_areas")
        #expect(areas.count == gaps.count && !areas.isEmpty)
        for area in areas {
            let name = try #require(area["county_name"])
            #expect(name != "(null)" && name == gapNames[area["id"]!] ?? nil, "\(area)")
        }
        let areaFeatures = try JSONDecoder().decode(
            PropertiesOnly.self, from: Data(contentsOf: URL(fileURLWithPath: cli.path("layers/uncovered_areas.geojson")))
        ).features.map(\.properties)
        #expect(areaFeatures.count == gaps.count)
        for feature in areaFeatures {
            guard case .number(let id) = feature["id"] else { Issue.record("no id: \(feature)"); continue }
            #expect(feature["county_name"] == .text(try #require(gapNames["\(Int(id))"] ?? nil)))
        }
    }

    /// The R-tree answers a spatial filter with the same features as a scan of the CSV; its triggers
    /// keep it in step when GDAL edits the file.
    @Test func spatialIndexFindsTheFeaturesInABoxAndFollowsEdits() throws {
        let fixture = try Fixture(seed: 14)
        let cli = fixture.cli
        try cli.ok(["export", "--format", "gpkg", "--out", "run.gpkg"])
        let info = try OGRInfo.run(["-ro", "-q", cli.path("run.gpkg"), "-sql", "SELECT COUNT(*) AS n FROM rtree_residences_geom"])
        #expect(info.contains("n (Integer) = \(fixture.residenceCount)"), "\(info)")

        let csv = try String(contentsOfFile: cli.path("demo/residences.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let coordinates = csv.map { line -> (Double, Double) in
            let fields = line.split(separator: ",")
            return (Double(fields[1])!, Double(fields[2])!)
        }
        let longitudes = coordinates.map(\.0).sorted()
        let latitudes = coordinates.map(\.1).sorted()
        let box = (longitudes[longitudes.count / 4], latitudes[latitudes.count / 4], longitudes[longitudes.count * 3 / 4], latitudes[latitudes.count * 3 / 4])
        let inside = coordinates.filter { box.0 <= $0.0 && $0.0 <= box.2 && box.1 <= $0.1 && $0.1 <= box.3 }.count
        let filtered = try OGRInfo.layers(
            cli.path("run.gpkg"), extra: ["-spat", "\(box.0)", "\(box.1)", "\(box.2)", "\(box.3)", "-where", "1 = 1"])
        let residences = try #require(filtered.first { $0.name == "residences" })
        #expect(residences.featureCount == inside && inside > 0)

        // GDAL registers ST_MinX and friends, so the triggers run when it deletes a point.
        _ = try OGRInfo.run([cli.path("run.gpkg"), "-sql", "DELETE FROM service_points WHERE fid = 1"])
        let after = try OGRInfo.run(["-ro", "-q", cli.path("run.gpkg"), "-sql", "SELECT COUNT(*) AS n FROM rtree_service_points_geom"])
        #expect(after.contains("n (Integer) = \(fixture.pointCount - 1)"), "\(after)")
        for layer in Self.layerNames {
            let check = try OGRInfo.run(["-ro", "-q", cli.path("run.gpkg"), "-sql", "SELECT rtreecheck('rtree_\(layer)_geom') AS c"])
            #expect(check.contains("c (String) = ok"), "\(layer): \(check)")
        }
    }

    /// With the real county boundaries loaded, counties are MultiPolygons named from the boundaries.
    @Test(.requires(.data(.countiesWGS84)))
    func realBoundariesMakeCountyMultiPolygons() throws {
        let fixture = try Fixture(seed: 15, residences: 2_000, points: 100, boundaries: ZhejiangFile.countiesWGS84.path)
        let cli = fixture.cli
        try cli.ok(["export", "--format", "gpkg", "--out", "run.gpkg"])
        try cli.ok(["export", "--format", "geojson", "--out", "layers"])
        let layers = try OGRInfo.layers(cli.path("run.gpkg"))
        #expect(layers.map(\.geometry) == ["Point", "Point", "Multi Polygon", "Multi Polygon"])
        #expect(layers.map(\.featureCount) == fixture.expectedCounts)
        let geoJSON = try OGRInfo.layers(cli.path("layers/county_results.geojson"))
        #expect(geoJSON == [OGRInfo.Layer(name: "county_results", geometry: "Multi Polygon", featureCount: fixture.countyRows.count)])

        // Every county row of the report has its polygon and a Chinese name from the file.
        let counties = try OGRInfo.features(cli.path("run.gpkg"), sql: "SELECT county, name, ST_IsEmpty(geom) AS empty FROM county_results")
        #expect(counties.count == fixture.countyRows.count)
        #expect(counties.allSatisfy { $0["empty"] == "0" && ($0["name"] ?? "").unicodeScalars.contains { $0.value > 0x4E00 } }, "\(counties)")
    }

    @Test func oneShotExportStoresNothingAndBadOptionsAreRefused() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "16", "--residences", "600", "--points", "30", "--out", "demo"])
        let none = try cli.run(["export", "--format", "gpkg", "--out", "x.gpkg"])
        #expect(none.status != 0 && none.stderr.contains("no saved run"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("legalcircle.sqlite")))

        let outcome = try cli.run([
            "export", "--format", "gpkg", "--out", "one.gpkg", "--points", "demo/points.csv", "--residences", "demo/residences.csv",
            "--minutes", "10", "--db", "unused.sqlite",
        ])
        #expect(outcome.status == 0 && outcome.stderr.contains("one-shot"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("unused.sqlite")))
        let layers = try OGRInfo.layers(cli.path("one.gpkg"))
        #expect(layers.map(\.featureCount).prefix(2) == [30, 600])

        let refused = try cli.run(["export", "--format", "gpkg", "--out", "y.gpkg", "--minutes", "10"])
        #expect(refused.status != 0 && refused.stderr.contains("saved run keeps its own"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("y.gpkg")))
    }
}

/// The attributes of a FeatureCollection, decoded exactly.
private struct PropertiesOnly: Decodable {
    struct Feature: Decodable {
        let properties: [String: Value]
    }

    enum Value: Decodable, Equatable {
        case text(String), number(Double), flag(Bool), null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    let features: [Feature]
}
