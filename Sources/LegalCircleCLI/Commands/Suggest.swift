import ArgumentParser
import LegalCircleSession
import LegalCircleStore
import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports

/// `legalcircle suggest`: where new service points close the most gaps.
struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: tr(
            "在同一规则下，选出能覆盖最多未覆盖人口的新增服务点位置。",
            "Choose new service point locations that cover the most uncovered population under the same rule."),
        discussion: prose(
            """
            候选点覆盖那些以它为最近服务点、且在其区域半径之内、位于同一陆块上的住所（与 `report` 的覆盖计算一致）。
            先用惰性贪心最大覆盖选点，再用交换优化（--greedy-only 跳过交换）。按新增顺序列出每个站点：位置、区县、
            新覆盖人口（全域与本县），以及加上它之后本县与全域的累计覆盖率：正是加入这些站点后 `report` 给出的结果
            （--sites-out 把站点写成服务点文件）。

            候选点来自 --candidates（服务点文件格式，按 `load --points` 读取），否则来自未覆盖住所（每个边长为区域
            半径四分之一的网格取一个）和未覆盖片区的中心。用 --county 时只计该区县的住所、只用其中的候选点。
            --target P 按区县代码顺序给出每个区县达到 P % 所需的最少站点，或说明候选点无法达到。

            有道路网时（--roads，或 `load --roads` 导入的道路网）按路网规划：住所的分钟数为沿其出行方式道路到站点的时间，
            与 `report` 按路网的计算一致；--travel straight 按直线估算规划。
            """,
            """
            Each candidate covers the residences for which it would become the nearest eligible point within
            their zone's radius, on their own land mass (as `report` computes coverage). Sites are chosen by
            lazy greedy maximum coverage, then improved by swaps (--greedy-only skips the swaps). Per site, in
            the order to add them: its location, county, the population it newly covers (in the region and
            in its county), and the cumulative coverage % of its county and of the region after adding it:
            exactly what `report` gives with the sites added (--sites-out writes them as a points file).

            Candidates come from --candidates (the service-points CSV layout, read like `load --points`),
            or else from the uncovered residences (one per grid cell of a quarter of the zone radius) and
            the centroids of the uncovered areas. With --county only that county's residences count and
            only candidates in it are used. --target P gives, county by county in code order, the fewest
            sites that bring each county to P % (after the sites of the counties before it), or says that
            P % is not reachable from the candidates (no sites are then suggested for that county).

            With roads (--roads, or those stored by `load --roads`) sites are planned over the road network:
            a residence's minutes are its travel over its mode's roads, as `report` computes them over the
            roads; --travel straight plans by the straight-line estimate.
            """))

    @OptionGroup var store: StoreOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var travel: TravelOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions
    @OptionGroup var output: SuggestOutputSystemOptions

    @Option(name: .customLong("run"), help: help("从这次已保存的运行开始：用它的数据集（此后未变动）和规则。", "Start from this saved run: its datasets (unchanged since) and its rule."))
    var runID: Int64?

    @Option(help: help("至多选这么多个站点。", "Choose up to this many sites."))
    var count: Int?

    @Option(help: help("每个区县达到此覆盖率（%）所需的最少站点，代替 --count。", "Fewest sites per county to reach this coverage %, instead of --count."))
    var target: Double?

    @Option(
        help: help(
            "只计此区县（6位代码或名称）的住所，只用其中的候选点。",
            "Only residences of this county (6-digit code, or its name) count, and only candidates in it are used."))
    var county: String?

    @Option(help: help("候选点文件（CSV 或 xlsx，格式同 `load --points`）。", "Candidate sites CSV (id,name,kind,level,lon,lat,county, as for `load --points`)."))
    var candidates: String?

    @Option(name: .customLong("candidates-crs"), help: help("--candidates 文件的坐标系（覆盖 --crs）。", "Coordinate system of the --candidates file (overrides --crs)."))
    var candidatesCRS: String?

    @Flag(name: .customLong("greedy-only"), help: help("只用贪心算法，不做交换优化。", "Plain greedy, without the swap improvement."))
    var greedyOnly = false

    @Option(name: .customLong("sites-out"), help: help("同时把选出的站点写成服务点 CSV 文件（--out-crs 坐标系，默认 WGS84）。", "Also write the chosen sites as a service-points CSV to this file (in the --out-crs system, WGS84 by default)."))
    var sitesOut: String?

    @Option(help: help("输出格式：xlsx 为 Excel 工作簿。", "Output format: xlsx is an Excel workbook."))
    var format: SuggestFormat = .table

    @OptionGroup var language: LanguageOptions
    @OptionGroup var encoding: OutputEncodingOptions

    @Option(help: help("写入此文件，而不是标准输出。", "Write to this file instead of standard output."))
    var out: String?

    @Option(
        name: .customLong("export-instance"),
        help: ArgumentHelp(
            "Diagnostic: also write the coverage sets solved (with --count) as JSON, for scripts/compare-exact.",
            visibility: .hidden))
    var exportInstance: String?

    func validate() throws {
        OutputGuard.protect(input: candidates, option: "--candidates")
        if (count == nil) == (target == nil) { throw ValidationError(tr("请给出 --count K 或 --target P 之一", "give either --count K or --target P")) }
        if let count, let problem = InputBounds.problem(count, in: InputBounds.count, what: "--count") { throw ValidationError(problem) }
        if let target, !(target > 0 && target <= 100) { throw ValidationError("--target must be a percentage above 0 and at most 100") }
        try format.requireFile(out)
        if runID != nil, inputs.isOneShot {
            throw ValidationError(tr("--run 从该运行的数据集开始，不接受输入文件", "--run starts from that run's datasets; it takes no input files"))
        }
        try csv.requireFiles(
            inputs.fileSystems(systems) + [(.candidates, candidatesCRS, candidates, "--candidates")],
            readsFiles: inputs.isOneShot || candidates != nil)
        if exportInstance != nil, count == nil { throw ValidationError("--export-instance needs --count") }
    }

    private var ownSystems: [CoordinateInput: String] {
        var own = systems.own
        own[.candidates] = candidatesCRS
        return own
    }

    func run() throws {
        try travel.check(oneShot: inputs.isOneShot, rereads: runID != nil)
        let request = SuggestionRequest(
            goal: count.map { .count($0) } ?? .target(percent: target ?? 100), county: county, localSearch: !greedyOnly,
            keepsInstance: exportInstance != nil)
        let outcome = try store.session(.readOnly).suggest(
            run: runID, source: inputs.source, rule: travel.request(rule.request), request: request, candidatesFile: candidates,
            csv: csv.settings(ownSystems))
        let coordinates = try output.coordinates()
        outcome.run.warningLines.forEach(note)
        outcome.notes.forEach(note)
        if let sitesOut {
            if sitesOut == out { throw CommandError("--sites-out and --out name the same file; give two files") }
            try emit(
                SuggestionWriter.servicePointsCSV(outcome.sites, output: coordinates), to: sitesOut, encoding: encoding.outEncoding,
                option: "--sites-out")
            note(tr("已将 \(outcome.suggestion.sites.count) 个站点写入 \(sitesOut)", "wrote \(outcome.suggestion.sites.count) sites to \(sitesOut)"))
        }
        if let exportInstance, let instance = outcome.suggestion.instance {
            try emit(CoverageInstanceWriter.json(instance, bound: outcome.suggestion.bound), to: exportInstance, option: "--export-instance")
        }
        if format == .xlsx {
            let session = store.session(.readOnly)
            let names = session.placeNames(for: outcome.suggestion.sites.compactMap(\.county))
            return try emitWorkbook(
                SuggestionWriter.sheets(
                    outcome.suggestion, run: outcome.run, output: coordinates, language: workbookLanguage, names: names),
                to: out)
        }
        try emit(
            try SuggestionWriter.render(
                outcome.suggestion, run: outcome.run, format: format.text ?? .table, output: coordinates, language: UI.language,
                names: store.session(.readOnly).placeNames(
                    for: outcome.suggestion.sites.compactMap(\.county) + outcome.suggestion.targets.map(\.county))),
            to: out, encoding: encoding.encoding(for: format))
    }
}
