import Foundation

/// The coordinate system of input coordinates: what a planner's file came from.
///
/// - `wgs84`: GPS, OpenStreetMap, Google Earth (EPSG:4326), longitude/latitude in degrees.
/// - `cgcs2000`: China Geodetic Coordinate System 2000 (EPSG:4490), the national system of Tianditu
///   and of surveying offices, longitude/latitude in degrees. It differs from WGS84 by less than a
///   metre (CGCS2000 is ITRF97 at epoch 2000.0; plate motion since then is a few cm a year), so it is
///   used as WGS84 without change, as PROJ itself does (a "ballpark" operation).
/// - `gcj02`: Amap/Gaode and Tencent maps ("Mars coordinates"), degrees; see `ChineseOffsets`.
/// - `bd09`: Baidu maps (BD-09 longitude/latitude, "bd09ll"), degrees; see `ChineseOffsets`.
/// - `epsg(n)`: any geographic (degrees) or metre-based projected CRS in PROJ's EPSG database, e.g.
///   EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E, Zhejiang's usual survey grid) or EPSG:32651
///   (WGS 84 / UTM zone 51N). Projected coordinates are x = easting, y = northing whatever the
///   EPSG axis order (Chinese survey tables list X = northing first: swap those columns).
public enum CoordinateSystem: Hashable, Sendable, CustomStringConvertible {
    case wgs84
    case cgcs2000
    case gcj02
    case bd09
    case epsg(Int)

    /// Parses what a user typed, case-insensitively, ignoring spaces (and `-`, `_` in names):
    /// - `WGS84` (also `GPS`, `CRS84`, `OGC:CRS84`)
    /// - `CGCS2000` (also `EPSG:4490`, `国家2000`)
    /// - `GCJ-02` (also `GCJ`, `Amap`, `Gaode`, `Tencent`, `Mars`, `高德`, `腾讯`, `火星`, `国测局`)
    /// - `BD-09` (also `BD09LL`, `Baidu`, `百度`)
    /// - `EPSG:n` (also `EPSG::n`, `urn:ogc:def:crs:EPSG::n`), checked with PROJ (`proj_create`).
    ///   `EPSG:4326` stays `.epsg(4326)` and is converted as WGS84.
    /// - Throws: `CoordinateSystemError`: `.unrecognised` with the accepted forms; `.unknownCRS` with
    ///   PROJ's own reason (`EPSG:999999: PROJ does not know this CRS (crs not found)`);
    ///   `.unsupportedCRS` for geocentric, vertical, compound or non-metre projected CRSs.
    public init(parsing text: String) throws(CoordinateSystemError) {
        let input = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let compact = String(input.lowercased().filter { !$0.isWhitespace })
        let key = compact.filter { $0 != "-" && $0 != "_" }
        if let known = Self.aliases[key] {
            self = known
            return
        }
        if ["bd09mc", "bdmc", "baidumercator", "bd09meter", "bd09metre"].contains(key) {
            throw CoordinateSystemError(
                input: input, kind: .unrecognised,
                message: "Baidu Mercator metres (BD-09MC) are not supported; ask Baidu's API for BD-09 longitude/latitude (coordtype bd09ll)")
        }
        var digits: Substring?
        for prefix in ["urn:ogc:def:crs:epsg:", "epsg:"] where compact.hasPrefix(prefix) {
            // "EPSG::4549" and "urn:ogc:def:crs:EPSG:<version>:4549": the code is the last part.
            digits = compact.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false).last
            break
        }
        guard let digits else {
            let hint = key.allSatisfy(\.isNumber) && !key.isEmpty ? " (for an EPSG code write EPSG:\(key))" : ""
            throw CoordinateSystemError(
                input: input, kind: .unrecognised,
                message: "not a coordinate system\(hint); use WGS84, CGCS2000, GCJ-02 (Amap, Tencent), BD-09 (Baidu) "
                    + "or EPSG:<code>, e.g. EPSG:4549 for CGCS2000 / 3-degree Gauss-Kruger CM 120E")
        }
        guard (1...9).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let code = Int(digits), code > 0
        else {
            throw CoordinateSystemError(
                input: input, kind: .unrecognised, message: "an EPSG code is a positive whole number, e.g. EPSG:4549")
        }
        switch code {
        case 4490: self = .cgcs2000
        case 4326: self = .epsg(4326)
        default:
            _ = try ProjCRSInfo.lookUp(epsg: code, input: "EPSG:\(code)")
            self = .epsg(code)
        }
    }

    private static let aliases: [String: CoordinateSystem] = [
        "wgs84": .wgs84, "wgs1984": .wgs84, "gps": .wgs84, "crs84": .wgs84, "ogc:crs84": .wgs84,
        "urn:ogc:def:crs:ogc:1.3:crs84": .wgs84, "urn:ogc:def:crs:ogc::crs84": .wgs84,
        "cgcs2000": .cgcs2000, "cgcs": .cgcs2000, "国家2000": .cgcs2000, "2000国家大地坐标系": .cgcs2000,
        "gcj02": .gcj02, "gcj": .gcj02, "amap": .gcj02, "gaode": .gcj02, "autonavi": .gcj02, "tencent": .gcj02,
        "mars": .gcj02, "高德": .gcj02, "腾讯": .gcj02, "火星": .gcj02, "火星坐标": .gcj02, "国测局": .gcj02,
        "bd09": .bd09, "bd09ll": .bd09, "baidu": .bd09, "百度": .bd09,
    ]

    /// The text to record with a dataset; `init(parsing:)` reads it back: `WGS84`, `CGCS2000`,
    /// `GCJ-02`, `BD-09`, `EPSG:4549`.
    public var canonicalName: String {
        switch self {
        case .wgs84: "WGS84"
        case .cgcs2000: "CGCS2000"
        case .gcj02: "GCJ-02"
        case .bd09: "BD-09"
        case .epsg(let code): "EPSG:\(code)"
        }
    }

    public var description: String { canonicalName }

    /// The CRS as PROJ knows it (`EPSG:4326`, `EPSG:4490`, `EPSG:n`); nil for GCJ-02 and BD-09, which
    /// are offsets of WGS84 that PROJ does not implement.
    public var projDefinition: String? {
        switch self {
        case .wgs84: "EPSG:4326"
        case .cgcs2000: "EPSG:4490"
        case .gcj02, .bd09: nil
        case .epsg(let code): "EPSG:\(code)"
        }
    }

    /// Whether x/y are longitude/latitude in degrees (geographic) or easting/northing in metres
    /// (projected). Answered without PROJ for the named systems and EPSG:4326/4490; for other EPSG
    /// codes it asks PROJ (`proj_get_type`, `proj_cs_get_axis_info`), which takes about a millisecond.
    /// - Throws: `CoordinateSystemError` for an EPSG code PROJ does not know or that cannot be used.
    public var unit: CoordinateUnit {
        get throws(CoordinateSystemError) {
            switch self {
            case .wgs84, .cgcs2000, .gcj02, .bd09, .epsg(4326), .epsg(4490): .degrees
            case .epsg(let code): try ProjCRSInfo.lookUp(epsg: code, input: canonicalName).unit
            }
        }
    }
}

/// How a coordinate system measures x and y.
public enum CoordinateUnit: String, Sendable, Hashable {
    /// Longitude (x) and latitude (y) in degrees: a geographic CRS.
    case degrees
    /// Easting (x) and northing (y) in metres: a projected CRS.
    case metres
}

/// A longitude/latitude box in degrees, e.g. a CRS's area of use (`proj_get_area_of_use`).
public struct GeographicBox: Hashable, Sendable, CustomStringConvertible {
    public let west: Double
    public let south: Double
    public let east: Double
    public let north: Double

    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// Whether the point lies in the box, bounds included; a box with `west > east` crosses 180°.
    public func contains(longitude: Double, latitude: Double) -> Bool {
        guard latitude >= south && latitude <= north else { return false }
        return west <= east
            ? longitude >= west && longitude <= east
            : longitude >= west || longitude <= east
    }

    public var description: String { "\(west)…\(east) °E, \(south)…\(north) °N" }
}
