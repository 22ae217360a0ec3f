import Foundation
import LegalCircle
import LegalCircleReports
import LegalCircleRoads
import LegalCircleSession
import LegalCircleTestSupport
import Testing

/// The side-by-side columns of a run by network travel in the report's CSV and workbook (issue 19), on
/// the river fixture of `NetworkReportTests`.
@Suite struct NetworkReportTableTests {
    typealias Files = NetworkReportTests.Files

    @Test func reportCSVHasTheComparisonColumnsOfTheJSON() throws {
        let files = try Files()
        let json = try decodeJSON(try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", "json"]))
        let csv = try ExcelTests.records(try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", "csv"]))
        let header = try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", "csv"]).split(separator: "\n").first!
        #expect(header.split(separator: ",").suffix(ReportWriter.csvNetworkHeader.count).map(String.init) == ReportWriter.csvNetworkHeader)
        let lines = ((json["counties"] as? [[String: Any]]) ?? []) + [json["total"] as? [String: Any] ?? [:]]
        #expect(csv.count == lines.count)
        for (row, line) in zip(csv, lines) {
            let comparison = try #require(line["networkComparison"] as? [String: Any])
            #expect(row["covered_only_by_straight_line"] == "\(comparison["coveredOnlyByStraightLine"] as? Int ?? -1)")
            #expect(row["covered_only_by_network"] == "\(comparison["coveredOnlyByNetwork"] as? Int ?? -1)")
            #expect(row["fallback_residences"] == "\(comparison["fallbackResidences"] as? Int ?? -1)")
            #expect(Double(row["straight_line_covered"] ?? "") == comparison["straightLineCovered"] as? Double)
            #expect(row["travel_model"] == NetworkCommandsTests.model)
        }
        #expect(csv.last?["covered_only_by_straight_line"] == "2")  // R1 and R6
    }

    @Test(.requires(.ogrinfo)) func workbookHasTheComparisonColumnsInChinese() throws {
        let files = try Files()
        let json = try decodeJSON(try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", "json"]))
        let total = try #require((json["total"] as? [String: Any])?["networkComparison"] as? [String: Any])
        _ = try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", "xlsx", "--out", "network.xlsx"])
        let rows = try ExcelTests.sheet(files.cli.path("network.xlsx"), "各区县覆盖")
        let last = try #require(rows.last)
        #expect(last["路网下失去覆盖的住所"] == "\(total["coveredOnlyByStraightLine"] as? Int ?? -1)")
        #expect(last["路网下新增覆盖的住所"] == "\(total["coveredOnlyByNetwork"] as? Int ?? -1)")
        #expect(last["按直线估算的住所（距道路过远）"] == "1")
        #expect(Double(last["直线估算覆盖率 %"] ?? "") == total["straightLineCoveragePercent"] as? Double)
        _ = try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", "xlsx", "--lang", "en", "--out", "en.xlsx"])
        #expect(try ExcelTests.sheet(files.cli.path("en.xlsx"), "Coverage").last?["residences lost on roads"] != nil)
        _ = try files.cli.ok(files.oneShot + ["--format", "xlsx", "--out", "straight.xlsx"])
        #expect(try ExcelTests.sheet(files.cli.path("straight.xlsx"), "各区县覆盖").last?["路网下失去覆盖的住所"] == nil)
    }
}
