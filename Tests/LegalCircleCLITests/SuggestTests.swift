import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleTestSupport
import Projection
import Testing

/// `suggest` through the binary: the sites it writes, added to the points and recomputed with
/// `report`, give exactly the coverage it promised.
@Suite(.serialized) struct SuggestTests {
    /// `points.csv` followed by the rows of `sites` (without their header).
    static func appended(_ cli: CLI, points: String, sites: String, first: Int? = nil, as name: String) throws -> String {
        let base = try String(contentsOfFile: points, encoding: .utf8)
        var rows = try String(contentsOfFile: cli.path(sites), encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
        if let first { rows = Array(rows.prefix(first)) }
        return try cli.write(name, base + (base.hasSuffix("\n") ? "" : "\n") + rows.map { $0 + "\n" }.joined())
    }

    static func report(_ cli: CLI, _ arguments: [String]) throws -> (total: [String: Any], counties: [String: [String: Any]]) {
        let json = try decodeJSON(try cli.ok(["report", "--format", "json"] + arguments))
        let counties = (json["counties"] as! [[String: Any]]).map { ($0["county"] as! String, $0) }
        return (json["total"] as! [String: Any], Dictionary(uniqueKeysWithValues: counties))
    }

    /// Adds the first k sites for every k and checks each promised cumulative figure against `report`.
    static func checkPromise(
        _ cli: CLI, suggestion: [String: Any], points: String, residences: String, extra: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let sites = suggestion["sites"] as! [[String: Any]]
        #expect(!sites.isEmpty, sourceLocation: sourceLocation)
        var previous = (suggestion["before"] as! [String: Any])["covered"] as! Double
        for site in sites {
            let rank = site["rank"] as! Int
            let all = try appended(cli, points: points, sites: "sites.csv", first: rank, as: "all-\(rank).csv")
            let (total, counties) = try report(cli, ["--points", all, "--residences", residences] + extra)
            #expect(total["covered"] as? Double == site["regionCovered"] as? Double, "site \(rank)", sourceLocation: sourceLocation)
            #expect(
                total["coveragePercent"] as? Double == site["regionCoveragePercent"] as? Double, sourceLocation: sourceLocation)
            let county = try #require(counties[site["county"] as! String], sourceLocation: sourceLocation)
            #expect(county["covered"] as? Double == site["countyCovered"] as? Double, "site \(rank)", sourceLocation: sourceLocation)
            #expect(
                county["coveragePercent"] as? Double == site["countyCoveragePercent"] as? Double, sourceLocation: sourceLocation)
            let newly = site["newlyCovered"] as! Double
            #expect(newly > 0 && (site["regionCovered"] as! Double) - previous == newly, sourceLocation: sourceLocation)
            previous = site["regionCovered"] as! Double
        }
    }

    @Test func addingTheSuggestedSitesGivesExactlyThePromisedCoverage() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "11", "--residences", "6000", "--points", "120", "--out", "demo"])
        let files = ["--points", "demo/points.csv", "--residences", "demo/residences.csv"]
        let suggestion = try decodeJSON(try cli.ok(["suggest"] + files + ["--count", "5", "--sites-out", "sites.csv", "--format", "json"]))
        #expect((suggestion["sites"] as! [[String: Any]]).count == 5)
        let header = try String(contentsOfFile: cli.path("sites.csv"), encoding: .utf8).split(separator: "\n").first
        #expect(header == "id,name,kind,level,lon,lat,county")
        try Self.checkPromise(cli, suggestion: suggestion, points: cli.path("demo/points.csv"), residences: "demo/residences.csv")

        // The sites file loads like any points file, next to the existing points.
        let all = try Self.appended(cli, points: cli.path("demo/points.csv"), sites: "sites.csv", as: "all.csv")
        let loaded = try cli.ok(["load", "--points", all, "--residences", "demo/residences.csv"])
        #expect(loaded.contains("loaded 125 service points"), "\(loaded)")

        // The certified bound: never below the answer, and stated in every format.
        let method = suggestion["method"] as! [String: Any]
        let bound = try #require(method["upperBound"] as? Double)
        let answer = method["finalCovered"] as! Double
        let gap = try #require(method["boundGapPercent"] as? Double)
        #expect(bound >= answer && answer > 0 && gap >= 0 && abs(gap - (bound - answer) / bound * 100) < 1e-9)
        #expect((method["submodularBound"] as! Double) >= bound && (method["lagrangianBound"] as! Double) >= bound)

        // Table, CSV and Markdown say the same; a county restricts residences and candidates.
        let table = try cli.ok(["suggest"] + files + ["--count", "5"])
        #expect(table.contains("Suggested sites: up to 5 sites, whole region, greedy + swaps") && table.contains("region %"))
        #expect(table.contains("Best possible: any 5 of these") && table.contains("(certified upper bound)"), "\(table)")
        let csv = try cli.ok(["suggest"] + files + ["--count", "5", "--format", "csv"])
        #expect(csv.split(separator: "\n").count == 6 && csv.hasPrefix("rank,longitude,latitude,county,"))
        let csvHeader = csv.split(separator: "\n")[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let csvRow = csv.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(csvRow.count == csvHeader.count)
        let boundColumn = try #require(csvHeader.firstIndex(of: "upper_bound"))
        #expect(Double(csvRow[boundColumn]) == bound && csvHeader.contains("bound_gap_percent"))
        // The county's name beside its code (issue 17), in CSV and JSON; the sites file keeps the points layout.
        #expect(Array(csvHeader[3...4]) == ["county", "county_name"])
        let names = ["330102": "上城区", "330106": "西湖区", "330127": "淳安县", "330902": "定海区"]
        #expect(!csvRow[4].isEmpty && names[csvRow[3]].map { $0 == csvRow[4] } ?? true, "\(csvRow)")
        for site in suggestion["sites"] as! [[String: Any]] {
            let name = try #require(site["countyName"] as? String)
            #expect(names[site["county"] as! String].map { $0 == name } ?? !name.isEmpty)
        }
        let markdown = try cli.ok(["suggest"] + files + ["--count", "5", "--format", "markdown"])
        #expect(markdown.contains("Best possible: any 5 of these"))
        let county = (suggestion["sites"] as! [[String: Any]])[0]["county"] as! String
        let local = try decodeJSON(try cli.ok(["suggest"] + files + ["--count", "3", "--county", county, "--format", "json"]))
        #expect((local["sites"] as! [[String: Any]]).allSatisfy { $0["county"] as? String == county })
        // Only points of the requested kinds count; the sites offer exactly those kinds.
        let legalAid = try decodeJSON(
            try cli.ok(["suggest"] + files + ["--count", "3", "--kinds", "legal_aid", "--sites-out", "aid.csv", "--format", "json"]))
        #expect(try String(contentsOfFile: cli.path("aid.csv"), encoding: .utf8).contains(",legal_aid,village,"))
        let withAid = try Self.appended(cli, points: cli.path("demo/points.csv"), sites: "aid.csv", as: "all-aid.csv")
        let aidReport = try Self.report(cli, ["--points", withAid, "--residences", "demo/residences.csv", "--kinds", "legal_aid"])
        #expect(aidReport.total["covered"] as? Double == (legalAid["sites"] as! [[String: Any]]).last?["regionCovered"] as? Double)
        let missing = try cli.run(["suggest"] + files + ["--count", "3", "--county", "999999"])
        #expect(missing.status != 0 && missing.stderr.contains("unknown county \"999999\""), "\(missing.stderr)")
    }

    @Test func aTargetPerCountyIsReachedOrReportedUnreachable() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "12", "--residences", "5000", "--points", "100", "--out", "demo"])
        try cli.ok(["load", "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
        // From a saved run (its datasets and rule), the same as from the loaded datasets.
        try cli.ok(["report"])
        #expect(try cli.ok(["suggest", "--count", "3", "--format", "csv"]) == cli.ok(["suggest", "--run", "1", "--count", "3", "--format", "csv"]))
        let suggestion = try decodeJSON(
            try cli.ok(["suggest", "--run", "1", "--target", "90", "--sites-out", "sites.csv", "--format", "json"]))
        let targets = suggestion["targets"] as! [[String: Any]]
        #expect(targets.count >= 2)
        // Each county's row names it (issue 17).
        #expect(targets.allSatisfy { ($0["countyName"] as? String)?.isEmpty == false }, "\(targets)")
        let all = try Self.appended(cli, points: cli.path("demo/points.csv"), sites: "sites.csv", as: "all.csv")
        let (total, counties) = try Self.report(cli, ["--points", all, "--residences", "demo/residences.csv"])
        let sites = suggestion["sites"] as! [[String: Any]]
        #expect(sites.last?["regionCovered"] as? Double == total["covered"] as? Double)
        for target in targets {
            let code = target["county"] as! String
            let after = counties[code]!["coveragePercent"] as! Double
            switch target["status"] as! String {
            case "reached":
                #expect(after >= 90 && (target["sites"] as! Int) > 0)
                // No choice of fewer sites than the certified lower bound reaches the target.
                let lower = try #require(target["sitesLowerBound"] as? Int)
                #expect(lower >= 1 && lower <= target["sites"] as! Int)
            case "already met": #expect((target["percentBefore"] as! Double) >= 90 && (target["sites"] as! Int) == 0)
            default:
                #expect(target["reachable"] as? Bool == false && (target["sites"] as! Int) == 0)
                #expect((target["bestPercent"] as! Double) < 90)
            }
        }
        // Candidates at the existing points add no one: every county short of the target says so.
        let stuck = try decodeJSON(
            try cli.ok(["suggest", "--target", "99.9", "--candidates", "demo/points.csv", "--format", "json"]))
        #expect((stuck["sites"] as! [[String: Any]]).isEmpty)
        for target in stuck["targets"] as! [[String: Any]] where (target["percentBefore"] as! Double) < 99.9 {
            #expect(target["reachable"] as? Bool == false && target["bestPercent"] as? Double == target["percentBefore"] as? Double)
            #expect(target["sitesNeeded"] as? Int == 0)
        }
        let table = try cli.ok(["suggest", "--target", "99.9", "--candidates", "demo/points.csv"])
        #expect(table.contains("not reachable from the candidates: at most"), "\(table)")
    }

    @Test(.requires(.data(.countiesWGS84)))
    func withRealBoundariesNoSiteServesAcrossWater() throws {
        let countiesPath = ZhejiangFile.countiesWGS84.path
        let cli = try CLI()
        // Generated data (islands off Zhoushan) with the real coastline: the promise still holds.
        try cli.ok(["generate", "--seed", "13", "--residences", "6000", "--points", "120", "--out", "demo"])
        let files = ["--points", "demo/points.csv", "--residences", "demo/residences.csv", "--boundaries", countiesPath]
        let suggestion = try decodeJSON(try cli.ok(["suggest"] + files + ["--count", "4", "--sites-out", "sites.csv", "--format", "json"]))
        try Self.checkPromise(
            cli, suggestion: suggestion, points: cli.path("demo/points.csv"), residences: "demo/residences.csv",
            extra: ["--boundaries", countiesPath])

        // An island village 2 km off the mainland; one candidate on the mainland shore, one on the island.
        let counties = try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: countiesPath).boundaries
        let masses = LandMasses(boundaries: counties)
        var found: (island: GeoCoordinate, shore: GeoCoordinate)?
        search: for longitude in stride(from: 121.9, to: 122.4, by: 0.01) {
            for latitude in stride(from: 29.8, to: 30.3, by: 0.01) where masses.landMass(longitude: longitude, latitude: latitude) > 0 {
                for azimuth in stride(from: 0.0, to: 360, by: 15) {
                    let end = Geodesic.wgs84.destination(longitude: longitude, latitude: latitude, azimuth: azimuth, distance: 2_000)
                    if masses.landMass(longitude: end.longitude, latitude: end.latitude) == LandMasses.mainland {
                        found = (GeoCoordinate(longitude: longitude, latitude: latitude), GeoCoordinate(longitude: end.longitude, latitude: end.latitude))
                        break search
                    }
                }
            }
        }
        let (island, shore) = try #require(found)
        // Two far stations with a resident each widen the extent, so both candidates lie well inside it.
        let (east, west) = ((island.longitude + 0.3, island.latitude + 0.3), (island.longitude - 0.3, island.latitude - 0.3))
        let points = try cli.write(
            "p.csv", "id,name,kind,level,lon,lat,county\nE,远处站,mediation,village,\(east.0),\(east.1),\n"
                + "W,远处站,mediation,village,\(west.0),\(west.1),\n")
        let residences = try cli.write(
            "r.csv", "id,lon,lat,population,county,zone\nI1,\(island.longitude),\(island.latitude),100,,island\n"
                + "M1,\(east.0),\(east.1),5,,rural\nM2,\(west.0),\(west.1),5,,rural\n")
        let candidates = try cli.write(
            "c.csv", "id,name,kind,level,lon,lat,county\nSHORE,岸边,mediation,village,\(shore.longitude),\(shore.latitude),\n"
                + "ISLAND,岛上,mediation,village,\(island.longitude),\(island.latitude),\n")
        let oneShot = ["--points", points, "--residences", residences, "--candidates", candidates, "--count", "1", "--format", "json"]
        // Without the coastline the shore site reaches the islanders (2 km of a 5.4 km drive) and, listed
        // first, wins the tie; with it, only the island site serves them.
        let blind = try decodeJSON(try cli.ok(["suggest"] + oneShot))
        #expect((blind["sites"] as! [[String: Any]]).first?["candidateID"] as? String == "SHORE")
        let aware = try decodeJSON(try cli.ok(["suggest", "--boundaries", countiesPath, "--sites-out", "sites.csv"] + oneShot))
        let site = try #require((aware["sites"] as! [[String: Any]]).first)
        #expect(site["candidateID"] as? String == "ISLAND" && site["newlyCovered"] as? Double == 100)
        try Self.checkPromise(cli, suggestion: aware, points: points, residences: residences, extra: ["--boundaries", countiesPath])
    }
}
