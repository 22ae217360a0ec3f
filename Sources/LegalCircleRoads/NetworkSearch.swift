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
    /// - Returns: each node's time and station; of two stations equally near, the lower index (a
    ///   rule, so the answer does not depend on the order in which equal times leave the queue).
    /// - Complexity: O((V' + E') log V') for the V' nodes and E' edges within the cut-off.
    public static func run(_ graph: ModeGraph, seeds: [SearchSeed], cutoff: Double) -> NetworkTimes {
        let n = graph.nodeCount
        // Per node, time, station and where its row of edges starts side by side, and per edge its source
        // and seconds side by side: taking a node then costs one cache miss for the node and one for its
        // row (perf: the search was bound on these loads, three in a chain per node).
        let labels = UnsafeMutablePointer<NodeLabel>.allocate(capacity: n + 1)
        defer { labels.deallocate() }
        graph.reverseOffsets.withUnsafeBufferPointer { offsets in
            for v in 0...n { (labels + v).initialize(to: NodeLabel(seconds: .infinity, station: -1, firstEdge: offsets[v])) }
        }
        // One spare edge, so that the row start of a node with an empty last row can be read.
        let edges = UnsafeMutablePointer<PackedEdge>.allocate(capacity: graph.edgeCount + 1)
        defer { edges.deallocate() }
        graph.reverseSources.withUnsafeBufferPointer { sources in
            graph.reverseSeconds.withUnsafeBufferPointer { weights in
                for e in 0..<graph.edgeCount { (edges + e).initialize(to: PackedEdge(source: sources[e], seconds: weights[e])) }
            }
        }
        (edges + graph.edgeCount).initialize(to: PackedEdge(source: 0, seconds: 0))
        // When a bucket of the queue is opened, its nodes' labels and first edges are read in one pass:
        // independent loads the processor overlaps, where taking the nodes one by one waited on each
        // miss in turn (perf: nearly all the search's time was on those two loads).
        var warmed: Int32 = 0
        let warm = { (node: Int32) in warmed &+= edges[Int(labels[Int(node)].firstEdge)].source }
        // Keys in the queue never lie further ahead of the one being taken than the largest seed or edge.
        var longestEdge = 0.0
        graph.reverseSeconds.withUnsafeBufferPointer { for w in $0 where Double(w) > longestEdge { longestEdge = Double(w) } }
        let latestSeed = seeds.lazy.map(\.seconds).filter { $0 <= cutoff }.max() ?? 0
        var queue = MonotoneQueue(cutoff: cutoff, span: max(longestEdge, latestSeed))
        for seed in seeds where seed.seconds <= cutoff {
            let v = Int(seed.node)
            if seed.seconds < labels[v].seconds || (seed.seconds == labels[v].seconds && seed.station < labels[v].station) {
                labels[v].seconds = seed.seconds
                labels[v].station = seed.station
                queue.push(seed.seconds, seed.node)
            }
        }
        while let (key, node) = queue.pop(opening: warm) {
            let v = Int(node)
            let label = labels[v]
            // Entries left behind by a later improvement are stale (lazy deletion).
            if key > label.seconds { continue }
            let from = label.station
            for e in Int(label.firstEdge)..<Int(labels[v + 1].firstEdge) {
                let edge = edges[e]
                let candidate = key + Double(edge.seconds)
                guard candidate <= cutoff else { continue }
                let u = Int(edge.source)
                let current = labels[u]
                if candidate < current.seconds {
                    labels[u].seconds = candidate
                    labels[u].station = from
                    queue.push(candidate, edge.source)
                } else if candidate == current.seconds, from < current.station, candidate > key {
                    // An equal time from a lower station, before u is settled (u leaves the queue at
                    // `candidate`, later than now); zero-second edges keep the first.
                    labels[u].station = from
                }
            }
        }
        var seconds = [Double](repeating: .infinity, count: n)
        var station = [Int32](repeating: -1, count: n)
        // Every node with a finite time entered the queue and was settled when it left it.
        var settled = 0
        for v in 0..<n where labels[v].station >= 0 {
            seconds[v] = labels[v].seconds
            station[v] = labels[v].station
            settled += 1
        }
        keepAlive(warmed)
        return NetworkTimes(seconds: seconds, station: station, settled: settled)
    }
}

/// Keeps a value the optimiser would otherwise drop with the loads that made it.
@_optimize(none)
func keepAlive(_ value: Int32) {}

/// A node's best time so far, the station it leads to, and the start of its row of edges (16 bytes).
struct NodeLabel {
    var seconds: Double
    var station: Int32
    var firstEdge: Int32
}

/// An edge u → v of v's row: u and the seconds (8 bytes).
struct PackedEdge {
    var source: Int32
    var seconds: Float
}

/// Dijkstra's priority queue for keys that never fall below the last one taken (each pushed key is the
/// popped one plus an edge): buckets of equal width, unsorted except the one being emptied, which is a
/// small heap. With 40 k stations the frontier holds millions of entries; in one heap nearly every
/// level of a sift was a cache miss (perf: half the search time), while a bucket is appended to in
/// sequence and the current one fits in cache. Keys leave in non-decreasing order, exactly as from a
/// heap (a bucket's number is monotone in its key).
///
/// With a cut-off, 4,096 buckets span it. Without one (report's full searches), buckets of a second
/// are kept in a ring long enough for the queue's `span` (the largest edge or seed), as in Dial's
/// algorithm: no two keys waiting at once fall in the same slot from different laps.
struct MonotoneQueue: ~Copyable {
    private let width: Double
    private var buckets: [ContiguousArray<HeapEntry>]
    /// The number of the bucket in `heap` (key / width, not yet wrapped).
    private var current = 0
    /// Entries in the buckets, not counting the heap.
    private var waiting = 0
    private var heap = QuaternaryHeap(capacity: 1 << 12)

    /// - Parameters:
    ///   - cutoff: no key above it is pushed; may be infinite.
    ///   - span: no key is pushed further than this ahead of the last one taken, nor above it at first.
    init(cutoff: Double, span: Double) {
        let ringLimit = 1 << 22
        if cutoff.isFinite && cutoff > 0 {
            width = cutoff / 4095
            buckets = .init(repeating: [], count: 4096)
        } else {
            let reach = span.isFinite ? max(span, 1) : 1
            width = max(1, reach / Double(ringLimit - 2))
            buckets = .init(repeating: [], count: Int((reach / width).rounded(.up)) + 2)
        }
    }

    @inline(__always)
    mutating func push(_ key: Double, _ node: Int32) {
        let number = Int(key / width)
        if number <= current {
            heap.push(key, node)
        } else {
            buckets[number % buckets.count].append(HeapEntry(key: key, node: node))
            waiting += 1
        }
    }

    /// The smallest entry, removed, or nil when none is left; `opening` sees every node of a bucket
    /// when the bucket becomes the current one.
    @inline(__always)
    mutating func pop(opening: (Int32) -> Void) -> (Double, Int32)? {
        while heap.count == 0 {
            if waiting == 0 { return nil }
            current += 1
            let slot = current % buckets.count
            if buckets[slot].isEmpty { continue }
            waiting -= buckets[slot].count
            for entry in buckets[slot] { opening(entry.node) }
            for entry in buckets[slot] { heap.push(entry.key, entry.node) }
            buckets[slot] = []
        }
        return heap.pop()
    }
}

struct HeapEntry {
    var key: Double
    var node: Int32
}

/// A 4-ary min-heap of (seconds, node) with stale entries left in place (lazy deletion) rather than a
/// decrease-key (see `NetworkSearch`): half the levels of a binary heap, and each entry's key and node
/// in one 16-byte slot, so a level costs one cache line.
struct QuaternaryHeap: ~Copyable {
    private typealias Entry = HeapEntry
    private var entries: UnsafeMutablePointer<Entry>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 4)
        entries = .allocate(capacity: self.capacity)
    }

    deinit { entries.deallocate() }

    /// - Complexity: O(log₄ n), amortised.
    @inline(__always)
    mutating func push(_ key: Double, _ node: Int32) {
        if count == capacity { grow() }
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) >> 2
            if entries[parent].key <= key { break }
            entries[child] = entries[parent]
            child = parent
        }
        entries[child] = Entry(key: key, node: node)
    }

    /// The smallest entry, removed; the heap must not be empty. - Complexity: O(log₄ n).
    @inline(__always)
    mutating func pop() -> (Double, Int32) {
        let top = entries[0]
        count -= 1
        if count == 0 { return (top.key, top.node) }
        let last = entries[count]
        var parent = 0
        while true {
            let first = 4 * parent + 1
            if first >= count { break }
            var child = first
            var childKey = entries[first].key
            var c = first + 1
            let end = Swift.min(first + 4, count)
            while c < end {
                if entries[c].key < childKey {
                    child = c
                    childKey = entries[c].key
                }
                c += 1
            }
            if childKey >= last.key { break }
            entries[parent] = entries[child]
            parent = child
        }
        entries[parent] = last
        return (top.key, top.node)
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: entries, count: count)
        entries.deallocate()
        entries = larger
        capacity *= 2
    }
}
