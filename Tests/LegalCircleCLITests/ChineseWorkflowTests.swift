import Foundation
import LegalCircleTestSupport
import Testing

/// The README's county analyst workflow (县司法局分析员的工作流程), run as written in `LANG=zh_CN.UTF-8` on
/// GB18030 files made by iconv: the 83 located villages of 桐庐县, 淳安县 and 建德市 (GCJ-02 as published,
/// 名称 kept, 淳安's rural villages as 山区) and their 52 township seats (WGS84) as 司法所. The figures
/// checked here are the ones the README prints.
@Suite(.serialized)
struct ChineseWorkflowTests {
    static let chinese = "zh_CN.UTF-8"
    static let counties: Set<String> = ["330122", "330127", "330182"]

    /// 村.csv and 司法所.csv in GB18030 with Chinese headers and values, as Excel on Chinese Windows saves them.
    static func files(_ cli: CLI) throws -> (villages: String, stations: String) {
        var villages = "编号,经度,纬度,人口,区县,区域类型,名称\n"
        for row in try ZhejiangFile.villages2016.csvRows() where counties.contains(row["county_adcode_2016"] ?? "") {
            guard let lon = row["lon_gcj02"], !lon.isEmpty, let lat = row["lat_gcj02"], let county = row["county_adcode_2016"] else { continue }
            let zone = row["ur_code"]!.hasPrefix("1") ? "城区" : county == "330127" ? "山区" : "乡村"
            villages += "\(row["code"]!),\(lon),\(lat),1,\(county),\(zone),\(row["name"]!)\n"
        }
        var stations = "编号,名称,服务类型,层级,经度,纬度,区县\n"
        for row in try ZhejiangFile.towns2016.csvRows() where counties.contains(row["county_adcode_2016"] ?? "") {
            guard let lon = row["lon_wgs84"], !lon.isEmpty, let lat = row["lat_wgs84"] else { continue }
            stations += "\(row["code"]!),\(row["name"]!)司法所,调解;法律咨询,乡镇/街道,\(lon),\(lat),\(row["county_adcode_2016"]!)\n"
        }
        return (try gb18030(cli, "村.csv", villages), try gb18030(cli, "司法所.csv", stations))
    }

    static func gb18030(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let utf8 = try cli.write(name + ".utf8", text)
        let outcome = try CLI.runProcess(URL(fileURLWithPath: "/usr/bin/iconv"), ["-f", "UTF-8", "-t", "GB18030", utf8, "-o", cli.path(name)])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return cli.path(name)
    }

    @Test(.requires(.data(.villages2016, .towns2016), .ogrinfo))
    func readmeWorkflowInChinese() throws {
        let cli = try CLI()
        let (villages, stations) = try Self.files(cli)
        func zh(_ arguments: [String]) throws -> String { try cli.ok(arguments, locale: Self.chinese) }

        // 1. validate, against the shipped boundaries by name.
        let validate = try zh(["validate", "--residences", villages, "--residences-crs", "gcj02", "--boundaries", "zhejiang"])
        #expect(validate.contains("编码：GB18030（自动识别）") && validate.contains("行数：读取 83，接受 83，拒绝 0"), "\(validate)")
        #expect(validate.contains("列：id ← 编号，lon ← 经度，lat ← 纬度，population ← 人口，county ← 区县，zone ← 区域类型，name ← 名称"))
        #expect(validate.contains("坐标系：GCJ-02，存储为 WGS84") && validate.contains("判别点"), "\(validate)")
        #expect(!validate.contains("decisive"), "the check's details in Chinese: \(validate)")

        // 2.–3. load and report.
        try zh(["load", "--boundaries", "zhejiang", "--points", stations, "--residences", villages, "--residences-crs", "gcj02"])
        let report = try zh(["report"])
        #expect(report.contains("输入坐标 服务点 WGS84，住所 GCJ-02，边界 WGS84"), "\(report)")
        let chunan = try #require(report.split(separator: "\n").first { $0.hasPrefix("330127") })
        #expect(chunan.split(separator: " ").prefix(8).joined(separator: " ") == "330127 淳安县 14 4 28.6 12.5 – 50.0", "\(chunan)")

        // 4. gaps for one county by name: the same run, the villages named.
        let gaps = try cli.run(["gaps", "--county", "淳安县", "--top", "5"], locale: Self.chinese)
        #expect(gaps.stderr.contains("沿用运行 1"), "\(gaps.stderr)")
        #expect(gaps.stdout.contains("未覆盖片区（区县 330127 淳安县）：共 8 个，列出 5 个") && gaps.stdout.contains("南苑社区、西园社区"))
        // CSV and JSON name the county and the places too, under English keys.
        let csv = try zh(["gaps", "--county", "淳安县", "--top", "1", "--format", "csv"])
        #expect(csv.contains(",淳安县,南苑社区、西园社区,WGS84\n"), "\(csv)")
        let json = try decodeJSON(try zh(["gaps", "--county", "淳安县", "--top", "1", "--format", "json"]))
        let area = try #require((json["areas"] as? [[String: Any]])?.first)
        #expect(area["countyName"] as? String == "淳安县" && area["places"] as? [String] == ["南苑社区", "西园社区"], "\(area)")

        // 5. the assessment by township.
        let assessment = try zh(["report", "--by", "township", "--target-villages", "60"])
        #expect(assessment.contains("村/社区覆盖目标 60 %：25 个中 9 个达标"), "\(assessment)")

        // 6. five sites: area candidates carry their villages' names, the bound is in Chinese.
        let suggest = try zh(["suggest", "--count", "5", "--county", "淳安县", "--sites-out", "新站点.csv", "--out-encoding", "gb18030"])
        #expect(suggest.contains("住所 330127100008 江滨社区") && suggest.contains("片区 4（南苑社区、西园社区）"), "\(suggest)")
        #expect(suggest.contains("最优上界") && !suggest.contains("Best possible"), "\(suggest)")
        let sites = try Data(contentsOf: URL(fileURLWithPath: cli.path("新站点.csv")))
        #expect(String(data: sites, encoding: .utf8) == nil, "GB18030, not UTF-8")

        // 7. the bureau chief's report: the run line names the systems in Chinese.
        try zh([
            "report", "--by", "township", "--target-villages", "60", "--format", "html", "--out", "淳安考核.html",
            "--title", "淳安县15分钟公共法律服务圈考核", "--source-note", "县司法局；2016年统计用区划代码", "--approval-number", "浙S(2025)XX号",
        ])
        let html = try String(contentsOfFile: cli.path("淳安考核.html"), encoding: .utf8)
        #expect(html.contains("输入坐标系 服务点 WGS84，住所 GCJ-02，边界 WGS84") && !html.contains("points WGS84"))
        #expect(html.contains("淳安县15分钟公共法律服务圈考核") && html.contains("审图号：浙S(2025)XX号") && html.contains("阆苑村村委会"))
        try zh(["report", "--by", "township", "--target-villages", "60", "--format", "xlsx", "--out", "淳安考核.xlsx"])
        let sheets = try OGRInfo.layers(cli.path("淳安考核.xlsx")).map(\.name)
        #expect(sheets == ["考核（按乡镇（街道））", "未覆盖村社区", "说明"], "\(sheets)")
        try zh(["map", "--county", "淳安县", "--out", "淳安县.svg", "--title", "淳安县公共法律服务圈", "--approval-number", "浙S(2025)XX号"])
        // Every step reused the one run.
        #expect(try zh(["runs"]).split(separator: "\n").count == 3, "one run: header, rule, row")
    }
}
