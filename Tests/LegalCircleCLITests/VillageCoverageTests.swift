import Foundation
import LegalCircle
import LegalCircleCLI
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

    static func places(_ name: String) throws -> (rows: [Place], text: String)? {
        let url = CLI.projectRoot.deletingLastPathComponent().appendingPathComponent("shared/data/\(name)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            precondition(ProcessInfo.processInfo.environment["CI"] != "true", "missing \(url.path)")
            return nil
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = { (name: String) in header.firstIndex(of: name)! }
        var rows: [Place] = []
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == header.count, let x = Double(f[column("lon_wgs84")]), let y = Double(f[column("lat_wgs84")]) else { continue }
            rows.append(
                Place(code: f[column("code")], county: f[column("county_adcode_current_by_point")], wgs: (x, y),
                    urban: f[column("ur_code")].hasPrefix("1")))
        }
        return (rows, text)
    }

    @Test func villageCoveragePerCountyAndTownshipForBothProfiles() throws {
        guard let villages = try Self.places("zhejiang_villages_2016_vonng_adcode.csv"),
            let towns = try Self.places("zhejiang_towns_2016_vonng_adcode.csv")
        else { return }
        let cli = try CLI()
        let villagesPath = CLI.projectRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/data/zhejiang_villages_2016_vonng_adcode.csv").path
        // The raw file as published: GCJ-02 columns, the NBS urban-rural code as the zone.
        let loaded = try cli.ok([
            "load", "--residences", villagesPath, "--name", "villages", "--crs", "gcj02", "--skip-bad-rows",
            "--rejects", cli.path("villages.rejects.csv"),
            "--column", "id=code", "--column", "lon=lon_gcj02", "--column", "lat=lat_gcj02", "--column", "zone=ur_code",
            "--column", "county=county_adcode_current_by_point",
        ])
        #expect(loaded.contains("loaded \(villages.rows.count) residences"), "\(loaded)")
        // Township seats as service points, written from the towns file's GCJ-02 columns.
        let townLines = towns.text.split(whereSeparator: \.isNewline)
        let header = townLines[0].split(separator: ",").map(String.init)
        var points = "id,name,kind,level,lon,lat,county\n"
        for line in townLines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == header.count, !f[header.firstIndex(of: "lon_gcj02")!].isEmpty else { continue }
            points += "\(f[0]),\(f[2]),consultation;mediation,township,\(f[header.firstIndex(of: "lon_gcj02")!]),"
                + "\(f[header.firstIndex(of: "lat_gcj02")!]),\(f[header.firstIndex(of: "county_adcode_current_by_point")!])\n"
        }
        try cli.ok(["load", "--points", try cli.write("towns.csv", points), "--crs", "gcj02", "--name", "towns"])

        for profile in ["default", "policy"] {
            let radius = try DataFiles.profile(profile)
            let json = try decodeJSON(
                try cli.ok(["report", "--profile", profile, "--by", "county", "--target-villages", "60", "--format", "json"]))
            let table = json["villages"] as! [String: Any]
            let rows = table["rows"] as! [[String: Any]]
            #expect((table["total"] as! [String: Any])["villages"] as? Int == villages.rows.count)
            #expect(table["meetingVillageTarget"] as? Int == rows.filter { $0["meetsVillageTarget"] as? Bool == true }.count)
            // Independent check: geodesic distance from every village of three counties to every town.
            for county in ["330102", "330411", "330902"] {
                var covered = 0
                var ambiguous = 0
                let members = villages.rows.filter { $0.county == county }
                for village in members {
                    let reach = radius.radius(for: village.urban ? .urban : .rural)
                    let nearest = towns.rows.map {
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
        #expect((township["total"] as! [String: Any])["villages"] as? Int == villages.rows.count)
        let text = try cli.ok(["report", "--by", "township", "--target-villages", "60"])
        #expect(text.contains("village target 60 %") && text.contains("meet it"))
    }
}
