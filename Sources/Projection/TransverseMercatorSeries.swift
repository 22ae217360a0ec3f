import Foundation

/// The Evenden/Snyder transverse Mercator series on WGS84 (k0 = 1, no false origin) that PROJ runs
/// for `+proj=tmerc +approx`, evaluated inline together with the point scale factor.
///
/// Why not call PROJ for every residence: millions of points go through the same few dozen
/// multiplications; the PROJ call costs ~160 ns a point, this ~20 ns, because it shares one sine and
/// cosine between the projection and the scale factor and needs no per-call setup or copying. PROJ
/// stays the reference: tests hold the two within a millimetre across ±3° of the central meridian
/// (PROJ's own accuracy statement for `+approx`), and PROJ still projects wider frames.
/// Pure arithmetic: `Sendable`, safe from any thread.
public struct TransverseMercatorSeries: Sendable {
    public let centralMeridian: Double
    public let originLatitude: Double
    @usableFromInline let meridianCoefficients: (Double, Double, Double, Double, Double)
    @usableFromInline let originMeridianDistance: Double

    @usableFromInline static let semiMajorAxis = 6_378_137.0
    @usableFromInline static let eccentricitySquared = 0.006694379990141317
    @usableFromInline static let secondEccentricitySquared = eccentricitySquared / (1 - eccentricitySquared)

    public init(centralMeridian: Double, originLatitude: Double) {
        self.centralMeridian = centralMeridian
        self.originLatitude = originLatitude
        // Meridian arc coefficients (PROJ's pj_enfn), series in e².
        let es = Self.eccentricitySquared
        let c0 = 1 - es * (0.25 + es * (0.046875 + es * (0.01953125 + es * 0.01068115234375)))
        let c1 = es * (0.75 - es * (0.046875 + es * (0.01953125 + es * 0.01068115234375)))
        let es2 = es * es
        let c2 = es2 * (0.46875 - es * (0.01302083333333333333 + es * 0.00712076822916666666))
        let es3 = es2 * es
        let c3 = es3 * (0.36458333333333333333 - es * 0.00569661458333333333)
        let c4 = es3 * es * 0.3076171875
        meridianCoefficients = (c0, c1, c2, c3, c4)
        let phi0 = originLatitude * .pi / 180
        originMeridianDistance = Self.meridianDistance(
            phi: phi0, sinPhi: sin(phi0), cosPhi: cos(phi0), coefficients: meridianCoefficients)
    }

    /// Meridian arc length from the equator on the unit-axis ellipsoid (PROJ's pj_mlfn).
    @inlinable @inline(__always)
    static func meridianDistance(
        phi: Double, sinPhi: Double, cosPhi: Double, coefficients c: (Double, Double, Double, Double, Double)
    ) -> Double {
        let s2 = sinPhi * sinPhi
        return c.0 * phi - cosPhi * sinPhi * (c.1 + s2 * (c.2 + s2 * (c.3 + s2 * c.4)))
    }

    /// Projected metres and the point scale factor k (planar length / ellipsoidal length) of one
    /// location given in degrees. The scale factor is Snyder's eq. 8-11 (USGS PP 1395, 1987), the same
    /// as `LocalTransverseMercator.scaleFactor`.
    @inlinable @inline(__always)
    public func forward(longitude: Double, latitude: Double) -> (x: Double, y: Double, scale: Double) {
        forwardRadians(lambda: (longitude - centralMeridian) * .pi / 180, phi: latitude * .pi / 180)
    }

    @inlinable @inline(__always)
    func forwardRadians(lambda: Double, phi: Double) -> (x: Double, y: Double, scale: Double) {
        let sinPhi = sin(phi)
        let cosPhi = cos(phi)
        let tanPhi = abs(cosPhi) > 1e-10 ? sinPhi / cosPhi : 0
        let t = tanPhi * tanPhi
        let a = cosPhi * lambda
        let a2 = a * a
        let n = Self.secondEccentricitySquared * cosPhi * cosPhi
        let scaledA = a / (1 - Self.eccentricitySquared * sinPhi * sinPhi).squareRoot()
        let x = scaledA * (1 + a2 / 6 * (1 - t + n
            + a2 / 20 * (5 + t * (t - 18) + n * (14 - 58 * t)
                + a2 / 42 * (61 + t * (t * (179 - t) - 479)))))
        let arc = Self.meridianDistance(phi: phi, sinPhi: sinPhi, cosPhi: cosPhi, coefficients: meridianCoefficients)
        let y = arc - originMeridianDistance
            + sinPhi * scaledA * lambda / 2 * (1 + a2 / 12 * (5 - t + n * (9 + 4 * n)
                + a2 / 30 * (61 + t * (t - 58) + n * (270 - 330 * t)
                    + a2 / 56 * (1385 + t * (t * (543 - t) - 3111)))))
        let e2 = Self.secondEccentricitySquared
        let scale = 1 + (1 + n) * a2 / 2
            + (5 - 4 * t + 42 * n + 13 * n * n - 28 * e2) * a2 * a2 / 24
            + (61 - 148 * t + 16 * t * t) * a2 * a2 * a2 / 720
        return (x * Self.semiMajorAxis, y * Self.semiMajorAxis, scale)
    }
}
