import Foundation
import LegalCircle
import Testing

@testable import LegalCircleRoads

/// The multi-source search against an independent plain Dijkstra from each residence node, on random
/// small networks with one-way streets, ferries, access restrictions and disconnected parts.
@Suite("Multi-source search against one plain Dijkstra per residence")
struct NetworkSearchTests {
    static func randomWays(seed: UInt64, nodes: Int) -> RoadWays {
        var random = SplitMix64(seed: seed)
        let longitudes = (0..<nodes).map { _ in random.uniform(120, 120.05) }
        let latitudes = (0..<nodes).map { _ in random.uniform(30, 30.05) }
        let classes: [RoadClass] = [.residential, .primary, .footway, .steps, .motorway, .service, .tertiary, .ferry, .cycleway, .trunk]
        var starts: [Int32] = [0]
        var wayNodes: [Int32] = []
        var tags: [WayTags] = []
        // Two parts: ways stay within the first 60 % or the last 40 % of the nodes.
        let split = nodes * 6 / 10
        for _ in 0..<(nodes * 3 / 4) {
            let part = random.index(below: 10) < 6 ? 0..<split : split..<nodes
            let length = 2 + random.index(below: 3)
            var way: [Int32] = []
            while way.count < length {
                let node = Int32(part.lowerBound + random.index(below: part.count))
                if way.last != node { way.append(node) }
            }
            let roadClass = classes[random.index(below: classes.count)]
            let onewayRoll = random.index(below: 6)
            let oneway: Oneway = onewayRoll == 0 ? .forward : onewayRoll == 1 ? .backward : .no
            tags.append(
                WayTags(
                    roadClass: roadClass, oneway: oneway,
                    maxspeedKmPerHour: random.index(below: 4) == 0 ? 30 : 0,
                    durationMinutes: roadClass == .ferry && random.index(below: 2) == 0 ? 7 : 0,
                    denied: random.index(below: 12) == 0 ? .drive : []))
            wayNodes += way
            starts.append(Int32(wayNodes.count))
        }
        return RoadWays(
            longitudes: longitudes, latitudes: latitudes, wayStarts: starts, wayNodes: wayNodes, tags: tags,
            statistics: RoadReadStatistics())
    }

    /// Plain Dijkstra (array scan, no heap) from `source` over the edges in travel direction.
    static func plainDijkstra(from source: Int, adjacency: [[(Int, Double)]]) -> [Double] {
        var distance = [Double](repeating: .infinity, count: adjacency.count)
        var done = [Bool](repeating: false, count: adjacency.count)
        distance[source] = 0
        while true {
            var best = -1
            for v in 0..<adjacency.count where !done[v] && distance[v].isFinite && (best < 0 || distance[v] < distance[best]) { best = v }
            if best < 0 { break }
            done[best] = true
            for (w, seconds) in adjacency[best] where distance[best] + seconds < distance[w] { distance[w] = distance[best] + seconds }
        }
        return distance
    }

    @Test("every node's time and station equal the per-residence reference", arguments: 0..<16)
    func randomNetworks(seed: Int) {
        let ways = Self.randomWays(seed: UInt64(seed) &+ 1000, nodes: 120)
        var random = SplitMix64(seed: UInt64(seed))
        for mode in TravelMode.allCases {
            let graph = ModeGraph(ways: ways, mode: mode, profile: .standard)
            var adjacency = [[(Int, Double)]](repeating: [], count: graph.nodeCount)
            for edge in graph.forwardEdges() { adjacency[Int(edge.from)].append((Int(edge.to), Double(edge.seconds))) }
            let seeds = (0..<6).map { s in
                SearchSeed(node: Int32(random.index(below: graph.nodeCount)), seconds: random.uniform(0, 60), station: Int32(s))
            }
            // Without a cut-off too, as report searches (the queue's ring of buckets).
            let cutoff = [300.0, 900.0, 3600.0, .infinity][seed % 4]
            let times = NetworkSearch.run(graph, seeds: seeds, cutoff: cutoff)
            var reached = 0
            for node in 0..<graph.nodeCount {
                let distance = Self.plainDijkstra(from: node, adjacency: adjacency)
                let perStation = seeds.map { distance[Int($0.node)] + $0.seconds }
                let best = perStation.min()!
                if best == .infinity {
                    #expect(times.seconds[node] == .infinity && times.station[node] == -1, "mode \(mode), node \(node)")
                } else if best <= cutoff * (1 - 1e-12) {
                    reached += 1
                    #expect(abs(times.seconds[node] - best) <= 1e-9 * max(1, best), "mode \(mode), node \(node)")
                    let station = Int(times.station[node])
                    #expect(station >= 0 && abs(perStation[station] - best) <= 1e-9 * max(1, best), "mode \(mode), node \(node)")
                } else if best > cutoff * (1 + 1e-12) {
                    #expect(times.seconds[node] == .infinity && times.station[node] == -1, "mode \(mode), node \(node)")
                }
            }
            #expect(times.settled >= reached)
        }
    }

    /// A square grid whose every edge takes 10 s both ways: sums are exact, so many nodes lie equally
    /// near two or more stations.
    static func uniformGrid(side: Int) -> ModeGraph {
        var rows = [[Int32]](repeating: [], count: side * side)
        for y in 0..<side {
            for x in 0..<side {
                let v = y * side + x
                for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] where (0..<side).contains(x + dx) && (0..<side).contains(y + dy) {
                    rows[v].append(Int32((y + dy) * side + x + dx))
                }
            }
        }
        var offsets: [Int32] = [0]
        for row in rows { offsets.append(offsets.last! + Int32(row.count)) }
        let sources = rows.flatMap { $0 }
        return ModeGraph(
            mode: .walk, nodeCount: side * side, reverseOffsets: offsets, reverseSources: sources,
            reverseSeconds: [Float](repeating: 10, count: sources.count), segmentA: [], segmentB: [], forwardSeconds: [],
            backwardSeconds: [])
    }

    @Test("of stations equally near, a node gets the lowest index, whatever the order of the seeds", arguments: 0..<6)
    func equalTimes(seed: Int) {
        let side = 15
        let graph = Self.uniformGrid(side: side)
        var random = SplitMix64(seed: UInt64(seed))
        var seeds = (0..<8).map { s in
            SearchSeed(node: Int32(random.index(below: side * side)), seconds: Double(10 * random.index(below: 3)), station: Int32(s))
        }
        // Reversed or shuffled, so the rule, not the seeds' order, decides.
        if seed % 2 == 1 { seeds.reverse() }
        let times = NetworkSearch.run(graph, seeds: seeds, cutoff: 10_000)
        var ties = 0
        for y in 0..<side {
            for x in 0..<side {
                // Grid distance is the Manhattan distance; every sum is a multiple of 10 s, exact.
                let perStation = seeds.sorted { $0.station < $1.station }.map { seed -> Double in
                    let (sx, sy) = (Int(seed.node) % side, Int(seed.node) / side)
                    return seed.seconds + Double(10 * (abs(sx - x) + abs(sy - y)))
                }
                let best = perStation.min()!
                let lowest = perStation.firstIndex(of: best)!
                if perStation.filter({ $0 == best }).count > 1 { ties += 1 }
                #expect(times.seconds[y * side + x] == best)
                #expect(times.station[y * side + x] == Int32(lowest), "node (\(x), \(y))")
            }
        }
        #expect(ties > 0, "the layout must produce ties for the rule to be tested")
        #expect(times.settled == side * side)
    }

    @Test("points attach to the nearest segment as a brute-force scan finds it, within the access limit", arguments: 0..<4)
    func attachment(seed: Int) {
        let ways = Self.randomWays(seed: UInt64(seed) &+ 2000, nodes: 200)
        let graph = ModeGraph(ways: ways, mode: .walk, profile: .standard)
        let frame = LocalMetres(centralLongitude: 120.025)
        let index = SegmentIndex(graph: graph, ways: ways, frame: frame, cellSize: 150)
        var random = SplitMix64(seed: UInt64(seed))
        for _ in 0..<500 {
            let lon = random.uniform(119.99, 120.06)
            let lat = random.uniform(29.99, 30.06)
            let limit = 500.0
            let found = index.attach(longitude: lon, latitude: lat, maxMetres: limit)
            let (px, py) = frame.project(longitude: lon, latitude: lat)
            var best = Double.infinity
            for s in 0..<graph.segmentCount {
                let (ax, ay) = frame.project(longitude: ways.longitudes[Int(graph.segmentA[s])], latitude: ways.latitudes[Int(graph.segmentA[s])])
                let (bx, by) = frame.project(longitude: ways.longitudes[Int(graph.segmentB[s])], latitude: ways.latitudes[Int(graph.segmentB[s])])
                let dx = bx - ax, dy = by - ay
                let t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / max(dx * dx + dy * dy, 1e-300)))
                best = min(best, hypot(ax + t * dx - px, ay + t * dy - py))
            }
            if best <= limit - 1e-6 {
                #expect(found.isAttached && abs(Double(found.metres) - best) < 1e-3)
            } else if best > limit + 1e-6 {
                #expect(!found.isAttached)
            }
        }
    }

    @Test("a residence or station beyond the end of a one-way segment is at that end, whatever the direction")
    func beyondTheEndOfAOneWay() {
        // Driving on 0 — 1, one-way backward (1 → 0 only); a station beyond node 0 (west of it), a
        // residence beyond node 1 (east of it): each clamped to its end of the segment.
        let ways = ModeGraphTests.line([(WayTags(roadClass: .residential, oneway: .backward), [0, 1])])
        let network = RoadNetwork(ways: ways, profile: .standard)
        let north = 100 / 111_195.0
        let (seeds, _) = network.seeds(mode: .drive, longitudes: [119.9995], latitudes: [30 + north], stations: [0])
        // At node 0 with its access leg only (0 × ∞ seconds along the forbidden direction was NaN: no seed).
        #expect(seeds.contains { $0.node == 0 })
        let times = network.searchAll(seeds: [[], [], seeds], cutoff: 3600)
        let travel = network.travel(longitudes: [120.0105], latitudes: [30 + north], modes: [.drive], times: times)
        #expect(travel.attached == [true])
        // At node 1, it drives 1 → 0, which the one-way allows: its access leg and node 1's time.
        #expect(travel.seconds[0].isFinite && travel.station[0] == 0)
        #expect(abs(travel.seconds[0] - (Double(travel.accessSeconds[0]) + times[2].seconds[1])) < 1e-4)
    }

    @Test("a residence's time is its access leg, the way along its segment and the node's time")
    func residenceTravel() {
        // A residential street 0 — 1 — 2 (about 965 m a piece), one station at node 2.
        let ways = ModeGraphTests.line([(WayTags(roadClass: .residential), [0, 1, 2])])
        let network = RoadNetwork(ways: ways, profile: .standard)
        let (seeds, unattached) = network.seeds(mode: .walk, longitudes: [120.02], latitudes: [30], stations: [0])
        #expect(unattached == 0 && !seeds.isEmpty)
        let times = network.searchAll(seeds: [seeds, [], []], cutoff: 3600)
        // A residence 100 m north of the middle of 0 — 1, and one 2 km away.
        let north = 100 / 111_195.0
        let travel = network.travel(
            longitudes: [120.005, 120.005], latitudes: [30 + north, 30.02], modes: [.walk, .walk], times: times)
        let speed = 4.8 / 3.6
        let segment = haversine(120, 30, 120.01, 30)
        let expected = 100 / speed + (0.5 * segment + segment) / speed
        #expect(abs(travel.seconds[0] - expected) < 1.5)
        #expect(abs(Double(travel.accessSeconds[0]) - 100 / speed) < 0.5)
        #expect(travel.station[0] == 0 && travel.attached == [true, false])
        #expect(travel.unattachedCount == 1)
    }
}
