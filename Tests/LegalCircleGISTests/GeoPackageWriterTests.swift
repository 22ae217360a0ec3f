import Foundation
import GRDB
import LegalCircle
import LegalCircleReports
import LegalCircleTestSupport
import LegalCircleGIS
@testable import LegalCircleGIS
import Testing

/// The GeoPackage file itself: header, metadata tables, features and spatial index, read back with
/// plain SQLite; GDAL's own validator when it is installed.
@Suite struct GeoPackageWriterTests {
    static let run = RunDescription(
        runID: 1, createdAt: nil, parameters: CoverageParameters(profile: .standard),
        projectionDefinition: "+proj=tmerc", pointsDataset: "p", residencesDataset: "r")

    static var layers: [any FeatureLayer] {
        let result = CoverageResult(
            nearestPoint: [0, -1, 1, 0], distance: [10, .infinity, 2_000, 30], minutes: [0.15, .infinity, 13, 0.45],
            covered: [true, false, true, true])
        let square = GeoPolygon(exterior: [Fixtures.coordinate(0, 0), Fixtures.coordinate(0.01, 0), Fixtures.coordinate(0.01, 0.01)])
        let report = CoverageReport(
            counties: [
                CountyFigures(county: "330102", residents: 12.5, covered: 12.5, zones: [], servicePoints: 0, medianMinutes: 13, p90Minutes: 13, uncoveredAreas: 0),
                CountyFigures(county: "330106", residents: 3, covered: 3, zones: [], servicePoints: 1, medianMinutes: 0.15, p90Minutes: 0.45, uncoveredAreas: 0),
            ], total: CountyFigures(county: "total", residents: 15.5, covered: 15.5, zones: [], servicePoints: 1, medianMinutes: 0.15, p90Minutes: 13, uncoveredAreas: 0))
        return [
            ServicePointLayer(points: Fixtures.points, kinds: .mediation),
            try! ResidenceLayer(residences: Fixtures.residences, result: result, points: Fixtures.points),
            CountyResultLayer(
                report: report, residences: Fixtures.residences, boundaries: [Boundary(code: "330106", name: "西湖区", polygons: [square])]),
        ]
    }

    func withPackage(_ body: (String, DatabaseQueue) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpkg-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.gpkg").path
        try GeoPackageWriter.write(Self.layers, description: Self.run.summary, to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.gpkg"], "no partial or journal file left")
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        try body(path, queue)
        try queue.close()
    }

    @Test func headerSaysGeoPackage12() throws {
        try withPackage { path, _ in
            let header = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)).prefix(100))
            #expect(Array(header[68..<72]) == Array("GPKG".utf8), "application_id at offset 68")
            // user_version at offset 60, big-endian: 10200 = 0x27D8.
            #expect(Array(header[60..<64]) == [0x00, 0x00, 0x27, 0xD8])
        }
    }

    @Test func metadataTablesListEveryLayerWithItsExtent() throws {
        try withPackage { _, queue in
            try queue.read { db in
                let srs = try Row.fetchAll(db, sql: "SELECT srs_id, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys ORDER BY srs_id")
                #expect(srs.map { $0["srs_id"] as Int } == [-1, 0, 4326])
                #expect(srs.map { $0["organization"] as String } == ["NONE", "NONE", "EPSG"])
                #expect((srs[2]["definition"] as String).hasPrefix("GEOGCS[\"WGS 84\""))
                let contents = try Row.fetchAll(db, sql: "SELECT * FROM gpkg_contents ORDER BY rowid")
                #expect(contents.map { $0["table_name"] as String } == ["service_points", "residences", "county_results"])
                #expect(contents.allSatisfy { $0["data_type"] == "features" && $0["srs_id"] == 4326 && $0["description"] == Self.run.summary })
                for (row, layer) in zip(contents, Self.layers) {
                    let extent = layer.extent
                    #expect(row["min_x"] == extent.minLongitude && row["max_x"] == extent.maxLongitude)
                    #expect(row["min_y"] == extent.minLatitude && row["max_y"] == extent.maxLatitude)
                }
                let columns = try Row.fetchAll(db, sql: "SELECT * FROM gpkg_geometry_columns ORDER BY table_name")
                #expect(columns.map { "\($0["table_name"] as String):\($0["column_name"] as String):\($0["geometry_type_name"] as String)" }
                    == ["county_results:geom:MULTIPOLYGON", "residences:geom:POINT", "service_points:geom:POINT"])
                #expect(columns.allSatisfy { $0["srs_id"] == 4326 && $0["z"] == 0 && $0["m"] == 0 })
                #expect(try String.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
                #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            }
        }
    }

    @Test func featuresHoldTheEncodedGeometryAndTypedValues() throws {
        try withPackage { _, queue in
            try queue.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM residences ORDER BY fid")
                #expect(rows.map { $0["fid"] as Int } == [1, 2, 3, 4])
                let residences = Fixtures.residences
                for (index, row) in rows.enumerated() {
                    let point = GeoCoordinate(longitude: residences.longitudes[index], latitude: residences.latitudes[index])
                    #expect(row["geom"] as Data == Data(GeoPackageGeometry.encode(.point(point))))
                    #expect(row["id"] as String == residences.ids[index])
                }
                let minutes: Double? = rows[1]["minutes"]
                let nearest: String? = rows[1]["nearest_point_id"]
                #expect(minutes == nil && nearest == nil, "infinity and no point are NULL")
                let firstNearest: String = rows[0]["nearest_point_id"]
                let firstCovered: Int = rows[0]["covered"]
                #expect(firstNearest == "P1" && firstCovered == 1)
                let types = try Row.fetchAll(db, sql: "PRAGMA table_info(residences)").map { "\($0["name"] as String) \($0["type"] as String)" }
                #expect(types == [
                    "fid INTEGER", "geom POINT", "id TEXT", "county TEXT", "zone TEXT", "population REAL", "nearest_point_id TEXT",
                    "distance_m REAL", "minutes REAL", "covered BOOLEAN",
                ])
                // The county without a boundary polygon has a NULL geometry and no R-tree entry.
                #expect(try Bool.fetchAll(db, sql: "SELECT geom IS NULL FROM county_results ORDER BY fid") == [true, false])
            }
        }
    }

    @Test func spatialIndexHoldsEveryBoxRoundedOutwards() throws {
        try withPackage { _, queue in
            try queue.read { db in
                let extensions = try String.fetchAll(
                    db, sql: "SELECT table_name || ':' || column_name || ':' || extension_name || ':' || scope FROM gpkg_extensions ORDER BY rowid")
                #expect(extensions == ["service_points", "residences", "county_results"].map { "\($0):geom:gpkg_rtree_index:write-only" })
                let boxes = try Row.fetchAll(db, sql: "SELECT * FROM rtree_residences_geom ORDER BY id")
                let residences = Fixtures.residences
                #expect(boxes.count == residences.count)
                for (index, box) in boxes.enumerated() {
                    let (minX, maxX, minY, maxY): (Double, Double, Double, Double) = (box["minx"], box["maxx"], box["miny"], box["maxy"])
                    #expect(minX <= residences.longitudes[index] && residences.longitudes[index] <= maxX)
                    #expect(minY <= residences.latitudes[index] && residences.latitudes[index] <= maxY)
                    // 32-bit floats: within a few metres.
                    #expect(maxX - minX < 2e-5 && maxY - minY < 2e-5)
                }
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rtree_county_results_geom") == 1)
                for table in ["service_points", "residences", "county_results"] {
                    #expect(try String.fetchOne(db, sql: "SELECT rtreecheck('rtree_\(table)_geom')") == "ok")
                }
                let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'residences' ORDER BY name")
                #expect(triggers == ["delete", "insert", "update1", "update2", "update3", "update4"].map { "rtree_residences_geom_\($0)" })
            }
        }
    }

    @Test func aFailedWriteLeavesNothingAndAWriteReplacesTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpkg-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: (any Error).self) {
            try GeoPackageWriter.write(Self.layers, description: "", to: folder.appendingPathComponent("missing/out.gpkg").path)
        }
        let path = folder.appendingPathComponent("out.gpkg").path
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        try GeoPackageWriter.write(Self.layers, description: "", to: path)
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM residences") } == 4)
        try queue.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.gpkg"])
    }

    /// GDAL's `validate_gpkg.py` (python3-gdal) checks every requirement of the standard it knows.
    @Test(.requires(.gdalValidator))
    func gdalValidatorFindsNoError() throws {
        try withPackage { path, _ in
            let (status, output) = try GDALValidator.validate(path)
            #expect(status == 0 && !output.contains("Error"), "\(output)")
        }
    }
}

enum GDALValidator {
    /// Tests using it declare `.requires(.gdalValidator)`.
    static func validate(_ path: String) throws -> (Int32, String) {
        let script = try #require(Prerequisite.gdalValidator.executable, "\(Prerequisite.gdalValidator)")
        let process = Process()
        process.executableURL = Prerequisite.systemPython3
        process.arguments = [script.path, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
