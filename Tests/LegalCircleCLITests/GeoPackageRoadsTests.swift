import Foundation
import LegalCircleRoads
import LegalCircleTestSupport
import Testing

/// Roads from a GeoPackage of lines (issue 19: official road data), written here by GDAL's ogr2ogr
/// from the river fixture's GeoJSON, so the two readers can be held against each other.
@Suite struct GeoPackageRoadsTests {
    typealias Files = NetworkReportTests.Files

    /// `ogr2ogr` beside the `ogrinfo` the prerequisite found (both are Debian's gdal-bin).
    static func convert(_ files: Files, to name: String, _ options: [String]) throws -> String {
        let ogrinfo = try #require(Prerequisite.program("ogrinfo"))
        let process = Process()
        process.executableURL = ogrinfo.deletingLastPathComponent().appendingPathComponent("ogr2ogr")
        let output = files.cli.path(name)
        process.arguments = ["-f", "GPKG"] + options + [output, files.roads]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "ogr2ogr failed")
        return output
    }

    @Test(.requires(.ogrinfo)) func geoPackageRoadsGiveTheGeoJSONReport() throws {
        let files = try Files()
        let gpkg = try Self.convert(files, to: "roads.gpkg", [])
        let fromJSON = try NetworkLoadTests.figures(try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", "json"]))
        let fromGPKG = try NetworkLoadTests.figures(try files.cli.ok(files.oneShot + ["--roads", gpkg, "--format", "json"]))
        #expect(fromGPKG == fromJSON)
        // Not trivially equal: the estimate differs on this fixture.
        #expect(fromGPKG != (try NetworkLoadTests.figures(try files.cli.ok(files.oneShot + ["--format", "json"]))))
        // The same ways and nodes, tags included (a one-way street, a ferry with its duration).
        let a = try GeoJSONRoadReader.read(URL(fileURLWithPath: files.roads))
        let b = try GeoPackageRoadReader.read(URL(fileURLWithPath: gpkg))
        #expect(a.wayCount == b.wayCount && a.nodeCount == b.nodeCount)
        #expect(a.tags == b.tags && a.wayNodes == b.wayNodes && a.longitudes == b.longitudes && a.latitudes == b.latitudes)
        let load = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", gpkg])
        #expect(load.contains("roads roads.gpkg: 8 ways read, 8 kept as roads or ferries over"))
    }

    @Test(.requires(.ogrinfo)) func cgcs2000IsReadAsLongitudeLatitude() throws {
        let files = try Files()
        let gpkg = try Self.convert(files, to: "cgcs2000.gpkg", ["-a_srs", "EPSG:4490"])
        let ways = try GeoPackageRoadReader.read(URL(fileURLWithPath: gpkg))
        #expect(ways.wayCount == (try GeoJSONRoadReader.read(URL(fileURLWithPath: files.roads))).wayCount)
    }

    @Test(.requires(.ogrinfo)) func projectedLayerIsRefusedWithTheWayToReproject() throws {
        let files = try Files()
        let gpkg = try Self.convert(files, to: "utm.gpkg", ["-t_srs", "EPSG:32651"])
        let outcome = try files.cli.run(files.oneShot + ["--roads", gpkg])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("utm.gpkg"))
        #expect(outcome.stderr.contains("not longitude/latitude in EPSG:4326"))
        #expect(outcome.stderr.contains("ogr2ogr -t_srs EPSG:4326"))
    }

    @Test func notAGeoPackageNamesTheFile() throws {
        let files = try Files()
        let bogus = try files.cli.write("roads.gpkg", "not sqlite at all")
        let outcome = try files.cli.run(files.oneShot + ["--roads", bogus])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("roads.gpkg"))
    }
}
