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
    /// - Complexity: O(m log m) to index m points (`NearestIndex`), then O(log m + k) per widening of the search.
    public static func nearest(
        to location: GeoCoordinate, zone: Zone, count: Int, points: [ServicePoint], parameters: CoverageParameters
    ) throws -> [NearbyPoint] {
        NearestIndex(points: points, kinds: parameters.kinds).nearest(
            to: location, zone: zone, count: count, profile: parameters.profile)
    }
}
