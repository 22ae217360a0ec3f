import LegalCircle

/// `road_reach`: the road segments from which a station can be reached within the run's minutes, per
/// travel mode (walk, cycle, drive), for a run by network travel: the real reach, to draw in QGIS beside
/// the straight-line circles. One LineString per segment, in the direction of travel for one-way ones.
public struct RoadReachLayer: FeatureLayer {
    public struct Segment: Sendable, Equatable {
        public var mode: String
        public var from: GeoCoordinate
        public var to: GeoCoordinate
        /// Minutes to the nearest station from the segment's better end.
        public var minutesBest: Double
        /// Minutes from the segment's worst point; infinity when some point lies beyond the limit.
        public var minutesWorst: Double
        public var stationID: String?

        public init(mode: String, from: GeoCoordinate, to: GeoCoordinate, minutesBest: Double, minutesWorst: Double, stationID: String?) {
            self.mode = mode
            self.from = from
            self.to = to
            self.minutesBest = minutesBest
            self.minutesWorst = minutesWorst
            self.stationID = stationID
        }
    }

    public let segments: [Segment]
    /// The time limit, minutes (the run's target).
    public let minutes: Double

    public init(segments: [Segment], minutes: Double) {
        self.segments = segments
        self.minutes = minutes
    }

    public var name: String { "road_reach" }
    public var geometryType: FeatureGeometryType { .lineString }
    public var count: Int { segments.count }
    /// `whole`: every point of the segment reaches a station within the limit (else only a part does).
    public let fields = [
        FeatureField("mode", .text), FeatureField("minutes_best", .real), FeatureField("minutes_worst", .real),
        FeatureField("whole", .boolean), FeatureField("station_id", .text),
    ]

    public func value(_ field: Int, row: Int) -> FeatureValue {
        let segment = segments[row]
        switch field {
        case 0: return .text(segment.mode)
        case 1: return .real(segment.minutesBest)
        case 2: return .real(segment.minutesWorst)
        case 3: return .boolean(segment.minutesWorst <= minutes)
        default: return .text(segment.stationID)
        }
    }

    public func geometry(row: Int) -> FeatureGeometry? { .lineString([segments[row].from, segments[row].to]) }
}
