import Foundation
import LegalCircle
import Testing

@testable import LegalCircleRoads

/// `RoadNetwork.reach`, the coverage sets of `suggest` over the roads (issue 19): per candidate site,
/// against an independent plain Dijkstra from each residence, and against the multi-source search
/// `report` runs with that site as the only station, on random networks with one-way streets, ferries,
/// access restrictions and disconnected parts.
@Suite("Site reach against plain Dijkstra per residence")
struct SiteReachTests {
    struct Place {
        var longitude: Double
        var latitude: Double
    }

    static func places(_ count: Int, _ random: inout SplitMix64) -> [Place] {
        (0..<count).map { _ in Place(longitude: random.uniform(119.998, 120.052), latitude: random.uniform(29.998, 30.052)) }
    }

    /// Seconds from a point to the site by plain Dijkstra over the edges in travel direction: the
    /// point's access leg and way along its segment to an end, the end's distance to a node the site
    /// is seeded at, and the way from there to the site. Nil when the point is off the mode's roads.
    static func reference(
        point: Place, site: Place, network: RoadNetwork, mode: TravelMode, distances: [[Double]]
    ) -> Double? {
        let graph = network.graph(mode)
        let index = network.index(mode)
        let speed = network.accessKmPerHour[TravelMode.allCases.firstIndex(of: mode)!] / 3.6
        let at = index.attach(longitude: point.longitude, latitude: point.latitude, maxMetres: network.accessMaxMetres)
        guard at.isAttached else { return nil }
        let siteAt = index.attach(longitude: site.longitude, latitude: site.latitude, maxMetres: network.accessMaxMetres)
        guard siteAt.isAttached else { return .infinity }
        let s = Int(siteAt.segment)
        let siteAccess = Double(siteAt.metres) / speed
        // A share of a segment in one direction; a point at the very end is at the node, whatever the
        // direction (a point beyond the end is clamped there).
        func along(_ share: Double, _ seconds: Float) -> Double { share == 0 ? 0 : share * Double(seconds) }
        // Entering the site's segment at a and going forward, or at b and going backward.
        let entries = [
            (Int(graph.segmentA[s]), siteAccess + along(Double(siteAt.fraction), graph.forwardSeconds[s])),
            (Int(graph.segmentB[s]), siteAccess + along(1 - Double(siteAt.fraction), graph.backwardSeconds[s])),
        ]
        let r = Int(at.segment)
        let t = Double(at.fraction)
        let ends = [
            (Int(graph.segmentA[r]), along(t, graph.backwardSeconds[r])),
            (Int(graph.segmentB[r]), along(1 - t, graph.forwardSeconds[r])),
        ]
        var best = Double.infinity
        for (end, along) in ends where along.isFinite {
            for (entry, last) in entries where last.isFinite { best = min(best, along + distances[end][entry] + last) }
        }
        return Double(at.metres) / speed + best
    }

    @Test("each site's residences and seconds equal a plain Dijkstra per residence", arguments: 0..<9)
    func reachEqualsPlainDijkstra(seed: Int) {
        let ways = NetworkSearchTests.randomWays(seed: UInt64(seed) &+ 3000, nodes: 140)
        let network = RoadNetwork(ways: ways, profile: .standard)
        var random = SplitMix64(seed: UInt64(seed) &+ 31)
        let sites = Self.places(7, &random)
        let residences = Self.places(160, &random)
        let modes = residences.map { _ in TravelMode.allCases[random.index(below: 3)] }
        let limit = [240.0, 600.0, 1500.0][seed % 3]
        let reach = network.reach(
            siteLongitudes: sites.map(\.longitude), siteLatitudes: sites.map(\.latitude),
            residenceLongitudes: residences.map(\.longitude), residenceLatitudes: residences.map(\.latitude), modes: modes,
            limitSeconds: limit)
        #expect(reach.siteCount == sites.count)
        // Every node's plain-Dijkstra distance to every other, per mode.
        var distances: [TravelMode: [[Double]]] = [:]
        for mode in TravelMode.allCases {
            let graph = network.graph(mode)
            var adjacency = [[(Int, Double)]](repeating: [], count: graph.nodeCount)
            for edge in graph.forwardEdges() { adjacency[Int(edge.from)].append((Int(edge.to), Double(edge.seconds))) }
            distances[mode] = (0..<graph.nodeCount).map { NetworkSearchTests.plainDijkstra(from: $0, adjacency: adjacency) }
        }
        var listed = 0
        for (s, site) in sites.enumerated() {
            let row = reach.row(s)
            let found = Dictionary(uniqueKeysWithValues: row.map { (Int(reach.residences[$0]), reach.seconds[$0]) })
            #expect(Array(row.map { reach.residences[$0] }) == Array(row.map { reach.residences[$0] }).sorted())
            listed += found.count
            for (r, residence) in residences.enumerated() {
                let mode = modes[r]
                guard let expected = Self.reference(point: residence, site: site, network: network, mode: mode, distances: distances[mode]!)
                else {
                    #expect(found[r] == nil, "site \(s), residence \(r) is off the \(mode) roads")
                    continue
                }
                if expected <= limit * (1 - 1e-9) {
                    if let seconds = found[r] {
                        #expect(abs(seconds - expected) <= 1e-9 * max(1, expected), "site \(s), residence \(r)")
                    } else {
                        Issue.record("site \(s), residence \(r) (\(mode)) reaches it in \(expected) s but is not listed")
                    }
                } else if expected > limit * (1 + 1e-9) {
                    #expect(found[r] == nil, "site \(s), residence \(r) (\(mode)): \(expected) s is beyond \(limit) s")
                }
            }
        }
        #expect(listed > 0)
    }

    /// The bounded search per site and `report`'s multi-source search with that site the only station
    /// give the very same seconds, to the bit: what `suggest` promises is what `report` computes.
    @Test("each site's seconds are those of report's search with the site as the only station", arguments: 0..<6)
    func reachEqualsTheReportsSearch(seed: Int) {
        let ways = NetworkSearchTests.randomWays(seed: UInt64(seed) &+ 4000, nodes: 300)
        let network = RoadNetwork(ways: ways, profile: .standard)
        var random = SplitMix64(seed: UInt64(seed) &+ 57)
        let sites = Self.places(20, &random)
        let residences = Self.places(400, &random)
        let modes = residences.map { _ in TravelMode.allCases[random.index(below: 3)] }
        let limit = 900.0
        let reach = network.reach(
            siteLongitudes: sites.map(\.longitude), siteLatitudes: sites.map(\.latitude),
            residenceLongitudes: residences.map(\.longitude), residenceLatitudes: residences.map(\.latitude), modes: modes,
            limitSeconds: limit)
        var listed = 0
        for s in sites.indices {
            let seeds = TravelMode.allCases.map {
                network.seeds(mode: $0, longitudes: sites.map(\.longitude), latitudes: sites.map(\.latitude), stations: [Int32(s)]).seeds
            }
            let travel = network.travel(
                longitudes: residences.map(\.longitude), latitudes: residences.map(\.latitude), modes: modes,
                times: network.searchAll(seeds: seeds, cutoff: .infinity))
            let row = reach.row(s)
            let found = Dictionary(uniqueKeysWithValues: row.map { (Int(reach.residences[$0]), reach.seconds[$0]) })
            for r in residences.indices {
                if travel.seconds[r] <= limit {
                    #expect(found[r] == travel.seconds[r], "site \(s), residence \(r)")
                } else {
                    #expect(found[r] == nil, "site \(s), residence \(r)")
                }
            }
            listed += found.count
        }
        #expect(listed > 20)
    }
}
