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
        abstract: "Uncovered areas: uncovered residences on a grid, touching cells joined, largest population first.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions
    @OptionGroup var output: OutputSystemOptions

    @Option(name: .customLong("run"), help: "Re-read this saved run instead of computing (see `legalcircle runs`).")
    var runID: Int64?

    @Option(help: "Only areas of this county (6-digit code).")
    var county: String?

    @Option(help: "Only the N most populous areas.")
    var top: Int?

    @Option(help: "Output format: table, csv, json, markdown or geojson (polygons of the merged cells).")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        if let top, let problem = InputBounds.problem(top, in: InputBounds.count, what: "--top") { throw ValidationError(problem) }
        if format == .html { throw ValidationError("html is only for the coverage report (`report --format html`); use table, csv, json, markdown or geojson") }
        if runID != nil, inputs.isOneShot { throw ValidationError("--run re-reads a saved run; it takes no input files") }
        try csv.requireFiles(inputs.fileSystems(systems), readsFiles: inputs.isOneShot)
        try output.check(format)
    }

    func run() throws {
        if let out { try OutputGuard.check(out) }
        let run = try store.session(runID == nil ? .readWrite : .readOnly).run(
            runID.map { .stored($0) } ?? .compute(inputs.source, rule.request), csv: csv.settings(systems.own))
        try CountySelection.check(
            county, among: CountySelection.counties(of: run.report), in: run.description.runID.map { "run \($0)" } ?? "the run")
        let text = try GapsWriter.render(
            run.areas, run: run.description, frame: try run.frame(), cellSize: run.description.areaCellSize, county: county,
            top: top, format: format, output: try output.coordinates())
        try emit(text, to: out)
    }
}
