import ArgumentParser
import LegalCircleSession
import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

/// `legalcircle nearest`: the nearest service points to one location.
struct Nearest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The nearest service points to a location, with distance, estimated minutes and whether it is within the circle.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions

    @Option(help: "Longitude in degrees (WGS84).")
    var lon: Double

    @Option(help: "Latitude in degrees (WGS84).")
    var lat: Double

    @Option(help: "Zone of the location: urban, rural, mountain or island (decides the travel mode).")
    var zone: String = "urban"

    @Option(help: "How many points to list.")
    var count: Int = 5

    @Option(help: "Service points CSV to search instead of the loaded dataset.")
    var points: String?

    @Option(name: .customLong("points-dataset"), help: "Loaded service point dataset (default: the latest loaded).")
    var pointsDataset: String?

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard (-180...180).contains(lon), (-90...90).contains(lat) else {
            throw ValidationError("--lon must be within -180…180 and --lat within -90…90")
        }
        guard Zone(name: zone) != nil else { throw ValidationError("--zone must be urban, rural, mountain or island") }
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard [.table, .csv, .json].contains(format) else { throw ValidationError("--format must be table, csv or json") }
    }

    func run() throws {
        let outcome = try store.session().nearest(
            to: GeoCoordinate(longitude: lon, latitude: lat), zone: Zone(name: zone) ?? .urban, count: count,
            pointsFile: points, pointsDataset: pointsDataset, rule: rule.request, csv: csv.settings)
        let text = try NearestWriter.render(
            outcome.nearby, points: outcome.points, zone: outcome.zone, parameters: outcome.parameters, format: format)
        try emit(text, to: nil)
    }
}
