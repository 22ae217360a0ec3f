import ArgumentParser
import LegalCircleSession
import LegalCircleStore
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports

/// `legalcircle compare`: two saved runs side by side, county by county.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr(
            "按区县对比两次已保存的运行：覆盖率、覆盖人口、未覆盖片区、中位分钟数。",
            "Compare two saved runs per county: coverage %, covered population, uncovered areas, median minutes."),
        discussion: prose(
            """
            按保存时的结果读取两次运行（不重新计算，过期的运行按当时的计算结果对比），对每个区县和合计列出运行 A、
            运行 B 的指标及变化 B − A（覆盖率以百分点计）。只在一次运行中出现的区县另一侧为空。表头写明两次运行
            （时间、数据集及其校验和、配置），并说明二者读取的住所或规则是否不同。html 为单个网页（默认中文）。
            """,
            """
            Reads both runs as saved (nothing is recomputed, so a stale run compares as it was computed) and
            prints, for each county and the total, the figures of run A, of run B and the change B − A
            (coverage in percentage points). A county in only one run has the other side blank. The header
            names both runs (date, datasets and their checksums, profile) and says when they read different
            residences or used a different rule. html is one page (Chinese unless --lang en).
            """))

    @OptionGroup var store: DatabaseOptions

    @Argument(help: help("运行 A，即之前（见 `legalcircle runs`）。", "Run A, the before (see `legalcircle runs`)."))
    var runA: Int64

    @Argument(help: help("运行 B，即之后。", "Run B, the after."))
    var runB: Int64

    @Option(help: help("输出格式：html 为单个网页，xlsx 为 Excel 工作簿。", "Output format: html is one page, xlsx an Excel workbook."))
    var format: ComparisonFormat = .table

    @Option(help: help("写入此文件，而不是标准输出。", "Write to this file instead of standard output."))
    var out: String?

    @OptionGroup var language: LanguageOptions
    @OptionGroup var encoding: OutputEncodingOptions

    func validate() throws {
        try Self.validate(format, out: out)
    }

    /// A workbook is binary: it goes to a file.
    static func validate(_ format: ComparisonFormat, out: String?) throws {
        try format.requireFile(out)
    }

    func run() throws {
        let session = store.session(.readOnly)
        let comparison = try session.compare(runA, runB)
        try Self.write(comparison, format: format, out: out, encoding: encoding, session: session)
    }

    /// Writes a comparison: a workbook (with county names), or text in its encoding.
    static func write(
        _ comparison: Comparison, format: ComparisonFormat, out: String?, encoding: OutputEncodingOptions, session: CoverageSession
    ) throws {
        if format == .xlsx {
            let codes = comparison.comparison.counties.map(\.county)
            return try emitWorkbook(
                ComparisonWriter.sheets(
                    comparison.comparison, a: comparison.a, b: comparison.b, language: workbookLanguage,
                    names: session.placeNames(for: codes)),
                to: out)
        }
        let names = session.placeNames(for: comparison.comparison.counties.map(\.county))
        try emit(render(comparison, format: format, names: names), to: out, encoding: encoding.encoding(for: format))
    }

    /// The comparison as text: HTML in the page language, the rest in the command line's.
    static func render(_ comparison: Comparison, format: ComparisonFormat, names: PlaceNames) throws -> String {
        try ComparisonWriter.render(
            comparison.comparison, a: comparison.a, b: comparison.b, format: format.text ?? .table,
            language: format == .html ? UI.pageLanguage : UI.language, names: names)
    }
}
