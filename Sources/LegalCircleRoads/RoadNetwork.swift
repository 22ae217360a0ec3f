import Dispatch
import Foundation
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
        // Segment lengths and projected nodes are the same for every mode: computed once (each mode had
        // computed its own, three haversines and six projections per segment).
        let lengths = ModeGraph.pairLengths(ways)
        let nodes = SegmentIndex.project(ways, frame)
        // Six jobs, three graphs then three indexes, each index after its own graph: with two cores,
        // three jobs of graph-and-index took two rounds of both; these take about three of either.
        let built = BuildSlots(count: modes.count)
        DispatchQueue.concurrentPerform(iterations: 2 * modes.count) { job in
            if job < modes.count {
                built.setGraph(ModeGraph(ways: ways, mode: modes[job], profile: profile, pairLengths: lengths), at: job)
            } else {
                let graph = built.graph(at: job - modes.count)
                built.setIndex(SegmentIndex(graph: graph, nodes: nodes, frame: frame), at: job - modes.count)
            }
        }
        self.ways = ways
        graphs = (0..<modes.count).map { built.graph(at: $0) }
        indexes = (0..<modes.count).map { built.index(at: $0) }
        accessMaxMetres = profile.roads.accessMaxMetres
        accessKmPerHour = modes.map { profile.roadSpeed(of: $0) }
    }

    public func graph(_ mode: TravelMode) -> ModeGraph { graphs[Self.slot(mode)] }
    public func index(_ mode: TravelMode) -> SegmentIndex { indexes[Self.slot(mode)] }

    /// The mode's position in `TravelMode.allCases`, the order of `graphs` and `indexes`. A switch, not
    /// `allCases.firstIndex`: that built an array per call, a third of the time to attach residences.
    @inline(__always)
    static func slot(_ mode: TravelMode) -> Int {
        switch mode {
        case .walk: 0
        case .cycle: 1
        case .drive: 2
        }
    }

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
            let fromA = Self.along(t, graph.forwardSeconds[s])
            let fromB = Self.along(1 - t, graph.backwardSeconds[s])
            if fromA.isFinite { seeds.append(SearchSeed(node: graph.segmentA[s], seconds: access + fromA, station: station)) }
            if fromB.isFinite { seeds.append(SearchSeed(node: graph.segmentB[s], seconds: access + fromB, station: station)) }
        }
        return (seeds, unattached)
    }

    /// Network times for points (residences): each attached to its mode's nearest segment, its time
    /// the access leg plus the way along the segment to an end plus that end's time to the nearest
    /// station. Points farther than the access limit from every road of their mode are flagged
    /// (`attached` false) for the straight-line fallback.
    ///
    /// Points are taken in a spatial order (`spatialOrder`) and the answers put back in theirs: each
    /// attachment reads the segments of nearby grid cells, which neighbouring points share, so in file
    /// or random order nearly every read missed the cache (38.9 s for 10 M random points, perf showed
    /// the loads of segment coordinates; the answers do not depend on the order).
    /// - Parameters:
    ///   - modes: each point's travel mode (its zone's).
    ///   - times: each mode's `NetworkSearch` result, indexed as `TravelMode.allCases`.
    /// - Complexity: O(n) to order the points, then O(n · cells scanned per point), in parallel chunks.
    public func travel(
        longitudes: [Double], latitudes: [Double], modes: [TravelMode], times: [NetworkTimes]
    ) -> PointTravel {
        let count = longitudes.count
        let order = Self.spatialOrder(longitudes: longitudes, latitudes: latitudes)
        // Gathered once in that order, so the attaching loop reads them in sequence.
        let sortedLongitudes = order.map { longitudes[Int($0)] }
        let sortedLatitudes = order.map { latitudes[Int($0)] }
        let sortedSlots = order.map { UInt8(Self.slot(modes[Int($0)])) }
        let chunks = ParallelChunks(count: count, size: 16_384)
        // Answers in the spatial order: position k holds point order[k]'s.
        let (seconds, access, station, attached) = chunks.fill { (range, seconds: ChunkOutput<Double>, access: ChunkOutput<Float>, station: ChunkOutput<Int32>, attached: ChunkOutput<Bool>) in
            for k in range {
                let slot = Int(sortedSlots[k])
                guard let point = entry(longitude: sortedLongitudes[k], latitude: sortedLatitudes[k], slot: slot) else {
                    seconds[k] = .infinity
                    access[k] = .infinity
                    station[k] = -1
                    attached[k] = false
                    continue
                }
                let accessSeconds = point.accessSeconds
                let a = Int(point.a), b = Int(point.b)
                let viaA = point.toA + times[slot].seconds[a]
                let viaB = point.toB + times[slot].seconds[b]
                let stationA = times[slot].station[a], stationB = times[slot].station[b]
                let useA = viaA < viaB || (viaA == viaB && stationA <= stationB)
                let best = useA ? viaA : viaB
                seconds[k] = best.isFinite ? accessSeconds + best : .infinity
                access[k] = Float(accessSeconds)
                station[k] = best.isFinite ? (useA ? stationA : stationB) : -1
                attached[k] = true
            }
        }
        func restored<T>(_ values: [T]) -> [T] {
            var out = values
            for k in 0..<count { out[Int(order[k])] = values[k] }
            return out
        }
        return PointTravel(
            seconds: restored(seconds), accessSeconds: restored(access), station: restored(station), attached: restored(attached))
    }

    /// Where a point enters the roads of the mode in `slot`: attached to the nearest usable segment,
    /// its access leg and the seconds along the segment to each end (towards a against the segment's
    /// direction, t · backward; towards b along it, (1 − t) · forward; infinite where one-way forbids);
    /// nil beyond the access limit. What a residence, a candidate site and a looked-up location share.
    @inline(__always)
    func entry(longitude: Double, latitude: Double, slot: Int) -> RoadEntry? {
        let at = indexes[slot].attach(longitude: longitude, latitude: latitude, maxMetres: accessMaxMetres)
        guard at.isAttached else { return nil }
        let s = Int(at.segment)
        let t = Double(at.fraction)
        // Read through `graphs[slot]` each time: a local copy of the graph retained its nine arrays per
        // point (bench --roads: 450 -> 650 ns a residence).
        return RoadEntry(
            accessSeconds: Double(at.metres) / (accessKmPerHour[slot] / 3.6),
            a: graphs[slot].segmentA[s], toA: Self.along(t, graphs[slot].backwardSeconds[s]),
            b: graphs[slot].segmentB[s], toB: Self.along(1 - t, graphs[slot].forwardSeconds[s]))
    }

    /// Seconds along `share` of a segment taking `seconds` in that direction. A point at the very end
    /// (share 0, where a point beyond the segment's end is clamped) is at the node: no time, even where
    /// one-way forbids the direction (0 × ∞ was NaN: a station there seeded nothing, and a residence
    /// there lost that end or, at b, all its minutes).
    @inline(__always)
    static func along(_ share: Double, _ seconds: Float) -> Double { share == 0 ? 0 : share * Double(seconds) }

    /// The points' indices sorted along a Z-order curve over cells of 1/256° (about 400 m), so that
    /// points next to each other in the order are near each other on the ground.
    /// - Complexity: O(n), a radix sort of the cell keys.
    static func spatialOrder(longitudes: [Double], latitudes: [Double]) -> ContiguousArray<Int32> {
        var keys = ContiguousArray<Int64>(repeating: 0, count: longitudes.count)
        var order = ContiguousArray<Int32>((0..<Int32(longitudes.count)))
        for i in 0..<longitudes.count {
            // Cells counted from (−180°, −90°), clamped to 17 bits; a non-finite coordinate sorts first.
            func cell(_ degrees: Double) -> UInt64 { degrees.isFinite ? UInt64(min(max(degrees * 256, 0), 131_071)) : 0 }
            let x = cell(longitudes[i] + 180)
            let y = cell(latitudes[i] + 90)
            keys[i] = Int64(bitPattern: interleave(x) | interleave(y) << 1)
        }
        RadixSort.sort(keys: &keys, payload: &order)
        return order
    }

    /// The bits of `v` (below 2^17) spread to the even positions.
    private static func interleave(_ v: UInt64) -> UInt64 {
        var x = v & 0x1_FFFF
        x = (x | x << 16) & 0x0000_FFFF_0000_FFFF
        x = (x | x << 8) & 0x00FF_00FF_00FF_00FF
        x = (x | x << 4) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | x << 2) & 0x3333_3333_3333_3333
        x = (x | x << 1) & 0x5555_5555_5555_5555
        return x
    }

    /// Runs the three modes' searches concurrently.
    public func searchAll(seeds: [[SearchSeed]], cutoff: Double) -> [NetworkTimes] {
        ParallelChunks(count: graphs.count, size: 1).map { chunk, _ in
            NetworkSearch.run(graphs[chunk], seeds: seeds[chunk], cutoff: cutoff)
        }
    }
}

/// The graphs and indexes being built, one slot per mode: an index's job waits for its graph's.
/// Jobs are taken in order (`concurrentPerform`), so a graph is always taken before its index and a
/// waiting job never waits for one not yet started.
private final class BuildSlots: @unchecked Sendable {
    private let lock = NSCondition()
    private var graphs: [ModeGraph?]
    private var indexes: [SegmentIndex?]

    init(count: Int) {
        graphs = Array(repeating: nil, count: count)
        indexes = Array(repeating: nil, count: count)
    }

    func setGraph(_ graph: ModeGraph, at slot: Int) {
        lock.lock()
        graphs[slot] = graph
        lock.broadcast()
        lock.unlock()
    }

    func graph(at slot: Int) -> ModeGraph {
        lock.lock()
        defer { lock.unlock() }
        while graphs[slot] == nil { lock.wait() }
        return graphs[slot]!
    }

    func setIndex(_ index: SegmentIndex, at slot: Int) {
        lock.lock()
        indexes[slot] = index
        lock.unlock()
    }

    func index(at slot: Int) -> SegmentIndex {
        lock.lock()
        defer { lock.unlock() }
        return indexes[slot]!
    }
}

/// A point's way onto the roads (`RoadNetwork.entry`).
struct RoadEntry {
    var accessSeconds: Double
    var a: Int32
    var toA: Double
    var b: Int32
    var toB: Double
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
