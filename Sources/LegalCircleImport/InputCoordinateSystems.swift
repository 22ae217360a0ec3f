import LegalCircle
import Projection

/// An input file that has a coordinate system of its own.
public enum CoordinateInput: String, CaseIterable, Sendable, Hashable {
    case points, residences, boundaries, zones, candidates
    /// The service points `what-if --add` adds.
    case added

    /// The option that sets this input's system: `--points-crs`, …, `--add-crs` for what-if's `--add` file.
    public var option: String { self == .added ? "--add-crs" : "--\(rawValue)-crs" }

    /// What the file holds, for messages.
    public var label: String {
        switch self {
        case .points: "service points"
        case .residences: "residences"
        case .boundaries: "county boundaries"
        case .zones: "zone areas"
        case .candidates: "candidate sites"
        case .added: "added service points"
        }
    }
}

/// The coordinate system of every input file of a command, as the user gave them: `--crs` for every
/// user file without an option of its own, and the per-file options (`--points-crs`, `--residences-crs`,
/// `--boundaries-crs`, `--zones-crs`, `--candidates-crs`, `--add-crs`). Data shipped with the tool
/// declares its own system and never takes these.
public struct InputCoordinateSystems: Sendable, Equatable {
    /// `--crs`; nil when not given (the files are then WGS84 unless they have their own option).
    public var fallback: String?
    /// The per-file options given.
    public var own: [CoordinateInput: String]
    /// `--strict`: a file the coordinate check flags is an error instead of a warning.
    public var strictCheck: Bool

    public init(fallback: String? = nil, own: [CoordinateInput: String] = [:], strictCheck: Bool = false) {
        self.fallback = fallback
        self.own = own
        self.strictCheck = strictCheck
    }

    /// What the user typed for this input (its own option, else `--crs`, else `wgs84`).
    public func text(for input: CoordinateInput) -> String { own[input] ?? fallback ?? "wgs84" }

    /// The option that set this input's system, for messages: its own, `--crs`, or nil for the default.
    public func option(for input: CoordinateInput) -> String? {
        own[input] != nil ? input.option : fallback != nil ? "--crs" : nil
    }

    /// The option a user should type to set this input's system (its own option).
    public func suggestion(for input: CoordinateInput, _ reading: CoordinateReading) -> String {
        "\(input.option) \(reading.option)"
    }

    /// The input's coordinate system, checked with PROJ for EPSG codes.
    /// - Throws: `ImportError` naming the option, e.g. `--points-crs EPSG:999999: PROJ does not know this CRS`.
    public func system(for input: CoordinateInput) throws -> CoordinateSystem {
        do {
            return try CoordinateSystem(parsing: text(for: input))
        } catch {
            throw ImportError("\(option(for: input) ?? "--crs") \(error)")
        }
    }

    /// The first given system that cannot be used, worded for the user; nil when all parse.
    public func problem() -> String? {
        let given = [("--crs", fallback)] + CoordinateInput.allCases.map { ($0.option, own[$0]) }
        for case let (option, text?) in given {
            do {
                _ = try CoordinateSystem(parsing: text)
            } catch {
                return "\(option) \(error)"
            }
        }
        return nil
    }
}
