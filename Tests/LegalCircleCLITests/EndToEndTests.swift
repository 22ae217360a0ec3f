import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleCLI
import Testing

@Suite(.serialized) struct EndToEndTests {
    @Test func loadReportAndReReadTheStoredRunGiveIdenticalFigures() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "3", "--residences", "3000", "--points", "150", "--out", "demo"])
        let loaded = try cli.ok(["load", "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
        #expect(loaded.contains("loaded 150 service points") && loaded.contains("loaded 3000 residences"))

        let computed = try cli.ok(["report", "--format", "json"])
        let reread = try cli.ok(["report", "--run", "1", "--format", "json"])
        let first = try decodeJSON(computed)
        let second = try decodeJSON(reread)
        #expect(try figures(first) == figures(second))
        #expect((first["run"] as! [String: Any])["runID"] as? Int == 1)

        // The one-shot form on the same files gives the same figures without touching the database.
        let oneShot = try decodeJSON(
            try cli.ok(["report", "--points", "demo/points.csv", "--residences", "demo/residences.csv", "--format", "json", "--db", "unused.sqlite"]))
        #expect(try figures(oneShot) == figures(first))
        #expect(!FileManager.default.fileExists(atPath: cli.path("unused.sqlite")))

        let runs = try cli.ok(["runs"])
        #expect(runs.contains("default") && runs.split(separator: "\n").count == 3)

        // Gaps from the stored run and from a new computation agree.
        let storedGaps = try cli.ok(["gaps", "--run", "1", "--format", "csv"])
        let newGaps = try cli.ok(["gaps", "--format", "csv"])
        #expect(storedGaps == newGaps)
        #expect(storedGaps.split(separator: "\n").count > 1, "the demo data has gaps")
    }

    @Test func reportTotalsAddUpInCSV() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "5", "--residences", "2000", "--points", "80", "--out", "demo"])
        let csv = try cli.ok(["report", "--points", "demo/points.csv", "--residences", "demo/residences.csv", "--format", "csv"])
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let residents = header.firstIndex(of: "residents")!
        let covered = header.firstIndex(of: "covered")!
        let counties = lines.dropFirst().filter { $0[0] != "total" }
        let total = lines.first { $0[0] == "total" }!
        #expect(counties.count >= 2)
        #expect(counties.map { Double($0[residents])! }.reduce(0, +) == Double(total[residents])!)
        #expect(counties.map { Double($0[covered])! }.reduce(0, +) == Double(total[covered])!)
    }

    @Test func badRowAbortsTheLoadAndKeepsThePreviousState() throws {
        let cli = try CLI()
        let good = try cli.write("r.csv", "id,lon,lat,population,county,zone\nA,120.1,30.2,10,330102,urban\n")
        try cli.ok(["load", "--residences", good])
        let bad = try cli.write(
            "r.csv", "id,lon,lat,population,county,zone\nA,120.1,30.2,10,330102,urban\nB,120.1,north,5,330102,rural\nC,120.2,30.1,4,330102,urban\n")
        let outcome = try cli.run(["load", "--residences", bad])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("r.csv") && outcome.stderr.contains("line 3") && outcome.stderr.contains("lat"),
            "error was: \(outcome.stderr)")
        // The previous dataset (one residence) is still the one loaded.
        let points = try cli.write("p.csv", "id,name,kind,level,lon,lat,county\nP,站,mediation,village,120.1,30.2,330102\n")
        try cli.ok(["load", "--points", points])
        let report = try decodeJSON(try cli.ok(["report", "--format", "json"]))
        #expect((report["total"] as! [String: Any])["residents"] as? Double == 10)

        // With --skip-bad-rows the good rows land and the bad one is written with its reason.
        let skipped = try cli.ok(["load", "--residences", bad, "--skip-bad-rows"])
        #expect(skipped.contains("loaded 2 residences") && skipped.contains("1 rows rejected"))
        let rejects = try String(contentsOfFile: cli.path("r.rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("B,120.1,north,5,330102,rural"))
        #expect(rejects.split(separator: "\n").first!.hasSuffix(",reason"))
    }

    @Test func nearestListsPointsWithMinutesAndCircle() throws {
        let cli = try CLI()
        let points = try cli.write(
            "p.csv", "id,name,kind,level,lon,lat,county\nNEAR,近站,mediation,village,120.0,30.009,330102\nFAR,远站,notary,county,120.0,30.05,330102\n")
        let json = try decodeJSON(
            try cli.ok(["nearest", "--lon", "120", "--lat", "30", "--points", points, "--format", "json", "--count", "2"]))
        let found = json["points"] as! [[String: Any]]
        #expect(found.map { $0["id"] as! String } == ["NEAR", "FAR"])
        #expect(found[0]["within_circle"] as? Bool == true && found[1]["within_circle"] as? Bool == false)
        // 0.009° of latitude at 30°N is 997.6 m on the ellipsoid; walking minutes = d · 1.2 / 80.
        let distance = found[0]["distance_m"] as! Double
        #expect(abs(distance - 997.6) < 0.5)
        #expect(abs((found[0]["minutes"] as! Double) - distance * 1.2 / 80) < 1e-9)
    }

    @Test func shippedDefaultProfileIsTheBuiltInStandard() throws {
        let url = CLI.projectRoot.appendingPathComponent("data/profiles/default.json")
        let profile = try TravelProfile.decode(json: Data(contentsOf: url))
        var withoutSources = profile
        for mode in TravelMode.allCases { withoutSources.modes[mode]?.source = nil }
        #expect(withoutSources == TravelProfile.standard)
        #expect(TravelMode.allCases.allSatisfy { (profile.modes[$0]?.source?.count ?? 0) > 50 }, "every figure has its source")
        #expect(abs(profile.radius(for: .urban) - 1_000) < 1e-9)
        #expect(abs(profile.radius(for: .rural) - 2_307.69) < 0.01)
        #expect(abs(profile.radius(for: .mountain) - 5_357.14) < 0.01)
        #expect(try DataFiles.profile(url.path) == profile)
    }

    @Test func unknownProfileSaysWhereItLooked() throws {
        let cli = try CLI()
        let outcome = try cli.run(["report", "--profile", "nosuch", "--points", "p.csv", "--residences", "r.csv"])
        #expect(outcome.status != 0 && outcome.stderr.contains("profile \"nosuch\" not found"))
    }
}

private func figures(_ json: [String: Any]) throws -> Data {
    try JSONSerialization.data(withJSONObject: ["counties": json["counties"]!, "total": json["total"]!], options: .sortedKeys)
}

@Suite struct PolicyProfileTests {
    @Test func policyRadiiAreTheAssessmentFigures() throws {
        let profile = try DataFiles.profile(CLI.projectRoot.appendingPathComponent("data/profiles/policy.json").path)
        #expect(profile.name == "policy")
        #expect(profile.radius(for: .urban) == 1_200 && profile.radius(for: .rural) == 2_000)
        #expect(profile.radius(for: .mountain) == 3_000 && profile.radius(for: .island) == 3_000)
        // A policy radius is reached in exactly the target minutes.
        #expect(profile.minutes(distance: 1_200, zone: .urban) == 15)
    }

    @Test func reportNamesTheProfileAndRadii() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "9", "--residences", "800", "--points", "40", "--out", "demo"])
        let table = try cli.ok(["report", "--profile", "policy", "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
        #expect(table.contains("policy") && table.contains("1,200 m") && table.contains("3,000 m"))
        let json = try decodeJSON(
            try cli.ok(["report", "--profile", "policy", "--points", "demo/points.csv", "--residences", "demo/residences.csv", "--format", "json"]))
        let run = json["run"] as! [String: Any]
        #expect(run["profileName"] as? String == "policy")
        #expect((run["radiusMetres"] as! [String: Double])["rural"] == 2_000)
    }
}
