import Foundation
import LegalCircle
@testable import LegalCircleReports
import Testing

@Suite struct ComparisonWriterTests {
    static func county(_ code: String, residents: Double, covered: Double, points: Int, median: Double?, areas: Int)
        -> CountyFigures
    {
        CountyFigures(
            county: code, residents: residents, covered: covered,
            zones: [ZoneFigures(zone: .rural, residents: residents, covered: covered)], servicePoints: points,
            medianMinutes: median, p90Minutes: nil, uncoveredAreas: areas)
    }

    static let comparison = RunComparison(
        a: CoverageReport(
            counties: [
                county("", residents: 8, covered: 2, points: 0, median: .infinity, areas: 1),
                county("330102", residents: 1_500, covered: 1_200, points: 3, median: 12.5, areas: 4),
                county("330106", residents: 50, covered: 25, points: 1, median: 15.25, areas: 2),
            ],
            total: county(CountyFigures.totalKey, residents: 1_558, covered: 1_227, points: 4, median: 13, areas: 7)),
        b: CoverageReport(
            counties: [
                county("", residents: 8, covered: 2, points: 0, median: .infinity, areas: 1),
                county("330102", residents: 1_500, covered: 1_350, points: 5, median: 9, areas: 1),
            ],
            total: county(CountyFigures.totalKey, residents: 1_508, covered: 1_352, points: 5, median: 10.75, areas: 2)))

    static func side(_ caption: String, runID: Int64?, residencesChecksum: String, rows: Int) -> ComparedRun {
        ComparedRun(
            caption: caption,
            run: RunDescription(
                runID: runID, createdAt: runID.map { _ in "2026-05-01T08:00:00Z" }, parameters: CoverageParameters(profile: .standard),
                projectionDefinition: "+proj=tmerc", pointsDataset: "points", residencesDataset: "居民点"),
            pointsChecksum: "aa" + String(repeating: "0", count: 62), residencesChecksum: residencesChecksum,
            residenceCount: rows)
    }

    static let a = side("run 1", runID: 1, residencesChecksum: String(repeating: "1", count: 64), rows: 120)
    static let b = side("run 2", runID: 2, residencesChecksum: String(repeating: "2", count: 64), rows: 118)

    @Test func csvHasEveryFigureForASideBAndTheChangeWithBlanksWhereACountyIsMissing() throws {
        let csv = try ComparisonWriter.render(Self.comparison, a: Self.a, b: Self.b, format: .csv)
        let rows = csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows[0] == ComparisonWriter.csvHeader)
        #expect(rows[0].prefix(5) == ["county", "county_name", "residents_a", "residents_b", "residents_change"])
        #expect(rows.map(\.[0]) == ["county", "", "330102", "330106", "total"])
        let field = { (row: [String], name: String) in row[rows[0].firstIndex(of: name)!] }
        let xihu = rows[2]
        #expect(field(xihu, "covered_a") == "1200" && field(xihu, "covered_b") == "1350" && field(xihu, "covered_change") == "150")
        #expect(field(xihu, "coverage_percent_a") == "80" && field(xihu, "coverage_percent_b") == "90")
        #expect(abs(Double(field(xihu, "coverage_percent_change"))! - 10) < 1e-12)
        #expect(field(xihu, "service_points_change") == "2" && field(xihu, "uncovered_areas_change") == "-3")
        #expect(field(xihu, "median_minutes_a") == "12.5" && field(xihu, "median_minutes_change") == "-3.5")
        // 330106 is in A only: B and the changes are empty.
        let gone = rows[3]
        #expect(field(gone, "residents_a") == "50" && field(gone, "residents_b") == "" && field(gone, "residents_change") == "")
        #expect(field(gone, "median_minutes_b") == "" && field(gone, "coverage_percent_change") == "")
        // An infinite median is empty, never "inf".
        #expect(field(rows[1], "median_minutes_a") == "" && !csv.contains("inf"))
        #expect(field(rows[4], "residents_change") == "-50")
    }

    @Test func jsonHasBothSidesNotesAndNullsForMissingValues() throws {
        let text = try ComparisonWriter.render(Self.comparison, a: Self.a, b: Self.b, format: .json)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let a = json["a"] as! [String: Any]
        #expect(a["caption"] as? String == "run 1" && (a["run"] as! [String: Any])["runID"] as? Int == 1)
        #expect(a["residenceCount"] as? Int == 120 && a["isStale"] as? Bool == false)
        let notes = json["notes"] as! [String]
        #expect(notes.contains { $0.hasPrefix("the residences differ: A read 120 rows, B read 118 rows") })
        #expect(notes.contains { $0.contains("1 county is in one run only (1 in A only, 0 in B only)") })
        #expect(!notes.contains { $0.contains("rule differs") || $0.contains("service points differ") })
        let counties = json["counties"] as! [[String: Any]]
        let gone = counties.first { $0["county"] as? String == "330106" }!
        #expect(gone["b"] is NSNull)
        #expect((gone["change"] as! [String: Any])["covered"] is NSNull)
        #expect((gone["a"] as! [String: Any])["medianMinutes"] as? Double == 15.25)
        let total = json["total"] as! [String: Any]
        let change = total["change"] as! [String: Any]
        #expect(change["covered"] as? Double == 125 && change["uncoveredAreas"] as? Int == -5)
        #expect(change["servicePoints"] as? Int == 1 && change["medianMinutes"] as? Double == -2.25)
        let noCounty = counties.first { $0["county"] as? String == "" }!
        #expect((noCounty["a"] as! [String: Any])["medianMinutes"] is NSNull)
    }

    @Test func tableAndMarkdownStateBothRunsAndSignTheChanges() throws {
        let table = try ComparisonWriter.render(Self.comparison, a: Self.a, b: Self.b, format: .table)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Comparison of A = run 1 and B = run 2; change = B − A")
        #expect(lines[1].hasPrefix("A: run 1, 2026-05-01T08:00:00Z; points \"points\" (sha256 aa0000000000…)"))
        #expect(lines[1].contains("residences \"居民点\" (120 rows, sha256 111111111111…)"))
        #expect(lines[1].hasSuffix("profile default, 15 min, kinds any, cells 500 m"))
        #expect(lines[2].hasPrefix("B: run 2"))
        #expect(lines.contains { $0.hasPrefix("note: the residences differ") })
        let header = try #require(lines.first { $0.hasPrefix("county") })
        for title in ["residents A", "residents B", "Δ residents", "coverage % A", "Δ pp", "areas B", "Δ min"] {
            #expect(header.contains(title))
        }
        let xihu = try #require(lines.first { $0.hasPrefix("330102") }).split(separator: " ").map(String.init)
        #expect(xihu == ["330102", "1,500", "1,500", "0", "1,200", "1,350", "+150", "80.0", "90.0", "+10.0", "3", "5", "+2",
            "4", "1", "-3", "12.5", "9.0", "-3.5"])
        let gone = try #require(lines.first { $0.hasPrefix("330106") }).split(separator: " ").map(String.init)
        #expect(gone == ["330106", "50", "25", "50.0", "1", "2", "15.2"] || gone == ["330106", "50", "25", "50.0", "1", "2", "15.3"])
        #expect(lines.contains { $0.hasPrefix(OutputFormat.noCountyLabel) })

        let markdown = try ComparisonWriter.render(Self.comparison, a: Self.a, b: Self.b, format: .markdown)
        #expect(markdown.contains("| 330102 ") && markdown.contains("| **total** ") && markdown.contains("+150"))
        #expect(markdown.hasPrefix("Comparison of A = run 1 and B = run 2; change = B − A  \nA: run 1"))
    }

    @Test func signedChangesRoundToZeroWithoutASign() {
        #expect(ComparisonWriter.signed(0.04, decimals: 1) == "0.0")
        #expect(ComparisonWriter.signed(-0.04, decimals: 1) == "0.0")
        #expect(ComparisonWriter.signed(-0.4, decimals: 0) == "0")
        #expect(ComparisonWriter.signed(1_234.6, decimals: 0) == "+1,235")
        #expect(ComparisonWriter.signed(-2.25, decimals: 1) == "-2.2" || ComparisonWriter.signed(-2.25, decimals: 1) == "-2.3")
        #expect(ComparisonWriter.signed(nil, decimals: 1) == "–")
    }

    @Test func htmlIsTheTableEscapedInASelfContainedPage() throws {
        let evil = ComparedRun(
            caption: "run 1", run: RunDescription(
                runID: 1, createdAt: "2026-05-01T08:00:00Z", parameters: CoverageParameters(profile: .standard),
                projectionDefinition: "+proj=tmerc", pointsDataset: "<script>alert(1)</script>", residencesDataset: "居民点"),
            pointsChecksum: Self.a.pointsChecksum, residencesChecksum: Self.a.residencesChecksum, residenceCount: 120)
        let html = try ComparisonWriter.render(Self.comparison, a: evil, b: Self.b, format: .html)
        let table = try ComparisonWriter.render(Self.comparison, a: evil, b: Self.b, format: .table)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("default-src 'none'"))
        #expect(!html.contains("<script") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        // A header row, one row per county line and the total; rows keep the table's cells.
        #expect(html.components(separatedBy: "<tr>").count - 1 == Self.comparison.counties.count + 2)
        let tableRows = table.split(separator: "\n").filter { $0.hasPrefix("33") || $0.hasPrefix("total") }
        for line in tableRows {
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).prefix(2).map(String.init)
            #expect(html.contains("<td>\(cells[0])</td><td class=\"n\">\(cells[1])</td>"), "\(line)")
        }
    }

    @Test func aComparisonWithoutGeometryRefusesGeoJSON() {
        #expect(throws: OutputFormatError.self) {
            try ComparisonWriter.render(Self.comparison, a: Self.a, b: Self.b, format: .geojson)
        }
        #expect(!ComparisonWriter.formats.contains(.geojson))
    }

    @Test func theSameInputsAndRuleGiveNoNotes() throws {
        let same = Self.side("run 3", runID: 3, residencesChecksum: Self.a.residencesChecksum!, rows: 120)
        let comparison = RunComparison(a: Self.comparison.total.a.map { CoverageReport(counties: [], total: $0) }!,
            b: Self.comparison.total.a.map { CoverageReport(counties: [], total: $0) }!)
        #expect(ComparedRun.notes(a: Self.a, b: same, comparison: comparison) == ["both read the same residences"])
        var other = same
        other.run.minutes = 20
        other.pointsChecksum = "bb"
        other.isStale = true
        let notes = ComparedRun.notes(a: Self.a, b: other, comparison: comparison)
        #expect(notes.contains("the service points differ"))
        #expect(notes.contains { $0.hasPrefix("the rule differs: A profile default, 15 min") && $0.contains("B profile default, 20 min") })
        #expect(notes.contains { $0.hasPrefix("B (run 3) is stale") })
    }
}
