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
        abstract: "Compare two saved runs per county: coverage %, covered population, uncovered areas, median minutes.",
        discussion: """
            Reads both runs as saved (nothing is recomputed, so a stale run compares as it was computed) and
            prints, for each county and the total, the figures of run A, of run B and the change B − A
            (coverage in percentage points). A county in only one run has the other side blank. The header
            names both runs (date, datasets and their checksums, profile) and says when they read different
            residences or used a different rule.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "Run A, the before (see `legalcircle runs`).")
    var runA: Int64

    @Argument(help: "Run B, the after.")
    var runB: Int64

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        try Self.validate(format)
    }

    /// The comparison is a table of figures: no geometry, no page.
    static func validate(_ format: OutputFormat) throws {
        guard ComparisonWriter.formats.contains(format) else {
            throw ValidationError(
                "a comparison cannot be written as \(format.rawValue): it is a table of figures per county; use --format "
                    + ComparisonWriter.formats.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        let comparison = try store.session(.readOnly).compare(runA, runB)
        try emit(try ComparisonWriter.render(comparison.comparison, a: comparison.a, b: comparison.b, format: format), to: out)
    }
}
