import ArgumentParser
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
        var lines: [String]
        let coordinates: (longitudes: [Double], latitudes: [Double])
        let system: String
        if let points {
            let file = try Importer.servicePoints(points, csv: csv, policy: .skipBadRows)
            lines = ["file: \(points) (service points)"] + file.result.summary.lines()
            coordinates = file.result.rows.coordinateColumns()
            system = file.system.canonicalName
        } else {
            let path = residences!
            let file = try Importer.residences(path, csv: csv, policy: .skipBadRows)
            lines = ["file: \(path) (residences)"] + file.result.summary.lines()
            coordinates = file.result.rows.coordinateColumns()
            system = file.system.canonicalName
        }
        lines.append("coordinate system: \(system), stored as WGS84")
        if let minLon = coordinates.longitudes.min(), let maxLon = coordinates.longitudes.max(),
            let minLat = coordinates.latitudes.min(), let maxLat = coordinates.latitudes.max()
        {
            lines.append(
                String(format: "bounding box of accepted rows (WGS84): lon %.6f … %.6f, lat %.6f … %.6f", minLon, maxLon, minLat, maxLat))
        } else {
            lines.append("bounding box: no accepted rows")
        }
        try emit(lines.joined(separator: "\n"), to: nil)
    }
}
