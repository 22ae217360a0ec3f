import Foundation
import LegalCircle
import LegalCircleReports
import LegalCircleSession
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// `suggest` over the roads (issue 19) through the binary and the session: it plans on the network when
/// roads are given or stored, says so, and what it promises is what `report` over the same roads gives,
/// per residence and in total; `--travel straight` keeps the estimate.
@Suite(.serialized) struct NetworkSuggestTests {
    typealias Files = NetworkReportTests.Files
    static let model = "network (roads roads.geojson)"

    /// On the river fixture: every k first sites added give `report --roads` the promised totals, and the
    /// residences the session promises covered are those the engine over the roads covers.
    @Test func theSitesAddedGiveReportOverTheRoadsWhatWasPromised() throws {
        let files = try Files()
        let oneShot = ["--points", files.points, "--residences", files.residences, "--roads", files.roads]
        let suggestion = try decodeJSON(
            try files.cli.ok(["suggest"] + oneShot + ["--count", "3", "--sites-out", "sites.csv", "--format", "json"]))
        #expect((suggestion["run"] as? [String: Any])?["travelModel"] as? String == Self.model)
        try SuggestTests.checkPromise(
            files.cli, suggestion: suggestion, points: files.points, residences: files.residences, extra: ["--roads", files.roads])

        let session = CoverageSession(databasePath: files.cli.path("none.sqlite"), access: .readOnly)
        let source = InputSource.files(points: files.points, residences: files.residences, boundaries: nil)
        let outcome = try session.suggest(
            run: nil, source: source, rule: RuleRequest(roads: files.roads), request: SuggestionRequest(goal: .count(3)))
        #expect(outcome.run.travelModel == Self.model && outcome.notes.isEmpty)
        let all = try SuggestTests.appended(files.cli, points: files.points, sites: "sites.csv", as: "all.csv")
        let session2 = CoverageSession(databasePath: files.cli.path("none2.sqlite"), access: .readOnly)
        let run = try session2.run(.compute(.files(points: all, residences: files.residences, boundaries: nil), RuleRequest(roads: files.roads)))
        guard case .computed(let inputs, let analysis) = run.origin else { throw NetworkReportTests.RunError("not computed") }
        #expect(analysis.network != nil)
        for r in 0..<inputs.residences.count {
            #expect(analysis.result.covered[r] == outcome.suggestion.promisedCovered[r], "\(inputs.residences.ids[r])")
        }
        #expect(outcome.suggestion.sites.last?.regionCovered == analysis.report.total.covered)
    }

    @Test func suggestPlansOverTheStoredRoadsAndSaysSo() throws {
        let files = try Files()
        _ = try files.cli.ok(["load", "--points", files.points, "--residences", files.residences, "--roads", files.roads])
        let outcome = try files.cli.run(["suggest", "--count", "1"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("straight-line estimate"), "\(outcome.stderr)")
        let heading = outcome.stdout.split(separator: "\n").prefix(3).joined(separator: "\n")
        #expect(heading.contains("; travel \(Self.model); 1 residence farther than 500 m"), "\(heading)")
        #expect(heading.contains("planned over the roads"), "\(heading)")
        let chinese = try files.cli.ok(["suggest", "--count", "1"], locale: "zh_CN.UTF-8")
        #expect(chinese.contains("出行模型 \(Self.model)（按路网）") && chinese.contains("按路网规划"), "\(chinese)")
        let json = try decodeJSON(try files.cli.ok(["suggest", "--count", "1", "--format", "json"]))
        #expect((json["run"] as? [String: Any])?["travelModel"] as? String == Self.model)
        // --travel straight: today's estimate, named nowhere as network.
        let straight = try files.cli.ok(["suggest", "--count", "1", "--travel", "straight", "--format", "json"])
        #expect(((try decodeJSON(straight))["run"] as? [String: Any])?["travelModel"] == nil)
        #expect(!(try files.cli.ok(["suggest", "--count", "1", "--travel", "straight"])).contains("planned over the roads"))
        // A saved run by network travel is planned over the stored roads.
        _ = try files.cli.ok(["report"])
        let fromRun = try decodeJSON(try files.cli.ok(["suggest", "--run", "1", "--count", "1", "--format", "json"]))
        #expect((fromRun["run"] as? [String: Any])?["travelModel"] as? String == Self.model)
        #expect(NSArray(array: fromRun["sites"] as? [Any] ?? []) == NSArray(array: json["sites"] as? [Any] ?? []))
        // what-if --add-suggested chooses the same sites over the roads and counts them over the roads:
        // its side b is the promise, with no note that the sites came from the estimate.
        let whatIf = try files.cli.run(["what-if", "--add-suggested", "1", "--format", "json"])
        #expect(whatIf.status == 0 && !whatIf.stderr.contains("straight-line estimate"), "\(whatIf.stderr)")
        let total = try #require((try decodeJSON(whatIf.stdout))["total"] as? [String: Any])
        let promised = (json["sites"] as? [[String: Any]])?.first?["regionCovered"] as? Double
        #expect((total["b"] as? [String: Any])?["covered"] as? Double == promised)
    }

    // MARK: - Straight line and roads choose differently

    /// A river between lat 30.200 and 30.205 with its only bridge 2.7 km east of the village: north
    /// bank and south bank streets (a vertex every 100 m along the village, where the lane joins), and
    /// a lane north from the north bank.
    static let riverRoads = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"highway":"residential"},"geometry":{"type":"LineString","coordinates":[[120.0,30.2],[120.01,30.2],[120.011,30.2],[120.012,30.2],[120.013,30.2],[120.014,30.2],[120.04,30.2]]}},
        {"type":"Feature","properties":{"highway":"residential"},"geometry":{"type":"LineString","coordinates":[[120.0,30.205],[120.01,30.205],[120.011,30.205],[120.012,30.205],[120.013,30.205],[120.014,30.205],[120.04,30.205]]}},
        {"type":"Feature","properties":{"highway":"residential"},"geometry":{"type":"LineString","coordinates":[[120.04,30.2],[120.04,30.205]]}},
        {"type":"Feature","properties":{"highway":"residential"},"geometry":{"type":"LineString","coordinates":[[120.012,30.205],[120.012,30.21]]}}
        ]}

        """

    /// 300 people on the north bank, 200 on the south; the one station is 11 km away.
    static let riverResidences = """
        id,lon,lat,population,county,zone
        N1,120.010,30.2053,100,330102,urban
        N2,120.012,30.2053,100,330102,urban
        N3,120.014,30.2053,100,330102,urban
        S1,120.011,30.1997,100,330102,urban
        S2,120.013,30.1997,100,330102,urban

        """

    static let riverPoints = """
        id,name,kind,level,lon,lat,county
        P0,Far,consultation,township,120.1000,30.3000,330102

        """

    /// CS on the south bank is within 1,000 m in a straight line of all five residences (500 people);
    /// CN up the north lane of the north bank's three alone (300). Over the roads CS reaches only the
    /// south bank (200), CN the north bank (300).
    static let riverCandidates = """
        id,name,kind,level,lon,lat,county
        CS,South bank,consultation,village,120.012,30.2002,330102
        CN,North lane,consultation,village,120.012,30.2090,330102

        """

    @Test func overTheRoadsTheSiteOnTheRightBankIsChosenAndReportConfirmsIt() throws {
        let cli = try CLI()
        let roads = try cli.write("roads.geojson", Self.riverRoads)
        let residences = try cli.write("residences.csv", Self.riverResidences)
        let points = try cli.write("points.csv", Self.riverPoints)
        let candidates = try cli.write("candidates.csv", Self.riverCandidates)
        let base = ["suggest", "--points", points, "--residences", residences, "--candidates", candidates, "--count", "1", "--format", "json"]
        let straight = try decodeJSON(try cli.ok(base + ["--sites-out", "straight.csv"]))
        let network = try decodeJSON(try cli.ok(base + ["--roads", roads, "--sites-out", "network.csv"]))
        let straightSite = try #require((straight["sites"] as? [[String: Any]])?.first)
        let networkSite = try #require((network["sites"] as? [[String: Any]])?.first)
        #expect(straightSite["candidateID"] as? String == "CS" && straightSite["regionCovered"] as? Double == 500)
        #expect(networkSite["candidateID"] as? String == "CN" && networkSite["regionCovered"] as? Double == 300)
        // report over the roads confirms the network's choice and its figure, not the estimate's.
        for (sites, covered) in [("network.csv", 300.0), ("straight.csv", 200.0)] {
            let all = try SuggestTests.appended(cli, points: points, sites: sites, as: "all-\(sites)")
            let (total, _) = try SuggestTests.report(cli, ["--points", all, "--residences", residences, "--roads", roads])
            #expect(total["covered"] as? Double == covered, "\(sites)")
        }
    }
}
