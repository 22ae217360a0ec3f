import Foundation
import LegalCircle

/// How a report or a list of areas is written.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns for a terminal.
    case table
    /// RFC 4180 CSV, one header row, full precision.
    case csv
    /// Pretty-printed JSON with sorted keys; missing values are null.
    case json
    /// A GitHub-flavoured Markdown table.
    case markdown
    /// An RFC 7946 FeatureCollection (areas only).
    case geojson
    /// One self-contained HTML page with maps and charts (the coverage report only).
    case html
}

/// A format that cannot carry a given output, such as GeoJSON for the per-county report.
extension OutputFormat {
    /// The row of residences without a county code: none in the file, and (with boundaries loaded)
    /// inside no county polygon.
    public static let noCountyLabel = "(outside boundaries / no county)"
}

public struct OutputFormatError: Error, CustomStringConvertible, Sendable, Equatable {
    public let format: OutputFormat
    /// What was being written, such as "the coverage report".
    public let output: String
    public let reason: String
    public let supported: [OutputFormat]

    public var description: String {
        "\(output) cannot be written as \(format.rawValue): \(reason); use one of "
            + supported.map(\.rawValue).joined(separator: ", ")
    }

    public init(format: OutputFormat, output: String, reason: String, supported: [OutputFormat]) {
        self.format = format
        self.output = output
        self.reason = reason
        self.supported = supported
    }

    /// HTML asked of a writer other than the coverage report's.
    public static func htmlOnlyForReport(output: String, supported: [OutputFormat]) -> OutputFormatError {
        OutputFormatError(
            format: .html, output: output, reason: "html is only for the coverage report (`legalcircle report --format html`)",
            supported: supported)
    }
}

/// What a report states about how it was produced, so its figures can be reproduced.
public struct RunDescription: Sendable, Equatable, Codable {
    /// The stored run, nil for a one-shot computation that was not saved.
    public var runID: Int64?
    /// ISO 8601 time of the stored run.
    public var createdAt: String?
    public var profileName: String
    /// Target travel time.
    public var minutes: Double
    /// Straight-line reach per zone name ("urban", "rural", "mountain", "island"), metres.
    public var radiusMetres: [String: Double]
    /// Travel mode per zone name ("walk", "cycle", "drive").
    public var travelModes: [String: String]
    /// Canonical names of the eligible service kinds.
    public var kinds: [String]
    /// Side of the grid cells grouping uncovered residences, metres.
    public var areaCellSize: Double
    /// PROJ definition of the local projection used for distances and the area grid.
    public var projection: String
    public var pointsDataset: String?
    public var residencesDataset: String?
    /// The coordinate system each input was given in, by input ("points", "residences", "boundaries"),
    /// as `CoordinateSystem.canonicalName` ("GCJ-02"); every input is stored and computed in WGS84.
    public var inputSystems: [String: String] = [:]
    /// What the coordinate-system check found wrong with an input, one sentence each (empty when nothing).
    public var coordinateWarnings: [String] = []
    /// The travel model of a run by network travel ("network (roads FILE)"); nil for the straight-line
    /// estimate, whose descriptions stay as they were.
    public var travelModel: String? = nil
    /// In a run by network travel: residences farther than `accessMaxMetres` from every road of their
    /// mode, whose figures are the straight-line estimate.
    public var fallbackResidences: Int? = nil
    /// The profile's access distance of a run by network travel, metres.
    public var accessMaxMetres: Double? = nil

    public init(
        runID: Int64?, createdAt: String?, profileName: String, minutes: Double, radiusMetres: [String: Double],
        travelModes: [String: String], kinds: [String], areaCellSize: Double, projection: String,
        pointsDataset: String?, residencesDataset: String?
    ) {
        self.runID = runID
        self.createdAt = createdAt
        self.profileName = profileName
        self.minutes = minutes
        self.radiusMetres = radiusMetres
        self.travelModes = travelModes
        self.kinds = kinds
        self.areaCellSize = areaCellSize
        self.projection = projection
        self.pointsDataset = pointsDataset
        self.residencesDataset = residencesDataset
    }

    /// The description of a run with these parameters; the profile must be valid (every zone has a mode).
    public init(
        runID: Int64? = nil, createdAt: String? = nil, parameters: CoverageParameters, projectionDefinition: String,
        pointsDataset: String? = nil, residencesDataset: String? = nil
    ) {
        let profile = parameters.profile
        self.init(
            runID: runID, createdAt: createdAt, profileName: profile.name, minutes: profile.minutes,
            radiusMetres: Dictionary(uniqueKeysWithValues: Zone.allCases.map { ($0.name, profile.radius(for: $0)) }),
            travelModes: Dictionary(
                uniqueKeysWithValues: Zone.allCases.compactMap { zone in profile.zoneModes[zone].map { (zone.name, $0.rawValue) } }),
            kinds: ServiceKinds.names.filter { parameters.kinds.contains($0.kind) }.map(\.name),
            areaCellSize: parameters.areaCellSize, projection: projectionDefinition, pointsDataset: pointsDataset,
            residencesDataset: residencesDataset)
    }

    /// One line for the head of a table: run, profile, minutes and each zone's radius and mode.
    public var summary: String {
        let zones = Zone.allCases.compactMap { zone -> String? in
            guard let radius = radiusMetres[zone.name] else { return nil }
            let mode = travelModes[zone.name].map { " \($0)" } ?? ""
            return "\(zone.name) \(TextTable.grouped(radius)) m\(mode)"
        }
        let run = runID.map { "Run \($0): profile" } ?? "Profile"
        return "\(run) \(profileName), \(OutputFormat.plainNumber(minutes)) min; radius \(zones.joined(separator: ", "))"
            + (inputSystems.isEmpty ? "" : "; input coordinates \(systemsList)") + travelClause
    }

    /// "; travel network (roads F); 3 residences farther than 500 m from a road of their mode by
    /// straight-line estimate", empty for a run by the straight-line estimate.
    var travelClause: String {
        guard let travelModel else { return "" }
        let fallback = fallbackResidences ?? 0
        let access = accessMaxMetres.map { " \(TextTable.grouped($0)) m" } ?? ""
        return "; travel \(travelModel); \(TextTable.grouped(Double(fallback))) residence\(fallback == 1 ? "" : "s") "
            + "farther than\(access) from a road of their mode by straight-line estimate"
    }

    /// The inputs' systems in a fixed order: "points GCJ-02, residences WGS84, boundaries WGS84".
    public var systemsList: String {
        let order = ["points", "residences", "boundaries"]
        let keys = order.filter { inputSystems[$0] != nil } + inputSystems.keys.filter { !order.contains($0) }.sorted()
        return keys.map { "\($0) \(inputSystems[$0]!)" }.joined(separator: ", ")
    }

    /// The coordinate warnings as lines for a text heading ("warning: …").
    public var warningLines: [String] { coordinateWarnings.map { "warning: \($0)" } }

    enum CodingKeys: String, CodingKey {
        case runID, createdAt, profileName, minutes, radiusMetres, travelModes, kinds, areaCellSize, projection
        case pointsDataset, residencesDataset
    }

    /// Writes every key, with null for missing values, so readers see the full shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(profileName, forKey: .profileName)
        try container.encode(minutes, forKey: .minutes)
        try container.encode(radiusMetres, forKey: .radiusMetres)
        try container.encode(travelModes, forKey: .travelModes)
        try container.encode(kinds, forKey: .kinds)
        try container.encode(areaCellSize, forKey: .areaCellSize)
        try container.encode(projection, forKey: .projection)
        try container.encode(pointsDataset, forKey: .pointsDataset)
        try container.encode(residencesDataset, forKey: .residencesDataset)
        // Not in CodingKeys, so that descriptions written before them still decode; written when known
        // (every run the session describes has its systems; warnings only when there are some).
        var systems = encoder.container(keyedBy: SystemKeys.self)
        if !inputSystems.isEmpty { try systems.encode(inputSystems, forKey: .inputSystems) }
        if !coordinateWarnings.isEmpty { try systems.encode(coordinateWarnings, forKey: .coordinateWarnings) }
        // Only for runs by network travel, so the straight-line estimate's JSON is unchanged.
        try systems.encodeIfPresent(travelModel, forKey: .travelModel)
        try systems.encodeIfPresent(fallbackResidences, forKey: .fallbackResidences)
        try systems.encodeIfPresent(accessMaxMetres, forKey: .accessMaxMetres)
    }

    enum SystemKeys: String, CodingKey {
        case inputSystems, coordinateWarnings, travelModel, fallbackResidences, accessMaxMetres
    }
}

extension OutputFormat {
    /// Pretty-printed, sorted keys, no `\/`: stable output that diffs well.
    package static func jsonEncoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    package static func json(_ value: some Encodable, pretty: Bool = true) throws -> String {
        String(decoding: try jsonEncoder(pretty: pretty).encode(value), as: UTF8.self)
    }

    /// Non-finite values (no reachable point) become nil: JSON has no infinity.
    static func finite(_ value: Double?) -> Double? {
        value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// Shortest text that reads back to the same Double; integers without ".0".
    static func plainNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// One CSV record (RFC 4180): fields with a comma, quote, CR or LF are quoted, quotes doubled; a
    /// field a spreadsheet would run as a formula gets a leading `'` first (`SpreadsheetCell`).
    static func csvRecord(_ fields: [String]) -> String {
        fields.map { field in
            let field = SpreadsheetCell.neutralised(field)
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
                return field
            }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\n"
    }

    /// A CSV number field: full precision, empty when missing.
    static func csvNumber(_ value: Double?) -> String {
        value.map(plainNumber) ?? ""
    }
}
