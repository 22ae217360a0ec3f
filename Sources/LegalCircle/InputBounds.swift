import Foundation

/// The ranges every number a user gives must lie in, checked where it enters (options, profile files,
/// CSV fields), so that no arithmetic on it can overflow or leave the finite numbers. Generous but
/// finite; the README lists them.
public enum InputBounds {
    /// Residents of one row: a building, a village, up to a whole district.
    public static let population: ClosedRange<Double> = 0...10_000_000
    /// Target travel time (`--minutes`, a profile's `minutes`).
    public static let minutes: ClosedRange<Double> = 1...240
    /// A travel mode's speed (`speed_kmh`): walking to motorway driving.
    public static let speedKmPerHour: ClosedRange<Double> = 1...200
    /// Network distance over straight-line distance (`circuity`).
    public static let circuity: ClosedRange<Double> = 1...5
    /// A policy radius (`radius_m`).
    public static let radiusMetres: ClosedRange<Double> = 10...200_000
    /// Side of the cells that group uncovered residences (`--cell-size`).
    public static let cellSizeMetres: ClosedRange<Double> = 50...20_000
    /// Counts a user asks for: sites to suggest, areas or points to list.
    public static let count: ClosedRange<Int> = 1...100_000
    /// Rows `generate` writes: residences (the large benchmark uses 10 million) and service points.
    public static let generatedResidences: ClosedRange<Int> = 1...20_000_000
    public static let generatedPoints: ClosedRange<Int> = 1...100_000
    /// PNG zoom of `map`.
    public static let zoom: ClosedRange<Double> = 0.1...16
    /// Percentages (targets).
    public static let percent: ClosedRange<Double> = 0...100

    /// "1–240" with thousands separators.
    public static func text(_ range: ClosedRange<Double>) -> String { "\(plain(range.lowerBound))–\(plain(range.upperBound))" }

    public static func text(_ range: ClosedRange<Int>) -> String { "\(plain(Double(range.lowerBound)))–\(plain(Double(range.upperBound)))" }

    /// Why `value` is not acceptable as `what`, or nil when it lies in `range`.
    /// - Parameter unit: appended to the range in the message ("km/h").
    public static func problem(_ value: Double, in range: ClosedRange<Double>, what: String, unit: String = "") -> String? {
        guard !range.contains(value) else { return nil }
        let shown = value.isNaN ? "not a number" : value.isInfinite ? "infinite" : plain(value)
        return "\(what) must be between \(plain(range.lowerBound)) and \(plain(range.upperBound))\(unit.isEmpty ? "" : " " + unit), got \(shown)"
    }

    public static func problem(_ value: Int, in range: ClosedRange<Int>, what: String) -> String? {
        guard !range.contains(value) else { return nil }
        return "\(what) must be between \(plain(Double(range.lowerBound))) and \(plain(Double(range.upperBound))), got \(value)"
    }

    /// Whole numbers with thousands separators, others as Swift prints them (shortest round trip).
    static func plain(_ value: Double) -> String {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return "\(value)" }
        let digits = String(Int64(abs(value)))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }
}

extension TravelProfile {
    /// Checks the figures against `InputBounds`: minutes, each used mode's speed and circuity or radius.
    /// Profiles a user gives (files, `--minutes`) are checked with it; stored runs are read without it,
    /// so a run saved by an earlier version stays readable.
    /// - Throws: `ProfileError` naming the figure and the range.
    public func checkBounds() throws {
        if let problem = InputBounds.problem(minutes, in: InputBounds.minutes, what: "minutes") { throw ProfileError(problem) }
        for mode in Set(zoneModes.values).sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let parameters = modes[mode] else { continue }
            switch parameters.reach {
            case .network(let speed, let circuity):
                if let problem = InputBounds.problem(speed, in: InputBounds.speedKmPerHour, what: "\(mode.rawValue): speed_kmh", unit: "km/h") {
                    throw ProfileError(problem)
                }
                if let problem = InputBounds.problem(circuity, in: InputBounds.circuity, what: "\(mode.rawValue): circuity") {
                    throw ProfileError(problem)
                }
            case .radius(let metres):
                if let problem = InputBounds.problem(metres, in: InputBounds.radiusMetres, what: "\(mode.rawValue): radius_m", unit: "m") {
                    throw ProfileError(problem)
                }
            }
        }
    }
}

/// Decoding failures (JSON syntax, missing keys, wrong types) in words for the user, without the
/// Foundation or `DecodingError` text.
public enum DecodingProblem {
    /// - Parameter json: the document, to locate a syntax error by line and column when the decoder
    ///   does not say where it is.
    public static func describe(_ error: any Error, json: Data? = nil) -> String {
        guard let error = error as? DecodingError else { return "not valid JSON" + location(in: error, json: json) }
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" + location(in: context.underlyingError, json: json) }
            return "\(path(context.codingPath)) has an unusable value"
        case .keyNotFound(let key, let context):
            let place = context.codingPath.isEmpty ? "" : " in \(path(context.codingPath))"
            return "missing \"\(key.stringValue)\"\(place)"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) should be \(kind(of: type))" + found(context.debugDescription)
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null; give \(kind(of: type))"
        @unknown default:
            return "the JSON does not have the expected shape"
        }
    }

    /// `modes.walk.speed_kmh`, array positions as `[2]`.
    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "the document" }
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return "\"\(text)\""
    }

    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type, is Int.Type, is Int64.Type, is Int32.Type: "a number"
        case is String.Type: "text in quotes"
        case is Bool.Type: "true or false"
        default:
            "\(type)".hasPrefix("Array") ? "a list [ … ]" : "\(type)".hasPrefix("Dictionary") ? "an object { … }" : "another kind of value"
        }
    }

    /// ", found a string" from the decoder's own wording, when it says.
    private static func found(_ text: String) -> String {
        guard let range = text.range(of: "found "), let end = text.range(of: " instead", range: range.upperBound..<text.endIndex) else {
            return ""
        }
        let what = text[range.upperBound..<end.lowerBound]
        let words = ["a string": "text", "a number": "a number", "a dictionary": "an object", "an array": "a list", "a bool": "true or false",
            "null": "null"]
        return ", found " + (words[String(what).lowercased()] ?? String(what))
    }

    /// " near line 3, column 5" from the parser's error when it gives a line, else from the character
    /// offset `JSONSerialization` reports for `json`; "" when neither says.
    private static func location(in error: (any Error)?, json: Data?) -> String {
        let text = error.map { "\(($0 as NSError).userInfo[NSDebugDescriptionErrorKey] ?? "")" } ?? ""
        if let line = number(after: "line ", in: text) {
            return " near line \(line)" + (number(after: "column ", in: text).map { ", column \($0)" } ?? "")
        }
        guard let json else { return "" }
        let offset: Int?
        do {
            _ = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
            offset = nil
        } catch {
            offset = number(after: "character ", in: "\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? "")")
        }
        guard let offset, offset <= json.count else { return "" }
        var line = 1
        var column = 1
        for byte in json.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return " near line \(line), column \(column)"
    }

    private static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }
}

extension Int {
    /// `value` rounded towards zero, clamped to ±2⁵³ (beyond which a Double has no unit precision) and
    /// 0 for NaN: a conversion that cannot trap, for drawing and printing figures that a stored run
    /// may hold from before the bounds.
    public init(saturating value: Double) {
        let limit = 9_007_199_254_740_992.0
        self = value.isNaN ? 0 : Int(Swift.min(Swift.max(value, -limit), limit))
    }
}

extension GridCell {
    /// The cells a grid key can hold on each side of the origin (`UncoveredAreaFinder` packs 22 bits).
    static let reach: Double = 2_000_000

    /// The cell of a grid of side `cellSize` holding the planar position (x, y); nil when the position
    /// is not finite or lies beyond `reach` cells (a cell size far below the data's extent).
    static func containing(x: Double, y: Double, cellSize: Double) -> GridCell? {
        let column = (x / cellSize).rounded(.down)
        let row = (y / cellSize).rounded(.down)
        guard abs(column) < reach, abs(row) < reach else { return nil }
        return GridCell(column: Int32(column), row: Int32(row))
    }
}

/// The area grid cannot hold the data: the cell size is too small for the extent.
public struct AreaGridError: Error, CustomStringConvertible, Sendable {
    public let cellSize: Double
    public var description: String {
        "the uncovered residences lie more than \(InputBounds.plain(GridCell.reach)) cells of \(InputBounds.plain(cellSize)) m "
            + "from the projection's origin; use a larger --cell-size (\(InputBounds.text(InputBounds.cellSizeMetres)) m)"
    }
}

extension CoverageAnalysis {
    /// The first figure of the report or the areas that is not a finite number (NaN, or an infinity
    /// where a count of people belongs), described; nil when every one is finite. Minutes may be +∞
    /// legitimately (no eligible point) and are not checked. A run is saved only when this is nil.
    public var nonFiniteFigure: String? {
        for figures in report.counties + [report.total] {
            let place = figures.isTotal ? "the total" : "county \(figures.county.isEmpty ? "(none)" : figures.county)"
            let values: [(String, Double?)] =
                [("residents", figures.residents), ("covered", figures.covered), ("coverage %", figures.coveragePercent),
                    ("points per 10k", figures.pointsPer10k), ("uncovered population", figures.uncoveredPopulation)]
                + figures.zones.flatMap { zone in
                    [("\(zone.zone.name) residents", zone.residents), ("\(zone.zone.name) covered", zone.covered)]
                }
            for (name, value) in values {
                if let value, !value.isFinite { return "\(name) of \(place) is \(value)" }
            }
            for (name, value) in [("median minutes", figures.medianMinutes), ("p90 minutes", figures.p90Minutes)] {
                if let value, value.isNaN { return "\(name) of \(place) is not a number" }
            }
        }
        for area in areas {
            for (name, value) in [
                ("population", area.population), ("centroid longitude", area.centroid.longitude),
                ("centroid latitude", area.centroid.latitude),
            ] where !value.isFinite {
                return "\(name) of uncovered area \(area.id) is \(value)"
            }
        }
        return nil
    }
}
