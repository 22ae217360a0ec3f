import Foundation
import LegalCircle
import Testing

/// The command line in both languages: the locale decides (`zh*` → Chinese), `--lang` overrides it, and
/// English stays complete (the goldens run in `LANG=C`).
@Suite(.serialized)
struct LanguageTests {
    static let chinese = "zh_CN.UTF-8"

    /// A database with the seeds loaded and one run.
    static func loaded() throws -> CLI {
        let cli = try CLI()
        let seeds = CLI.projectRoot.appendingPathComponent("Tests/Fixtures/golden/input").path
        try cli.ok(["load", "--points", seeds + "/points.csv", "--residences", seeds + "/residences.csv"])
        try cli.ok(["report"])
        return cli
    }

    @Test func localeAndOptionChooseTheLanguage() {
        #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.fromEnvironment(["LANG": "zh_TW.Big5"]) == .zh)
        #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LANG": "C"]) == .en)
        #expect(Language.fromEnvironment([:]) == .en)
        // POSIX order: LC_ALL, then LC_MESSAGES, then LANG.
        #expect(Language.fromEnvironment(["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_MESSAGES": "zh_CN", "LANG": "C"]) == .zh)
        #expect(Language.resolve(arguments: ["report", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.resolve(arguments: ["report", "--lang=zh"], environment: ["LANG": "C"]) == .zh)
        #expect(Language.resolve(arguments: ["report", "--", "--lang", "zh"], environment: ["LANG": "C"]) == .en)
    }

    @Test func reportTableInBothLanguages() throws {
        let cli = try Self.loaded()
        let english = try cli.ok(["report", "--run", "1"])
        #expect(english.contains("county  name    residents") && english.contains("total") && english.hasPrefix("Run 1: profile"))
        let chinese = try cli.ok(["report", "--run", "1"], locale: Self.chinese)
        #expect(chinese.contains("区县") && chinese.contains("常住人口") && chinese.contains("合计"), "\(chinese)")
        #expect(chinese.hasPrefix("运行 1：配置 default") && chinese.contains("城区 1,000 米 步行"))
        #expect(!chinese.contains("residents"))
        // --lang overrides the locale both ways.
        #expect(try cli.ok(["report", "--run", "1", "--lang", "zh"]) == chinese)
        #expect(try cli.ok(["report", "--run", "1", "--lang", "en"], locale: Self.chinese) == english)
    }

    @Test func everyTableCommandSpeaksChinese() throws {
        let cli = try Self.loaded()
        let gaps = try cli.ok(["gaps", "--run", "1", "--top", "3"], locale: Self.chinese)
        #expect(gaps.contains("未覆盖片区") && gaps.contains("最近服务点") && gaps.contains("城区"), "\(gaps)")
        let nearest = try cli.ok(["nearest", "--lon", "120.16", "--lat", "30.27", "--count", "2"], locale: Self.chinese)
        #expect(nearest.contains("在服务圈内") && nearest.contains("网格") && nearest.contains("是"), "\(nearest)")
        let suggest = try cli.ok(["suggest", "--run", "1", "--count", "2"], locale: Self.chinese)
        #expect(suggest.contains("建议新增站点") && suggest.contains("新覆盖人口"), "\(suggest)")
        try cli.ok(["report", "--minutes", "10"])
        let compare = try cli.ok(["compare", "1", "2"], locale: Self.chinese)
        #expect(compare.contains("对比：A = 运行 1，B = 运行 2") && compare.contains("覆盖率 % A"), "\(compare)")
        let whatIf = try cli.ok(["what-if", "--run", "1", "--add-suggested", "1"], locale: Self.chinese)
        #expect(whatIf.contains("假设情景") && whatIf.contains("合计"), "\(whatIf)")
        let runs = try cli.ok(["runs"], locale: Self.chinese)
        #expect(runs.contains("创建时间（北京时间 UTC+8）"), "\(runs)")
        let load = try cli.ok(["load", "--points", CLI.projectRoot.path + "/Tests/Fixtures/golden/input/points.csv", "--name", "again"], locale: Self.chinese)
        #expect(load.contains("已从") && load.contains("个服务点"), "\(load)")
    }

    @Test func machineReadableOutputsKeepEnglishKeys() throws {
        let cli = try Self.loaded()
        // nearest's CSV had 经度/纬度 as column names under zh; it also names the county.
        let nearest = ["nearest", "--lon", "120.16", "--lat", "30.27", "--count", "2", "--format", "csv"]
        let nearestCSV = try cli.ok(nearest, locale: Self.chinese)
        #expect(nearestCSV == (try cli.ok(nearest)))
        #expect(nearestCSV.hasPrefix("id,name,level,kinds,county,county_name,lon,lat,distance_m,") && nearestCSV.contains(",330102,上城区,"), "\(nearestCSV)")
        let nearestJSON = try decodeJSON(try cli.ok(["nearest", "--lon", "120.16", "--lat", "30.27", "--count", "1", "--format", "json"]))
        #expect((nearestJSON["points"] as? [[String: Any]])?.first?["county_name"] as? String == "上城区")
        let csv = try cli.ok(["report", "--run", "1", "--format", "csv"], locale: Self.chinese)
        #expect(csv == (try cli.ok(["report", "--run", "1", "--format", "csv"])))
        let json = try cli.ok(["gaps", "--run", "1", "--format", "json"], locale: Self.chinese)
        #expect(json == (try cli.ok(["gaps", "--run", "1", "--format", "json"])))
    }

    @Test func webPagesAreChineseUnlessAskedOtherwise() throws {
        let cli = try Self.loaded()
        try cli.ok(["report", "--minutes", "10"])
        let page = try cli.ok(["compare", "1", "2", "--format", "html"])
        #expect(page.contains("<html lang=\"zh-CN\">") && page.contains("两次运行对比"))
        let english = try cli.ok(["compare", "1", "2", "--format", "html", "--lang", "en"], locale: Self.chinese)
        #expect(english.contains("<html lang=\"en\">") && english.contains("comparison of two runs"))
    }

    @Test func helpFollowsTheLanguage() throws {
        let cli = try CLI()
        let chinese = try cli.ok(["--help"], locale: Self.chinese)
        #expect(chinese.contains("测算15分钟公共法律服务圈") && chinese.contains("导入工作数据库"), "\(chinese)")
        let report = try cli.ok(["report", "--help"], locale: Self.chinese)
        #expect(report.contains("输出格式") && report.contains("工作数据库文件"), "\(report)")
        let english = try cli.ok(["report", "--help"])
        #expect(english.contains("Output format") && !english.contains("输出格式"))
        #expect(try cli.ok(["--version"]).hasPrefix("legalcircle "))
    }

    /// `--out-crs` says what each command writes in it: only `suggest` has `--sites-out`, only `gaps`
    /// writes GeoJSON (issue 17: each command's help shows only its own options).
    @Test func outCRSHelpIsEachCommandsOwn() throws {
        let cli = try CLI()
        for locale in [Self.chinese, "C"] {
            func outCRS(_ command: String) throws -> String {
                // The option's line and its continuation lines (indented deeper than the next option).
                let lines = try cli.ok([command, "--help"], locale: locale).split(separator: "\n").map(String.init)
                let start = try #require(lines.firstIndex { $0.hasPrefix("  --out-crs <out-crs>") }, "\(command) has --out-crs")
                let rest = lines[(start + 1)...].prefix { $0.hasPrefix("   ") }
                return ([lines[start]] + rest).joined().filter { !$0.isWhitespace }
            }
            let gaps = try outCRS("gaps")
            let nearest = try outCRS("nearest")
            let suggest = try outCRS("suggest")
            #expect(!gaps.contains("--sites-out") && !nearest.contains("--sites-out") && suggest.contains("--sites-out"), "\(locale)")
            #expect(gaps.contains("GeoJSON") && !nearest.contains("GeoJSON") && !suggest.contains("GeoJSON"), "\(locale)")
            #expect(gaps.contains("xlsx") && !nearest.contains("markdown") && suggest.contains("xlsx"), "\(locale)")
        }
    }

    @Test func chineseValuesAreAcceptedByOptions() throws {
        let cli = try Self.loaded()
        let mountain = try cli.ok(["nearest", "--lon", "120.16", "--lat", "30.27", "--zone", "山区", "--count", "1"])
        #expect(mountain.hasPrefix("mountain zone: drive"), "\(mountain)")
        let kinds = try cli.ok(["report", "--run", "1", "--kinds", "法律援助,调解"])
        #expect(kinds.contains("Run 1"))
        let computed = try cli.ok(["report", "--kinds", "法律援助,人民调解", "--format", "json"])
        #expect(computed.contains("\"legal_aid\"") && computed.contains("\"mediation\"") && !computed.contains("\"notary\""))
        // Levels as the README lists them (乡镇/街道, 村/社区) and as the Chinese tables print them.
        let file = try cli.write(
            "站点.csv",
            "编号,名称,服务类型,层级,经度,纬度,区县\nA1,甲司法所,调解,乡镇/街道,120.13,30.26,330106\n"
                + "A2,乙服务室,法律咨询,村/社区,120.14,30.27,330106\nA3,丙服务室,公证,乡镇（街道）,120.15,30.27,330106\n")
        let validation = try cli.ok(["validate", "--points", file])
        #expect(validation.contains("3 read, 3 accepted, 0 rejected"), "\(validation)")
    }

    @Test func validateFailsWhenRowsAreRejected() throws {
        let cli = try CLI()
        let file = try cli.write("p.csv", "id,name,kind,level,lon,lat,county\nA,a,mediation,village,120.1,30.2,\nB,b,mediation,village,north,30.2,\n")
        let outcome = try cli.run(["validate", "--points", file])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("1 of 2 rows rejected"), "\(outcome.stderr)")
        let chinese = try cli.run(["validate", "--points", file], locale: Self.chinese)
        #expect(chinese.status != 0 && chinese.stderr.contains("2 行中有 1 行被拒绝") && chinese.stdout.contains("行数：读取 2"))
    }
}
