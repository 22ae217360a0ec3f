import Projection

/// The coordinate system that a table, CSV or JSON output writes locations in (`--out-crs`): WGS84 as
/// computed and stored, or the system of the map a planner pastes them into (GCJ-02 for Amap and
/// Tencent, BD-09 for Baidu, or an EPSG code such as a Gauss-Kruger grid). GIS exports (GeoPackage,
/// GeoJSON) always stay WGS84: GCJ-02 and BD-09 have no EPSG code a GIS would honour.
///
/// Not `Sendable`: for EPSG codes it holds a `CoordinateConverter` with a PROJ context; make one per
/// output.
public final class OutputCoordinates {
    /// The system written.
    public let system: CoordinateSystem
    /// Whether x/y are easting/northing in metres rather than longitude/latitude.
    public let isProjected: Bool
    private let converter: CoordinateConverter?

    /// Prepares the conversion from WGS84 (PROJ's operation for EPSG codes, a few ms).
    /// - Throws: `CoordinateSystemError` for an EPSG code PROJ does not know or cannot convert to.
    public init(_ system: CoordinateSystem) throws(CoordinateSystemError) {
        self.system = system
        switch system {
        case .wgs84, .cgcs2000, .epsg(4326), .epsg(4490):
            converter = nil
            isProjected = false
        default:
            let converter = try CoordinateConverter(from: system)
            self.converter = converter
            isProjected = converter.unit == .metres
        }
    }

    private init(unchanged system: CoordinateSystem) {
        self.system = system
        converter = nil
        isProjected = false
    }

    /// WGS84, written unchanged.
    public static var wgs84: OutputCoordinates { OutputCoordinates(unchanged: .wgs84) }

    /// True when locations are written as computed (WGS84 or CGCS2000, which differ by under a metre).
    public var isWGS84: Bool { converter == nil }

    /// The system's canonical name: `WGS84`, `GCJ-02`, `BD-09`, `EPSG:4549`.
    public var name: String { system.canonicalName }

    /// The name with the axes spelled out for projected systems: "EPSG:4549 (x easting, y northing, metres)".
    public var label: String { isProjected ? "\(name) (x easting, y northing, metres)" : name }

    /// A WGS84 location in this system: (longitude, latitude) in degrees, or (easting, northing) in
    /// metres for a projected system. NaN when PROJ cannot convert it (far outside the system's area).
    public func convert(_ location: GeoCoordinate) -> (x: Double, y: Double) {
        guard let converter else { return (location.longitude, location.latitude) }
        do {
            return try converter.fromWGS84(longitude: location.longitude, latitude: location.latitude)
        } catch {
            return (.nan, .nan)
        }
    }

    /// How the axes are called in headings: "lon/lat", or "x/y" for a projected system.
    public var axes: String { isProjected ? "x/y" : "lon/lat" }

    /// Decimals that keep about a centimetre: 7 for degrees, 2 for metres.
    public var exactDecimals: Int { isProjected ? 2 : 7 }
}
