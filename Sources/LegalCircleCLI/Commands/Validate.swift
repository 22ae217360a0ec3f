import ArgumentParser
import LegalCircleSession
import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// `legalcircle validate`: reads a file as `load` would and says what it found, without storing.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr(
            "按 `load` 的读法检查一个文件（CSV 或 xlsx）：行数、按原因分组的拒绝行、编码、分隔符、列、坐标系、范围；有拒绝行时以非零状态退出。",
            "Check a CSV or xlsx file as `load` would read it: rows, rejects by reason, encoding, delimiter, columns, CRS, extent; exits non-zero when rows were rejected."),
        discussion: prose(
            """
            有区县边界时（--boundaries FILE，或 --db 中已导入的边界），坐标检查会按声明的坐标系以及 WGS84、GCJ-02、
            BD-09 读取这些点，说明是否有别的坐标系明显更符合其区县代码（或陆海分布），并给出计数和应使用的选项；
            或说明无法用这些点检查坐标系。--strict 使被标记的文件成为错误。
            """,
            """
            With county boundaries (--boundaries FILE, or those loaded in --db), the coordinate check reads the
            points as declared and as WGS84, GCJ-02 and BD-09, and says whether another system fits their county
            codes (or land and sea) significantly better, with the counts and the option to use; or that the
            coordinate system cannot be checked from these points. --strict makes a flagged file an error.
            """))

    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions

    @Option(help: help("要检查的服务点文件（CSV 或 xlsx）。", "Service points CSV to check."))
    var points: String?

    @Option(help: help("要检查的住所文件（CSV 或 xlsx）。", "Residences CSV to check."))
    var residences: String?

    @Option(help: help("用来检查坐标的区县边界 GeoJSON，或 zhejiang（随工具提供的浙江 90 个区县边界）（默认：--db 中已导入的边界，如给出）。", "County boundaries GeoJSON to check the coordinates against, or zhejiang for the shipped set (default: those loaded in --db, if given)."))
    var boundaries: String?

    @Option(help: help("用其中已导入的区县边界检查坐标的工作数据库（只读）。", "A working database whose loaded county boundaries the coordinates are checked against (read only)."))
    var db: String?

    @Flag(help: help("不显示进度条（进度条只在终端上显示）。", "Show no progress bar (it appears only on a terminal anyway)."))
    var quiet = false

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if (points == nil) == (residences == nil) {
            throw ValidationError(tr("请只给出 --points FILE 或 --residences FILE 之一", "give exactly one of --points FILE or --residences FILE"))
        }
        try csv.requireFiles(
            [(.points, systems.points, points, "--points"), (.residences, systems.residences, residences, "--residences"),
                (.boundaries, systems.boundaries, boundaries, "--boundaries")],
            readsFiles: true)
        TerminalProgress.setQuiet(quiet)
    }

    func run() throws {
        let session = CoverageSession(databasePath: db ?? "", access: .readOnly, progress: TerminalProgress.sink)
        session.language = UI.language
        let report = try session.validate(points: points, residences: residences, boundaries: shippedOrFile(boundaries), csv: csv.settings(systems.own))
        try emit(report.lines.joined(separator: "\n"), to: nil)
        guard report.passed else {
            // The rows are listed above; the status tells scripts and `&&` chains that the file does not load as is.
            note(
                tr(
                    "未通过：\(report.rowsRead) 行中有 \(report.rowsRejected) 行被拒绝（load 会整体拒绝此文件，除非用 --skip-bad-rows）",
                    "not valid: \(report.rowsRejected) of \(report.rowsRead) rows rejected (load refuses the file unless --skip-bad-rows)"))
            throw ExitCode(2)
        }
    }
}
