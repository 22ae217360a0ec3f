import Projection

/// The eligible service points of one dataset, indexed once for many nearest-point queries (the CLI's
/// `nearest` builds one per call; the web service keeps them for its life).
///
/// Candidates come from a k-d tree in a transverse Mercator centred on the points; their distances are
/// geodesic, so the answer does not depend on the plane. A query far outside the points' extent (where
/// the plane's scale error would exceed the search margin) is answered by a scan of every point.
public struct NearestIndex: Sendable {
    /// The points the answers index into.
    public let points: [ServicePoint]
    /// The kinds a point must offer one of to be listed.
    public let kinds: ServiceKinds
    private let eligible: [Int]
    private let tree: KDTree
    /// Nil when the points span more than `treeHalfWidth`: every query is then a scan.
    private let series: TransverseMercatorSeries?
    private let longitudes: ClosedRange<Double>
    private let latitudes: ClosedRange<Double>

    /// Degrees around the points' extent within which queries use the tree.
    static let treeMargin = 1.0
    /// Widest half-width (degrees from the central meridian, margin included) the tree is used for. The
    /// plane only picks candidates: within 6° the point scale factor stays below 1.0055 (k ≈ 1 + (Δλ cos φ)²/2),
    /// so planar and geodesic distances differ by less than the search's 1 % margin. (Zhejiang with its
    /// islands spans about 5.2° of longitude: a 3° limit made every query scan.)
    static let treeHalfWidth = 6.0

    /// - Complexity: O(m log m) for m eligible points.
    public init(points: [ServicePoint], kinds: ServiceKinds) {
        self.points = points
        self.kinds = kinds
        eligible = points.indices.filter { points[$0].isEligible(for: kinds) }
        let lons = eligible.map { points[$0].location.longitude }
        let lats = eligible.map { points[$0].location.latitude }
        guard let minLon = lons.min(), let maxLon = lons.max(), let minLat = lats.min(), let maxLat = lats.max() else {
            tree = KDTree(x: [], y: [])
            series = nil
            longitudes = 0...0
            latitudes = 0...0
            return
        }
        longitudes = minLon...maxLon
        latitudes = minLat...maxLat
        let halfWidth = (maxLon - minLon) / 2 + Self.treeMargin
        guard halfWidth <= Self.treeHalfWidth else {
            tree = KDTree(x: [], y: [])
            series = nil
            return
        }
        let series = TransverseMercatorSeries(centralMeridian: (minLon + maxLon) / 2, originLatitude: (minLat + maxLat) / 2)
        var xs = [Double](), ys = [Double]()
        xs.reserveCapacity(lons.count)
        ys.reserveCapacity(lons.count)
        for i in lons.indices {
            let p = series.forward(longitude: lons[i], latitude: lats[i])
            xs.append(p.x)
            ys.append(p.y)
        }
        self.series = series
        tree = KDTree(x: xs, y: ys)
    }

    /// How many points can be listed.
    public var eligibleCount: Int { eligible.count }

    /// The `count` eligible points nearest to `location`, nearest first (ties by index), with geodesic
    /// distances and the minutes of `zone`'s travel mode in `profile`.
    /// - Complexity: O(log m + k log m) near the points (a k-nearest search, then the points within the k-th distance); O(m) far from them.
    public func nearest(to location: GeoCoordinate, zone: Zone, count: Int, profile: TravelProfile) -> [NearbyPoint] {
        guard !eligible.isEmpty, count > 0 else { return [] }
        let candidates: [Int]
        if let series, longitudes.contains(location.longitude, margin: Self.treeMargin),
            latitudes.contains(location.latitude, margin: Self.treeMargin)
        {
            let here = series.forward(longitude: location.longitude, latitude: location.latitude)
            // The `count` nearest in the plane, then every point within their farthest plus a margin for
            // the scale factor (and the ties at that distance).
            let nearestInPlane = tree.nearest(count, x: here.x, y: here.y)
            let cutoff = (nearestInPlane.last?.distanceSquared ?? 0).squareRoot() * 1.01
            candidates = tree.within(radius: cutoff, x: here.x, y: here.y).map { eligible[Int($0.index)] }
        } else {
            candidates = eligible
        }
        let radiusForZone = profile.radius(for: zone)
        let nearby = candidates.map { index -> NearbyPoint in
            let distance = Geodesic.wgs84.distance(
                longitude1: location.longitude, latitude1: location.latitude,
                longitude2: points[index].location.longitude, latitude2: points[index].location.latitude)
            return NearbyPoint(
                index: index, distance: distance, minutes: profile.minutes(distance: distance, zone: zone),
                withinCircle: distance <= radiusForZone)
        }
        return Array(nearby.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(count))
    }
}

extension ClosedRange<Double> {
    fileprivate func contains(_ value: Double, margin: Double) -> Bool {
        value >= lowerBound - margin && value <= upperBound + margin
    }
}
