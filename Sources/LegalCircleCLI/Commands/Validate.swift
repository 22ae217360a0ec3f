import ArgumentParser
import LegalCircleSession
import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import Projection

/// `legalcircle validate`: reads a file as `load` would and says what it found, without storing.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a CSV file as `load` would read it: rows, rejects by reason, encoding, delimiter, columns, CRS, extent.")

    @OptionGroup var csv: CSVInputOptions

    @Option(help: "Service points CSV to check.")
    var points: String?

    @Option(help: "Residences CSV to check.")
    var residences: String?

    @Flag(help: "Show no progress bar (it appears only on a terminal anyway).")
    var quiet = false

    func validate() throws {
        if (points == nil) == (residences == nil) { throw ValidationError("give exactly one of --points FILE or --residences FILE") }
        TerminalProgress.setQuiet(quiet)
    }

    func run() throws {
        let session = CoverageSession(databasePath: "", progress: TerminalProgress.sink)
        try emit(try session.validate(points: points, residences: residences, csv: csv.settings).joined(separator: "\n"), to: nil)
    }
}
