import Foundation

/// The classes of the OpenStreetMap `highway` tag the road graphs use (values outside this list are not
/// roads: construction, proposed, platform, raceway, bus_guideway, …), plus ferries (`route=ferry`).
public enum RoadClass: UInt8, CaseIterable, Sendable, Codable {
    case motorway, motorwayLink, trunk, trunkLink, primary, primaryLink, secondary, secondaryLink
    case tertiary, tertiaryLink, unclassified, residential, livingStreet, service, road, track
    case pedestrian, footway, path, cycleway, bridleway, steps, corridor
    case ferry

    /// The OSM value (`motorway_link`, `living_street`, …; `ferry` for `route=ferry`).
    public var osmValue: String {
        switch self {
        case .motorwayLink: "motorway_link"
        case .trunkLink: "trunk_link"
        case .primaryLink: "primary_link"
        case .secondaryLink: "secondary_link"
        case .tertiaryLink: "tertiary_link"
        case .livingStreet: "living_street"
        default: String(describing: self)
        }
    }

    private static let byOSMValue: [String: RoadClass] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.osmValue, $0) })

    /// The class of an OSM `highway` value, or nil when it is not a road the graphs use.
    public init?(osmValue: String) {
        guard let found = Self.byOSMValue[osmValue], found != .ferry else { return nil }
        self = found
    }

    /// Whether the class carries motor traffic (the drivable classes of OSRM's car profile).
    public var isDrivable: Bool {
        switch self {
        case .motorway, .motorwayLink, .trunk, .trunkLink, .primary, .primaryLink, .secondary, .secondaryLink,
            .tertiary, .tertiaryLink, .unclassified, .residential, .livingStreet, .service, .road, .ferry:
            true
        default: false
        }
    }

    /// Whether people walk on it: everything but motorways and trunk roads (and their links).
    public var isWalkable: Bool {
        switch self {
        case .motorway, .motorwayLink, .trunk, .trunkLink: false
        default: true
        }
    }

    /// Whether bicycles use it; `pushesBicycle` says where the rider walks beside it.
    public var isCyclable: Bool { isWalkable && self != .corridor }

    /// Footways, pedestrian streets and steps: cyclists push at the pushing speed (OSRM bicycle profile).
    public var pushesBicycle: Bool { self == .footway || self == .pedestrian || self == .steps }
}

/// How the road graphs turn OSM ways into seconds: per-class driving speeds, walking and cycling
/// speeds, ferries and the access leg. Read from a profile's optional `"roads"` object; a profile
/// without one gets `standard`, so older profile files decode as before.
public struct RoadProfile: Sendable, Equatable, Codable {
    /// Driving km/h per `highway` value, used where no `maxspeed` is tagged.
    public var driveKmPerHour: [RoadClass: Double]
    /// km/h on foot; nil: the profile's `walk` speed_kmh (else 5 km/h, OSRM foot.lua `walking_speed`).
    public var walkKmPerHour: Double?
    /// km/h by bicycle; nil: the profile's `cycle` speed_kmh (else 15 km/h, OSRM bicycle.lua `default_speed`).
    public var cycleKmPerHour: Double?
    /// km/h pushing a bicycle on footways, pedestrian streets and steps (OSRM bicycle.lua `walking_speed`, 4).
    public var pushingKmPerHour: Double
    /// Fraction of a tagged `maxspeed` used as the driving speed (1: the limit itself).
    public var maxspeedFactor: Double
    /// km/h on a ferry without a tagged `duration` (OSRM car.lua `route_speeds.ferry`, 5).
    public var ferryKmPerHour: Double
    /// Minutes added to every ferry crossing for waiting and boarding.
    public var ferryWaitMinutes: Double
    /// Residences (and stations) farther than this many metres from any usable road of their mode are
    /// not attached to the network: they keep the straight-line estimate and are counted and flagged.
    public var accessMaxMetres: Double
    /// Where the figures come from.
    public var source: String?

    public init(
        driveKmPerHour: [RoadClass: Double], walkKmPerHour: Double? = nil, cycleKmPerHour: Double? = nil,
        pushingKmPerHour: Double, maxspeedFactor: Double, ferryKmPerHour: Double, ferryWaitMinutes: Double,
        accessMaxMetres: Double, source: String? = nil
    ) {
        self.driveKmPerHour = driveKmPerHour
        self.walkKmPerHour = walkKmPerHour
        self.cycleKmPerHour = cycleKmPerHour
        self.pushingKmPerHour = pushingKmPerHour
        self.maxspeedFactor = maxspeedFactor
        self.ferryKmPerHour = ferryKmPerHour
        self.ferryWaitMinutes = ferryWaitMinutes
        self.accessMaxMetres = accessMaxMetres
        self.source = source
    }

    /// OSRM's car profile speeds (car.lua `speed_profile`, OSRM 5.x): motorway 90, motorway_link 45,
    /// trunk 85, trunk_link 40, primary 65, primary_link 30, secondary 55, secondary_link 25, tertiary 40,
    /// tertiary_link 20, unclassified and residential 25, living_street 10, service 15 km/h; `road`
    /// (unknown class) 25 as residential. Ferry 5 km/h (car.lua `route_speeds`), pushing 4 km/h
    /// (bicycle.lua `walking_speed`). A tagged `maxspeed` replaces the class speed (OSRM
    /// features/car/maxspeed.feature). The 10-minute ferry wait and the 500 m access limit are this
    /// package's assumptions: set them from local timetables and the population data's precision.
    public static let standard = RoadProfile(
        driveKmPerHour: [
            .motorway: 90, .motorwayLink: 45, .trunk: 85, .trunkLink: 40, .primary: 65, .primaryLink: 30,
            .secondary: 55, .secondaryLink: 25, .tertiary: 40, .tertiaryLink: 20, .unclassified: 25,
            .residential: 25, .livingStreet: 10, .service: 15, .road: 25,
        ],
        pushingKmPerHour: 4, maxspeedFactor: 1, ferryKmPerHour: 5, ferryWaitMinutes: 10, accessMaxMetres: 500,
        source: "Driving speeds per class: OSRM car profile (car.lua speed_profile); ferry 5 km/h: car.lua route_speeds; pushing 4 km/h: OSRM bicycle.lua walking_speed; tagged maxspeed replaces the class speed as in OSRM. Ferry wait 10 min and access limit 500 m: assumptions.")

    /// Checks that every figure is usable.
    public func validate() throws {
        for (roadClass, speed) in driveKmPerHour where !(speed > 0 && speed.isFinite) {
            throw ProfileError("roads.drive_kmh.\(roadClass.osmValue) must be a positive number")
        }
        for (name, value) in [
            ("walk_kmh", walkKmPerHour ?? 1), ("cycle_kmh", cycleKmPerHour ?? 1), ("pushing_kmh", pushingKmPerHour),
            ("maxspeed_factor", maxspeedFactor), ("ferry_kmh", ferryKmPerHour), ("access_max_m", accessMaxMetres),
        ] where !(value > 0 && value.isFinite) {
            throw ProfileError("roads.\(name) must be a positive number")
        }
        guard ferryWaitMinutes >= 0, ferryWaitMinutes.isFinite else {
            throw ProfileError("roads.ferry_wait_minutes must be zero or more")
        }
    }

    enum CodingKeys: String, CodingKey {
        case driveKmPerHour = "drive_kmh", walkKmPerHour = "walk_kmh", cycleKmPerHour = "cycle_kmh"
        case pushingKmPerHour = "pushing_kmh", maxspeedFactor = "maxspeed_factor", ferryKmPerHour = "ferry_kmh"
        case ferryWaitMinutes = "ferry_wait_minutes", accessMaxMetres = "access_max_m", source
    }

    /// Every key optional: a missing one keeps the standard figure; `drive_kmh` entries replace the
    /// standard ones class by class.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = RoadProfile.standard
        var drive = standard.driveKmPerHour
        for (name, speed) in try container.decodeIfPresent([String: Double].self, forKey: .driveKmPerHour) ?? [:] {
            guard let roadClass = RoadClass(osmValue: name) else {
                throw ProfileError("roads.drive_kmh: unknown highway class \"\(name)\"")
            }
            drive[roadClass] = speed
        }
        self.init(
            driveKmPerHour: drive,
            walkKmPerHour: try container.decodeIfPresent(Double.self, forKey: .walkKmPerHour),
            cycleKmPerHour: try container.decodeIfPresent(Double.self, forKey: .cycleKmPerHour),
            pushingKmPerHour: try container.decodeIfPresent(Double.self, forKey: .pushingKmPerHour) ?? standard.pushingKmPerHour,
            maxspeedFactor: try container.decodeIfPresent(Double.self, forKey: .maxspeedFactor) ?? standard.maxspeedFactor,
            ferryKmPerHour: try container.decodeIfPresent(Double.self, forKey: .ferryKmPerHour) ?? standard.ferryKmPerHour,
            ferryWaitMinutes: try container.decodeIfPresent(Double.self, forKey: .ferryWaitMinutes) ?? standard.ferryWaitMinutes,
            accessMaxMetres: try container.decodeIfPresent(Double.self, forKey: .accessMaxMetres) ?? standard.accessMaxMetres,
            source: try container.decodeIfPresent(String.self, forKey: .source) ?? standard.source)
        try validate()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(
            Dictionary(uniqueKeysWithValues: driveKmPerHour.map { ($0.key.osmValue, $0.value) }), forKey: .driveKmPerHour)
        try container.encodeIfPresent(walkKmPerHour, forKey: .walkKmPerHour)
        try container.encodeIfPresent(cycleKmPerHour, forKey: .cycleKmPerHour)
        try container.encode(pushingKmPerHour, forKey: .pushingKmPerHour)
        try container.encode(maxspeedFactor, forKey: .maxspeedFactor)
        try container.encode(ferryKmPerHour, forKey: .ferryKmPerHour)
        try container.encode(ferryWaitMinutes, forKey: .ferryWaitMinutes)
        try container.encode(accessMaxMetres, forKey: .accessMaxMetres)
        try container.encodeIfPresent(source, forKey: .source)
    }
}

extension TravelProfile {
    /// km/h of `mode` along roads: the roads section's figure, else the mode's `speed_kmh`, else OSRM's
    /// (foot 5, bicycle 15; driving uses the per-class speeds and this only for the access leg, 25).
    public func roadSpeed(of mode: TravelMode) -> Double {
        let own: Double? = switch mode {
        case .walk: roads.walkKmPerHour
        case .cycle: roads.cycleKmPerHour
        case .drive: nil
        }
        if let own { return own }
        if case .network(let speed, _) = modes[mode]?.reach { return speed }
        return switch mode {
        case .walk: 5
        case .cycle: 15
        case .drive: 25
        }
    }
}
