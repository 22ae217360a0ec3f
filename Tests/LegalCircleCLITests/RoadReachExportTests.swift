import Foundation
import LegalCircle
import LegalCircleReports
import LegalCircleRoads
import LegalCircleSession
import LegalCircleTestSupport
import Testing

/// The `road_reach` layer `export` writes for a run by network travel (issue 19), read back with
/// GDAL's ogrinfo, on the river fixture of `NetworkReportTests`.
@Suite struct RoadReachExportTests {
    typealias Files = NetworkReportTests.Files

    /// Every walk and cycle segment of the fixture that reaches a station within 15 minutes is in the
    /// layer with the minutes of a plain Dijkstra from its ends, and no other is (the island's road, 20
    /// minutes of ferry away, is not).
    @Test(.requires(.ogrinfo)) func roadReachLayerHoldsTheSegmentsWithinTheTarget() throws {
        let files = try Files()
        let (analysis, inputs, _) = try NetworkReportTests.analysis(files, rule: RuleRequest(roads: files.roads))
        let profile = analysis.parameters.profile
        let outcome = try files.cli.run(
            ["export", "--format", "gpkg", "--out", "run.gpkg", "--points", files.points, "--residences", files.residences,
                "--roads", files.roads])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let path = files.cli.path("run.gpkg")
        let layers = try OGRInfo.layers(path)
        let reach = try #require(layers.first { $0.name == "road_reach" })
        #expect(reach.geometry == "Line String")
        let features = try OGRInfo.features(
            path,
            sql: "SELECT mode, minutes_best, minutes_worst, whole, station_id, ST_MinX(geom) AS x0, ST_MinY(geom) AS y0, "
                + "ST_MaxX(geom) AS x1, ST_MaxY(geom) AS y1 FROM road_reach")
        #expect(features.count == reach.featureCount)
        let reference = HandReference(lines: NetworkReportTests.lines, profile: profile)
        let stations = inputs.points.map { ($0.location.longitude, $0.location.latitude) }
        func key(_ a: (Double, Double), _ b: (Double, Double)) -> String {
            String(format: "%.6f %.6f %.6f %.6f", min(a.0, b.0), min(a.1, b.1), max(a.0, b.0), max(a.1, b.1))
        }
        for mode in [TravelMode.walk, .cycle] {
            var expected: [String: Double] = [:]
            for line in NetworkReportTests.lines {
                for k in 0..<(line.points.count - 1) {
                    let ends = [line.points[k], line.points[k + 1]]
                    let best = ends.map { reference.seconds(from: $0, mode: mode, stations: stations)?.seconds ?? .infinity }.min()! / 60
                    if best <= profile.minutes { expected[key(ends[0], ends[1])] = best }
                }
            }
            let found = features.filter { $0["mode"] == mode.rawValue }
            var got: [String: Double] = [:]
            for feature in found {
                let corner = { (name: String) in Double(feature[name] ?? "") ?? .nan }
                got[key((corner("x0"), corner("y0")), (corner("x1"), corner("y1")))] = Double(feature["minutes_best"] ?? "")
                if feature["whole"] == "1" { #expect(Double(feature["minutes_worst"] ?? "")! <= profile.minutes) }
            }
            #expect(Set(got.keys) == Set(expected.keys), "\(mode)")
            for (segment, minutes) in expected {
                #expect(abs((got[segment] ?? .nan) - minutes) < 1e-5, "\(mode) \(segment): \(got[segment] ?? .nan) vs \(minutes)")
            }
            #expect(!found.contains { $0["x1"].flatMap(Double.init) ?? 0 > 120.14 }, "the island is beyond 15 minutes")
        }
        // A run by the straight-line estimate has no such layer.
        _ = try files.cli.ok(
            ["export", "--format", "gpkg", "--out", "straight.gpkg", "--points", files.points, "--residences", files.residences])
        #expect(try OGRInfo.layers(files.cli.path("straight.gpkg")).map(\.name) == ExportTests.layerNames)
    }

    /// A stored network run exports the layer over the stored roads: the same segments as one-shot.
    @Test(.requires(.ogrinfo)) func storedNetworkRunExportsTheReachOfTheStoredRoads() throws {
        let files = try Files()
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", files.roads])
        _ = try files.cli.ok(["report"])
        _ = try files.cli.ok(["export", "--format", "gpkg", "--out", "stored.gpkg"])
        _ = try files.cli.ok(
            ["export", "--format", "gpkg", "--out", "one-shot.gpkg", "--points", files.points, "--residences", files.residences,
                "--roads", files.roads])
        let sql = "SELECT mode, minutes_best, minutes_worst, whole, station_id FROM road_reach ORDER BY fid"
        let stored = try OGRInfo.features(files.cli.path("stored.gpkg"), sql: sql)
        #expect(!stored.isEmpty)
        #expect(stored == (try OGRInfo.features(files.cli.path("one-shot.gpkg"), sql: sql)))
        // GeoJSON gets the layer too.
        let written = try files.cli.ok(["export", "--format", "geojson", "--out", "layers"])
        #expect(written.contains("road_reach \(stored.count)"))
        let geoJSON = try OGRInfo.layers(files.cli.path("layers/road_reach.geojson"))
        #expect(geoJSON.map(\.geometry) == ["Line String"] && geoJSON.map(\.featureCount) == [stored.count])
    }
}
