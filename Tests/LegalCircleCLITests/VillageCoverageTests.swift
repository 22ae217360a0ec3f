import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleCLI
import LegalCircleTestSupport
import Projection
import Testing

/// Assessment mode on the real 2016 village and township points: village coverage per county and
/// township for both profiles, checked for a few counties by an independent computation here.
@Suite(.serialized) struct VillageCoverageTests {
    struct Place {
        var code: String
        var county: String
        var wgs: (lon: Double, lat: Double)
        var urban: Bool
    }

    static func places(_ rows: [[String: String]]) -> [Place] {
        rows.compactMap { f in
            guard let x = Double(f["lon_wgs84"]!), let y = Double(f["lat_wgs84"]!) else { return nil }
            return Place(
                code: f["code"]!, county: f["county_adcode_current_by_point"]!, wgs: (x, y),
                urban: f["ur_code"]!.hasPrefix("1"))
        }
    }

    @Test(.requires(.data(.villages2016, .towns2016)))
    func villageCoveragePerCountyAndTownshipForBothProfiles() throws {
        let villageRows = try ZhejiangFile.villages2016.csvRows(), townRows = try ZhejiangFile.towns2016.csvRows()
        let villagesPath = ZhejiangFile.villages2016.path
        let villages = Self.places(villageRows)
        let towns = Self.places(townRows)
        let cli = try CLI()
        // The raw file as published: GCJ-02 columns, the NBS urban-rural code as the zone.
        let loaded = try cli.ok([
            "load", "--residences", villagesPath, "--name", "villages", "--crs", "gcj02", "--skip-bad-rows",
            "--rejects", cli.path("villages.rejects.csv"),
            "--column", "id=code", "--column", "lon=lon_gcj02", "--column", "lat=lat_gcj02", "--column", "zone=ur_code",
            "--column", "county=county_adcode_current_by_point",
        ])
        #expect(loaded.contains("loaded \(villages.count) residences"), "\(loaded)")
        // Township seats as service points, written from the towns file's GCJ-02 columns.
        var points = "id,name,kind,level,lon,lat,county\n"
        for f in townRows where !f["lon_gcj02"]!.isEmpty {
            points += "\(f["code"]!),\(f["name"]!),consultation;mediation,township,\(f["lon_gcj02"]!),\(f["lat_gcj02"]!),"
                + "\(f["county_adcode_current_by_point"]!)\n"
        }
        try cli.ok(["load", "--points", try cli.write("towns.csv", points), "--crs", "gcj02", "--name", "towns"])

        for profile in ["default", "policy"] {
            let radius = try DataFiles.profile(profile)
            let json = try decodeJSON(
                try cli.ok(["report", "--profile", profile, "--by", "county", "--target-villages", "60", "--format", "json"]))
            let table = json["villages"] as! [String: Any]
            let rows = table["rows"] as! [[String: Any]]
            #expect((table["total"] as! [String: Any])["villages"] as? Int == villages.count)
            #expect(table["meetingVillageTarget"] as? Int == rows.filter { $0["meetsVillageTarget"] as? Bool == true }.count)
            // Independent check: geodesic distance from every village of three counties to every town.
            for county in ["330102", "330411", "330902"] {
                var covered = 0
                var ambiguous = 0
                let members = villages.filter { $0.county == county }
                for village in members {
                    let reach = radius.radius(for: village.urban ? .urban : .rural)
                    let nearest = towns.map {
                        Geodesic.wgs84.distance(
                            longitude1: village.wgs.lon, latitude1: village.wgs.lat, longitude2: $0.wgs.lon, latitude2: $0.wgs.lat)
                    }.min()!
                    if nearest <= reach { covered += 1 }
                    if abs(nearest - reach) < 1 { ambiguous += 1 }
                }
                let row = try #require(rows.first { $0["code"] as? String == county }, "county \(county) in the table")
                #expect(row["villages"] as? Int == members.count)
                let reported = row["coveredVillages"] as! Int
                #expect(abs(reported - covered) <= ambiguous, "\(profile) \(county): tool \(reported), reference \(covered)")
                #expect(members.count > 0)
            }
        }

        // Townships: rows keyed by 9-digit codes, sorted by shortfall, totals equal to the county view.
        let townships = try decodeJSON(
            try cli.ok(["report", "--by", "township", "--target-villages", "60", "--target-population", "90", "--format", "json"]))
        let township = townships["villages"] as! [String: Any]
        let rows = township["rows"] as! [[String: Any]]
        #expect(rows.allSatisfy { ($0["code"] as! String).count == 9 })
        let shortfalls = rows.map { $0["shortfall"] as! Double }
        #expect(shortfalls == shortfalls.sorted(by: >))
        #expect((township["total"] as! [String: Any])["villages"] as? Int == villages.count)
        let text = try cli.ok(["report", "--by", "township", "--target-villages", "60"])
        #expect(text.contains("village target 60 %") && text.contains("meet it"))
    }
}
