import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleRoads
import LegalCircleSession
import Projection

/// `GET /api/nearest?lon=&lat=&crs=&kinds=&count=&zone=`: the nearest stations to a location.
///
/// The answer is written straight into bytes (fixed fields precomputed per station): at 20,000
/// requests a second there is no room for a database read or a `JSONEncoder` per request.
enum NearestEndpoint {
    /// The coordinate systems a location may be given (and is answered) in.
    static let systems: [String: CoordinateSystem] = ["wgs84": .wgs84, "gcj02": .gcj02, "bd09": .bd09]
    static let countRange = 1...50
    static let defaultCount = 5
    /// Straight-line distances times the zone's circuity and speed: without stored roads, or for a
    /// location off the roads of its mode.
    static let straightLine = "straight-line estimate"
    /// A station's minutes by the stored roads.
    static let network = "network"

    /// A parsed, validated query.
    struct Query: Sendable {
        var location: QueryLocation
        var crs: String
        var kinds: ServiceKinds?
        var count: Int
        /// Nil: the zone the stored data give the location (`LocationZoneRule`).
        var zone: Zone?
    }

    static func parse(_ parameters: Parameters) throws(APIError) -> Query {
        func number(_ name: String, in range: ClosedRange<Double>) throws(APIError) -> Double {
            guard let text = parameters.get(name) else { throw .badRequest("\(name) is required (degrees)") }
            guard let value = Double(text), value.isFinite else { throw .badRequest("\(name) must be a number of degrees, not \"\(text)\"") }
            guard range.contains(value) else {
                throw .badRequest("\(name) must be within \(Int(range.lowerBound))…\(Int(range.upperBound)), not \(text)")
            }
            return value
        }
        let lon = try number("lon", in: -180...180)
        let lat = try number("lat", in: -90...90)
        let crs = (parameters.get("crs") ?? "wgs84").lowercased()
        guard systems[crs] != nil else { throw .badRequest("crs must be wgs84, gcj02 or bd09, not \"\(crs)\"") }
        var kinds: ServiceKinds?
        if let list = parameters.get("kinds"), !list.isEmpty {
            // Commas as in most query strings, or semicolons as in the CSV files.
            guard let parsed = ServiceKinds(list: list.replacingOccurrences(of: ",", with: ";")) else {
                throw .badRequest("kinds must be a comma-separated list of \(ServiceKinds.names.map(\.name).joined(separator: ", ")), not \"\(list)\"")
            }
            kinds = parsed
        }
        var count = defaultCount
        if let text = parameters.get("count") {
            guard let value = Int(text), countRange.contains(value) else {
                throw .badRequest("count must be a whole number within \(countRange.lowerBound)…\(countRange.upperBound), not \"\(text)\"")
            }
            count = value
        }
        var zone: Zone?
        if let text = parameters.get("zone") {
            guard let value = Zone(name: text) else {
                throw .badRequest("zone must be one of \(Zone.allCases.map(\.name).joined(separator: ", ")), not \"\(text)\"")
            }
            zone = value
        }
        return Query(location: QueryLocation(x: lon, y: lat, system: crs), crs: crs, kinds: kinds, count: count, zone: zone)
    }

    /// The answer's JSON bytes.
    static func answer(_ query: Query, stations: StationIndex) throws(APIError) -> [UInt8] {
        let here: GeoCoordinate
        do {
            here = try CoverageSession.wgs84(query.location)
        } catch {
            throw .badRequest("\(error)")
        }
        let (zone, zoneSource) = query.zone.map { ($0, ZoneSource.request) }
            ?? stations.zones.zone(longitude: here.longitude, latitude: here.latitude)
        let mode = stations.profile.zoneModes[zone] ?? .walk
        let nearby = stations.index(for: query.kinds).nearest(to: here, zone: zone, count: query.count, profile: stations.profile)
        // Seconds over the roads per listed station; nil without roads or off the roads of the mode.
        let roadSeconds = stations.roads?.seconds(from: here, mode: mode, to: nearby.map(\.index))
        var json = JSONBytes(capacity: 256 + nearby.count * 320)
        json.raw("{\"crs\":")
        json.string(query.crs)
        json.raw(",\"query\":{\"lon\":")
        json.number(query.location.x)
        json.raw(",\"lat\":")
        json.number(query.location.y)
        json.raw("},\"zone\":")
        json.string(zone.name)
        json.raw(",\"zoneSource\":")
        json.string(zoneSource.rawValue)
        json.raw(",\"mode\":")
        json.string(mode.rawValue)
        json.raw(",\"travelModel\":")
        json.string(roadSeconds == nil ? straightLine : stations.roads?.travel.modelName ?? straightLine)
        if let roads = stations.roads {
            json.raw(",\"offRoad\":")
            json.raw(roadSeconds == nil ? "true" : "false")
            json.raw(",\"cutoffMinutes\":")
            json.fixed(roads.cutoffSeconds / 60, decimals: 2)
        }
        json.raw(",\"dataset\":")
        json.string(stations.datasetName)
        json.raw(",\"stations\":[")
        let system = systems[query.crs] ?? .wgs84
        for (offset, near) in nearby.enumerated() {
            if offset > 0 { json.byte(UInt8(ascii: ",")) }
            json.byte(UInt8(ascii: "{"))
            json.bytes.append(contentsOf: stations.fixedJSON[near.index])
            let location = stations.points[near.index].location
            let shown = converted(location, to: system)
            json.raw(",\"lon\":")
            json.fixed(shown.longitude, decimals: 7)
            json.raw(",\"lat\":")
            json.fixed(shown.latitude, decimals: 7)
            json.raw(",\"distanceMetres\":")
            json.fixed(near.distance, decimals: 1)
            if let seconds = roadSeconds?[offset] {
                // Beyond the cut-off the roads give no minutes: null, not an invented figure.
                json.raw(",\"minutes\":")
                if seconds.isFinite { json.fixed(seconds / 60, decimals: 2) } else { json.raw("null") }
                json.raw(",\"travelModel\":\"\(network)\",\"beyondCutoff\":")
                json.raw(seconds.isFinite ? "false" : "true")
                json.raw(seconds / 60 <= stations.profile.minutes ? ",\"withinCircle\":true}" : ",\"withinCircle\":false}")
            } else {
                json.raw(",\"minutes\":")
                json.fixed(near.minutes, decimals: 2)
                json.raw(",\"travelModel\":\"\(straightLine)\"")
                json.raw(near.withinCircle ? ",\"withinCircle\":true}" : ",\"withinCircle\":false}")
            }
        }
        json.raw("]}\n")
        return json.bytes
    }

    /// A WGS84 location in the asked system (the offsets of `ChineseOffsets`, as `--out-crs` uses).
    static func converted(_ location: GeoCoordinate, to system: CoordinateSystem) -> GeoCoordinate {
        let (lon, lat): (Double, Double)
        switch system {
        case .gcj02: (lon, lat) = ChineseOffsets.wgs84ToGCJ02(longitude: location.longitude, latitude: location.latitude)
        case .bd09: (lon, lat) = ChineseOffsets.wgs84ToBD09(longitude: location.longitude, latitude: location.latitude)
        default: return location
        }
        return GeoCoordinate(longitude: lon, latitude: lat)
    }
}

extension JSONBytes {
    /// A number with at most `decimals` decimals (trailing zeros dropped), without Foundation's
    /// formatter; null when not finite.
    mutating func fixed(_ value: Double, decimals: Int) {
        guard value.isFinite, abs(value) < 1e12 else { return number(value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        if value < 0, scaled != 0 { byte(UInt8(ascii: "-")) }
        var divisor: Int64 = 1
        for _ in 0..<decimals { divisor *= 10 }
        integer(scaled / divisor)
        var fraction = scaled % divisor
        guard fraction != 0 else { return }
        byte(UInt8(ascii: "."))
        var digits = decimals
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        var text = [UInt8](repeating: UInt8(ascii: "0"), count: digits)
        for position in stride(from: digits - 1, through: 0, by: -1) {
            text[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
            fraction /= 10
        }
        bytes.append(contentsOf: text)
    }
}
