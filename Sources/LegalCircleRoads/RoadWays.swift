import Foundation
import LegalCircle

/// Direction of travel a way allows for vehicles (OSM `oneway`; implied on motorways and roundabouts
/// as in OSRM's car profile). Walking ignores it.
public enum Oneway: Int8, Sendable, Equatable {
    /// Both directions.
    case no = 0
    /// Only in the order of the way's nodes.
    case forward = 1
    /// Only against it (`oneway=-1`).
    case backward = -1
}

/// Modes a way's access tags forbid (`access`, `foot`, `bicycle`, `motor_vehicle`, `motorcar` = no/private).
public struct DeniedModes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let walk = DeniedModes(rawValue: 1)
    public static let cycle = DeniedModes(rawValue: 2)
    public static let drive = DeniedModes(rawValue: 4)
    public static let all: DeniedModes = [.walk, .cycle, .drive]

    public func contains(mode: TravelMode) -> Bool {
        switch mode {
        case .walk: contains(.walk)
        case .cycle: contains(.cycle)
        case .drive: contains(.drive)
        }
    }
}

/// What the graphs need of one way's tags.
public struct WayTags: Sendable, Equatable {
    public var roadClass: RoadClass
    public var oneway: Oneway
    /// Tagged `maxspeed` in km/h, 0 when absent or unreadable.
    public var maxspeedKmPerHour: Float
    /// A ferry's tagged `duration` in minutes, 0 when absent.
    public var durationMinutes: Float
    public var denied: DeniedModes

    public init(
        roadClass: RoadClass, oneway: Oneway = .no, maxspeedKmPerHour: Float = 0, durationMinutes: Float = 0,
        denied: DeniedModes = []
    ) {
        self.roadClass = roadClass
        self.oneway = oneway
        self.maxspeedKmPerHour = maxspeedKmPerHour
        self.durationMinutes = durationMinutes
        self.denied = denied
    }

    /// Tags of a way from its OSM (or GeoJSON property) key/value pairs, or nil when it is neither a road
    /// class the graphs use nor a ferry. `highway` wins over `route=ferry` when both are present.
    public init?(tags: [(key: String, value: String)]) {
        var highway: String?
        var isFerry = false
        var onewayValue: String?
        var junction: String?
        var maxspeed: String?
        var duration: String?
        var denied: DeniedModes = []
        for (key, value) in tags {
            switch key {
            case "highway": highway = value
            case "route": if value == "ferry" { isFerry = true }
            case "oneway": onewayValue = value
            case "junction": junction = value
            case "maxspeed": maxspeed = value
            case "duration": duration = value
            case "access": if Self.forbids(value) { denied = .all }
            case "foot": if Self.forbids(value) { denied.insert(.walk) }
            case "bicycle": if Self.forbids(value) { denied.insert(.cycle) }
            case "motor_vehicle", "motorcar": if Self.forbids(value) { denied.insert(.drive) }
            case "area": if value == "yes" { denied = .all }  // a pedestrian square's outline is not a street
            default: break
            }
        }
        let roadClass: RoadClass
        if let highway, let found = RoadClass(osmValue: highway) {
            roadClass = found
        } else if isFerry {
            roadClass = .ferry
        } else {
            return nil
        }
        var oneway = Oneway.no
        switch onewayValue {
        case "yes", "true", "1": oneway = .forward
        case "-1", "reverse": oneway = .backward
        case "no", "false", "0": oneway = .no
        default:
            if junction == "roundabout" || roadClass == .motorway { oneway = .forward }
        }
        self.init(
            roadClass: roadClass, oneway: oneway, maxspeedKmPerHour: maxspeed.map(Self.parseMaxspeed) ?? 0,
            durationMinutes: duration.map(Self.parseDurationMinutes) ?? 0, denied: denied)
    }

    static func forbids(_ value: String) -> Bool { value == "no" || value == "private" }

    /// km/h of a `maxspeed` value: "50", "50 km/h", "30 mph"; 0 for "none", "walk" or a zone code.
    public static func parseMaxspeed(_ value: String) -> Float {
        let digits = value.prefix { $0.isNumber || $0 == "." }
        guard let number = Float(digits), number > 0 else { return 0 }
        return value.contains("mph") ? number * 1.609_344 : number
    }

    /// Minutes of a ferry `duration`: "HH:MM", "HH:MM:SS" or a number of minutes.
    public static func parseDurationMinutes(_ value: String) -> Float {
        let parts = value.split(separator: ":").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return 0 }
        let numbers = parts.map { $0! }
        switch numbers.count {
        case 1: return numbers[0]
        case 2: return numbers[0] * 60 + numbers[1]
        case 3: return numbers[0] * 60 + numbers[1] + numbers[2] / 60
        default: return 0
        }
    }
}

/// Roads as read from a file: the nodes the roads use and each way's nodes and tags. PBF ways join at
/// shared node ids; GeoJSON/GeoPackage lines where vertices coincide within `RoadLineJoiner.tolerance`.
public struct RoadWays: Sendable {
    /// Longitude and latitude (WGS84 degrees) per node.
    public var longitudes: [Double]
    public var latitudes: [Double]
    /// Way `w`'s nodes are `wayNodes[wayStarts[w] ..< wayStarts[w + 1]]`.
    public var wayStarts: [Int32]
    public var wayNodes: [Int32]
    public var tags: [WayTags]
    public var statistics: RoadReadStatistics

    public var nodeCount: Int { longitudes.count }
    public var wayCount: Int { tags.count }

    public init(
        longitudes: [Double], latitudes: [Double], wayStarts: [Int32], wayNodes: [Int32], tags: [WayTags],
        statistics: RoadReadStatistics
    ) {
        precondition(longitudes.count == latitudes.count && wayStarts.count == tags.count + 1)
        self.longitudes = longitudes
        self.latitudes = latitudes
        self.wayStarts = wayStarts
        self.wayNodes = wayNodes
        self.tags = tags
        self.statistics = statistics
    }

    /// The nodes of way `w`.
    public func nodes(ofWay w: Int) -> ArraySlice<Int32> { wayNodes[Int(wayStarts[w])..<Int(wayStarts[w + 1])] }
}

/// What reading roads counted, for the load summary.
public struct RoadReadStatistics: Sendable, Equatable, Codable {
    /// Every node, way and relation in the file (PBF; `osmium fileinfo -e` counts the same).
    public var fileNodes = 0
    public var fileWays = 0
    public var fileRelations = 0
    /// Ways (or lines) kept as roads or ferries.
    public var roadWays = 0
    /// References of road ways to nodes missing from the extract (the way is cut there).
    public var missingNodeReferences = 0
    /// GeoJSON/GeoPackage: vertices that joined another line's vertex within the tolerance.
    public var joinedVertices = 0
    /// Line ends that touch no other line (PBF: way ends used by no other way).
    public var danglingEnds = 0
    /// Bytes of the file read.
    public var fileBytes = 0

    public init() {}
}
