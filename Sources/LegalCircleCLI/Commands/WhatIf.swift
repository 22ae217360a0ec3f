import ArgumentParser
import LegalCircleSession
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

/// `legalcircle what-if`: coverage with extra service points, computed and compared, nothing saved.
struct WhatIf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-if",
        abstract: tr(
            "加入额外服务点后重新计算覆盖情况（不保存），并与基准对比。",
            "Recompute coverage with extra service points, without saving anything, and compare it with the base."),
        discussion: prose(
            """
            基准是按规则选项计算的已导入数据集，或数据集此后未变动的已保存运行（--run，用其规则）。--add 的服务点按
            `load --points` 读取（相同的文件选项；每行都须有效、编号须为新的），空区县由已保存的边界补全。
            --add-suggested K 加入 `suggest --count K` 对同一基准选出的 K 个站点。数据集和运行都不改变：要保留这些
            服务点，用 `load --points FILE --append`（建议站点用 `suggest --sites-out FILE` 写出的文件），再 `report`。
            """,
            """
            The base is the loaded datasets computed with the rule options, or a saved run (--run) whose
            datasets have not changed since, with that run's rule. The points of --add are read like
            `load --points` (same CSV options; every row must be valid and its id new) and their empty
            counties are filled from the stored boundaries. --add-suggested K adds the K sites that
            `suggest --count K` chooses for the same base (with --candidates as there). Neither the datasets
            nor the runs change: to keep the points, `load --points FILE --append` (for suggested sites, the
            file `suggest --sites-out FILE` writes), then `report`.
            """))

    @OptionGroup var store: StoreOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var travel: TravelOptions

    @Option(help: help("要加入的服务点文件（CSV 或 xlsx，格式同 `load --points`）。", "Service points CSV to add (id,name,kind,level,lon,lat,county, as for `load --points`)."))
    var add: String?

    @Option(name: .customLong("add-crs"), help: help("--add 文件的坐标系（覆盖 --crs）：wgs84、cgcs2000、gcj02、bd09 或 EPSG:n。", "Coordinate system of the --add file (overrides --crs): wgs84, cgcs2000, gcj02, bd09 or EPSG:n."))
    var addCRS: String?

    @Option(name: .customLong("add-suggested"), help: help("加入 `suggest --count K` 对同一基准选出的 K 个站点。", "Add the K sites `suggest --count K` chooses for the same base."))
    var addSuggested: Int?

    @Option(help: help("--add-suggested 的候选点文件（同 `suggest --candidates`）。", "Candidate sites CSV for --add-suggested (as `suggest --candidates`)."))
    var candidates: String?

    @Option(name: .customLong("candidates-crs"), help: help("--candidates 文件的坐标系（覆盖 --crs）。", "Coordinate system of the --candidates file (overrides --crs)."))
    var candidatesCRS: String?

    @Option(name: .customLong("run"), help: help("从这次已保存的运行开始（其数据集须未变动；用其规则）。", "Start from this saved run (its datasets must be unchanged; its rule is used)."))
    var runID: Int64?

    @Option(name: .customLong("points-dataset"), help: help("作为基准的已导入服务点数据集（默认：最近导入的）。", "Loaded service point dataset to start from (default: the latest loaded)."))
    var pointsDataset: String?

    @Option(name: .customLong("residences-dataset"), help: help("作为基准的已导入住所数据集（默认：最近导入的）。", "Loaded residence dataset to start from (default: the latest loaded)."))
    var residencesDataset: String?

    @Option(help: help("输出格式：html 为单个网页，xlsx 为 Excel 工作簿。", "Output format: html is one page, xlsx an Excel workbook."))
    var format: ComparisonFormat = .table

    @OptionGroup var language: LanguageOptions
    @OptionGroup var encoding: OutputEncodingOptions

    @Option(help: help("写入此文件，而不是标准输出。", "Write to this file instead of standard output."))
    var out: String?

    func validate() throws {
        OutputGuard.protect(input: add, option: "--add")
        OutputGuard.protect(input: candidates, option: "--candidates")
        try Compare.validate(format, out: out)
        if (add == nil) == (addSuggested == nil) {
            throw ValidationError(tr("请给出 --add FILE 或 --add-suggested K 之一", "give either --add FILE or --add-suggested K"))
        }
        if let addSuggested, let problem = InputBounds.problem(addSuggested, in: InputBounds.count, what: "--add-suggested") {
            throw ValidationError(problem)
        }
        if candidates != nil, addSuggested == nil { throw ValidationError("--candidates goes with --add-suggested") }
        if runID != nil, pointsDataset != nil || residencesDataset != nil {
            throw ValidationError("--run starts from that run's datasets; leave out --points-dataset and --residences-dataset")
        }
        try csv.requireFiles(
            [(.added, addCRS, add, "--add"), (.candidates, candidatesCRS, candidates, "--candidates")],
            readsFiles: add != nil || candidates != nil)
        try travel.check(oneShot: false, rereads: runID != nil)
    }

    func run() throws {
        let addition: WhatIfAddition = add.map { .file($0) } ?? .suggested(count: addSuggested ?? 1, candidatesFile: candidates)
        let session = store.session(.readOnly)
        let comparison = try session.whatIf(
            run: runID, datasets: .datasets(points: pointsDataset, residences: residencesDataset), rule: travel.request(rule.request),
            adding: addition, csv: csv.settings([.added: addCRS, .candidates: candidatesCRS].compactMapValues { $0 }))
        comparison.notes.forEach(note)
        try Compare.write(comparison, format: format, out: out, encoding: encoding, session: session)
    }
}
