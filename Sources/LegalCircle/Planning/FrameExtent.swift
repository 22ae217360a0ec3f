import Projection

/// The longitude/latitude box a `PlanarFrame` is centred on, to tell whether a new station moves the
/// projection a recomputation would use.
struct FrameExtent: Equatable {
    var minLongitude = Double.infinity
    var maxLongitude = -Double.infinity
    var minLatitude = Double.infinity
    var maxLatitude = -Double.infinity

    /// The box of the coordinates, found as `PlanarFrame.init(longitudes:latitudes:)` finds it.
    init(longitudes: [[Double]], latitudes: [[Double]]) {
        for column in longitudes { for v in column { minLongitude = min(minLongitude, v); maxLongitude = max(maxLongitude, v) } }
        for column in latitudes { for v in column { minLatitude = min(minLatitude, v); maxLatitude = max(maxLatitude, v) } }
    }

    mutating func include(_ location: GeoCoordinate) {
        minLongitude = min(minLongitude, location.longitude)
        maxLongitude = max(maxLongitude, location.longitude)
        minLatitude = min(minLatitude, location.latitude)
        maxLatitude = max(maxLatitude, location.latitude)
    }

    /// Whether a frame centred on this box is `frame`: the same origin (rounded to 10⁻⁴° as
    /// `LocalTransverseMercator.init(longitudeRange:latitudeRange:)` rounds it) and the same series.
    func centres(_ frame: PlanarFrame) -> Bool {
        func centre(_ lower: Double, _ upper: Double) -> Double { ((lower + upper) / 2 * 10_000).rounded() / 10_000 }
        let halfWidth = (maxLongitude - minLongitude) / 2
        return centre(minLongitude, maxLongitude) == frame.centralMeridian
            && centre(minLatitude, maxLatitude) == frame.originLatitude
            && (halfWidth <= LocalTransverseMercator.approximateHalfWidth) == frame.approximate
    }
}
