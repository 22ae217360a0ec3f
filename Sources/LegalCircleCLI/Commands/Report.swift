import ArgumentParser
import LegalCircle
import LegalCircleFormats

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

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        if format == .geojson { throw ValidationError("the report is a table; use csv, json or markdown (geojson is for `gaps`)") }
        if runID != nil, inputs.isOneShot { throw ValidationError("--run re-reads a saved run; it takes no input files") }
    }

    func run() throws {
        let outcome = try Workbench(databasePath: store.db).outcome(runID: runID, inputs: inputs, csv: csv, rule: rule)
        try emit(ReportWriter.render(outcome.report, run: outcome.description, format: format), to: out)
    }
}
