import Foundation
import LegalCircle
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// `load --append`, `compare` and `what-if` through the built binary.
@Suite(.serialized) struct CompareEndToEndTests {
    static func double(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    /// A points CSV with a station at the centroid of each of the `count` most populous gaps of the latest
    /// run (county given), and one more with an empty county.
    static func stationsAtGaps(_ cli: CLI, count: Int) throws -> String {
        let gaps = try decodeJSON(try cli.ok(["gaps", "--run", "1", "--format", "json"]))["areas"] as! [[String: Any]]
        #expect(gaps.count >= count, "the generated data has gaps")
        var csv = "id,name,kind,level,lon,lat,county\n"
        for (index, area) in gaps.prefix(count).enumerated() {
            let centroid = area["centroid"] as! [String: Any]
            csv += "X\(index + 1),新增站 \(index + 1),mediation,village,\(centroid["longitude"]!),\(centroid["latitude"]!),"
                + "\(area["county"] as? String ?? "")\n"
        }
        let first = gaps[0]["centroid"] as! [String: Any]
        csv += "X0,无区县站,legal_aid,grid,\(double(first["longitude"])! + 0.001),\(first["latitude"]!),\n"
        return try cli.write("extra.csv", csv)
    }

    @Test func appendThenCompareGivesTheDifferenceOfTheTwoReportsAndWhatIfPredictsIt() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "7", "--residences", "3000", "--points", "120", "--out", "demo"])
        try cli.ok(["load", "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
        let firstText = try cli.ok(["report", "--format", "json"])
        let extra = try Self.stationsAtGaps(cli, count: 5)

        // what-if, before the append: nothing stored changes.
        let store = try Store(path: cli.path("legalcircle.sqlite"))
        let datasetsBefore = try store.datasets()
        let whatIfText = try cli.ok(["what-if", "--add", extra, "--format", "json"])
        let whatIfFromRunText = try cli.ok(["what-if", "--run", "1", "--add", extra, "--format", "json"])
        let whatIfCSV = try cli.ok(["what-if", "--run", "1", "--add", extra, "--format", "csv"])
        #expect(try store.datasets() == datasetsBefore)
        #expect(try store.runs().count == 1)

        let appended = try cli.ok(["load", "--points", extra, "--append"])
        #expect(appended.contains("appended 6 service points from \(extra)") && appended.contains("now 126 rows, version 2"))
        let secondText = try cli.ok(["report", "--format", "json"])
        let comparedText = try cli.ok(["compare", "1", "2", "--format", "json"])

        // compare = the two reports and their difference, county by county and in total.
        let a = try ReportJSON.lines(firstText)
        let b = try ReportJSON.lines(secondText)
        let compared = try CompareJSON.lines(comparedText)
        #expect(Set(compared.keys) == Set(a.keys).union(b.keys))
        for (county, line) in compared {
            #expect(line.a == a[county], "\(county) A")
            #expect(line.b == b[county], "\(county) B")
            for key in Figures.keys {
                let before = a[county]?[key]
                let after = b[county]?[key]
                #expect(line.change[key] == before.flatMap { x in after.map { $0 - x } }, "\(county) \(key) change")
            }
        }
        // The station without a county makes a "" line that run 1 does not have.
        #expect(a[""] == nil && compared[""]?.a == nil && b[""] != nil && compared[""]?.b == b[""])
        #expect(try #require(compared["total"]?.change["covered"]) > 0, "stations at the gaps cover someone")
        #expect(compared["total"]?.change["servicePoints"] == 6)
        let notes = try decodeJSON(comparedText)["notes"] as! [String]
        #expect(notes.contains("both read the same residences") && notes.contains("the service points differ"))

        // what-if predicted run 2 exactly, and its points checksum is the appended dataset's.
        let points = try store.dataset(named: nil, kind: .points)
        for text in [whatIfText, whatIfFromRunText] {
            let predicted = try CompareJSON.lines(text)
            #expect(Set(predicted.keys) == Set(b.keys))
            for (county, line) in predicted { #expect(line.b == b[county], "\(county)") }
            #expect((try decodeJSON(text)["b"] as! [String: Any])["pointsChecksum"] as? String == points.checksum)
        }
        #expect(((try decodeJSON(whatIfFromRunText)["a"] as! [String: Any])["run"] as! [String: Any])["runID"] as? Int == 1)

        // Run 1 stays readable, as computed, and is listed as stale.
        #expect(try ReportJSON.lines(try cli.ok(["report", "--run", "1", "--format", "json"])) == a)
        let runs = try cli.ok(["runs"]).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(runs.last!.hasPrefix("1 ") && runs.last!.hasSuffix("yes"))
        #expect(runs[2].hasPrefix("2 ") && !runs[2].hasSuffix("yes"))
        // A what-if from a stale run is refused.
        let stale = try cli.run(["what-if", "--run", "1", "--add", extra])
        #expect(stale.status != 0 && stale.stderr.contains("run 1 is stale"))

        let table = try cli.ok(["compare", "1", "2"])
        #expect(table.hasPrefix("Comparison of A = run 1 and B = run 2; change = B − A\nA: run 1, "))
        #expect(table.contains("note: A (run 1) is stale"))
        let csv = try cli.ok(["compare", "1", "2", "--format", "csv"])
        #expect(csv.hasPrefix("county,county_name,residents_a,residents_b,residents_change,covered_a"))
        #expect(csv.split(separator: "\n").count == compared.count + 1)
        // The county's name beside its code (issue 17): in CSV (empty for the total and the county-less
        // line) and in JSON (countyName only when known), in compare and in what-if.
        // The table's names (code, name) are the shipped table's.
        let tableNames = Dictionary(
            table.split(separator: "\n").filter { $0.hasPrefix("33") }.map { line in
                let cells = line.split(separator: " ").map(String.init)
                return (cells[0], cells[1])
            }, uniquingKeysWith: { first, _ in first })
        #expect(tableNames.count >= 2 && tableNames.values.allSatisfy { $0.hasSuffix("区") || $0.hasSuffix("县") || $0.hasSuffix("市") })
        let csvRows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(csvRows.dropFirst().allSatisfy { $0[1] == tableNames[$0[0]] ?? "" }, "\(csv)")
        #expect(csvRows.contains { $0[0] == "total" && $0[1] == "" } && csvRows.contains { $0[0] == "" && $0[1] == "" })
        #expect(whatIfCSV.hasPrefix("county,county_name,residents_a,"))
        let whatIfRows = whatIfCSV.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(whatIfRows.dropFirst().allSatisfy { $0[1] == tableNames[$0[0]] ?? "" }, "\(whatIfCSV)")
        for text in [comparedText, whatIfText] {
            let document = try decodeJSON(text)
            for line in document["counties"] as! [[String: Any]] {
                let code = line["county"] as! String
                #expect(line["countyName"] as? String == tableNames[code], "\(code)")
            }
            #expect((document["total"] as! [String: Any])["countyName"] == nil)
        }
        let refused = try cli.run(["compare", "1", "2", "--format", "geojson"])
        #expect(refused.status != 0 && refused.stderr.contains("'geojson' is invalid for '--format"), "\(refused.stderr)")
        // HTML holds the table's cells exactly, one row per county plus the total.
        let html = try cli.ok(["compare", "1", "2", "--format", "html"])
        let tableLines = table.split(separator: "\n").filter { $0.hasPrefix("33") }
        #expect(html.components(separatedBy: "<tr>").count - 1 == compared.count + 1, "header, one row per line, the total")
        // The county name is text (left-aligned), the figures after it are numbers.
        #expect(table.contains(" name    residents A"))
        for line in tableLines {
            let cells = line.split(separator: " ").map(String.init)
            #expect(html.contains("<td>\(cells[0])</td><td>\(cells[1])</td><td class=\"n\">\(cells[2])</td>"), "\(line)")
        }
    }

    /// With the real county boundaries loaded, appended and what-if points get their empty counties from
    /// the polygons exactly as `load` gives them, and the what-if still predicts the run after the append.
    @Test(.requires(.data(.countiesWGS84)))
    func appendedAndWhatIfPointsTakeTheirCountiesFromTheStoredBoundaries() throws {
        let boundaries = ZhejiangFile.countiesWGS84.path
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "4", "--residences", "2000", "--points", "80", "--out", "demo"])
        try cli.ok(["load", "--boundaries", boundaries, "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
        try cli.ok(["report"])
        // Gap centroids without their county: the boundaries must supply it.
        let gaps = try decodeJSON(try cli.ok(["gaps", "--run", "1", "--format", "json"]))["areas"] as! [[String: Any]]
        var csv = "id,name,kind,level,lon,lat,county\n"
        for (index, area) in gaps.prefix(4).enumerated() {
            let centroid = area["centroid"] as! [String: Any]
            csv += "G\(index),补点 \(index),mediation,village,\(centroid["longitude"]!),\(centroid["latitude"]!),\n"
        }
        let extra = try cli.write("extra.csv", csv)
        let whatIf = try CompareJSON.lines(try cli.ok(["what-if", "--add", extra, "--format", "json"]))

        let appended = try cli.ok(["load", "--points", extra, "--append"])
        #expect(appended.contains("service points: 4 counties filled from the boundaries"))
        let second = try ReportJSON.lines(try cli.ok(["report", "--format", "json"]))
        #expect(Set(whatIf.keys) == Set(second.keys))
        for (county, line) in whatIf { #expect(line.b == second[county], "\(county)") }

        // The counties `load` gives the same file as a dataset of its own.
        try cli.ok(["load", "--points", extra, "--name", "fresh"])
        let store = try Store(path: cli.path("legalcircle.sqlite"))
        let fresh = try store.servicePoints(datasetID: try store.dataset(named: "fresh", kind: .points).id)
        let grown = try store.servicePoints(datasetID: try store.dataset(named: "points", kind: .points).id)
        #expect(fresh.allSatisfy { $0.county?.count == 6 })
        #expect(Array(grown.suffix(4)) == fresh)
    }

    @Test func anAppendedIDThatIsAlreadyLoadedFailsWithItsLineUnlessSkipped() throws {
        let cli = try CLI()
        let points = try cli.write(
            "p.csv", "id,name,kind,level,lon,lat,county\nP1,甲站,mediation,village,120.1,30.2,330102\nP2,乙站,notary,county,120.2,30.25,330102\n")
        try cli.ok(["load", "--points", points])
        let store = try Store(path: cli.path("legalcircle.sqlite"))
        let before = try store.dataset(named: "p", kind: .points)

        let more = try cli.write(
            "more.csv", "id,name,kind,level,lon,lat,county\nP3,丙站,mediation,village,120.15,30.21,330102\nP2,重复站,mediation,village,120.16,30.22,330102\n")
        let refused = try cli.run(["load", "--points", more, "--append"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("more.csv line 3, column id: id \"P2\" is already in dataset \"p\""), "error was: \(refused.stderr)")
        #expect(try store.dataset(named: "p", kind: .points) == before)
        #expect(try store.servicePoints(datasetID: before.id).map(\.id) == ["P1", "P2"])

        let skipped = try cli.ok(["load", "--points", more, "--append", "--skip-bad-rows"])
        #expect(skipped.contains("appended 1 service points") && skipped.contains("2 rows read, 1 rows rejected"))
        #expect(try store.servicePoints(datasetID: before.id).map(\.id) == ["P1", "P2", "P3"])
        let rejects = try String(contentsOfFile: cli.path("more.rejects.csv"), encoding: .utf8)
        #expect(rejects.hasPrefix("id,name,kind,level,lon,lat,county,reason\n"))
        #expect(rejects.contains("P2,重复站,mediation,village,120.16,30.22,330102,"))
        #expect(rejects.contains("already in dataset"))

        // Appending needs something to append to, and --classify-zones needs all residences.
        let nothing = try cli.run(["load", "--residences", try cli.write("r.csv", "id,lon,lat,population,county,zone\nR1,120.1,30.2,3,,urban\n"), "--append"])
        #expect(nothing.status != 0 && nothing.stderr.contains("no residences loaded"))
        let classify = try cli.run(["load", "--residences", cli.path("r.csv"), "--append", "--classify-zones"])
        #expect(classify.status != 0 && classify.stderr.contains("--classify-zones"))
    }

    @Test func appendedResidencesLeaveTheResultsOfEarlierRunsMatchedToTheirOwnRows() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "9", "--residences", "800", "--points", "60", "--out", "demo"])
        try cli.ok(["load", "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
        let villages = try cli.ok(["report", "--by", "county", "--format", "csv"])
        let first = try ReportJSON.lines(try cli.ok(["report", "--run", "1", "--format", "json"]))

        let more = try cli.write(
            "more.csv", "id,lon,lat,population,county,zone\nNEW1,120.17,30.25,500,330102,urban\nNEW2,120.5,29.9,20,339999,rural\n")
        let appended = try cli.ok(["load", "--residences", more, "--append"])
        #expect(appended.contains("appended 2 residences") && appended.contains("now 802 rows, version 2"))
        // The per-residence results of run 1 still pair with the 800 rows it read.
        #expect(try cli.ok(["report", "--run", "1", "--by", "county", "--format", "csv"]) == villages)

        let second = try ReportJSON.lines(try cli.ok(["report", "--format", "json"]))
        let comparedText = try cli.ok(["compare", "1", "2", "--format", "json"])
        let change = try #require(CompareJSON.lines(comparedText)["total"]?.change)
        #expect(change["residents"] == 520)
        #expect(change["residents"] == second["total"]!["residents"]! - first["total"]!["residents"]!)
        let notes = try decodeJSON(comparedText)["notes"] as! [String]
        #expect(notes.contains { $0.hasPrefix("the residences differ: A read 800 rows, B read 802 rows") })
        #expect(notes.contains { $0.contains("1 county is in one run only (0 in A only, 1 in B only)") })
    }
    @Test func addingTheSuggestedSitesGivesExactlyTheCoverageSuggestPromised() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "7", "--residences", "3000", "--points", "120", "--out", "demo"])
        try cli.ok(["load", "--points", "demo/points.csv", "--residences", "demo/residences.csv"])
        try cli.ok(["report"])
        let suggestion = try decodeJSON(try cli.ok(["suggest", "--count", "3", "--format", "json", "--sites-out", "sites.csv"]))
        let sites = suggestion["sites"] as! [[String: Any]]
        #expect(sites.count == 3)
        let whatIfText = try cli.ok(["what-if", "--add-suggested", "3", "--format", "json"])

        // Sums of the same populations in another order may differ in the last bits only.
        func same(_ x: Double?, _ y: Double?) -> Bool {
            guard let x, let y else { return false }
            return abs(x - y) <= 1e-9 * max(abs(y), 1)
        }
        let predicted = try CompareJSON.lines(whatIfText)
        let promised = sites.last!
        let total = try #require(predicted["total"]?.b)
        #expect(same(total["covered"], Self.double(promised["regionCovered"])))
        #expect(same(total["residents"], Self.double(promised["regionResidents"])))
        #expect(same(total["coveragePercent"], Self.double(promised["regionCoveragePercent"])))
        // Each county as promised after the last site placed in it.
        for (rank, site) in sites.enumerated() {
            let county = site["county"] as! String
            guard !sites[(rank + 1)...].contains(where: { $0["county"] as? String == county }) else { continue }
            #expect(same(predicted[county]?.b?["covered"], Self.double(site["countyCovered"])), "county \(county)")
        }

        // Loading the sites `suggest` wrote and recomputing gives what the what-if showed.
        try cli.ok(["load", "--points", "sites.csv", "--append"])
        let second = try ReportJSON.lines(try cli.ok(["report", "--format", "json"]))
        #expect(Set(second.keys) == Set(predicted.keys))
        for (county, line) in predicted { #expect(line.b == second[county], "\(county)") }
        let points = try Store(path: cli.path("legalcircle.sqlite")).dataset(named: nil, kind: .points)
        #expect((try decodeJSON(whatIfText)["b"] as! [String: Any])["pointsChecksum"] as? String == points.checksum)
        let compared = try CompareJSON.lines(try cli.ok(["compare", "1", "2", "--format", "json"]))
        let before = suggestion["before"] as! [String: Any]
        #expect(same(compared["total"]?.change["covered"], Self.double(promised["regionCovered"])! - Self.double(before["covered"])!))
    }
}

/// The figures `compare` shows, decoded with `JSONDecoder`: `JSONSerialization` reads some doubles a few
/// units in the last place off, too coarse for "change = B − A" to the bit.
struct Figures: Decodable, Equatable {
    static let keys = ["residents", "covered", "coveragePercent", "servicePoints", "uncoveredAreas", "medianMinutes"]
    var values: [String: Double]

    subscript(key: String) -> Double? { values[key] }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Keeps the compared keys present with a number (null or missing: absent).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        values = [:]
        for key in Self.keys {
            if let value = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: key)) { values[key] = value }
        }
    }
}

/// `report --format json`: lines by county code, the total under "total".
struct ReportJSON: Decodable {
    struct Line: Decodable {
        var county: String
        var figures: Figures
        enum CodingKeys: String, CodingKey { case county }
        init(from decoder: any Decoder) throws {
            county = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .county)
            figures = try Figures(from: decoder)
        }
    }
    var counties: [Line]
    var total: Line

    static func lines(_ text: String) throws -> [String: Figures] {
        let report = try JSONDecoder().decode(Self.self, from: Data(text.utf8))
        return Dictionary(uniqueKeysWithValues: (report.counties + [report.total]).map { ($0.county, $0.figures) })
    }
}

/// `compare`/`what-if --format json`: lines by county code, the total under "total".
struct CompareJSON: Decodable {
    struct Line: Decodable {
        var county: String
        var a: Figures?
        var b: Figures?
        var change: Figures
    }
    var counties: [Line]
    var total: Line

    static func lines(_ text: String) throws -> [String: Line] {
        let comparison = try JSONDecoder().decode(Self.self, from: Data(text.utf8))
        return Dictionary(uniqueKeysWithValues: (comparison.counties + [comparison.total]).map { ($0.county, $0) })
    }
}
