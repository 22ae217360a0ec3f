import Foundation

/// A polygon in degrees: one exterior ring and any number of holes.
///
/// Rings are stored open: the last vertex is not a repeat of the first (GeoJSON's closing position is
/// dropped by `init`). Edges are straight lines in longitude/latitude, which is how RFC 7946 §3.1.1
/// defines the edges of a GeoJSON polygon, so point-in-polygon tests work on the degrees directly.
/// Ring orientation is not used: inside is decided by the even-odd rule over all rings.
public struct GeoPolygon: Sendable, Hashable {
    public private(set) var exterior: [GeoCoordinate]
    public private(set) var holes: [[GeoCoordinate]]

    /// Drops a closing vertex equal to the first one from every ring.
    public init(exterior: [GeoCoordinate], holes: [[GeoCoordinate]] = []) {
        self.exterior = GeoPolygon.opened(exterior)
        self.holes = holes.map(GeoPolygon.opened)
    }

    /// The exterior ring followed by the holes.
    public var rings: [[GeoCoordinate]] { [exterior] + holes }

    /// Number of vertices over all rings.
    public var vertexCount: Int { exterior.count + holes.reduce(0) { $0 + $1.count } }

    /// Area in m² on the WGS84 ellipsoid, holes subtracted (see `EllipsoidalArea`).
    public var area: Double {
        abs(EllipsoidalArea.signedArea(exterior)) - holes.reduce(0) { $0 + abs(EllipsoidalArea.signedArea($1)) }
    }

    /// Longitude and latitude extent over the exterior ring.
    public var bounds: GeoBounds { GeoBounds(exterior) }

    private static func opened(_ ring: [GeoCoordinate]) -> [GeoCoordinate] {
        guard ring.count > 1, ring.first == ring.last else { return ring }
        return Array(ring.dropLast())
    }
}

/// A longitude/latitude box.
public struct GeoBounds: Sendable, Hashable {
    public var minLongitude: Double
    public var minLatitude: Double
    public var maxLongitude: Double
    public var maxLatitude: Double

    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) {
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
    }

    /// The box around `points`; an empty box (min > max) when there are none.
    public init<S: Sequence<GeoCoordinate>>(_ points: S) {
        self.init(minLongitude: .infinity, minLatitude: .infinity, maxLongitude: -.infinity, maxLatitude: -.infinity)
        for point in points { include(point) }
    }

    public var isEmpty: Bool { minLongitude > maxLongitude || minLatitude > maxLatitude }

    public mutating func include(_ point: GeoCoordinate) {
        minLongitude = min(minLongitude, point.longitude)
        maxLongitude = max(maxLongitude, point.longitude)
        minLatitude = min(minLatitude, point.latitude)
        maxLatitude = max(maxLatitude, point.latitude)
    }

    public func contains(longitude: Double, latitude: Double) -> Bool {
        longitude >= minLongitude && longitude <= maxLongitude && latitude >= minLatitude && latitude <= maxLatitude
    }
}

/// One administrative unit (a county) with its code, name and polygons.
public struct Boundary: Sendable, Hashable {
    /// The 6-digit administrative code (adcode), or whatever the code field held.
    public var code: String
    public var name: String
    /// The parts; a county with islands has several.
    public var polygons: [GeoPolygon]

    public init(code: String, name: String, polygons: [GeoPolygon]) {
        self.code = code
        self.name = name
        self.polygons = polygons
    }

    /// Area in m² on the WGS84 ellipsoid, over all parts.
    public var area: Double { polygons.reduce(0) { $0 + $1.area } }

    /// A point strictly inside the largest part, away from its edges: the middle of the widest inside
    /// stretch of the horizontal line through the middle of that part's box. Good for labels and for
    /// tests; nil only for a boundary without a usable polygon.
    /// - Complexity: O(v) for v vertices of the largest part.
    public var representativePoint: GeoCoordinate? {
        guard let largest = polygons.max(by: { $0.area < $1.area }) else { return nil }
        return largest.interiorPoint
    }
}

extension GeoPolygon {
    /// See `Boundary.representativePoint`.
    public var interiorPoint: GeoCoordinate? {
        let box = bounds
        guard !box.isEmpty, box.maxLatitude > box.minLatitude else { return nil }
        return ScanlineInteriorPoint.point(
            rings: rings, minY: box.minLatitude, height: box.maxLatitude - box.minLatitude, x: \.longitude, y: \.latitude
        ).map { GeoCoordinate(longitude: $0.x, latitude: $0.y) }
    }
}

/// Areas on the WGS84 ellipsoid through the cylindrical equal-area projection of the ellipsoid:
/// x = a·λ, y = a·q(φ)/2, where q is the authalic function (J. P. Snyder, "Map Projections — A Working
/// Manual", USGS Professional Paper 1395, 1987, eqs. 3-12 and 10-15). The projection preserves area
/// exactly, so the shoelace area of the projected ring is the ellipsoidal area of a ring whose edges
/// are straight in (λ, q). Our edges are straight in (λ, φ); on edges of a few hundred metres the two
/// differ by far less than a square metre.
public enum EllipsoidalArea {
    static let semiMajorAxis = 6_378_137.0
    static let eccentricitySquared: Double = {
        let f = 1 / 298.257223563
        return f * (2 - f)
    }()

    /// q(φ) of Snyder eq. 3-12.
    static func authalic(_ latitude: Double) -> Double {
        let e2 = eccentricitySquared
        let e = e2.squareRoot()
        let s = sin(latitude * .pi / 180)
        return (1 - e2) * (s / (1 - e2 * s * s) - 1 / (2 * e) * log((1 - e * s) / (1 + e * s)))
    }

    /// Signed area of an open ring in m²; positive when counter-clockwise.
    /// - Complexity: O(n).
    public static func signedArea(_ ring: [GeoCoordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        let a = semiMajorAxis
        // Longitudes relative to the first vertex keep the products small and exact enough.
        let originLongitude = ring[0].longitude
        var sum = 0.0
        var previousX = (ring[ring.count - 1].longitude - originLongitude) * .pi / 180 * a
        var previousY = authalic(ring[ring.count - 1].latitude) * a / 2
        for vertex in ring {
            let x = (vertex.longitude - originLongitude) * .pi / 180 * a
            let y = authalic(vertex.latitude) * a / 2
            sum += previousX * y - x * previousY
            previousX = x
            previousY = y
        }
        return sum / 2
    }
}
