import Foundation
import Testing

/// Error and reject messages in both languages, on the real binary and real files: under a Chinese locale
/// they are Chinese and still name the file, the line and the column; with `--lang en` (or `LANG=C`) they are
/// the English ones, word for word.
@Suite(.serialized)
struct ChineseErrorTests {
    static let chinese = "zh_CN.UTF-8"

    /// English words that must not appear in a Chinese message (file names and accepted values aside).
    static let englishWords = [
        "Error:", "line ", ", column ", "column:", "cannot", "unknown", "missing", "accepted:", "not a number", "outside",
        "duplicate", "swapped", "rejected", "fields, the header", "no such", "first on",
    ]

    static func expectChinese(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for word in englishWords {
            #expect(!text.contains(word), "English \"\(word)\" in: \(text)", sourceLocation: sourceLocation)
        }
    }

    static let pointsHeader = "id,name,kind,level,lon,lat,county\n"

    /// One bad row of each common kind, after a good one (line 2).
    static let badPoints = pointsHeader
        + "A,甲,mediation,village,120.1,30.2,\n"  // line 2: good
        + "B,乙,mediation,village,north,30.2,\n"  // 3: lon not a number
        + "C,丙,mediation,village,120.1,95,\n"  // 4: lat out of range
        + "D,丁,mediation,village,30.2,120.1,\n"  // 5: lon and lat swapped
        + "A,戊,mediation,village,120.2,30.2,\n"  // 6: duplicate id
        + "F,己,mediation,大队,120.1,30.2,\n"  // 7: unknown level
        + "G,庚,dancing,village,120.1,30.2,\n"  // 8: unknown kind
        + "H,辛,mediation,village,120.1\n"  // 9: too few fields
        + "I,壬,mediation,village,10.5,50.1,\n"  // 10: outside China
        + "J,癸,mediation,village,120.1,30.2,杭州\n"  // 11: county name, not a code

    @Test func validateRejectLinesInBothLanguages() throws {
        let cli = try CLI()
        let file = try cli.write("站点.csv", Self.badPoints)
        let chinese = try cli.run(["validate", "--points", file], locale: Self.chinese)
        #expect(chinese.status == 2)
        let text = chinese.stdout
        for expected in [
            "第 3 行，lon 列：\"north\" 不是数字",
            "第 4 行，lat 列：纬度 \"95\" 超出 [-90, 90]",
            "第 5 行，lon 列：经度 30.2 / 纬度 120.1 像是颠倒了",
            "第 6 行，id 列：编号 \"A\" 重复（首次出现在第 2 行）",
            "第 7 行，level 列：未知的层级 \"大队\"；可用的值：",
            "第 8 行，kind 列：未知的服务类型 \"dancing\"；可用的值：",
            "第 9 行：有 5 个字段，表头有 7 个",
            "在中国境外",
            "第 11 行，county 列：\"杭州\" 不是 6 位区县代码（请填行政区划代码",
        ] {
            #expect(text.contains(expected), "missing \(expected) in:\n\(text)")
        }
        #expect(text.contains("第 10 行，"), "\(text)")
        Self.expectChinese(text)
        Self.expectChinese(chinese.stderr)

        // --lang en overrides the locale: the English lines as before.
        let english = try cli.run(["validate", "--points", file, "--lang", "en"], locale: Self.chinese)
        #expect(english.stdout == (try cli.run(["validate", "--points", file])).stdout)
        for expected in [
            "line 3, column lon: \"north\" is not a number",
            "line 4, column lat: latitude \"95\" is outside [-90, 90]",
            "line 5, column lon: lon 30.2 / lat 120.1 look swapped",
            "line 6, column id: duplicate id \"A\" (first on line 2)",
            "line 7, column level: unknown level \"大队\"; accepted:",
            "line 8, column kind: unknown kind \"dancing\"; accepted:",
            "line 9: has 5 fields, the header has 7",
            "is outside China",
            "line 11, column county: \"杭州\" is not a 6-digit county code",
        ] {
            #expect(english.stdout.contains(expected), "missing \(expected) in:\n\(english.stdout)")
        }
    }

    @Test func residencesZoneAndPopulationInBothLanguages() throws {
        let cli = try CLI()
        let file = try cli.write(
            "住所.csv",
            "编号,名称,经度,纬度,人口,区域类型\nR1,甲村,120.1,30.2,100,乡村\nR2,乙村,120.1,30.2,100,郊区\nR3,丙村,120.1,30.2,-5,乡村\n"
                + "R4,丁村,120.1,30.2,\"1,200\",乡村\n")
        let chinese = try cli.run(["validate", "--residences", file], locale: Self.chinese)
        #expect(chinese.stdout.contains("第 3 行，区域类型 列：未知的区域类型 \"郊区\"；可用的值："), "\(chinese.stdout)")
        #expect(chinese.stdout.contains("第 4 行，人口 列：\"-5\" 是负数"), "\(chinese.stdout)")
        #expect(chinese.stdout.contains("第 5 行，人口 列：\"1,200\" 不是数字（数字不要用千位分隔符"), "\(chinese.stdout)")
        Self.expectChinese(chinese.stdout)
        let english = try cli.run(["validate", "--residences", file, "--lang", "en"], locale: Self.chinese)
        #expect(english.stdout.contains("line 3, column 区域类型: unknown zone \"郊区\"; accepted:"), "\(english.stdout)")
        #expect(english.stdout.contains("line 4, column 人口: \"-5\" is negative"), "\(english.stdout)")
    }

    @Test func loadRefusalAndRejectsFileFollowTheLanguage() throws {
        let cli = try CLI()
        let file = try cli.write("站点.csv", Self.badPoints)
        // All or nothing: the error names the file, each line and column.
        let refused = try cli.run(["load", "--points", file], locale: Self.chinese)
        #expect(refused.status != 0)
        #expect(refused.stderr.hasPrefix("错误："), "\(refused.stderr)")
        #expect(refused.stderr.contains("行被拒绝，未导入任何数据"), "\(refused.stderr)")
        #expect(refused.stderr.contains("\(file) 第 3 行，lon 列：\"north\" 不是数字"), "\(refused.stderr)")
        Self.expectChinese(refused.stderr)
        let english = try cli.run(["load", "--points", file, "--lang", "en"], locale: Self.chinese)
        #expect(english.stderr.hasPrefix("Error: "), "\(english.stderr)")
        #expect(english.stderr.contains("rows rejected, nothing imported"), "\(english.stderr)")
        #expect(english.stderr.contains("\(file) line 3, column lon: \"north\" is not a number"), "\(english.stderr)")

        // --skip-bad-rows: the rejects file's reason column is Chinese too (planners open it in Excel).
        let rejects = cli.path("拒绝.csv")
        try cli.ok(["load", "--points", file, "--skip-bad-rows", "--rejects", rejects], locale: Self.chinese)
        let written = try String(decoding: Data(contentsOf: URL(fileURLWithPath: rejects)), as: UTF8.self)
        #expect(written.contains("第 3 行，lon 列：\"\"north\"\" 不是数字") || written.contains("第 3 行，lon 列：\"north\" 不是数字"), "\(written)")
        #expect(written.contains("第 7 行，level 列：未知的层级"), "\(written)")
        Self.expectChinese(written.replacingOccurrences(of: "\n", with: " "))
        let englishRejects = cli.path("rejects-en.csv")
        try cli.ok(["load", "--points", file, "--skip-bad-rows", "--rejects", englishRejects, "--name", "again", "--lang", "en"], locale: Self.chinese)
        let englishWritten = try String(decoding: Data(contentsOf: URL(fileURLWithPath: englishRejects)), as: UTF8.self)
        #expect(englishWritten.contains("line 7, column level: unknown level"), "\(englishWritten)")
    }

    @Test func fileAndHeaderErrorsInBothLanguages() throws {
        let cli = try CLI()
        let missing = cli.path("没有.csv")
        let chinese = try cli.run(["validate", "--points", missing], locale: Self.chinese)
        #expect(chinese.status != 0)
        #expect(chinese.stderr.contains("错误：") && chinese.stderr.contains(missing) && chinese.stderr.contains("没有这个文件"), "\(chinese.stderr)")
        Self.expectChinese(chinese.stderr)
        let english = try cli.run(["validate", "--points", missing, "--lang", "en"], locale: Self.chinese)
        #expect(english.stderr.contains("Error: \(missing): cannot be read: there is no such file"), "\(english.stderr)")

        // A missing column: line 1 and the column named.
        let noLat = try cli.write("缺列.csv", "id,name,kind,level,lon,county\nA,甲,mediation,village,120.1,\n")
        let header = try cli.run(["validate", "--points", noLat], locale: Self.chinese)
        #expect(header.stderr.contains("\(noLat) 第 1 行：缺少必需的列 lat"), "\(header.stderr)")
        Self.expectChinese(header.stderr)
        let headerEnglish = try cli.run(["validate", "--points", noLat, "--lang", "en"], locale: Self.chinese)
        #expect(headerEnglish.stderr.contains("\(noLat) line 1: missing required column lat"), "\(headerEnglish.stderr)")

        // GB18030 text read as UTF-8: the row names the field that is not text.
        var bytes = Data(Self.pointsHeader.utf8)
        bytes += Data("A,".utf8) + Data([0xBC, 0xD7]) + Data(",mediation,village,120.1,30.2,\n".utf8)
        let gbk = cli.path("编码.csv")
        try bytes.write(to: URL(fileURLWithPath: gbk))
        let encoding = try cli.run(["validate", "--points", gbk, "--encoding", "utf8"], locale: Self.chinese)
        #expect(encoding.stdout.contains("第 2 行，name 列：不是有效的 UTF-8 文本"), "\(encoding.stdout)")
        Self.expectChinese(encoding.stdout)
    }

    @Test func storeErrorsInBothLanguages() throws {
        let cli = try CLI()
        let database = cli.path("没有.sqlite")
        let chinese = try cli.run(["report", "--run", "1", "--db", database], locale: Self.chinese)
        #expect(chinese.status != 0)
        #expect(chinese.stderr.contains("错误：\(database)（--db）处没有数据库"), "\(chinese.stderr)")
        Self.expectChinese(chinese.stderr)
        let english = try cli.run(["report", "--run", "1", "--db", database])
        #expect(english.stderr.contains("Error: no database at \(database) (--db)"), "\(english.stderr)")

        let seeds = CLI.projectRoot.appendingPathComponent("Tests/Fixtures/golden/input").path
        try cli.ok(["load", "--points", seeds + "/points.csv", "--residences", seeds + "/residences.csv"])
        let run = try cli.run(["report", "--run", "99"], locale: Self.chinese)
        #expect(run.stderr.contains("中没有运行 99；`legalcircle runs` 列出已有的运行"), "\(run.stderr)")
        Self.expectChinese(run.stderr)
        #expect(try cli.run(["report", "--run", "99"]).stderr.contains("no run 99 in"))
        try cli.ok(["report"])
        #expect(try cli.run(["gaps", "--run", "1", "--county", "999999"]).stderr.contains("unknown county \"999999\""))
        let county = try cli.run(["gaps", "--run", "1", "--county", "999999"], locale: Self.chinese)
        #expect(county.status != 0 && county.stderr.contains("未知的区县“999999”：运行 1中没有 999999 的住所"), "\(county.stderr)")
        Self.expectChinese(county.stderr)
    }

    /// Road files a planner may hand over by mistake: the kind of file, what is wrong and the fix, in Chinese.
    @Test func roadFileErrorsInBothLanguages() throws {
        let cli = try CLI()
        let cases: [(file: String, bytes: Data, chinese: String, english: String)] = [
            ("道路.txt", Data("lon,lat\n".utf8), "无法识别的道路文件类型：请给出 OpenStreetMap 数据（.osm.pbf）", "unknown road file type"),
            ("道路.geojson", Data("{\"type\": ".utf8), "：不是有效的 JSON", "not valid JSON"),
            ("道路.osm.pbf", Data([0, 0, 0, 9, 1, 2]), "第 0 字节的数据块头无效或不完整：不是 OSM PBF 文件？", "not an OSM PBF file?"),
            ("道路.gpkg", Data("not sqlite".utf8), "不是 GeoPackage（SQLite）文件", "not a GeoPackage (SQLite) file"),
        ]
        for (name, bytes, chinese, english) in cases {
            let file = cli.path(name)
            try bytes.write(to: URL(fileURLWithPath: file))
            let zh = try cli.run(["load", "--roads", file], locale: Self.chinese)
            #expect(zh.status != 0)
            #expect(zh.stderr.hasPrefix("错误：\(file)："), "\(zh.stderr)")
            #expect(zh.stderr.contains(chinese), "\(zh.stderr)")
            Self.expectChinese(zh.stderr)
            let en = try cli.run(["load", "--roads", file])
            #expect(en.stderr.contains(english), "\(en.stderr)")
        }
    }
}
