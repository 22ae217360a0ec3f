import Foundation
import LegalCircle
import LegalCircleRoads
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// `load --roads` (issue 19): the road network stored with the datasets, and reports over loaded
/// datasets by network travel by default (`--travel straight` for the estimate).
@Suite struct NetworkLoadTests {
    typealias Files = NetworkReportTests.Files

    /// The counties and total of a JSON report, without the run description (ids and dataset names differ).
    static func figures(_ json: String) throws -> String {
        let object = try decodeJSON(json)
        let data = try JSONSerialization.data(
            withJSONObject: ["counties": object["counties"] ?? [], "total": object["total"] ?? [:]], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func storedRoadsGiveTheOneShotNetworkReport() throws {
        let files = try Files()
        let load = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", files.roads])
        #expect(load.contains("roads roads.geojson: 8 ways read, 8 kept as roads or ferries over"))
        #expect(load.contains("lines joined where vertices coincide within 0.5 m"))
        let stored = try files.cli.ok(["report", "--format", "json"])
        let oneShot = try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", "json"])
        #expect(try Self.figures(stored) == Self.figures(oneShot))
        let run = try #require(try decodeJSON(stored)["run"] as? [String: Any])
        #expect(run["travelModel"] as? String == "network (roads roads.geojson)")
        #expect(run["fallbackResidences"] as? Int == 1)
        // Not the straight-line figures.
        let without = try files.cli.ok(files.oneShot + ["--format", "json"])
        #expect(try Self.figures(stored) != Self.figures(without))
    }

    @Test func travelStraightOverStoredRoadsIsTheEstimate() throws {
        let files = try Files()
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", files.roads])
        let straight = try files.cli.ok(["report", "--travel", "straight"])
        let oneShot = try files.cli.ok(files.oneShot)
        // The same table under a different heading (the stored run has a number).
        #expect(straight.split(separator: "\n").dropFirst() == oneShot.split(separator: "\n").dropFirst())
        #expect(!straight.contains("travel network"))
        // A later network report is not the straight run reused, nor the reverse.
        let network = try files.cli.ok(["report"])
        #expect(network.contains("travel network (roads roads.geojson)"))
        let again = try files.cli.ok(["report", "--travel", "straight"])
        #expect(!again.contains("travel network"))
        // The second straight report reused run 1; runs names each run's travel model.
        let runs = try files.cli.ok(["runs"]).split(separator: "\n").filter { $0.hasPrefix("  ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(runs.count == 2)
        #expect(runs.map { $0.hasPrefix("2 ") && $0.hasSuffix("network (roads roads.geojson)") } == [true, false])
        #expect(runs.map { $0.hasPrefix("1 ") && $0.hasSuffix("straight-line estimate") } == [false, true])
    }

    @Test func savedNetworkRunReadsBackWithItsModelAndComparison() throws {
        let files = try Files()
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", files.roads])
        let computed = try files.cli.ok(["report", "--format", "json"])
        let reread = try files.cli.ok(["report", "--run", "1", "--format", "json"])
        #expect(try Self.figures(reread) == Self.figures(computed))
        #expect(reread.contains("\"networkComparison\""))
        let table = try files.cli.ok(["report", "--run", "1"])
        #expect(table.contains("travel network (roads roads.geojson); 1 residence farther than 500 m"))
        #expect(table.contains("lost on roads"))
    }

    @Test func compareNamesBothTravelModels() throws {
        let files = try Files()
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", files.roads])
        _ = try files.cli.ok(["report", "--travel", "straight"])
        _ = try files.cli.ok(["report"])
        let compare = try files.cli.ok(["compare", "1", "2"])
        #expect(compare.contains("travel network (roads roads.geojson); 1 residence farther than 500 m"))
        #expect(compare.contains("the travel model differs: A the straight-line estimate, B network (roads roads.geojson)"))
        let same = try files.cli.ok(["compare", "1", "1"])
        #expect(!same.contains("travel model differs"))
    }

    @Test func noRoadsLoadedMeansTheEstimateUnlessNetworkIsAsked() throws {
        let files = try Files()
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences])
        let report = try files.cli.ok(["report"])
        #expect(!report.contains("travel network"))
        let outcome = try files.cli.run(["report", "--travel", "network"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("load one with `legalcircle load --roads FILE`"))
    }

    /// A bad road file fails the whole load: the datasets given with it are not stored, and a
    /// database that held data keeps it as it was (one transaction, every file read first).
    @Test func aBadRoadFileLoadsNothing() throws {
        let files = try Files()
        let bad = files.cli.path("bad-roads.geojson")
        try Data("{\"type\": \"FeatureCollection\", \"features\": [".utf8).write(to: URL(fileURLWithPath: bad))
        let failed = try files.cli.run(["load", "--points", files.points, "--residences", files.residences, "--roads", bad])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("bad-roads.geojson"))
        #expect(try files.cli.run(["report"]).status != 0)  // nothing was loaded
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences])
        let database = files.cli.path("legalcircle.sqlite")
        func state() throws -> [String] {
            let store = try Store(path: database, access: .readOnly)
            return try store.datasets().map { "\($0.name) \($0.checksum) \($0.rowCount)" }.sorted()
                + [try store.latestRoads() == nil ? "no roads" : "roads"]
        }
        let before = try state()
        #expect(before.count == 3 && before.last == "no roads")
        #expect(try files.cli.run(["load", "--residences", files.residences, "--name", "other", "--roads", bad]).status != 0)
        #expect(try state() == before)
    }

    /// The stored columns read back to the roads the PBF reader gave (Kouvola, Tests/Fixtures/osm, ODbL).
    @Test func storedNetworkRoundTrips() throws {
        let file = Repository.root.appendingPathComponent("Tests/Fixtures/osm/osm_kouvola_pyrosm_test.osm.pbf").path
        let cli = try CLI()
        let load = try cli.ok(["load", "--roads", file])
        #expect(load.contains("roads osm_kouvola_pyrosm_test.osm.pbf: 2,653 ways read"))
        let read = try NetworkTravel.readWays(file)
        let store = try Store(path: cli.path("legalcircle.sqlite"), access: .readOnly)
        let stored = try #require(try store.latestRoads())
        let ways = try RoadWays(
            longitudes: stored.longitudes, latitudes: stored.latitudes, wayStarts: stored.wayStarts, wayNodes: stored.wayNodes,
            packedTags: stored.wayTags, statistics: read.statistics, name: stored.name)
        #expect(ways.longitudes == read.longitudes)
        #expect(ways.latitudes == read.latitudes)
        #expect(ways.wayStarts == read.wayStarts)
        #expect(ways.wayNodes == read.wayNodes)
        #expect(ways.tags == read.tags)
        #expect(Set(read.tags.map(\.oneway)).count > 1, "the extract has one-way streets, so the round trip checks them")
    }
}
