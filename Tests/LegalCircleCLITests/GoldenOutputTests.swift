import Foundation
import GRDB
import Testing

/// Golden outputs: the same commands on a frozen copy of the old `seeds/` (`Tests/Fixtures/golden/input`) and on the real county boundaries must print exactly
/// what was recorded. Re-record on purpose only (the commit says what changed and why):
/// `LEGALCIRCLE_RECORD_GOLDENS=1 swift test --filter GoldenOutputTests`.
@Suite(.serialized)
struct GoldenOutputTests {
    static let goldenFolder = CLI.projectRoot.appendingPathComponent("Tests/Fixtures/golden")
    static let recording = ProcessInfo.processInfo.environment["LEGALCIRCLE_RECORD_GOLDENS"] == "1"

    /// One step of a scenario: the arguments (with `$DB`, `$DIR`, `$ROOT` placeholders) and the golden
    /// file its output is compared with (nil: run only, e.g. a command whose output is a file).
    struct Step {
        var golden: String?
        var arguments: [String]
        var outputFile: String? = nil
    }

    static let seedsSteps: [Step] = [
        Step(golden: "load.txt", arguments: ["load", "--db", "$DB", "--points", "$ROOT/Tests/Fixtures/golden/input/points.csv", "--residences", "$ROOT/Tests/Fixtures/golden/input/residences.csv"]),
        Step(golden: "report.table.txt", arguments: ["report", "--db", "$DB"]),
        Step(golden: "report.csv", arguments: ["report", "--db", "$DB", "--run", "1", "--format", "csv"]),
        Step(golden: "report.json", arguments: ["report", "--db", "$DB", "--run", "1", "--format", "json"]),
        Step(golden: "report.md", arguments: ["report", "--db", "$DB", "--run", "1", "--format", "markdown"]),
        Step(golden: "report.html", arguments: ["report", "--db", "$DB", "--run", "1", "--format", "html"]),
        Step(golden: "report.en.html", arguments: ["report", "--db", "$DB", "--run", "1", "--format", "html", "--lang", "en"]),
        Step(golden: "report-10min.table.txt", arguments: ["report", "--db", "$DB", "--minutes", "10"]),
        Step(golden: "gaps.table.txt", arguments: ["gaps", "--db", "$DB", "--run", "1", "--top", "10"]),
        Step(golden: "gaps.csv", arguments: ["gaps", "--db", "$DB", "--run", "1", "--format", "csv"]),
        Step(golden: "gaps.json", arguments: ["gaps", "--db", "$DB", "--run", "1", "--format", "json"]),
        Step(golden: "gaps.md", arguments: ["gaps", "--db", "$DB", "--run", "1", "--format", "markdown"]),
        Step(golden: "gaps.geojson", arguments: ["gaps", "--db", "$DB", "--run", "1", "--format", "geojson"]),
        Step(golden: "gaps-county.table.txt", arguments: ["gaps", "--db", "$DB", "--run", "1", "--county", "330106"]),
        Step(golden: "suggest.table.txt", arguments: ["suggest", "--db", "$DB", "--run", "1", "--count", "5", "--sites-out", "$DIR/sites.csv"]),
        Step(golden: "suggest-sites.csv", arguments: [], outputFile: "sites.csv"),
        Step(golden: "suggest.json", arguments: ["suggest", "--db", "$DB", "--run", "1", "--count", "5", "--format", "json"]),
        Step(golden: "suggest-target.table.txt", arguments: ["suggest", "--db", "$DB", "--run", "1", "--target", "85"]),
        Step(golden: "compare.table.txt", arguments: ["compare", "--db", "$DB", "1", "2"]),
        Step(golden: "compare.csv", arguments: ["compare", "--db", "$DB", "1", "2", "--format", "csv"]),
        Step(golden: "compare.json", arguments: ["compare", "--db", "$DB", "1", "2", "--format", "json"]),
        Step(golden: "compare.md", arguments: ["compare", "--db", "$DB", "1", "2", "--format", "markdown"]),
        // Web pages are Chinese unless --lang en (LanguageTests checks the Chinese page); the golden is the English one.
        Step(golden: "compare.html", arguments: ["compare", "--db", "$DB", "1", "2", "--format", "html", "--lang", "en"]),
        Step(golden: "what-if-suggested.table.txt", arguments: ["what-if", "--db", "$DB", "--run", "1", "--add-suggested", "3"]),
        Step(golden: "what-if-file.json", arguments: ["what-if", "--db", "$DB", "--run", "1", "--add", "$DIR/sites.csv", "--format", "json"]),
        Step(golden: "nearest.table.txt", arguments: ["nearest", "--db", "$DB", "--lon", "120.16", "--lat", "30.27", "--count", "3"]),
        Step(golden: "export.gpkg.txt", arguments: ["export", "--db", "$DB", "--run", "1", "--format", "gpkg", "--out", "$DIR/run.gpkg"], outputFile: "run.gpkg"),
        Step(golden: "oneshot.json", arguments: ["report", "--points", "$ROOT/Tests/Fixtures/golden/input/points.csv", "--residences", "$ROOT/Tests/Fixtures/golden/input/residences.csv", "--format", "json"]),
    ]

    static let boundarySteps: [Step] = [
        Step(golden: "load.txt", arguments: [
            "load", "--db", "$DB", "--boundaries", "$ROOT/data/zhejiang/counties_wgs84.geojson",
            "--points", "$ROOT/Tests/Fixtures/golden/input/points.csv", "--residences", "$ROOT/Tests/Fixtures/golden/input/residences.csv",
        ]),
        Step(golden: "report.table.txt", arguments: ["report", "--db", "$DB"]),
        Step(golden: "report.json", arguments: ["report", "--db", "$DB", "--run", "1", "--format", "json"]),
        Step(golden: "report.html", arguments: ["report", "--db", "$DB", "--run", "1", "--format", "html"]),
        Step(golden: "gaps.json", arguments: ["gaps", "--db", "$DB", "--run", "1", "--format", "json"]),
        Step(golden: "gaps.geojson", arguments: ["gaps", "--db", "$DB", "--run", "1", "--format", "geojson", "--county", "330902"]),
        Step(golden: "suggest.json", arguments: ["suggest", "--db", "$DB", "--run", "1", "--count", "5", "--format", "json"]),
        Step(golden: "what-if.table.txt", arguments: ["what-if", "--db", "$DB", "--run", "1", "--add-suggested", "2"]),
        Step(golden: "export.gpkg.txt", arguments: ["export", "--db", "$DB", "--run", "1", "--format", "gpkg", "--out", "$DIR/run.gpkg"], outputFile: "run.gpkg"),
    ]

    @Test("seeds: report, gaps, suggest, compare, what-if, nearest, export match the goldens")
    func seeds() throws {
        try Self.check(scenario: "seeds", steps: Self.seedsSteps)
    }

    @Test("real county boundaries: the island rule and county filling match the goldens")
    func realBoundaries() throws {
        try Self.check(scenario: "boundaries", steps: Self.boundarySteps)
    }

    static func check(scenario: String, steps: [Step]) throws {
        let cli = try CLI()
        let db = cli.path("golden.sqlite")
        let folder = goldenFolder.appendingPathComponent(scenario)
        if recording { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        for step in steps {
            let arguments = step.arguments.map {
                $0.replacingOccurrences(of: "$DB", with: db).replacingOccurrences(of: "$DIR", with: cli.folder.path)
                    .replacingOccurrences(of: "$ROOT", with: CLI.projectRoot.path)
            }
            var output = ""
            if !arguments.isEmpty {
                let outcome = try cli.run(arguments)
                #expect(outcome.status == 0, "\(arguments.joined(separator: " ")): \(outcome.stderr)")
                output = outcome.stdout
            }
            if let file = step.outputFile {
                let url = cli.folder.appendingPathComponent(file)
                output = file.hasSuffix(".gpkg") ? try dumpGeoPackage(url.path) : try String(contentsOf: url, encoding: .utf8)
            }
            guard let golden = step.golden else { continue }
            let normalised = normalise(output, folder: cli.folder.path)
            let url = folder.appendingPathComponent(golden)
            if recording {
                try Data(normalised.utf8).write(to: url)
                continue
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            if normalised != expected {
                let got = url.deletingPathExtension().path + ".actual." + url.pathExtension
                try? Data(normalised.utf8).write(to: URL(fileURLWithPath: got))
                Issue.record("\(scenario)/\(golden) differs from the golden (actual written to \(got))")
            }
        }
    }

    /// Blanks only what legitimately varies between runs: temporary paths, times, measured timings.
    static func normalise(_ text: String, folder: String) -> String {
        var text = text.replacingOccurrences(of: folder, with: "$DIR")
            .replacingOccurrences(of: CLI.projectRoot.path, with: "$ROOT")
        let patterns = [
            (#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)"#, "$TIME"),
            (#"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?( UTC| CST|\+08:00)?"#, "$TIME"),
            (#""(seconds|elapsed|durationSeconds|timings)" ?: ?[0-9.e+-]+"#, "\"$1\": $SECONDS"),
            // A block of measured timings, e.g. suggest's `"seconds" : { "greedy" : 0.0007, … }`.
            (#""seconds" : \{[^}]*\}"#, "\"seconds\" : $SECONDS"),
        ]
        for (pattern, template) in patterns {
            text = text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return text
    }

    /// Every row of every table of a GeoPackage, in rowid order, except the time of the last change.
    static func dumpGeoPackage(_ path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var lines: [String] = []
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'rtree_%' ORDER BY name")
            for table in tables {
                lines.append("## \(table)")
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"")
                for row in rows {
                    let cells = row.columnNames.map { column -> String in
                        if column == "last_change" { return "last_change=$TIME" }
                        let value: DatabaseValue = row[column]
                        switch value.storage {
                        case .blob(let data): return "\(column)=x'\(data.map { String(format: "%02x", $0) }.joined())'"
                        default: return "\(column)=\(value.description)"
                        }
                    }
                    lines.append(cells.joined(separator: "|"))
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
