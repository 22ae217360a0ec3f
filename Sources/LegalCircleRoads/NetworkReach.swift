import LegalCircle

/// The road segments from which a station can be reached within a time limit, per travel mode: the
/// real reach of the stations, to draw beside the straight-line circles (`export` writes it as the
/// `road_reach` layer).
public struct NetworkReach: Sendable {
    /// One segment (a pair of consecutive nodes of a way, both directions in one) in reach.
    public struct Segment: Sendable, Equatable {
        public var mode: TravelMode
        public var from: GeoCoordinate
        public var to: GeoCoordinate
        /// Minutes to the nearest station from the better end (the least of the segment's points).
        public var minutesBest: Double
        /// Minutes from the segment's farthest point (its worst point, in the middle for a two-way
        /// segment whose ends both lead away); infinity when some point cannot reach a station within
        /// the limit.
        public var minutesWorst: Double
        /// Index into the service points of the station reached from the better end.
        public var station: Int32
    }

    public var segments: [Segment]

    /// Searches every mode from `stations` (as the coverage search does: `RoadNetwork.seeds`, then
    /// `NetworkSearch` over reversed edges), stopped at `minutes`, and keeps each segment with a point
    /// that reaches a station within it.
    /// - Complexity: O((V' + E') log V') per mode for the part of the graph within the limit.
    public init(network: RoadNetwork, longitudes: [Double], latitudes: [Double], stations: [Int32], minutes: Double) {
        let cutoff = minutes * 60
        let seeds = TravelMode.allCases.map {
            network.seeds(mode: $0, longitudes: longitudes, latitudes: latitudes, stations: stations).seeds
        }
        let times = network.searchAll(seeds: seeds, cutoff: cutoff)
        let ways = network.ways
        func location(_ node: Int32) -> GeoCoordinate {
            GeoCoordinate(longitude: ways.longitudes[Int(node)], latitude: ways.latitudes[Int(node)])
        }
        var segments: [Segment] = []
        for (slot, mode) in TravelMode.allCases.enumerated() {
            let graph = network.graphs[slot]
            let time = times[slot]
            for v in 0..<graph.nodeCount {
                for e in Int(graph.reverseOffsets[v])..<Int(graph.reverseOffsets[v + 1]) {
                    // Directed edge u → v of `forward` seconds; its reverse v → u, if any, lies in row u.
                    let u = Int(graph.reverseSources[e])
                    let forward = Double(graph.reverseSeconds[e])
                    let backward = Self.seconds(graph, from: v, to: u)
                    if backward != nil, u > v { continue }  // the pair is kept once, from its lower node's row
                    let best = min(time.seconds[u], time.seconds[v])
                    guard best <= cutoff else { continue }
                    let worst = Self.worstSeconds(forward: forward, backward: backward, atU: time.seconds[u], atV: time.seconds[v])
                    segments.append(
                        Segment(
                            mode: mode, from: location(Int32(u)), to: location(Int32(v)), minutesBest: best / 60,
                            minutesWorst: worst <= cutoff ? worst / 60 : .infinity,
                            station: time.seconds[u] <= time.seconds[v] ? time.station[u] : time.station[v]))
                }
            }
        }
        self.segments = segments
    }

    /// Seconds of the edge `from` → `to`, nil when the graph has none (one-way the other way).
    static func seconds(_ graph: ModeGraph, from: Int, to: Int) -> Double? {
        for e in Int(graph.reverseOffsets[to])..<Int(graph.reverseOffsets[to + 1]) where Int(graph.reverseSources[e]) == from {
            return Double(graph.reverseSeconds[e])
        }
        return nil
    }

    /// The most seconds any point of segment (u, v) needs to reach a station: a point at fraction t from
    /// u goes on to v in (1 − t) · forward, or back to u in t · backward where the segment is two-way.
    static func worstSeconds(forward: Double, backward: Double?, atU: Double, atV: Double) -> Double {
        guard let backward else { return max(atU, forward + atV) }  // just after u, all the way to v
        // min(viaV(t), viaU(t)) peaks where the two lines cross, else at an end.
        let viaV = { (t: Double) in (1 - t) * forward + atV }
        let viaU = { (t: Double) in t * backward + atU }
        guard atU.isFinite || atV.isFinite else { return .infinity }
        let crossing = (forward + atV - atU) / (forward + backward)
        let t = crossing.isFinite ? min(1, max(0, crossing)) : (atU.isFinite ? 1 : 0)
        return max(min(viaV(t), viaU(t)), min(atU, atV))
    }
}
