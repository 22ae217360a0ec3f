import Foundation

/// How far one travel mode gets in the target time: either a speed and a circuity factor (network
/// distance / straight-line distance), or a straight-line radius given directly by a policy.
public struct ModeParameters: Sendable, Equatable, Codable {
    /// The two ways a profile states a mode's reach.
    public enum Reach: Sendable, Equatable {
        /// km/h along the network (`speed_kmh`) and network distance / straight-line distance
        /// (`circuity`, ≥ 1).
        case network(speedKmPerHour: Double, circuity: Double)
        /// Straight-line reach in metres when a policy states it directly (`radius_m`).
        case radius(metres: Double)
    }

    public var reach: Reach
    /// Where the figures come from.
    public var source: String?

    public init(speedKmPerHour: Double, circuity: Double, source: String? = nil) {
        reach = .network(speedKmPerHour: speedKmPerHour, circuity: circuity)
        self.source = source
    }

    public init(radiusMetres: Double, source: String? = nil) {
        reach = .radius(metres: radiusMetres)
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case speedKmPerHour = "speed_kmh", circuity, radiusMetres = "radius_m", source
    }

    /// `radius_m` when present (it wins over a speed), else both `speed_kmh` and `circuity`.
    /// - Throws: `ProfileError` naming the mode when neither is complete.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        if let radius = try container.decodeIfPresent(Double.self, forKey: .radiusMetres) {
            reach = .radius(metres: radius)
            return
        }
        let mode = decoder.codingPath.last?.stringValue ?? "mode"
        guard let speed = try container.decodeIfPresent(Double.self, forKey: .speedKmPerHour) else {
            throw ProfileError("\(mode): give speed_kmh (positive) and circuity, or radius_m")
        }
        guard let circuity = try container.decodeIfPresent(Double.self, forKey: .circuity) else {
            throw ProfileError("\(mode): circuity must be at least 1 (network distance / straight-line distance)")
        }
        reach = .network(speedKmPerHour: speed, circuity: circuity)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch reach {
        case .network(let speed, let circuity):
            try container.encode(speed, forKey: .speedKmPerHour)
            try container.encode(circuity, forKey: .circuity)
        case .radius(let metres):
            try container.encode(metres, forKey: .radiusMetres)
        }
        try container.encodeIfPresent(source, forKey: .source)
    }
}

/// The 15-minute rule: a target time, a travel mode per zone and each mode's parameters.
public struct TravelProfile: Sendable, Equatable, Codable {
    public var name: String
    public var minutes: Double
    public var zoneModes: [Zone: TravelMode]
    public var modes: [TravelMode: ModeParameters]
    /// Bridges, tunnels and causeways joining land masses (`"links"`; none when absent).
    public var links: [FixedLink]
    /// Thresholds of `--classify-zones` (`"zoneClassification"`; the defaults when absent).
    public var zoneClassification: ZoneClassification
    /// Speeds and rules of the road graphs (`"roads"`; `RoadProfile.standard` when absent).
    public var roads: RoadProfile = .standard

    /// - Throws: `ProfileError` when a zone has no mode or a mode no usable figures (`validate`).
    public init(
        name: String, minutes: Double, zoneModes: [Zone: TravelMode], modes: [TravelMode: ModeParameters],
        links: [FixedLink] = [], zoneClassification: ZoneClassification = .standard, roads: RoadProfile = .standard
    ) throws {
        self.init(
            unchecked: name, minutes: minutes, zoneModes: zoneModes, modes: modes, links: links,
            zoneClassification: zoneClassification)
        self.roads = roads
        try validate()
    }

    /// For figures known to be valid (`standard`, which a test keeps equal to the shipped file).
    private init(
        unchecked name: String, minutes: Double, zoneModes: [Zone: TravelMode], modes: [TravelMode: ModeParameters],
        links: [FixedLink], zoneClassification: ZoneClassification
    ) {
        self.name = name
        self.minutes = minutes
        self.zoneModes = zoneModes
        self.modes = modes
        self.links = links
        self.zoneClassification = zoneClassification
    }

    /// The same profile with another target time (`--minutes`).
    public func with(minutes: Double) -> TravelProfile {
        var copy = self
        copy.minutes = minutes
        return copy
    }

    /// The figures of the mode residents of `zone` use.
    /// - Precondition: the profile is valid, as every initialiser checks (`validate`); only editing
    ///   `zoneModes` or `modes` afterwards can break that.
    public func parameters(for zone: Zone) -> ModeParameters {
        guard let mode = zoneModes[zone], let parameters = modes[mode] else {
            preconditionFailure("profile \(name): zone \(zone) has no travel mode with figures; validate() after editing it")
        }
        return parameters
    }

    /// Straight-line reach in metres for residents of `zone`: `speed · minutes / circuity`, or the
    /// policy radius (scaled by minutes / profile minutes is not done: a policy radius is fixed).
    public func radius(for zone: Zone) -> Double {
        switch parameters(for: zone).reach {
        case .radius(let metres): metres
        case .network(let speed, let circuity): speed * 1000 / 60 * minutes / circuity
        }
    }

    /// Estimated minutes to travel `distance` metres (straight line) for residents of `zone`:
    /// `distance · circuity / speed`; for a policy radius, in proportion to the radius.
    public func minutes(distance: Double, zone: Zone) -> Double {
        switch parameters(for: zone).reach {
        case .radius(let metres): distance / metres * minutes
        case .network(let speed, let circuity): distance * circuity / (speed * 1000 / 60)
        }
    }

    /// Per-zone radius and minutes-per-metre, for hot loops indexed by `Zone.rawValue`.
    public var zoneTable: ZoneTable { ZoneTable(profile: self) }

    enum CodingKeys: String, CodingKey { case name, minutes, zoneModes = "zones", modes, links, zoneClassification, roads }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let minutes = try container.decode(Double.self, forKey: .minutes)
        let zoneNames = try container.decode([String: String].self, forKey: .zoneModes)
        let modeEntries = try container.decode([String: ModeParameters].self, forKey: .modes)
        var zoneModes: [Zone: TravelMode] = [:]
        for (zoneName, modeName) in zoneNames {
            guard let zone = Zone(name: zoneName) else {
                throw ProfileError("unknown zone \"\(zoneName)\" in \"zones\"; zones are urban, rural, mountain, island")
            }
            guard let mode = TravelMode(rawValue: modeName) else {
                throw ProfileError("unknown travel mode \"\(modeName)\" for zone \(zoneName); modes are walk, cycle, drive")
            }
            zoneModes[zone] = mode
        }
        var modes: [TravelMode: ModeParameters] = [:]
        for (modeName, parameters) in modeEntries {
            guard let mode = TravelMode(rawValue: modeName) else {
                throw ProfileError("unknown travel mode \"\(modeName)\" in \"modes\"; modes are walk, cycle, drive")
            }
            modes[mode] = parameters
        }
        let links = try container.decodeIfPresent([FixedLink].self, forKey: .links) ?? []
        let zoneClassification =
            try container.decodeIfPresent(ZoneClassification.self, forKey: .zoneClassification) ?? .standard
        let roads = try container.decodeIfPresent(RoadProfile.self, forKey: .roads) ?? .standard
        try self.init(
            name: name, minutes: minutes, zoneModes: zoneModes, modes: modes, links: links,
            zoneClassification: zoneClassification, roads: roads)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(minutes, forKey: .minutes)
        try container.encode(
            Dictionary(uniqueKeysWithValues: zoneModes.map { ($0.key.name, $0.value.rawValue) }), forKey: .zoneModes)
        try container.encode(
            Dictionary(uniqueKeysWithValues: modes.map { ($0.key.rawValue, $0.value) }), forKey: .modes)
        if !links.isEmpty { try container.encode(links, forKey: .links) }
        try container.encode(zoneClassification, forKey: .zoneClassification)
        if roads != .standard { try container.encode(roads, forKey: .roads) }
    }

    /// Checks that every zone has a mode and every used mode has usable figures.
    public func validate() throws {
        try roads.validate()
        guard minutes > 0, minutes.isFinite else { throw ProfileError("minutes must be a positive number, got \(minutes)") }
        for zone in Zone.allCases {
            guard let mode = zoneModes[zone] else { throw ProfileError("zone \(zone) has no travel mode in \"zones\"") }
            guard let parameters = modes[mode] else { throw ProfileError("travel mode \(mode.rawValue) (zone \(zone)) has no entry in \"modes\"") }
            switch parameters.reach {
            case .radius(let radius):
                guard radius > 0, radius.isFinite else { throw ProfileError("\(mode.rawValue): radius_m must be positive") }
            case .network(let speed, let circuity):
                guard speed > 0, speed.isFinite else {
                    throw ProfileError("\(mode.rawValue): give speed_kmh (positive) and circuity, or radius_m")
                }
                guard circuity >= 1, circuity.isFinite else {
                    throw ProfileError("\(mode.rawValue): circuity must be at least 1 (network distance / straight-line distance)")
                }
            }
        }
    }

    /// Decodes a profile a user gives, and checks its figures against `InputBounds` (`checkBounds`).
    /// - Throws: `ProfileError` naming the problem in words (never the decoder's own text).
    public static func decode(json: Data) throws -> TravelProfile {
        let profile: TravelProfile
        do {
            profile = try JSONDecoder().decode(TravelProfile.self, from: json)
        } catch let error as ProfileError {
            throw error
        } catch {
            throw ProfileError(DecodingProblem.describe(error, json: json))
        }
        try profile.checkBounds()
        return profile
    }

    /// The defaults also shipped as `data/profiles/default.json` (a test keeps the two equal).
    public static let standard = TravelProfile(
        unchecked: "default", minutes: 15,
        zoneModes: [.urban: .walk, .rural: .cycle, .mountain: .drive, .island: .drive],
        modes: [
            .walk: ModeParameters(speedKmPerHour: 4.8, circuity: 1.2),
            .cycle: ModeParameters(speedKmPerHour: 12, circuity: 1.3),
            .drive: ModeParameters(speedKmPerHour: 30, circuity: 1.4),
        ],
        links: FixedLink.zhejiang, zoneClassification: .standard)
}

/// Radius and minutes per metre for each zone, indexed by `Zone.rawValue`.
public struct ZoneTable: Sendable {
    public let radius: [Double]
    public let minutesPerMetre: [Double]

    init(profile: TravelProfile) {
        radius = Zone.allCases.map { profile.radius(for: $0) }
        minutesPerMetre = Zone.allCases.map { profile.minutes(distance: 1, zone: $0) }
    }

    /// The straight-line estimate for a residence of `zone` at `metres` from its nearest point: the
    /// minutes by the zone's mode, and whether it lies within the zone's radius. The one place the rule
    /// is written; +infinity (no point) gives +infinity minutes and not covered.
    @inlinable
    public func estimate(metres: Double, zone: Zone) -> (minutes: Double, covered: Bool) {
        let index = Int(zone.rawValue)
        return (metres * minutesPerMetre[index], metres <= radius[index])
    }
}

public struct ProfileError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "profile: \(message)" }
}
