import ArgumentParser
import LegalCircleSession
import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// `legalcircle nearest`: the nearest service points to one location.
struct Nearest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The nearest service points to a location, with distance, estimated minutes and whether it is within the circle.",
        discussion: """
            The location is --lon/--lat in degrees or --x/--y in metres of a projected system, in the
            coordinate system --crs names (WGS84 by default; gcj02 for a place copied from Amap or Tencent,
            bd09 from Baidu, EPSG:4549 for CGCS2000 Gauss-Kruger CM 120°E). --crs also applies to a
            --points file unless --points-crs says otherwise; --out-crs chooses the system of the listed
            points' coordinates.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var output: OutputSystemOptions

    @Option(help: "Longitude in degrees (in the --crs system, WGS84 by default).")
    var lon: Double?

    @Option(help: "Latitude in degrees (in the --crs system).")
    var lat: Double?

    @Option(help: "Easting in metres of the projected system --crs names (e.g. --crs EPSG:4549), instead of --lon.")
    var x: Double?

    @Option(help: "Northing in metres of the projected system --crs names, instead of --lat.")
    var y: Double?

    @Option(name: .customLong("points-crs"), help: "Coordinate system of the --points file (overrides --crs).")
    var pointsCRS: String?

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
        try csv.requireFiles([(.points, pointsCRS, points, "--points")], readsFiles: true)
        let projected = try (csv.crs.map { try CoordinateSystem(parsing: $0).unit } ?? .degrees) == .metres
        switch (lon, lat, x, y) {
        case let (lon?, lat?, nil, nil):
            if projected {
                throw ValidationError("--crs \(csv.crs ?? "") is projected (metres): give the location as --x EASTING --y NORTHING")
            }
            guard (-180...180).contains(lon), (-90...90).contains(lat) else {
                throw ValidationError("--lon must be within -180…180 and --lat within -90…90")
            }
        case (nil, nil, _?, _?):
            if !projected {
                throw ValidationError(
                    "--x/--y are metres of a projected system: give its EPSG code with --crs (e.g. --crs EPSG:4549), "
                        + "or give degrees as --lon/--lat")
            }
        default:
            throw ValidationError("give the location as --lon and --lat (degrees), or as --x and --y with --crs EPSG:n (metres)")
        }
        guard Zone(name: zone) != nil else { throw ValidationError("--zone must be urban, rural, mountain or island") }
        if let problem = InputBounds.problem(count, in: InputBounds.count, what: "--count") { throw ValidationError(problem) }
        guard [.table, .csv, .json].contains(format) else { throw ValidationError("--format must be table, csv or json") }
    }

    func run() throws {
        let location = QueryLocation(x: lon ?? x ?? 0, y: lat ?? y ?? 0, system: csv.crs)
        let outcome = try store.session(.readOnly).nearest(
            to: location, zone: Zone(name: zone) ?? .urban, count: count, pointsFile: points, pointsDataset: pointsDataset,
            rule: rule.request, csv: csv.settings([.points: pointsCRS].compactMapValues { $0 }))
        outcome.coordinateWarnings.forEach { note("warning: \($0)") }
        let text = try NearestWriter.render(
            outcome.nearby, points: outcome.points, zone: outcome.zone, parameters: outcome.parameters, format: format,
            output: try output.coordinates())
        try emit(text, to: nil)
    }
}
