import Foundation
import LegalCircleTestSupport
import Testing

/// Excel in and out: .xlsx inputs read by the CSV rules, workbooks written for report, gaps, the
/// assessment, suggest, compare and what-if, and CSV in the encodings Excel opens. Workbooks are read
/// back with GDAL's XLSX driver (`ogr2ogr`, an independent reader); test workbooks are zipped by
/// Python's `zipfile` from hand-written parts, independently of the tool's writer.
@Suite(.serialized)
struct ExcelTests {
    static let input = CLI.projectRoot.appendingPathComponent("Tests/Fixtures/golden/input").path

    // MARK: - Reading

    /// A workbook with every kind of cell: shared strings (one with rich-text runs and a phonetic guide),
    /// an inline string, numbers (one with an exponent), a formula with its cached value, a missing cell,
    /// a blank row and a second sheet; then the same rules as CSV (a bad row names its line = row).
    @Test func workbookCellsReadAsTheCSVRulesSay() throws {
        let cli = try CLI()
        let book = try Self.workbook(
            cli, "站点.xlsx",
            sheets: [
                ("站点", [
                    ["s:编号", "s:名称", "s:服务类型", "s:层级", "s:经度", "s:纬度", "s:区县"],
                    ["s:A1", "rich:西湖区|公共法律服务中心", "s:调解", "s:乡镇/街道", "n:120.13", "n:30.26", "n:330106"],
                    ["i:A2", "i:乙站, 带逗号", "s:法律援助", "i:村/社区", "f:120.14|=B3+0", "n:3.027E+1", ""],
                    [],
                    ["s:A4", "s:丙站", "s:公证", "s:村", "s:north", "n:30.2", "n:330106"],
                ]),
                ("其他", [["s:x"], ["s:y"]]),
            ])
        let outcome = try cli.run(["validate", "--points", book])
        #expect(outcome.status == 2, "one row is rejected: \(outcome.stderr)")
        let text = outcome.stdout
        #expect(text.contains("sheet: 站点 (Excel .xlsx workbook)"), "\(text)")
        #expect(text.contains("rows: 3 read, 2 accepted, 1 rejected"), "\(text)")
        #expect(text.contains("line 5, column 经度: \"north\" is not a number"), "the row Excel shows as 5: \(text)")
        // The good rows load; names, kinds and levels as typed, the formula's cached value, the exponent.
        try cli.ok(["load", "--points", book, "--skip-bad-rows"])
        let nearest = try cli.ok(["nearest", "--lon", "120.14", "--lat", "30.27", "--count", "2", "--format", "csv"])
        #expect(nearest.contains("A2,\"乙站, 带逗号\",village,legal_aid,"), "\(nearest)")
        #expect(nearest.contains("A1,西湖区公共法律服务中心,township,mediation,330106"), "\(nearest)")
        #expect(nearest.contains(",120.14,30.27,"), "formula cached value and 3.027E+1: \(nearest)")
        // The rejects file is a UTF-8 CSV with a BOM (Excel opens it), next to the workbook.
        let rejects = try Data(contentsOf: URL(fileURLWithPath: cli.path("站点.rejects.csv")))
        #expect(rejects.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: rejects, as: UTF8.self).contains("A4,丙站,公证,村,north,30.2,330106"))
        // --sheet chooses another sheet; a sheet that is not there is named with those that are.
        let missing = try cli.run(["validate", "--points", book, "--sheet", "没有"])
        #expect(missing.status != 0 && missing.stderr.contains("has no sheet \"没有\"; its sheets are \"站点\", \"其他\""))
        let other = try cli.run(["validate", "--points", book, "--sheet", "其他"])
        #expect(other.status != 0 && other.stderr.contains("id"), "a sheet without the columns: \(other.stderr)")
    }

    /// A residences workbook written by GDAL from the golden CSV loads to exactly the same report.
    @Test(.requires(.ogrinfo)) func workbookFromGDALGivesTheCSVReport() throws {
        let cli = try CLI()
        let book = cli.path("residences.xlsx")
        try Self.ogr2ogr(["-f", "XLSX", book, Self.input + "/residences.csv", "-nln", "住所"])
        let fromCSV = try cli.ok(["report", "--points", Self.input + "/points.csv", "--residences", Self.input + "/residences.csv", "--format", "csv"])
        let fromBook = try cli.ok(["report", "--points", Self.input + "/points.csv", "--residences", book, "--format", "csv"])
        #expect(fromBook == fromCSV)
    }

    // MARK: - Writing

    @Test(.requires(.ogrinfo)) func workbooksReadBackWithGDAL() throws {
        let cli = try CLI()
        try cli.ok(["load", "--points", Self.input + "/points.csv", "--residences", Self.input + "/residences.csv"])
        try cli.ok(["report"])
        try cli.ok(["report", "--format", "xlsx", "--out", "report.xlsx"])
        let layers = try OGRInfo.layers(cli.path("report.xlsx")).map(\.name)
        #expect(layers == ["各区县覆盖", "说明"], "\(layers)")
        let rows = try Self.sheet(cli.path("report.xlsx"), "各区县覆盖")
        let csv = try Self.records(try cli.ok(["report", "--run", "1", "--format", "csv"]))
        #expect(rows.count == csv.count, "one row per county and the total")
        #expect(rows.first?["区县代码"] == "330102" && rows.first?["区县名称"] == "上城区", "\(rows.first ?? [:])")
        #expect(rows.last?["区县代码"] == "合计")
        for (row, line) in zip(rows, csv) {
            // Numbers are numbers: GDAL reads them back (and prints them with 15 significant digits).
            #expect(Double(row["常住人口"] ?? "") == Double(line["residents"] ?? ""))
            let read = try #require(Double(row["覆盖率 %"] ?? "")), written = try #require(Double(line["coverage_percent"] ?? ""))
            #expect(abs(read - written) <= 1e-12 * abs(written), "\(row) \(line)")
        }
        let types = try OGRInfo.run(["-ro", "-so", cli.path("report.xlsx"), "各区县覆盖"])
        #expect(types.contains("常住人口: Integer") && types.contains("覆盖率 %: Real"), "\(types)")
        // The header row is frozen, and numbers keep full precision in the cells.
        let sheetXML = try Self.part(cli.path("report.xlsx"), "xl/worksheets/sheet1.xml")
        #expect(sheetXML.contains("<v>\(csv[0]["coverage_percent"] ?? "?")</v>"), "full precision of 330102's coverage")
        #expect(sheetXML.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))

        try cli.ok(["gaps", "--format", "xlsx", "--out", "gaps.xlsx", "--county", "西湖区"])
        let gaps = try Self.sheet(cli.path("gaps.xlsx"), "未覆盖片区")
        #expect(gaps.count == 20 && gaps.allSatisfy { $0["区县代码"] == "330106" && $0["区县名称"] == "西湖区" }, "\(gaps.first ?? [:])")

        try cli.ok(["suggest", "--count", "3", "--format", "xlsx", "--out", "suggest.xlsx"])
        let sites = try Self.sheet(cli.path("suggest.xlsx"), "建议站点")
        #expect(sites.map { $0["序号"] } == ["1", "2", "3"])

        try cli.ok(["report", "--minutes", "10"])
        try cli.ok(["compare", "1", "2", "--format", "xlsx", "--out", "compare.xlsx"])
        #expect(try Self.sheet(cli.path("compare.xlsx"), "对比").count == 5)
        try cli.ok(["what-if", "--run", "1", "--add-suggested", "2", "--format", "xlsx", "--out", "what-if.xlsx", "--lang", "en"])
        let english = try Self.sheet(cli.path("what-if.xlsx"), "Comparison")
        #expect(english.last?["county"] == "total" && english.first?["name"] == "上城区", "\(english.last ?? [:])")

        let refused = try cli.run(["report", "--format", "xlsx"])
        #expect(refused.status != 0 && refused.stderr.contains("--out"))
    }

    @Test func csvInTheEncodingsExcelOpens() throws {
        let cli = try CLI()
        let common = ["report", "--points", Self.input + "/points.csv", "--residences", Self.input + "/residences.csv", "--format", "csv"]
        let plain = try Data(contentsOf: URL(fileURLWithPath: try Self.written(cli, common, "plain.csv")))
        let bom = try Data(contentsOf: URL(fileURLWithPath: try Self.written(cli, common + ["--out-encoding", "utf8-bom"], "bom.csv")))
        #expect(bom == Data([0xEF, 0xBB, 0xBF]) + plain)
        let gb = try Data(contentsOf: URL(fileURLWithPath: try Self.written(cli, common + ["--out-encoding", "gb18030"], "gb.csv")))
        // The report names its counties (上城区): GB18030 bytes that iconv reads back to the UTF-8 text.
        let gbText = try Self.iconv(gb)
        #expect(gb != plain && gbText == String(decoding: plain, as: UTF8.self), "the report in GB18030")
        #expect(String(decoding: plain, as: UTF8.self).contains("\n330102,上城区,"))
        let gaps = ["gaps", "--points", Self.input + "/points.csv", "--residences", Self.input + "/residences.csv", "--format", "csv"]
        let gapsGB = try Data(contentsOf: URL(fileURLWithPath: try Self.written(cli, gaps + ["--out-encoding", "gb18030"], "gaps.csv")))
        let decoded = try Self.iconv(gapsGB)
        #expect(decoded == (try cli.ok(gaps)))
        #expect(!gapsGB.starts(with: [0xEF, 0xBB, 0xBF]) && String(data: gapsGB, encoding: .utf8) == nil, "not UTF-8")
    }

    // MARK: - Helpers

    static func written(_ cli: CLI, _ arguments: [String], _ name: String) throws -> String {
        try cli.ok(arguments + ["--out", name])
        return cli.path(name)
    }

    /// GB18030 bytes decoded by iconv (Foundation on Linux may lack the encoding).
    static func iconv(_ data: Data) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gb-\(UUID().uuidString).csv")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try CLI.runProcess(URL(fileURLWithPath: "/usr/bin/iconv"), ["-f", "GB18030", "-t", "UTF-8", file.path])
        return outcome.stdout
    }

    static func ogr2ogr(_ arguments: [String]) throws {
        let ogrinfo = try #require(Prerequisite.ogrinfo.executable)
        let ogr2ogr = ogrinfo.deletingLastPathComponent().appendingPathComponent("ogr2ogr")
        let outcome = try CLI.runProcess(ogr2ogr, arguments)
        #expect(outcome.status == 0, "ogr2ogr \(arguments.joined(separator: " ")): \(outcome.stderr)")
    }

    /// One sheet of a workbook as GDAL reads it (the first row as field names), as CSV records.
    static func sheet(_ path: String, _ name: String) throws -> [[String: String]] {
        let ogrinfo = try #require(Prerequisite.ogrinfo.executable)
        let ogr2ogr = ogrinfo.deletingLastPathComponent().appendingPathComponent("ogr2ogr")
        let outcome = try CLI.runProcess(ogr2ogr, ["-f", "CSV", "/vsistdout/", path, name])
        #expect(outcome.status == 0, "ogr2ogr \(path) \(name): \(outcome.stderr)")
        return try records(outcome.stdout)
    }

    /// Records of a CSV text by header (quoted fields with commas and doubled quotes).
    static func records(_ text: String) throws -> [[String: String]] {
        var rows: [[String]] = []
        var field = ""
        var row: [String] = []
        var quoted = false
        var iterator = Array(text).makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == "," { row.append(field); field = "" } else if next == "\n" || next == "\r\n" {
                                row.append(field); rows.append(row); row = []; field = ""
                            }
                        }
                    } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" { quoted = true } else if character == "," {
                row.append(field); field = ""
            } else if character == "\n" || character == "\r\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(character) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0).map { ($0, $1) }) }
    }

    /// One part of a workbook, unzipped by Python.
    static func part(_ path: String, _ name: String) throws -> String {
        let outcome = try CLI.runProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", "-c", "import zipfile,sys; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", path, name])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout
    }

    /// A workbook zipped by Python from hand-written parts. Cells: `s:` shared string, `rich:a|b`
    /// shared string of two runs plus a phonetic guide, `i:` inline string, `n:` number, `f:value|formula`
    /// a formula with its cached number, "" no cell; an empty row is a row without cells.
    static func workbook(_ cli: CLI, _ name: String, sheets: [(String, [[String]])]) throws -> String {
        var strings: [String] = []
        func stringIndex(_ xml: String) -> Int {
            strings.append(xml)
            return strings.count - 1
        }
        func column(_ index: Int) -> String { String(UnicodeScalar(UInt8(65 + index))) }
        var sheetParts: [String] = []
        for (_, rows) in sheets {
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            for (r, cells) in rows.enumerated() where !cells.isEmpty {
                xml += "<row r=\"\(r + 1)\">"
                for (c, cell) in cells.enumerated() where !cell.isEmpty {
                    let ref = "\(column(c))\(r + 1)"
                    let (kind, value) = (String(cell.prefix { $0 != ":" }), String(cell.drop { $0 != ":" }.dropFirst()))
                    switch kind {
                    case "s": xml += "<c r=\"\(ref)\" t=\"s\"><v>\(stringIndex("<t>\(value)</t>"))</v></c>"
                    case "rich":
                        let runs = value.split(separator: "|").map { "<r><t>\($0)</t></r>" }.joined()
                        xml += "<c r=\"\(ref)\" t=\"s\"><v>\(stringIndex(runs + "<rPh sb=\"0\" eb=\"1\"><t>xihu</t></rPh>"))</v></c>"
                    case "i": xml += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(value)</t></is></c>"
                    case "n": xml += "<c r=\"\(ref)\"><v>\(value)</v></c>"
                    case "f":
                        let parts = value.split(separator: "|")
                        xml += "<c r=\"\(ref)\"><f>\(parts[1].dropFirst())</f><v>\(parts[0])</v></c>"
                    default: Issue.record("unknown cell \(cell)")
                    }
                }
                xml += "</row>"
            }
            sheetParts.append(xml + "</sheetData></worksheet>")
        }
        let ns = "http://schemas.openxmlformats.org"
        var files: [String: String] = [
            "[Content_Types].xml": "<?xml version=\"1.0\"?><Types xmlns=\"\(ns)/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
            "xl/workbook.xml": "<?xml version=\"1.0\"?><workbook xmlns=\"\(ns)/spreadsheetml/2006/main\" xmlns:r=\"\(ns)/officeDocument/2006/relationships\"><sheets>"
                + sheets.enumerated().map { "<sheet name=\"\($1.0)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined() + "</sheets></workbook>",
            "xl/_rels/workbook.xml.rels": "<?xml version=\"1.0\"?><Relationships xmlns=\"\(ns)/package/2006/relationships\">"
                + sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(ns)/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
                + "</Relationships>",
        ]
        files["xl/sharedStrings.xml"] = "<?xml version=\"1.0\"?><sst xmlns=\"\(ns)/spreadsheetml/2006/main\">"
            + strings.map { "<si>\($0)</si>" }.joined() + "</sst>"
        for (index, part) in sheetParts.enumerated() { files["xl/worksheets/sheet\(index + 1).xml"] = part }
        let folder = cli.folder.appendingPathComponent("parts-\(UUID().uuidString)")
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let book = cli.path(name)
        let script = """
            import os, sys, zipfile
            root, out = sys.argv[1], sys.argv[2]
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                for folder, _, names in os.walk(root):
                    for name in names:
                        path = os.path.join(folder, name)
                        z.write(path, os.path.relpath(path, root))
            """
        let outcome = try CLI.runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, folder.path, book])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return book
    }
}
