import CProj

/// Geodesic calculations on an ellipsoid with PROJ's implementation of Karney's algorithms
/// (`geodesic.h`, C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 2013).
public struct Geodesic: Sendable {
    private var geodesic: geod_geodesic

    /// The WGS84 ellipsoid (a = 6378137 m, f = 1/298.257223563). CGCS2000's ellipsoid differs from it
    /// by 0.1 mm in the semi-minor axis, so this serves both.
    public static let wgs84 = Geodesic(semiMajorAxis: 6_378_137, flattening: 1 / 298.257223563)

    /// Initialises with `geod_init`.
    public init(semiMajorAxis: Double, flattening: Double) {
        var geodesic = geod_geodesic()
        geod_init(&geodesic, semiMajorAxis, flattening)
        self.geodesic = geodesic
    }

    /// The distance in metres between two points given in degrees, with `geod_inverse`.
    public func distance(
        longitude1: Double, latitude1: Double, longitude2: Double, latitude2: Double
    ) -> Double {
        var s12 = 0.0
        var azimuth1 = 0.0
        var azimuth2 = 0.0
        var copy = geodesic
        geod_inverse(&copy, latitude1, longitude1, latitude2, longitude2, &s12, &azimuth1, &azimuth2)
        return s12
    }

    /// The point reached from a start point along an azimuth (degrees clockwise from north) after a
    /// distance in metres, with `geod_direct`.
    public func destination(
        longitude: Double, latitude: Double, azimuth: Double, distance: Double
    ) -> (longitude: Double, latitude: Double) {
        var latitude2 = 0.0
        var longitude2 = 0.0
        var azimuth2 = 0.0
        var copy = geodesic
        geod_direct(&copy, latitude, longitude, azimuth, distance, &latitude2, &longitude2, &azimuth2)
        return (longitude2, latitude2)
    }
}
