import LegalCircle

/// A single-source Dijkstra over one mode's reversed edges, stopped at a cut-off, whose graph-size
/// arrays are kept between searches: only the nodes a search settled or touched are reset, so a
/// search that settles 15 k nodes of a 5 M-node graph costs 15 k nodes, not 5 M.
///
/// The relaxation is `NetworkSearch.run`'s, step for step (seed rule, `key + Double(weight)` in
/// Float64, `<= cutoff`, strict `<`), so a node's seconds from one station equal what the multi-source
/// search gives when that station is the only one; and since rounded addition is monotone, the
/// multi-source time of a node is the least of its single-source times.
struct BoundedSearch {
    let graph: ModeGraph
    /// Seconds to the station per node, +infinity where untouched.
    private(set) var seconds: [Double]
    /// Nodes given a finite time by the last search (settled or only touched), for the reset.
    private var touched: [Int32] = []
    /// Nodes settled by the last search, in settling order.
    private(set) var settled: [Int32] = []
    private var isSettled: [Bool]
    private var heap = BinaryHeap()

    init(graph: ModeGraph) {
        self.graph = graph
        seconds = [Double](repeating: .infinity, count: graph.nodeCount)
        isSettled = [Bool](repeating: false, count: graph.nodeCount)
    }

    /// Runs from `seeds` up to `cutoff` seconds, after clearing what the previous search left.
    /// - Complexity: O((V' + E') log V') for the V' nodes and E' edges within the cut-off.
    mutating func run(seeds: [SearchSeed], cutoff: Double) {
        reset()
        for seed in seeds where seed.seconds <= cutoff {
            let v = Int(seed.node)
            if seed.seconds < seconds[v] {
                if seconds[v] == .infinity { touched.append(seed.node) }
                seconds[v] = seed.seconds
                heap.push(seed.seconds, seed.node)
            }
        }
        let offsets = graph.reverseOffsets, sources = graph.reverseSources, weights = graph.reverseSeconds
        while let (key, node) = heap.pop() {
            let v = Int(node)
            if isSettled[v] { continue }
            isSettled[v] = true
            settled.append(node)
            for e in Int(offsets[v])..<Int(offsets[v + 1]) {
                let u = Int(sources[e])
                let candidate = key + Double(weights[e])
                if candidate <= cutoff, candidate < seconds[u] {
                    if seconds[u] == .infinity { touched.append(Int32(u)) }
                    seconds[u] = candidate
                    heap.push(candidate, Int32(u))
                }
            }
        }
    }

    private mutating func reset() {
        for v in touched {
            seconds[Int(v)] = .infinity
            isSettled[Int(v)] = false
        }
        touched.removeAll(keepingCapacity: true)
        settled.removeAll(keepingCapacity: true)
    }
}

/// A binary min-heap of (seconds, node) over a ContiguousArray, with stale entries left in place
/// (lazy deletion) rather than a decrease-key: the small searches from one candidate site, whose frontier
/// stays in cache (the province-wide searches use `MonotoneQueue`).
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
