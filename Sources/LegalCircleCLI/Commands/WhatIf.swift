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
        abstract: "Recompute coverage with extra service points, without saving anything, and compare it with the base.",
        discussion: """
            The base is the loaded datasets computed with the rule options, or a saved run (--run) whose
            datasets have not changed since, with that run's rule. The points of --add are read like
            `load --points` (same CSV options; every row must be valid and its id new) and their empty
            counties are filled from the stored boundaries. --add-suggested K adds the K sites that
            `suggest --count K` chooses for the same base (with --candidates as there). Neither the datasets
            nor the runs change: to keep the points, `load --points FILE --append` (for suggested sites, the
            file `suggest --sites-out FILE` writes), then `report`.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions

    @Option(help: "Service points CSV to add (id,name,kind,level,lon,lat,county, as for `load --points`).")
    var add: String?

    @Option(name: .customLong("add-crs"), help: "Coordinate system of the --add file (overrides --crs): wgs84, cgcs2000, gcj02, bd09 or EPSG:n.")
    var addCRS: String?

    @Option(name: .customLong("add-suggested"), help: "Add the K sites `suggest --count K` chooses for the same base.")
    var addSuggested: Int?

    @Option(help: "Candidate sites CSV for --add-suggested (as `suggest --candidates`).")
    var candidates: String?

    @Option(name: .customLong("candidates-crs"), help: "Coordinate system of the --candidates file (overrides --crs).")
    var candidatesCRS: String?

    @Option(name: .customLong("run"), help: "Start from this saved run (its datasets must be unchanged; its rule is used).")
    var runID: Int64?

    @Option(name: .customLong("points-dataset"), help: "Loaded service point dataset to start from (default: the latest loaded).")
    var pointsDataset: String?

    @Option(name: .customLong("residences-dataset"), help: "Loaded residence dataset to start from (default: the latest loaded).")
    var residencesDataset: String?

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        OutputGuard.protect(input: add, option: "--add")
        OutputGuard.protect(input: candidates, option: "--candidates")
        try Compare.validate(format)
        if (add == nil) == (addSuggested == nil) { throw ValidationError("give either --add FILE or --add-suggested K") }
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
    }

    func run() throws {
        let addition: WhatIfAddition = add.map { .file($0) } ?? .suggested(count: addSuggested ?? 1, candidatesFile: candidates)
        let comparison = try store.session(.readOnly).whatIf(
            run: runID, datasets: .datasets(points: pointsDataset, residences: residencesDataset), rule: rule.request,
            adding: addition, csv: csv.settings([.added: addCRS, .candidates: candidatesCRS].compactMapValues { $0 }))
        comparison.notes.forEach(note)
        try emit(try ComparisonWriter.render(comparison.comparison, a: comparison.a, b: comparison.b, format: format), to: out)
    }
}
