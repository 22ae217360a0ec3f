import ArgumentParser
import LegalCircleSession
import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// `legalcircle validate`: reads a file as `load` would and says what it found, without storing.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a CSV file as `load` would read it: rows, rejects by reason, encoding, delimiter, columns, CRS, extent.",
        discussion: """
            With county boundaries (--boundaries FILE, or those loaded in --db), the coordinate check reads the
            points as declared and as WGS84, GCJ-02 and BD-09, and says whether another system fits their county
            codes (or land and sea) significantly better, with the counts and the option to use; or that the
            coordinate system cannot be checked from these points. --strict makes a flagged file an error.
            """)

    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions

    @Option(help: "Service points CSV to check.")
    var points: String?

    @Option(help: "Residences CSV to check.")
    var residences: String?

    @Option(help: "County boundaries GeoJSON to check the coordinates against (default: those loaded in --db, if given).")
    var boundaries: String?

    @Option(help: "A working database whose loaded county boundaries the coordinates are checked against.")
    var db: String?

    @Flag(help: "Show no progress bar (it appears only on a terminal anyway).")
    var quiet = false

    func validate() throws {
        if (points == nil) == (residences == nil) { throw ValidationError("give exactly one of --points FILE or --residences FILE") }
        try csv.requireFiles(
            [(.points, systems.points, points, "--points"), (.residences, systems.residences, residences, "--residences"),
                (.boundaries, systems.boundaries, boundaries, "--boundaries")],
            readsFiles: true)
        TerminalProgress.setQuiet(quiet)
    }

    func run() throws {
        let session = CoverageSession(databasePath: db ?? "", access: .readOnly, progress: TerminalProgress.sink)
        let lines = try session.validate(points: points, residences: residences, boundaries: boundaries, csv: csv.settings(systems.own))
        try emit(lines.joined(separator: "\n"), to: nil)
    }
}
