import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import Projection
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// Real Zhejiang boundaries through the CLI: counties filled from polygons, islands served only from
/// their own land mass until a fixed link joins them.
@Suite(.serialized) struct IslandTests {
    @Test(.requires(.data(.countiesWGS84, .islandsWGS84)))
    func anIslandIsNotServedFromTheMainlandUntilAFixedLinkJoinsThem() throws {
        let countiesPath = ZhejiangFile.countiesWGS84.path, islandsPath = ZhejiangFile.islandsWGS84.path
        let counties = try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: countiesPath).boundaries
        let masses = LandMasses(boundaries: counties)
        // Island representative points from the islands file, largest first.
        let islands = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: islandsPath))) as! [String: Any]
        var found: (island: GeoCoordinate, station: GeoCoordinate)?
        search: for feature in islands["features"] as! [[String: Any]] {
            let properties = feature["properties"] as! [String: Any]
            let island = GeoCoordinate(longitude: properties["rep_lon"] as! Double, latitude: properties["rep_lat"] as! Double)
            guard masses.landMass(longitude: island.longitude, latitude: island.latitude) > 0 else { continue }
            for azimuth in stride(from: 0.0, to: 360, by: 10) {
                let end = Geodesic.wgs84.destination(
                    longitude: island.longitude, latitude: island.latitude, azimuth: azimuth, distance: 2_000)
                if masses.landMass(longitude: end.longitude, latitude: end.latitude) == LandMasses.mainland {
                    found = (island, GeoCoordinate(longitude: end.longitude, latitude: end.latitude))
                    break search
                }
            }
        }
        let (island, station) = try #require(found)

        let cli = try CLI()
        let points = try cli.write(
            "points.csv", "id,name,kind,level,lon,lat,county\nS1,大陆站,mediation,village,\(station.longitude),\(station.latitude),\n")
        let residences = try cli.write(
            "residences.csv", "id,lon,lat,population,county,zone\nI1,\(island.longitude),\(island.latitude),10,,island\n")
        let loaded = try cli.ok(["load", "--boundaries", countiesPath, "--points", points, "--residences", residences])
        #expect(loaded.contains("loaded 90 county boundaries") && loaded.contains("residences: 1 counties filled"), "\(loaded)")

        // 2 km is inside the 5.4 km driving radius, but the station is across water.
        let report = try decodeJSON(try cli.ok(["report", "--format", "json"]))
        let total = report["total"] as! [String: Any]
        #expect(total["covered"] as? Double == 0 && total["residents"] as? Double == 10)
        let county = (report["counties"] as! [[String: Any]]).first!["county"] as! String
        #expect(county.count == 6 && county.hasPrefix("33"), "county filled from the polygon: \(county)")
        let gaps = try decodeJSON(try cli.ok(["gaps", "--format", "json"]))
        let area = (gaps["areas"] as! [[String: Any]]).first!
        #expect(area["nearestAcrossWater"] as? Bool == true)
        #expect(area["nearestPointID"] is NSNull, "no point on the island's own land mass")

        // A profile with a fixed link between the two sides: now the station serves the island.
        let defaultProfile = try JSONSerialization.jsonObject(
            with: Data(contentsOf: CLI.projectRoot.appendingPathComponent("data/profiles/default.json"))) as! [String: Any]
        var linked = defaultProfile
        linked["name"] = "linked"
        linked["links"] = [["name": "test causeway", "from": [island.longitude, island.latitude], "to": [station.longitude, station.latitude]]]
        try JSONSerialization.data(withJSONObject: linked).write(to: URL(fileURLWithPath: cli.path("linked.json")))
        let linkedReport = try decodeJSON(try cli.ok(["report", "--profile", cli.path("linked.json"), "--format", "json"]))
        #expect((linkedReport["total"] as! [String: Any])["covered"] as? Double == 10)

        // Without a zone in the file, a residence on an island land mass becomes island; on the mainland
        // the classifier decides (a lone low-density residence is mountain).
        let unzoned = try cli.write(
            "unzoned.csv",
            "id,lon,lat,population\nI1,\(island.longitude),\(island.latitude),10\nM1,\(station.longitude),\(station.latitude),10\n")
        let zoned = try cli.ok(["load", "--residences", unzoned, "--classify-zones", "--name", "unzoned"])
        #expect(zoned.contains("island 1 residences"), "\(zoned)")
        let store = try Store(path: cli.path("legalcircle.sqlite"))
        let table = try store.residences(datasetID: try store.dataset(named: "unzoned", kind: .residences).id)
        #expect(table.zones == [.island, .mountain])
    }
}
