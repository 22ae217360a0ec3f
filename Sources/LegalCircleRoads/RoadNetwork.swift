import Dispatch
import LegalCircle

/// The roads and one graph per travel mode (walk, cycle, drive), each with its segment index: what
/// network travel times are computed over.
public struct RoadNetwork: Sendable {
    public let ways: RoadWays
    /// Indexed by `TravelMode.allCases` order.
    public let graphs: [ModeGraph]
    public let indexes: [SegmentIndex]
    public let accessMaxMetres: Double
    /// km/h of each mode's access leg (the mode's speed, `TravelProfile.roadSpeed(of:)`).
    public let accessKmPerHour: [Double]

    /// Builds the three graphs and their indexes concurrently.
    public init(ways: RoadWays, profile: TravelProfile) {
        let modes = TravelMode.allCases
        let centre = ways.nodeCount > 0 ? (ways.longitudes.min()! + ways.longitudes.max()!) / 2 : 0
        let frame = LocalMetres(centralLongitude: centre)
        let built = ParallelChunks(count: modes.count, size: 1).map { chunk, _ -> (ModeGraph, SegmentIndex) in
            let graph = ModeGraph(ways: ways, mode: modes[chunk], profile: profile)
            return (graph, SegmentIndex(graph: graph, ways: ways, frame: frame))
        }
        self.ways = ways
        graphs = built.map(\.0)
        indexes = built.map(\.1)
        accessMaxMetres = profile.roads.accessMaxMetres
        accessKmPerHour = modes.map { profile.roadSpeed(of: $0) }
    }

    public func graph(_ mode: TravelMode) -> ModeGraph { graphs[Self.slot(mode)] }
    public func index(_ mode: TravelMode) -> SegmentIndex { indexes[Self.slot(mode)] }

    static func slot(_ mode: TravelMode) -> Int { TravelMode.allCases.firstIndex(of: mode)! }

    /// Seeds for `mode`'s search from stations (lon/lat), each attached to its nearest segment: the
    /// station's access leg plus the way along the segment to each end it can be reached from.
    /// - Returns: the seeds and how many stations lie farther than the access limit from every road
    ///   of the mode (those are left out of the network search).
    public func seeds(
        mode: TravelMode, longitudes: [Double], latitudes: [Double], stations: [Int32]
    ) -> (seeds: [SearchSeed], unattached: Int) {
        let graph = graph(mode)
        let index = index(mode)
        let metresPerSecond = accessKmPerHour[Self.slot(mode)] / 3.6
        var seeds: [SearchSeed] = []
        seeds.reserveCapacity(stations.count * 2)
        var unattached = 0
        for station in stations {
            let at = index.attach(
                longitude: longitudes[Int(station)], latitude: latitudes[Int(station)], maxMetres: accessMaxMetres)
            guard at.isAttached else {
                unattached += 1
                continue
            }
            let s = Int(at.segment)
            let access = Double(at.metres) / metresPerSecond
            let t = Double(at.fraction)
            // From node a one travels forward to the station's point; from b backward.
            let fromA = t * Double(graph.forwardSeconds[s])
            let fromB = (1 - t) * Double(graph.backwardSeconds[s])
            if fromA.isFinite { seeds.append(SearchSeed(node: graph.segmentA[s], seconds: access + fromA, station: station)) }
            if fromB.isFinite { seeds.append(SearchSeed(node: graph.segmentB[s], seconds: access + fromB, station: station)) }
        }
        return (seeds, unattached)
    }

    /// Network times for points (residences): each attached to its mode's nearest segment, its time
    /// the access leg plus the way along the segment to an end plus that end's time to the nearest
    /// station. Points farther than the access limit from every road of their mode are flagged
    /// (`attached` false) for the straight-line fallback.
    /// - Parameters:
    ///   - modes: each point's travel mode (its zone's).
    ///   - times: each mode's `NetworkSearch` result, indexed as `TravelMode.allCases`.
    /// - Complexity: O(n · cells scanned per point), in parallel chunks.
    public func travel(
        longitudes: [Double], latitudes: [Double], modes: [TravelMode], times: [NetworkTimes]
    ) -> PointTravel {
        let count = longitudes.count
        let chunks = ParallelChunks(count: count, size: 16_384)
        let (seconds, access, station, attached) = chunks.fill { (range, seconds: ChunkOutput<Double>, access: ChunkOutput<Float>, station: ChunkOutput<Int32>, attached: ChunkOutput<Bool>) in
            for i in range {
                let slot = Self.slot(modes[i])
                let at = indexes[slot].attach(longitude: longitudes[i], latitude: latitudes[i], maxMetres: accessMaxMetres)
                guard at.isAttached else {
                    seconds[i] = .infinity
                    access[i] = .infinity
                    station[i] = -1
                    attached[i] = false
                    continue
                }
                let graph = graphs[slot]
                let node = times[slot]
                let s = Int(at.segment)
                let t = Double(at.fraction)
                let accessSeconds = Double(at.metres) / (accessKmPerHour[slot] / 3.6)
                let a = Int(graph.segmentA[s])
                let b = Int(graph.segmentB[s])
                // Towards a is against the segment's direction: t · backward; towards b: (1 − t) · forward.
                let viaA = t * Double(graph.backwardSeconds[s]) + node.seconds[a]
                let viaB = (1 - t) * Double(graph.forwardSeconds[s]) + node.seconds[b]
                let useA = viaA < viaB || (viaA == viaB && node.station[a] <= node.station[b])
                let best = useA ? viaA : viaB
                seconds[i] = best.isFinite ? accessSeconds + best : .infinity
                access[i] = Float(accessSeconds)
                station[i] = best.isFinite ? (useA ? node.station[a] : node.station[b]) : -1
                attached[i] = true
            }
        }
        return PointTravel(seconds: seconds, accessSeconds: access, station: station, attached: attached)
    }

    /// Runs the three modes' searches concurrently.
    public func searchAll(seeds: [[SearchSeed]], cutoff: Double) -> [NetworkTimes] {
        ParallelChunks(count: graphs.count, size: 1).map { chunk, _ in
            NetworkSearch.run(graphs[chunk], seeds: seeds[chunk], cutoff: cutoff)
        }
    }
}

/// Network travel per point.
public struct PointTravel: Sendable {
    /// Total seconds (access leg + network), infinity when no station is within the cut-off or the
    /// point is not attached.
    public var seconds: [Double]
    /// Seconds of the access leg (straight line to the road at the mode's speed), reported separately.
    public var accessSeconds: [Float]
    /// Index of the nearest station, −1 when none.
    public var station: [Int32]
    /// False where the point is farther than the access limit from every road of its mode: those keep
    /// the straight-line estimate and are counted and flagged.
    public var attached: [Bool]

    public var unattachedCount: Int { attached.lazy.filter { !$0 }.count }
}
