import Foundation

/// A transverse Mercator projection (WGS84 datum, scale 1 on the central meridian) centred on a
/// dataset, with the point scale factor needed to turn planar distances into ellipsoidal ones.
///
/// Why this projection: it is conformal, so its scale at a point is the same in every direction, and
/// dividing a planar distance by the mean scale of its two ends gives the ellipsoidal distance to
/// within a few millimetres per 20 km across ±10° of longitude (tested against `geod_inverse`).
/// Not `Sendable`: it owns a `Transformer`; make one per thread for parallel work.
public final class LocalTransverseMercator {
    /// Longitude and latitude (degrees) of the projection's origin.
    public let centralMeridian: Double
    public let originLatitude: Double
    /// The PROJ definition used, for reports and for reproducing the figures with `cs2cs`/`pyproj`.
    public let definition: String
    /// Widest longitude span, in degrees on either side of the central meridian, that we accept.
    public static let maximumHalfWidth = 10.0
    /// Within this many degrees of the central meridian PROJ's faster Evenden/Snyder series
    /// (`+approx`) is accurate to a millimetre (PROJ's tmerc documentation); wider data uses the exact
    /// Poder/Engsager algorithm.
    public static let approximateHalfWidth = 3.0
    /// Whether the definition uses `+approx`.
    public let approximate: Bool

    private let transformer: Transformer

    /// - Throws: `ProjError` if PROJ cannot create the operation.
    public init(centralMeridian: Double, originLatitude: Double, approximate: Bool = false) throws {
        self.centralMeridian = centralMeridian
        self.originLatitude = originLatitude
        self.approximate = approximate
        definition = String(
            format: "+proj=tmerc%@ +lat_0=%.4f +lon_0=%.4f +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs",
            approximate ? " +approx" : "", originLatitude, centralMeridian)
        transformer = try Transformer(from: "EPSG:4326", to: definition)
    }

    /// A projection centred on the bounding box of the given extent.
    /// - Throws: `ProjectionExtentError` when the longitudes span more than 20°: one transverse
    ///   Mercator is then the wrong tool, split the data by province.
    public convenience init(
        longitudeRange: ClosedRange<Double>, latitudeRange: ClosedRange<Double>
    ) throws {
        let halfWidth = (longitudeRange.upperBound - longitudeRange.lowerBound) / 2
        guard halfWidth <= Self.maximumHalfWidth else {
            throw ProjectionExtentError(longitudeRange: longitudeRange)
        }
        // Rounded to 1e-4° so that the printed definition reproduces the projection exactly.
        try self.init(
            centralMeridian: ((longitudeRange.lowerBound + longitudeRange.upperBound) / 2 * 10_000).rounded() / 10_000,
            originLatitude: ((latitudeRange.lowerBound + latitudeRange.upperBound) / 2 * 10_000).rounded() / 10_000,
            approximate: halfWidth <= Self.approximateHalfWidth)
    }

    /// Projects longitudes/latitudes (degrees) to x/y (metres) in place.
    public func forward(x: inout [Double], y: inout [Double]) throws {
        try transformer.transform(x: &x, y: &y)
    }

    /// Unprojects x/y (metres) to longitudes/latitudes (degrees) in place.
    public func inverse(x: inout [Double], y: inout [Double]) throws {
        try transformer.transform(x: &x, y: &y, inverse: true)
    }

    public func forward(longitude: Double, latitude: Double) throws -> (x: Double, y: Double) {
        try transformer.transform(x: longitude, y: latitude)
    }

    public func inverse(x: Double, y: Double) throws -> (longitude: Double, latitude: Double) {
        let result = try transformer.transform(x: x, y: y, inverse: true)
        return (result.x, result.y)
    }

    /// The point scale factor k at a location (planar length / ellipsoidal length), with the series
    /// of Snyder, "Map Projections: A Working Manual" (USGS PP 1395, 1987), eq. 8-11 with k0 = 1.
    /// Pure arithmetic, so it is safe to call from any thread.
    public func scaleFactor(longitude: Double, latitude: Double) -> Double {
        Self.scaleFactor(longitude: longitude, latitude: latitude, centralMeridian: centralMeridian)
    }

    /// See `scaleFactor(longitude:latitude:)`.
    @inlinable
    public static func scaleFactor(longitude: Double, latitude: Double, centralMeridian: Double) -> Double {
        let secondEccentricitySquared = 0.006694379990141317 / (1 - 0.006694379990141317)
        let phi = latitude * .pi / 180
        let cosPhi = cos(phi)
        let a = (longitude - centralMeridian) * .pi / 180 * cosPhi
        let t = tan(phi) * tan(phi)
        let c = secondEccentricitySquared * cosPhi * cosPhi
        let a2 = a * a
        return 1 + (1 + c) * a2 / 2
            + (5 - 4 * t + 42 * c + 13 * c * c - 28 * secondEccentricitySquared) * a2 * a2 / 24
            + (61 - 148 * t + 16 * t * t) * a2 * a2 * a2 / 720
    }
}

/// The data spans too many degrees of longitude for one local projection.
public struct ProjectionExtentError: Error, CustomStringConvertible, Sendable {
    public let longitudeRange: ClosedRange<Double>
    public var description: String {
        String(
            format: "the data spans longitudes %.3f° to %.3f°, wider than the 20° one local projection keeps accurate; split it by province or region",
            longitudeRange.lowerBound, longitudeRange.upperBound)
    }
}
