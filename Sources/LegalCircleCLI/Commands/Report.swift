import ArgumentParser
import LegalCircle
import LegalCircleFormats

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

    @Option(name: .customLong("run"), help: "Re-read this saved run instead of computing (see `legalcircle runs`).")
    var runID: Int64?

    @Option(help: "Village and community coverage by county or township (residences with 12-digit statistical codes as ids).")
    var by: VillageCoverage.Level?

    @Option(name: .customLong("target-villages"), help: "Target share of villages/communities covered, %: marks every county or township that misses it.")
    var targetVillages: Double?

    @Option(name: .customLong("target-population"), help: "Target share of population covered, %.")
    var targetPopulation: Double?

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        if format == .geojson { throw ValidationError("the report is a table; use csv, json or markdown (geojson is for `gaps`)") }
        if runID != nil, inputs.isOneShot { throw ValidationError("--run re-reads a saved run; it takes no input files") }
    }

    func run() throws {
        let workbench = Workbench(databasePath: store.db)
        let outcome = try workbench.outcome(runID: runID, inputs: inputs, csv: csv, rule: rule)
        guard by != nil || targetVillages != nil || targetPopulation != nil else {
            try emit(ReportWriter.render(outcome.report, run: outcome.description, format: format), to: out)
            return
        }
        let (residences, result) = try workbench.perResidence(outcome)
        let table = VillageCoverage.table(
            residences: residences, result: result, level: by ?? .county,
            targets: VillageCoverage.Targets(villagesPercent: targetVillages, populationPercent: targetPopulation))
        try emit(VillageWriter.render(table, run: outcome.description, format: format), to: out)
    }
}
