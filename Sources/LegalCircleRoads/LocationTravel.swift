import LegalCircle
import Synchronization

/// Minutes over the roads from one location to chosen stations, for many locations in a row (the web
/// service's `/api/nearest`). `NetworkTravel` answers one location with a search over the whole graph
/// from every station; here the graphs' forward edges and every station's seeds are prepared once,
/// and each query is one search from the location, stopped at the cut-off.
///
/// The minutes are those `NetworkTravel` gives a residence at the location with the station as the
/// only one (what `nearest --travel network` lists): the same attachment of the location to its
/// mode's nearest segment, the same station seeds (`RoadNetwork.seeds`), the same edges searched in
/// the other direction. Only the order of the additions differs (a few 1e-13 s).
public final class LocationTravel: Sendable {
    public let travel: NetworkTravel
    /// Stations farther than this over the roads are reported as beyond it, without minutes.
    public let cutoffSeconds: Double
    private let forward: [ForwardGraph]
    private let stationSeeds: [StationSeeds]
    /// Search buffers of graph size, reused: one per request running at once, never one per request.
    private let scratch = Mutex<[SearchScratch]>([])

    /// - Parameters:
    ///   - longitudes, latitudes: every service point (WGS84); `minutes(…to:)` takes indices into them.
    /// - Complexity: O(edges + points) per mode.
    public init(travel: NetworkTravel, longitudes: [Double], latitudes: [Double], cutoffSeconds: Double) {
        self.travel = travel
        self.cutoffSeconds = cutoffSeconds
        let network = travel.network
        let all = (0..<Int32(longitudes.count)).map { $0 }
        forward = network.graphs.map(ForwardGraph.init)
        stationSeeds = TravelMode.allCases.map { mode in
            StationSeeds(
                seeds: network.seeds(mode: mode, longitudes: longitudes, latitudes: latitudes, stations: all).seeds,
                stationCount: longitudes.count)
        }
    }

    /// Seconds over the roads of `mode` from `location` to each of `stations`: infinity for a station
    /// not reached within the cut-off (or not on a road of the mode); nil when the location lies
    /// farther than the profile's access distance from every road of the mode (the straight-line
    /// estimate then applies, as for a residence there).
    /// - Complexity: O((V' + E') log V') for the V' nodes and E' edges within the cut-off.
    public func seconds(from location: GeoCoordinate, mode: TravelMode, to stations: [Int]) -> [Double]? {
        let network = travel.network
        let slot = RoadNetwork.slot(mode)
        guard let point = network.entry(longitude: location.longitude, latitude: location.latitude, slot: slot) else {
            return nil
        }
        let graph = network.graphs[slot]
        let access = point.accessSeconds
        let starts = [(point.a, point.toA), (point.b, point.toB)]
        let buffers = scratch.withLock { $0.popLast() } ?? SearchScratch(nodeCount: graph.nodeCount)
        defer { scratch.withLock { $0.append(buffers) } }
        buffers.search(forward[slot], from: starts, cutoff: cutoffSeconds - access)
        let seeds = stationSeeds[slot]
        let answer = stations.map { station -> Double in
            var best = Double.infinity
            for k in seeds.range(of: station) {
                let reached = buffers.seconds(at: seeds.nodes[k])
                if reached.isFinite { best = min(best, reached + seeds.seconds[k]) }
            }
            let total = access + best
            return total <= cutoffSeconds ? total : .infinity
        }
        buffers.reset()
        return answer
    }
}

/// One mode's graph with its edges in travel direction (u → v), in compressed sparse row form: the
/// `ModeGraph` keeps them reversed for the search from the stations.
struct ForwardGraph: Sendable {
    let offsets: [Int32]
    let targets: [Int32]
    let seconds: [Float]

    /// - Complexity: O(V + E).
    init(_ graph: ModeGraph) {
        var offsets = [Int32](repeating: 0, count: graph.nodeCount + 1)
        for u in graph.reverseSources { offsets[Int(u) + 1] += 1 }
        for v in 0..<graph.nodeCount { offsets[v + 1] += offsets[v] }
        var fill = offsets
        var targets = [Int32](repeating: 0, count: graph.edgeCount)
        var seconds = [Float](repeating: 0, count: graph.edgeCount)
        for v in 0..<graph.nodeCount {
            for e in Int(graph.reverseOffsets[v])..<Int(graph.reverseOffsets[v + 1]) {
                let u = Int(graph.reverseSources[e])
                let at = Int(fill[u])
                targets[at] = Int32(v)
                seconds[at] = graph.reverseSeconds[e]
                fill[u] += 1
            }
        }
        self.offsets = offsets
        self.targets = targets
        self.seconds = seconds
    }
}

/// Every station's seeds of one mode grouped by station: the nodes a station is reached from, with
/// the seconds from each node to the station (the way along its segment plus its access leg).
struct StationSeeds: Sendable {
    let starts: [Int32]
    let nodes: [Int32]
    let seconds: [Double]

    init(seeds: [SearchSeed], stationCount: Int) {
        var starts = [Int32](repeating: 0, count: stationCount + 1)
        for seed in seeds { starts[Int(seed.station) + 1] += 1 }
        for i in 0..<stationCount { starts[i + 1] += starts[i] }
        var fill = starts
        var nodes = [Int32](repeating: 0, count: seeds.count)
        var seconds = [Double](repeating: 0, count: seeds.count)
        for seed in seeds {
            let at = Int(fill[Int(seed.station)])
            nodes[at] = seed.node
            seconds[at] = seed.seconds
            fill[Int(seed.station)] += 1
        }
        self.starts = starts
        self.nodes = nodes
        self.seconds = seconds
    }

    func range(of station: Int) -> Range<Int> { Int(starts[station])..<Int(starts[station + 1]) }
}

/// Buffers of one bounded search (Dijkstra with lazy deletion, as `NetworkSearch`), reset after use by
/// clearing only the nodes it touched, so a query costs what it explores, not the graph's size.
/// Not Sendable in use: `LocationTravel` hands each to one query at a time.
final class SearchScratch: @unchecked Sendable {
    private var best: [Double]
    private var touched: [Int32] = []
    private var heap = BinaryHeap()

    init(nodeCount: Int) {
        best = [Double](repeating: .infinity, count: nodeCount)
        touched.reserveCapacity(4_096)
        heap.reserve(4_096)
    }

    func seconds(at node: Int32) -> Double { best[Int(node)] }

    /// Seconds from the starts to every node within `cutoff`, over forward edges.
    func search(_ graph: ForwardGraph, from starts: [(Int32, Double)], cutoff: Double) {
        for (node, seconds) in starts where seconds <= cutoff && seconds < best[Int(node)] {
            if best[Int(node)] == .infinity { touched.append(node) }
            best[Int(node)] = seconds
            heap.push(seconds, node)
        }
        graph.offsets.withUnsafeBufferPointer { offsets in
            graph.targets.withUnsafeBufferPointer { targets in
                graph.seconds.withUnsafeBufferPointer { weights in
                    best.withUnsafeMutableBufferPointer { best in
                        while let (key, node) = heap.pop() {
                            let u = Int(node)
                            // A later, larger entry of a node already settled.
                            if key > best[u] { continue }
                            for e in Int(offsets[u])..<Int(offsets[u + 1]) {
                                let v = Int(targets[e])
                                let candidate = key + Double(weights[e])
                                if candidate <= cutoff, candidate < best[v] {
                                    if best[v] == .infinity { touched.append(Int32(v)) }
                                    best[v] = candidate
                                    heap.push(candidate, Int32(v))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    func reset() {
        for node in touched { best[Int(node)] = .infinity }
        touched.removeAll(keepingCapacity: true)
    }
}
