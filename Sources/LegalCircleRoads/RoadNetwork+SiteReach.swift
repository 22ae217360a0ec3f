import Foundation
import LegalCircle

extension RoadNetwork {
    /// For each site on its own, the residences that reach it within `limitSeconds` (see
    /// `RoadTravel.reach`): per site and per mode some residence travels by, the site is attached and
    /// seeded as `seeds` attaches a station, searched by `BoundedSearch` up to the limit, and the
    /// residences attached to a segment with a settled end are timed in `travel`'s arithmetic: their
    /// way onto the roads (`entry`, worked out once for all sites) plus that search's node times.
    ///
    /// The sites are dealt round-robin to one worker per core (neighbouring sites cost alike, so each
    /// worker gets a fair share); each worker keeps one search per mode for all its sites.
    /// - Complexity: O(n) to attach the n residences once, then per site O((V' + E') log V' + k) for the
    ///   part of the graph within the limit and the k residences attached there.
    public func reach(
        siteLongitudes: [Double], siteLatitudes: [Double], residenceLongitudes: [Double], residenceLatitudes: [Double],
        modes: [TravelMode], limitSeconds: Double
    ) -> SiteReach {
        let siteCount = siteLongitudes.count
        let byNode = ResidencesByNode(network: self, longitudes: residenceLongitudes, latitudes: residenceLatitudes, modes: modes)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, siteCount))
        let rows = ParallelChunks(count: workers, size: 1).map { worker, _ -> [(site: Int, residences: [Int32], seconds: [Double])] in
            var searches: [BoundedSearch?] = graphs.indices.map { byNode.hasResidences(slot: $0) ? BoundedSearch(graph: graphs[$0]) : nil }
            var stamp = [Int32](repeating: -1, count: residenceLongitudes.count)
            var out: [(site: Int, residences: [Int32], seconds: [Double])] = []
            for site in stride(from: worker, to: siteCount, by: workers) {
                var found: [Int32] = []
                for slot in searches.indices where searches[slot] != nil {
                    let seeds = self.seeds(
                        mode: TravelMode.allCases[slot], longitudes: siteLongitudes, latitudes: siteLatitudes,
                        stations: [Int32(site)]
                    ).seeds
                    searches[slot]!.run(seeds: seeds, cutoff: limitSeconds)
                    for node in searches[slot]!.settled {
                        for r in byNode.residences(slot: slot, node: Int(node)) where stamp[Int(r)] != Int32(site) {
                            stamp[Int(r)] = Int32(site)
                            found.append(r)
                        }
                    }
                }
                found.sort()
                var kept: [Int32] = []
                var keptSeconds: [Double] = []
                for r in found {
                    let seconds = byNode.seconds(of: Int(r), slot: Self.slot(modes[Int(r)]), searches: searches)
                    if seconds <= limitSeconds {
                        kept.append(r)
                        keptSeconds.append(seconds)
                    }
                }
                out.append((site, kept, keptSeconds))
            }
            return out
        }
        var ordered = [(residences: [Int32], seconds: [Double])](repeating: ([], []), count: siteCount)
        for worker in rows { for row in worker { ordered[row.site] = (row.residences, row.seconds) } }
        var offsets = [0]
        offsets.reserveCapacity(siteCount + 1)
        for row in ordered { offsets.append(offsets.last! + row.residences.count) }
        return SiteReach(offsets: offsets, residences: ordered.flatMap(\.residences), seconds: ordered.flatMap(\.seconds))
    }
}

/// The residences attached to each node's segments, per mode: a residence on segment (a, b) of its
/// mode's graph is listed at a and at b, the two nodes its time goes through.
struct ResidencesByNode {
    private var offsets: [[Int32]]
    private var lists: [[Int32]]
    /// Where each residence enters its mode's roads (`RoadNetwork.entry`), worked out once for every
    /// site; `a` is −1 for a residence off the roads.
    private let entries: [RoadEntry]

    init(network: RoadNetwork, longitudes: [Double], latitudes: [Double], modes: [TravelMode]) {
        let graphs = network.graphs
        let entries: [RoadEntry] = ParallelChunks(count: longitudes.count, size: 16_384).fill { range, out in
            for i in range {
                out[i] = network.entry(longitude: longitudes[i], latitude: latitudes[i], slot: RoadNetwork.slot(modes[i]))
                    ?? RoadEntry(accessSeconds: .infinity, a: -1, toA: .infinity, b: -1, toB: .infinity)
            }
        }
        self.entries = entries
        offsets = []
        lists = []
        for slot in graphs.indices {
            let graph = graphs[slot]
            var members: [Int] = []
            for i in 0..<longitudes.count where entries[i].a >= 0 && RoadNetwork.slot(modes[i]) == slot { members.append(i) }
            guard !members.isEmpty else {
                offsets.append([])
                lists.append([])
                continue
            }
            var rowOffsets = [Int32](repeating: 0, count: graph.nodeCount + 1)
            for i in members {
                rowOffsets[Int(entries[i].a) + 1] += 1
                rowOffsets[Int(entries[i].b) + 1] += 1
            }
            for v in 0..<graph.nodeCount { rowOffsets[v + 1] += rowOffsets[v] }
            var fill = rowOffsets
            var list = [Int32](repeating: 0, count: Int(rowOffsets[graph.nodeCount]))
            for i in members {
                for node in [Int(entries[i].a), Int(entries[i].b)] {
                    list[Int(fill[node])] = Int32(i)
                    fill[node] += 1
                }
            }
            offsets.append(rowOffsets)
            lists.append(list)
        }
    }

    /// Seconds of residence `r` over a search's node times, in `RoadNetwork.travel`'s arithmetic
    /// (access leg + the way along the segment + the end's time, the better end); infinity when
    /// neither end is reached.
    @inline(__always)
    func seconds(of r: Int, slot: Int, searches: [BoundedSearch?]) -> Double {
        let entry = entries[r]
        guard entry.a >= 0, searches[slot] != nil else { return .infinity }
        // Through the optional each time: a local copy of the search would retain its arrays per call.
        let best = min(
            entry.toA + searches[slot]!.seconds[Int(entry.a)], entry.toB + searches[slot]!.seconds[Int(entry.b)])
        return best.isFinite ? entry.accessSeconds + best : .infinity
    }

    func hasResidences(slot: Int) -> Bool { !lists[slot].isEmpty }

    @inline(__always)
    func residences(slot: Int, node: Int) -> ArraySlice<Int32> {
        lists[slot][Int(offsets[slot][node])..<Int(offsets[slot][node + 1])]
    }
}

extension NetworkTravel {
    /// See `RoadTravel.reach` and `RoadNetwork.reach`.
    public func reach(
        siteLongitudes: [Double], siteLatitudes: [Double], residenceLongitudes: [Double], residenceLatitudes: [Double],
        modes: [TravelMode], limitSeconds: Double
    ) -> SiteReach {
        network.reach(
            siteLongitudes: siteLongitudes, siteLatitudes: siteLatitudes, residenceLongitudes: residenceLongitudes,
            residenceLatitudes: residenceLatitudes, modes: modes, limitSeconds: limitSeconds)
    }
}
