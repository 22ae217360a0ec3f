import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

/// Where the working database is.
public struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The working database file.")
    public var db: String = "legalcircle.sqlite"

    @Flag(help: "Show no progress bars (they appear only on a terminal anyway).")
    public var quiet = false

    public init() {}

    // Every long-running command has these options, so this is where `--quiet` takes effect.
    public func validate() throws {
        TerminalProgress.setQuiet(quiet)
        OutputGuard.protect(database: db)
    }
}

/// Which data a computation uses: CSV files directly (one-shot, nothing stored) or loaded datasets.
public struct InputOptions: ParsableArguments {
    @Option(name: .long, help: "Service points CSV for a one-shot run without the database (with --residences).")
    public var points: String?

    @Option(name: .long, help: "Residences CSV for a one-shot run without the database (with --points).")
    public var residences: String?

    @Option(name: .customLong("points-dataset"), help: "Loaded service point dataset to use (default: the latest loaded).")
    public var pointsDataset: String?

    @Option(name: .customLong("residences-dataset"), help: "Loaded residence dataset to use (default: the latest loaded).")
    public var residencesDataset: String?

    public init() {}

    @Option(help: "County boundaries GeoJSON for a one-shot run (fills empty counties, finds islands).")
    public var boundaries: String?

    public var isOneShot: Bool { points != nil || residences != nil }

    /// The source these options name: the CSV files, or the loaded datasets.
    public var source: InputSource {
        if let points, let residences { return .files(points: points, residences: residences, boundaries: boundaries) }
        return .datasets(points: pointsDataset, residences: residencesDataset)
    }

    public func validate() throws {
        OutputGuard.protect(input: points, option: "--points")
        OutputGuard.protect(input: residences, option: "--residences")
        OutputGuard.protect(input: boundaries, option: "--boundaries")
        if (points == nil) != (residences == nil) {
            throw ValidationError("a one-shot run needs both --points and --residences")
        }
        if boundaries != nil, !isOneShot {
            throw ValidationError("--boundaries here is for one-shot runs; load boundaries with `legalcircle load --boundaries`")
        }
        if isOneShot, pointsDataset != nil || residencesDataset != nil {
            throw ValidationError("use either CSV files (--points/--residences) or loaded datasets, not both")
        }
    }
}

/// The coverage rule: profile, target minutes, eligible kinds, area grid.
public struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: "Profile name in data/profiles (default, ...) or a path to a profile JSON file.")
    public var profile: String = "default"

    @Option(name: .long, help: "Target travel time in minutes (overrides the profile's).")
    public var minutes: Double?

    @Option(
        name: .long,
        help: "Service kinds that count, comma-separated (consultation, legal_aid, mediation, notary, lawyer, forensic, arbitration, publicity). Default: any.")
    public var kinds: String?

    @Option(name: .customLong("cell-size"), help: "Side in metres of the grid cells that group uncovered residences into areas.")
    public var cellSize: Double = 500

    public init() {}

    public func validate() throws {
        if let minutes, let problem = InputBounds.problem(minutes, in: InputBounds.minutes, what: "--minutes") {
            throw ValidationError(problem)
        }
        if let problem = InputBounds.problem(cellSize, in: InputBounds.cellSizeMetres, what: "--cell-size", unit: "metres") {
            throw ValidationError(problem)
        }
        if profile.contains("/") || profile.hasSuffix(".json") { OutputGuard.protect(input: profile, option: "--profile") }
        _ = try serviceKinds()
    }

    func serviceKinds() throws -> ServiceKinds {
        guard let kinds else { return .all }
        guard let parsed = ServiceKinds(list: kinds.replacingOccurrences(of: ",", with: ";")) else {
            throw ValidationError(
                "--kinds \"\(kinds)\": each kind must be one of " + ServiceKinds.names.map(\.name).joined(separator: ", "))
        }
        return parsed
    }

    /// The rule as plain values for the session.
    public var request: RuleRequest {
        RuleRequest(profile: profile, minutes: minutes, kinds: kinds == nil ? nil : try? serviceKinds(), cellSize: cellSize)
    }
}

extension StoreOptions {
    /// The session every command hands its work to, with progress bars on a terminal.
    /// - Parameter access: `.readOnly` for commands that only read stored data, `.readWrite` for those
    ///   that save a run, `.create` for `load` alone.
    func session(_ access: StoreAccess) -> CoverageSession {
        CoverageSession(databasePath: db, access: access, progress: TerminalProgress.sink, notice: { note($0) })
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
