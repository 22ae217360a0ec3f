import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@testable import LegalCircleImport

@Suite struct CSVSummaryTests {
    @Test func summaryLinesForAValidateCommand() throws {
        let result = try readServicePoints(data: try gb18030(chinesePoints), file: "站点.csv", options: CSVReadOptions(), policy: .skipBadRows)
        let summary = result.summary
        #expect(summary.rowsRead == 7)
        #expect(summary.rowsAccepted == 3)
        #expect(summary.rowsRejected == 4)
        #expect(summary.lines() == [
            "file: 站点.csv",
            "encoding: GB18030 (detected)",
            "delimiter: \",\" (detected)",
            "columns: id ← 编号, name ← 名称, kind ← 服务类型, level ← 层级, lon ← 经度, lat ← 纬度, county ← 区县代码",
            "rows: 7 read, 3 accepted, 4 rejected",
            "rejected, by reason:",
            "  longitude and latitude swapped: 1",
            "    line 8, column 经度: lon 30.28 / lat 120.12 look swapped: Zhejiang is at lon 118–123, lat 27–31; swap the lon and lat columns or map them with --column lon=纬度 --column lat=经度",
            "  unknown kind: 1",
            "    line 6, column 服务类型: unknown kind \"烹饪\"; accepted: \(acceptedKinds)",
            "  unknown level: 1",
            "    line 7, column 层级: unknown level \"区县\"; accepted: \(acceptedLevels)",
            "  invalid county code: 1",
            "    line 9, column 区县代码: \"西湖区\" is not a 6-digit county code (give the administrative code, e.g. 330106, not the name)",
        ])
    }

    @Test func examplesAreLimitedPerCategory() throws {
        let rows = (1...7).map { "R\($0),x,30,urban" }.joined(separator: "\n")
        let result = try readResidences(data: Data(("id,lon,lat,zone\n" + rows).utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        let group = try #require(result.summary.rejectGroups.first)
        #expect(group.count == 7)
        #expect(group.examples.map(\.line) == [2, 3, 4])
        #expect(Array(result.summary.lines().suffix(5)) == [
            "  non-numeric coordinate: 7",
            "    line 2, column lon: \"x\" is not a number",
            "    line 3, column lon: \"x\" is not a number",
            "    line 4, column lon: \"x\" is not a number",
            "    … and 4 more",
        ])
    }
}
