import ArgumentParser
import LegalCircleSession
import LegalCircleStore
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports

/// `legalcircle gaps`: uncovered residences grouped into areas.
struct Gaps: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("未覆盖片区：未覆盖住所落入网格，相邻网格合并，人口多者在前。", "Uncovered areas: uncovered residences on a grid, touching cells joined, largest population first."))

    @OptionGroup var store: StoreOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions
    @OptionGroup var output: GapsOutputSystemOptions
    @OptionGroup var travel: TravelOptions

    @Option(name: .customLong("run"), help: help("重读这次已保存的运行，不重新计算（见 `legalcircle runs`）。", "Re-read this saved run instead of computing (see `legalcircle runs`)."))
    var runID: Int64?

    @Option(help: help("只列此区县的片区（6位代码或名称，如 330127 或 淳安县）。", "Only areas of this county (6-digit code, or its name such as 淳安县)."))
    var county: String?

    @Option(help: help("只列人口最多的 N 个片区。", "Only the N most populous areas."))
    var top: Int?

    @Option(help: help("输出格式：geojson 为合并网格的多边形，xlsx 为 Excel 工作簿。", "Output format: geojson gives polygons of the merged cells, xlsx an Excel workbook."))
    var format: GapsFormat = .table

    @OptionGroup var language: LanguageOptions
    @OptionGroup var reuse: RunReuseOptions
    @OptionGroup var encoding: OutputEncodingOptions

    @Option(help: help("写入此文件，而不是标准输出。", "Write to this file instead of standard output."))
    var out: String?

    func validate() throws {
        if let top, let problem = InputBounds.problem(top, in: InputBounds.count, what: "--top") { throw ValidationError(problem) }
        try format.requireFile(out)
        if runID != nil, inputs.isOneShot {
            throw ValidationError(tr("--run 重读已保存的运行，不接受输入文件", "--run re-reads a saved run; it takes no input files"))
        }
        try csv.requireFiles(inputs.fileSystems(systems), readsFiles: inputs.isOneShot)
        try travel.check(oneShot: inputs.isOneShot, rereads: runID != nil)
        try output.check(format.text ?? .csv)
    }

    func run() throws {
        if let out { try OutputGuard.check(out) }
        let session = store.session(runID == nil ? .readWrite : .readOnly, reuse: reuse)
        let run = try session.runSayingReuse(runID.map { .stored($0) } ?? .compute(inputs.source, travel.request(rule.request)), csv: csv.settings(systems.own))
        // A county may be named: 淳安县 → 330127.
        let county = try self.county.map { try session.countyCode($0, among: Set(CountySelection.counties(of: run.report))) }
        let chinese = UI.language == .zh
        try CountySelection.check(
            county, among: CountySelection.counties(of: run.report),
            in: run.description.runID.map { chinese ? "运行 \($0)" : "run \($0)" } ?? (chinese ? "本次运行" : "the run"), language: UI.language)
        // The most populous named places of each area, when the residences have names.
        let places = format == .geojson ? [:] : try session.areaPlaces(run)
        if format == .xlsx {
            return try emitWorkbook(
                GapsWriter.sheets(
                    run.areas, run: run.description, county: county, top: top, output: try output.coordinates(),
                    language: workbookLanguage, names: session.placeNames(for: run.report.counties.map(\.county)), places: places),
                to: out)
        }
        let text = try GapsWriter.render(
            run.areas, run: run.description, frame: try run.frame(), cellSize: run.description.areaCellSize, county: county,
            top: top, format: format.text ?? .table, output: try output.coordinates(), language: UI.language,
            names: session.placeNames(for: run.report.counties.map(\.county)), places: places)
        try emit(text, to: out, encoding: encoding.encoding(for: format))
    }
}
