import LegalCircle

/// Where a search starts: a graph node, the seconds already spent reaching the station from it
/// (attachment along a segment and the station's own access leg) and the station's index.
public struct SearchSeed: Sendable, Equatable {
    public var node: Int32
    public var seconds: Double
    public var station: Int32

    public init(node: Int32, seconds: Double, station: Int32) {
        self.node = node
        self.seconds = seconds
        self.station = station
    }
}

/// For every node of one mode's graph: seconds to the nearest station and which station, or
/// infinity and −1 beyond the cut-off.
public struct NetworkTimes: Sendable {
    public var seconds: [Double]
    public var station: [Int32]
    /// Nodes settled (reached within the cut-off).
    public var settled: Int
}

/// Multi-source Dijkstra: one search per travel mode, seeded from every eligible station at once,
/// over reversed edges (residents travel to the stations), stopped at a cut-off. Each node is settled
/// once with its nearest station, whatever the number of stations (E. W. Dijkstra, "A note on two
/// problems in connexion with graphs", Numerische Mathematik 1, 1959; the multi-source form adds a
/// virtual source joined to every seed).
public enum NetworkSearch {
    /// - Parameters:
    ///   - seeds: start nodes with their initial seconds; a node may appear several times.
    ///   - cutoff: seconds; nodes farther than this are not settled.
    /// - Complexity: O((V' + E') log V') for the V' nodes and E' edges within the cut-off.
    public static func run(_ graph: ModeGraph, seeds: [SearchSeed], cutoff: Double) -> NetworkTimes {
        let n = graph.nodeCount
        var seconds = [Double](repeating: .infinity, count: n)
        var station = [Int32](repeating: -1, count: n)
        var heap = BinaryHeap()
        heap.reserve(Swift.min(n, 1 << 20))
        for seed in seeds where seed.seconds <= cutoff {
            let v = Int(seed.node)
            if seed.seconds < seconds[v] || (seed.seconds == seconds[v] && seed.station < station[v]) {
                seconds[v] = seed.seconds
                station[v] = seed.station
                heap.push(seed.seconds, seed.node)
            }
        }
        var settledCount = 0
        graph.reverseOffsets.withUnsafeBufferPointer { offsets in
            graph.reverseSources.withUnsafeBufferPointer { sources in
                graph.reverseSeconds.withUnsafeBufferPointer { weights in
                    seconds.withUnsafeMutableBufferPointer { seconds in
                        station.withUnsafeMutableBufferPointer { station in
                            var settled = [Bool](repeating: false, count: n)
                            settled.withUnsafeMutableBufferPointer { settled in
                                while let (key, node) = heap.pop() {
                                    let v = Int(node)
                                    // Settle once: later, larger entries of the same node are stale.
                                    if settled[v] { continue }
                                    settled[v] = true
                                    settledCount += 1
                                    let from = station[v]
                                    for e in Int(offsets[v])..<Int(offsets[v + 1]) {
                                        let u = Int(sources[e])
                                        let candidate = key + Double(weights[e])
                                        if candidate <= cutoff, candidate < seconds[u] {
                                            seconds[u] = candidate
                                            station[u] = from
                                            heap.push(candidate, Int32(u))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return NetworkTimes(seconds: seconds, station: station, settled: settledCount)
    }
}

/// A binary min-heap of (seconds, node) over a ContiguousArray, with stale entries left in place
/// (lazy deletion) rather than a decrease-key (see `NetworkSearch`).
struct BinaryHeap {
    private var keys = ContiguousArray<Double>()
    private var nodes = ContiguousArray<Int32>()

    var isEmpty: Bool { keys.isEmpty }

    mutating func reserve(_ capacity: Int) {
        keys.reserveCapacity(capacity)
        nodes.reserveCapacity(capacity)
    }

    /// - Complexity: O(log n).
    @inline(__always)
    mutating func push(_ key: Double, _ node: Int32) {
        keys.append(key)
        nodes.append(node)
        var child = keys.count - 1
        keys.withUnsafeMutableBufferPointer { keys in
            nodes.withUnsafeMutableBufferPointer { nodes in
                while child > 0 {
                    let parent = (child - 1) >> 1
                    if keys[parent] <= key { break }
                    keys[child] = keys[parent]
                    nodes[child] = nodes[parent]
                    child = parent
                }
                keys[child] = key
                nodes[child] = node
            }
        }
    }

    /// The smallest entry, removed. - Complexity: O(log n).
    @inline(__always)
    mutating func pop() -> (Double, Int32)? {
        guard let lastKey = keys.popLast(), let lastNode = nodes.popLast() else { return nil }
        if keys.isEmpty { return (lastKey, lastNode) }
        let top = (keys[0], nodes[0])
        let count = keys.count
        keys.withUnsafeMutableBufferPointer { keys in
            nodes.withUnsafeMutableBufferPointer { nodes in
                var parent = 0
                while true {
                    var child = 2 * parent + 1
                    if child >= count { break }
                    if child + 1 < count, keys[child + 1] < keys[child] { child += 1 }
                    if keys[child] >= lastKey { break }
                    keys[parent] = keys[child]
                    nodes[parent] = nodes[child]
                    parent = child
                }
                keys[parent] = lastKey
                nodes[parent] = lastNode
            }
        }
        return top
    }
}
