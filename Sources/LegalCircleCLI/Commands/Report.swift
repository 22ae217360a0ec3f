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
        abstract: "Coverage per county: residents, covered population, coverage by zone, minutes to the nearest point.",
        discussion: """
            Computes a new run from the loaded datasets (and saves it), re-reads a saved run with --run, or
            works on CSV files directly with --points and --residences (nothing is saved).
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions

    @Option(name: .customLong("run"), help: "Re-read this saved run instead of computing (see `legalcircle runs`).")
    var runID: Int64?

    @Option(help: "Village and community coverage by county or township (residences with 12-digit statistical codes as ids).")
    var by: VillageCoverage.Level?

    @Option(name: .customLong("target-villages"), help: "Target share of villages/communities covered, %: marks every county or township that misses it.")
    var targetVillages: Double?

    @Option(name: .customLong("target-population"), help: "Target share of population covered, %.")
    var targetPopulation: Double?

    @Option(
        help: "Output format: table, csv, json, markdown, or html (one self-contained page with maps, a sortable table and charts).")
    var format: OutputFormat = .table

    @Option(help: "Language of the html report: zh (Chinese, default) or en.")
    var lang: ReportLanguage = .zh

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    private var villageTable: Bool { by != nil || targetVillages != nil || targetPopulation != nil }

    func validate() throws {
        if format == .geojson { throw ValidationError("the report is a table; use csv, json or markdown (geojson is for `gaps`)") }
        if format == .html, villageTable {
            throw ValidationError("html is only for the coverage report; the village table (--by, --target-*) takes table, csv, json or markdown")
        }
        if runID != nil, inputs.isOneShot { throw ValidationError("--run re-reads a saved run; it takes no input files") }
        try csv.requireFiles(inputs.fileSystems(systems), readsFiles: inputs.isOneShot)
        for (option, value) in [("--target-villages", targetVillages), ("--target-population", targetPopulation)] {
            if let value, let problem = InputBounds.problem(value, in: InputBounds.percent, what: option, unit: "%") {
                throw ValidationError(problem)
            }
        }
    }

    func run() throws {
        // Before anything is computed or saved: the output must be writable where it is asked for.
        if let out { try OutputGuard.check(out) }
        let session = store.session(runID == nil ? .readWrite : .readOnly)
        let run = try session.run(runID.map { .stored($0) } ?? .compute(inputs.source, rule.request), csv: csv.settings(systems.own))
        if format == .html {
            try emit(HTMLReportWriter.render(try session.reportMaps(run), language: lang), to: out)
        } else if villageTable {
            let table = try session.villageTable(
                run, level: by ?? .county,
                targets: VillageCoverage.Targets(villagesPercent: targetVillages, populationPercent: targetPopulation))
            try emit(VillageWriter.render(table, run: run.description, format: format), to: out)
        } else {
            try emit(ReportWriter.render(run.report, run: run.description, format: format), to: out)
        }
    }
}
