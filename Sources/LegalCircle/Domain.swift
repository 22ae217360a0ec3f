/// A position in degrees on WGS84 / CGCS2000 (the two differ by less than 1 m).
public struct GeoCoordinate: Hashable, Sendable, Codable {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }
}

/// A position in metres in the run's local projection.
public struct PlanarPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// The settlement zone of a residence; it decides the travel mode.
public enum Zone: UInt8, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case urban, rural, mountain, island

    public var name: String {
        switch self {
        case .urban: "urban"
        case .rural: "rural"
        case .mountain: "mountain"
        case .island: "island"
        }
    }

    public init?(name: String) {
        guard let zone = Zone.allCases.first(where: { $0.name == name }) else { return nil }
        self = zone
    }

    public var description: String { name }

    /// Encoded by name (`"urban"`), as in CSV files and reports.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let zone = Zone(name: name) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown zone \"\(name)\"; zones are urban, rural, mountain, island")
        }
        self = zone
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

/// How residents of a zone travel to a service point.
public enum TravelMode: String, CaseIterable, Sendable, Codable {
    case walk, cycle, drive
}

/// The administrative level of a service point.
public enum ServiceLevel: String, CaseIterable, Sendable, Codable {
    case province, city, county, township, village, grid
}

/// The services a point offers; a comprehensive station offers several.
public struct ServiceKinds: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let consultation = ServiceKinds(rawValue: 1 << 0)
    public static let legalAid = ServiceKinds(rawValue: 1 << 1)
    public static let mediation = ServiceKinds(rawValue: 1 << 2)
    public static let notary = ServiceKinds(rawValue: 1 << 3)
    public static let lawyer = ServiceKinds(rawValue: 1 << 4)
    public static let forensic = ServiceKinds(rawValue: 1 << 5)
    public static let arbitration = ServiceKinds(rawValue: 1 << 6)
    public static let publicity = ServiceKinds(rawValue: 1 << 7)
    public static let all: ServiceKinds = ServiceKinds(rawValue: (1 << 8) - 1)

    /// Canonical names in the order of the bits, as written in CSV files.
    public static let names: [(name: String, kind: ServiceKinds)] = [
        ("consultation", .consultation), ("legal_aid", .legalAid), ("mediation", .mediation),
        ("notary", .notary), ("lawyer", .lawyer), ("forensic", .forensic),
        ("arbitration", .arbitration), ("publicity", .publicity),
    ]

    /// Parses one canonical name (`legal_aid`), nil if unknown.
    public init?(name: String) {
        guard let entry = Self.names.first(where: { $0.name == name }) else { return nil }
        self = entry.kind
    }

    /// Parses a `;`-separated list (`mediation;legal_aid`); nil if any name is unknown or the list is empty.
    public init?(list: String) {
        var kinds = ServiceKinds()
        for part in list.split(separator: ";") {
            let name = part.trimmingCharacters(in: " ")
            guard let kind = ServiceKinds(name: name) else { return nil }
            kinds.insert(kind)
        }
        guard !kinds.isEmpty else { return nil }
        self = kinds
    }

    /// The canonical names, in bit order.
    public var canonicalNames: [String] {
        Self.names.filter { contains($0.kind) }.map(\.name)
    }

    /// The `;`-separated canonical names, in bit order.
    public var list: String { canonicalNames.joined(separator: ";") }
}

extension Substring {
    /// Without leading and trailing `set`. (Reversing twice built a String per call and cost a stored
    /// report a second for 40 k points.)
    func trimmingCharacters(in set: Character) -> String {
        guard let first = firstIndex(where: { $0 != set }), let last = lastIndex(where: { $0 != set }) else { return "" }
        return String(self[first...last])
    }
}

/// A public legal service point.
public struct ServicePoint: Hashable, Sendable {
    public var id: String
    public var name: String
    public var kinds: ServiceKinds
    public var level: ServiceLevel
    public var location: GeoCoordinate
    /// 6-digit administrative code, or nil when not known yet.
    public var county: String?

    public init(
        id: String, name: String, kinds: ServiceKinds, level: ServiceLevel, location: GeoCoordinate,
        county: String?
    ) {
        self.id = id
        self.name = name
        self.kinds = kinds
        self.level = level
        self.location = location
        self.county = county
    }
}

/// A residence: a building, a village or a population grid cell.
public struct Residence: Hashable, Sendable {
    public var id: String
    public var location: GeoCoordinate
    /// Head count; 1 for a single dwelling. Fractional values come from population grids.
    public var population: Double
    public var county: String?
    public var zone: Zone

    public init(id: String, location: GeoCoordinate, population: Double, county: String?, zone: Zone) {
        self.id = id
        self.location = location
        self.population = population
        self.county = county
        self.zone = zone
    }
}
