import Projection

/// The nearest service points to one location, as a resident's map board answers.
public struct NearbyPoint: Sendable, Equatable {
    /// Index into the points searched.
    public var index: Int
    /// Geodesic metres.
    public var distance: Double
    /// Estimated minutes with the zone's travel mode.
    public var minutes: Double
    /// Within the zone's radius.
    public var withinCircle: Bool
}

public enum NearestQuery {
    /// The `count` eligible points nearest to `location`, nearest first, with geodesic distances.
    /// - Complexity: O(m log m) to index m points, then O(log m + k) per widening of the search.
    public static func nearest(
        to location: GeoCoordinate, zone: Zone, count: Int, points: [ServicePoint], parameters: CoverageParameters
    ) throws -> [NearbyPoint] {
        let eligible = parameters.eligibleIndices(of: points)
        guard !eligible.isEmpty, count > 0 else { return [] }
        let longitudes = eligible.map { points[$0].location.longitude }
        let latitudes = eligible.map { points[$0].location.latitude }
        let frame = try PlanarFrame(
            longitudes: [longitudes, [location.longitude]], latitudes: [latitudes, [location.latitude]])
        let plane = try frame.project(longitudes: longitudes, latitudes: latitudes)
        let here = try frame.project(longitudes: [location.longitude], latitudes: [location.latitude])
        let tree = KDTree(x: plane.x, y: plane.y)
        // Widen the planar search until it holds `count` points, then a margin for the scale factor.
        var radius = parameters.profile.radius(for: zone)
        var found = tree.within(radius: radius, x: here.x[0], y: here.y[0])
        while found.count < min(count, eligible.count) {
            radius *= 2
            found = tree.within(radius: radius, x: here.x[0], y: here.y[0])
        }
        if found.count > count {
            let cutoff = found[count - 1].distanceSquared.squareRoot() * 1.01
            found = tree.within(radius: cutoff, x: here.x[0], y: here.y[0])
        }
        let radiusForZone = parameters.profile.radius(for: zone)
        let nearby = found.map { candidate -> NearbyPoint in
            let index = eligible[Int(candidate.index)]
            let distance = Geodesic.wgs84.distance(
                longitude1: location.longitude, latitude1: location.latitude,
                longitude2: points[index].location.longitude, latitude2: points[index].location.latitude)
            return NearbyPoint(
                index: index, distance: distance, minutes: parameters.profile.minutes(distance: distance, zone: zone),
                withinCircle: distance <= radiusForZone)
        }
        return Array(nearby.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(count))
    }
}
