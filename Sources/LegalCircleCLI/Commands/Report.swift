import ArgumentParser
import LegalCircleSession
import LegalCircleStore
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports

extension VillageCoverage.Level: ExpressibleByArgument {}

/// `legalcircle report`: coverage per county with a total row.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr(
            "各区县覆盖情况：常住人口、覆盖人口、分区域覆盖率、到最近服务点的分钟数。",
            "Coverage per county: residents, covered population, coverage by zone, minutes to the nearest point."),
        discussion: prose(
            """
            用已导入的数据集计算（结果保存为一次运行；数据集、配置和参数都与最近一次运行相同时直接沿用该运行，
            --recompute 强制重算），用 --run 重读已保存的运行，或用 --points 和 --residences 直接计算文件（不保存）。
            --by county|township 给出按区县或乡镇的村/社区覆盖考核表，--target-villages 60 标出未达标者；
            --format html|xlsx 写成可上报的报告或 Excel 工作簿。
            """,
            """
            Computes a new run from the loaded datasets (and saves it; when the datasets, profile and parameters
            are those of the latest run, that run is reused, --recompute forces a new one), re-reads a saved run
            with --run, or works on CSV files directly with --points and --residences (nothing is saved).
            --by county|township gives the village assessment table, --target-villages 60 marks who misses it;
            --format html|xlsx writes it as a report to hand upward or an Excel workbook.
            """))

    @OptionGroup var store: StoreOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions

    @OptionGroup var travel: TravelOptions

    @Option(name: .customLong("run"), help: help("重读这次已保存的运行，不重新计算（见 `legalcircle runs`）。", "Re-read this saved run instead of computing (see `legalcircle runs`)."))
    var runID: Int64?

    @Option(help: help("按区县（county）或乡镇（township）统计村/社区覆盖（住所以12位统计用区划代码为编号）。", "Village and community coverage by county or township (residences with 12-digit statistical codes as ids)."))
    var by: VillageCoverage.Level?

    @Option(name: .customLong("target-villages"), help: help("村/社区覆盖率目标（%）：标出未达标的区县或乡镇。", "Target share of villages/communities covered, %: marks every county or township that misses it."))
    var targetVillages: Double?

    @Option(name: .customLong("target-population"), help: help("人口覆盖率目标（%）。", "Target share of population covered, %."))
    var targetPopulation: Double?

    @Option(
        help: help(
            "输出格式：html 为含地图、可排序表格和图表的单个网页，xlsx 为 Excel 工作簿。",
            "Output format: html is one self-contained page with maps, a sortable table and charts; xlsx an Excel workbook."))
    var format: ReportFormat = .table

    @OptionGroup var language: LanguageOptions
    @OptionGroup var reuse: RunReuseOptions
    @OptionGroup var encoding: OutputEncodingOptions
    @OptionGroup var decorations: MapDecorationOptions

    @Option(help: help("写入此文件，而不是标准输出。", "Write to this file instead of standard output."))
    var out: String?

    private var villageTable: Bool { by != nil || targetVillages != nil || targetPopulation != nil }

    func validate() throws {
        try format.requireFile(out)
        if runID != nil, inputs.isOneShot {
            throw ValidationError(tr("--run 重读已保存的运行，不接受输入文件", "--run re-reads a saved run; it takes no input files"))
        }
        for (option, value) in [("--target-villages", targetVillages), ("--target-population", targetPopulation)] {
            if let value, let problem = InputBounds.problem(value, in: InputBounds.percent, what: option, unit: "%") {
                throw ValidationError(problem)
            }
        }
        try csv.requireFiles(inputs.fileSystems(systems), readsFiles: inputs.isOneShot)
        try travel.check(oneShot: inputs.isOneShot, rereads: runID != nil)
    }

    func run() throws {
        // Before anything is computed or saved: the output must be writable where it is asked for.
        if let out { try OutputGuard.check(out) }
        let session = store.session(runID == nil ? .readWrite : .readOnly, reuse: reuse)
        let run = try session.runSayingReuse(runID.map { .stored($0) } ?? .compute(inputs.source, travel.request(rule.request)), csv: csv.settings(systems.own))
        let targets = VillageCoverage.Targets(villagesPercent: targetVillages, populationPercent: targetPopulation)
        if format == .xlsx {
            let names = session.placeNames(for: run.report.counties.map(\.county))
            if villageTable {
                let table = try session.villageTable(run, level: by ?? .county, targets: targets)
                return try emitWorkbook(
                    VillageWriter.sheets(
                        table, run: run.description, language: workbookLanguage, names: names,
                        uncovered: try session.uncoveredVillages(run)),
                    to: out)
            }
            return try emitWorkbook(ReportWriter.sheets(run.report, run: run.description, language: workbookLanguage, names: names), to: out)
        }
        guard let text = format.text else { return }
        if format == .html, villageTable {
            // The assessment as a page to hand upward.
            let input = try session.assessment(run, level: by ?? .county, targets: targets)
            try emit(AssessmentReportWriter.render(input, language: UI.pageLanguage, decorations: decorations.decorations), to: out)
        } else if format == .html {
            var input = try session.reportMaps(run)
            input.decorations = decorations.decorations
            input.names = session.placeNames(for: run.report.counties.map(\.county))
            try emit(HTMLReportWriter.render(input, language: UI.pageLanguage), to: out)
        } else if villageTable {
            let table = try session.villageTable(
                run, level: by ?? .county,
                targets: VillageCoverage.Targets(villagesPercent: targetVillages, populationPercent: targetPopulation))
            try emit(
                VillageWriter.render(
                    table, run: run.description, format: text, language: UI.language,
                    names: session.placeNames(for: table.rows.map(\.county))), to: out,
                encoding: encoding.encoding(for: format))
        } else {
            try emit(
                ReportWriter.render(
                    run.report, run: run.description, format: text, language: UI.language,
                    names: session.placeNames(for: run.report.counties.map(\.county))), to: out,
                encoding: encoding.encoding(for: format))
        }
    }
}
