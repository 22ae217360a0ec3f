import Foundation

/// The obfuscating offsets of Chinese web maps: GCJ-02 (Amap/Gaode, Tencent; "Mars coordinates") and
/// BD-09 (Baidu), both longitude/latitude in degrees.
///
/// The forward formulas are the published reverse-engineered ones used by every open implementation,
/// e.g. wandergis/coordtransform (`index.js`) and googollee/eviltransform:
/// - WGS84 → GCJ-02: a polynomial-plus-sines offset in metres (`transformLatitude`/`transformLongitude`
///   below) turned into degrees on the Krasovsky 1940 ellipsoid (a = 6378245 m,
///   e² = 0.00669342162296594323), applied only inside the rough box 72.004–137.8347 °E,
///   0.8293–55.8271 °N (outside it GCJ-02 equals WGS84).
/// - GCJ-02 → BD-09: with x_pi = π·3000/180, z = √(x²+y²) + 0.00002·sin(y·x_pi),
///   θ = atan2(y, x) + 0.000003·cos(x·x_pi), BD-09 = (z·cosθ + 0.0065, z·sinθ + 0.006). Like
///   coordtransform, it is applied everywhere (Baidu publishes no box).
///
/// No closed-form inverse exists. The inverses here solve forward(w) = g by fixed-point iteration
/// (w ← w − (forward(w) − g)). The offsets change slowly with position (their Jacobian is within
/// about 0.005 of the identity), so each step shrinks the error at least 200-fold: the loop stops
/// once the residual |forward(w) − g| is below `tolerance` (1e-9°, 0.1 mm), after four forward
/// steps inside China, and the point it returns is then within about 2e-11° (2 µm) of the exact
/// inverse (measured over China in the tests). About 1 µs per point (0.2 µs for a forward step).
/// That is far below the formulas' own meaning: GCJ-02 itself is only a map convention, so a
/// converted point is "WGS84" only to the metres that Amap's or Baidu's own geocoding is worth.
public enum ChineseOffsets {
    /// The residual, in degrees, below which the inverse iterations stop (see the type's notes: the
    /// returned point is then ~100 times closer than this to the exact inverse).
    public static let tolerance = 1e-9
    /// The most forward steps an inverse takes. Inside China it needs four; the cap only matters
    /// right at the edge of the box, where the offset jumps from ~500 m to zero and no exact inverse
    /// exists (there the last iterate is returned).
    public static let maximumIterations = 30

    /// The box inside which the GCJ-02 offset applies: 72.004–137.8347 °E, 0.8293–55.8271 °N
    /// (bounds included), the test used by eviltransform and most implementations.
    public static let chinaBox = GeographicBox(west: 72.004, south: 0.8293, east: 137.8347, north: 55.8271)

    // Krasovsky 1940, as in the published GCJ-02 formula.
    private static let semiMajorAxis = 6_378_245.0
    private static let eccentricitySquared = 0.006_693_421_622_965_943_23
    private static let xPi = Double.pi * 3000 / 180

    /// Whether the GCJ-02 offset applies at this point (`chinaBox`, bounds included).
    @inline(__always)
    public static func isInsideChina(longitude: Double, latitude: Double) -> Bool {
        longitude >= 72.004 && longitude <= 137.8347 && latitude >= 0.8293 && latitude <= 55.8271
    }

    // MARK: Forward

    /// WGS84 → GCJ-02 with the published formula; unchanged outside `chinaBox`.
    public static func wgs84ToGCJ02(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        guard isInsideChina(longitude: longitude, latitude: latitude) else { return (longitude, latitude) }
        let d = offset(longitude: longitude, latitude: latitude)
        return (longitude + d.longitude, latitude + d.latitude)
    }

    /// GCJ-02 → BD-09 with Baidu's published formula (applied everywhere).
    public static func gcj02ToBD09(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        let x = longitude
        let y = latitude
        let z = (x * x + y * y).squareRoot() + 0.000_02 * sin(y * xPi)
        let theta = atan2(y, x) + 0.000_003 * cos(x * xPi)
        return (z * cos(theta) + 0.0065, z * sin(theta) + 0.006)
    }

    /// WGS84 → BD-09: `wgs84ToGCJ02` then `gcj02ToBD09`.
    public static func wgs84ToBD09(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        let gcj = wgs84ToGCJ02(longitude: longitude, latitude: latitude)
        return gcj02ToBD09(longitude: gcj.longitude, latitude: gcj.latitude)
    }

    // MARK: Inverse

    /// GCJ-02 → WGS84: the point whose `wgs84ToGCJ02` is the given one, by fixed-point iteration to
    /// `tolerance`. Outside `chinaBox` the point is returned unchanged.
    public static func gcj02ToWGS84(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        invert(longitude: longitude, latitude: latitude, start: (longitude, latitude), forward: wgs84ToGCJ02)
    }

    /// BD-09 → GCJ-02: starts from Baidu's published approximate inverse (subtract the constants, then
    /// the z and θ terms evaluated at the BD-09 point) and iterates `gcj02ToBD09` to `tolerance`.
    public static func bd09ToGCJ02(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        let x0 = longitude - 0.0065
        let y0 = latitude - 0.006
        let z = (x0 * x0 + y0 * y0).squareRoot() - 0.000_02 * sin(y0 * xPi)
        let theta = atan2(y0, x0) - 0.000_003 * cos(x0 * xPi)
        return invert(longitude: longitude, latitude: latitude, start: (z * cos(theta), z * sin(theta)), forward: gcj02ToBD09)
    }

    /// The point whose `forward` image is (longitude, latitude): fixed-point iteration from `start`,
    /// subtracting the residual until both components are below `tolerance`.
    private static func invert(
        longitude: Double, latitude: Double, start: (Double, Double),
        forward: (_ longitude: Double, _ latitude: Double) -> (longitude: Double, latitude: Double)
    ) -> (longitude: Double, latitude: Double) {
        var (lon, lat) = start
        for _ in 0..<maximumIterations {
            let image = forward(lon, lat)
            let rLon = image.longitude - longitude
            let rLat = image.latitude - latitude
            lon -= rLon
            lat -= rLat
            if abs(rLon) < tolerance && abs(rLat) < tolerance { break }
        }
        return (lon, lat)
    }

    /// BD-09 → WGS84: `bd09ToGCJ02` then `gcj02ToWGS84`.
    public static func bd09ToWGS84(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        let gcj = bd09ToGCJ02(longitude: longitude, latitude: latitude)
        return gcj02ToWGS84(longitude: gcj.longitude, latitude: gcj.latitude)
    }

    // MARK: The GCJ-02 offset

    /// The GCJ-02 offset in degrees at a WGS84 point (no box test).
    @inline(__always)
    private static func offset(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        let x = longitude - 105
        let y = latitude - 35
        let northMetres = transformLatitude(x, y)
        let eastMetres = transformLongitude(x, y)
        let phi = latitude / 180 * Double.pi
        let s = sin(phi)
        let w = 1 - eccentricitySquared * s * s
        let sqrtW = w.squareRoot()
        // Metres to degrees with the Krasovsky meridian radius M = a(1−e²)/W³ and prime-vertical
        // radius N = a/W.
        let dLat = northMetres * 180 / (semiMajorAxis * (1 - eccentricitySquared) / (w * sqrtW) * Double.pi)
        let dLon = eastMetres * 180 / (semiMajorAxis / sqrtW * cos(phi) * Double.pi)
        return (dLon, dLat)
    }

    @inline(__always)
    private static func transformLatitude(_ x: Double, _ y: Double) -> Double {
        var r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        r += (20 * sin(6 * x * Double.pi) + 20 * sin(2 * x * Double.pi)) * 2 / 3
        r += (20 * sin(y * Double.pi) + 40 * sin(y / 3 * Double.pi)) * 2 / 3
        r += (160 * sin(y / 12 * Double.pi) + 320 * sin(y * Double.pi / 30)) * 2 / 3
        return r
    }

    @inline(__always)
    private static func transformLongitude(_ x: Double, _ y: Double) -> Double {
        var r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        r += (20 * sin(6 * x * Double.pi) + 20 * sin(2 * x * Double.pi)) * 2 / 3
        r += (20 * sin(x * Double.pi) + 40 * sin(x / 3 * Double.pi)) * 2 / 3
        r += (150 * sin(x / 12 * Double.pi) + 300 * sin(x / 30 * Double.pi)) * 2 / 3
        return r
    }
}
