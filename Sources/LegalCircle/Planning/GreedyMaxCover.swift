/// Sets chosen one after another, with the weight each added.
public struct CoverSelection: Sendable, Equatable {
    /// Set indices in the order chosen.
    public var sets: [Int]
    /// The newly covered weight of each, given the ones before it.
    public var gains: [Double]

    public init(sets: [Int] = [], gains: [Double] = []) {
        self.sets = sets
        self.gains = gains
    }

    /// Sum of the gains: the weight the selection covers.
    public var coveredWeight: Double { gains.reduce(0, +) }
}

/// Greedy maximum coverage with lazy evaluation: repeatedly take the set that covers the most
/// uncovered weight.
///
/// Greedy covers at least 1 − 1/e ≈ 63 % of the optimum (Nemhauser, Wolsey & Fisher, "An analysis of
/// approximations for maximizing submodular set functions", Math. Programming 14, 1978). Lazy
/// evaluation (Minoux, "Accelerated greedy algorithms for maximizing submodular set functions", 1978;
/// the CELF of Leskovec et al., KDD 2007) keeps every set in a max-heap under its last known gain:
/// gains only shrink as elements get covered, so a popped set whose gain is fresh for this round beats
/// every stale one below it, and most sets are never re-evaluated.
public enum GreedyMaxCover {
    /// - Parameters:
    ///   - count: the most sets to choose.
    ///   - target: stop as soon as the chosen sets cover at least this weight.
    ///   - among: the sets that may be chosen (all when nil).
    ///   - first: sets taken first, in this order, before greedy choice starts (for restarts).
    /// - Returns: the sets in the order chosen; fewer than `count` when no remaining set adds weight.
    ///   Ties go to the lower set index, so the answer is repeatable.
    /// - Complexity: O(Σ |set|) to start (in parallel), then O(log m + |set|) per re-evaluation.
    public static func select(
        _ sets: CoverageSets, count: Int, target: Double = .infinity, among: [Int]? = nil, first: [Int] = []
    ) -> CoverSelection {
        let candidates = among ?? Array(0..<sets.setCount)
        let initial: [Double] = ParallelChunks(count: candidates.count, parts: max(1, min(64, candidates.count / 256))).fill {
            range, gains in
            for position in range {
                var gain = 0.0
                for e in sets.members(of: candidates[position]) { gain += sets.weights[Int(e)] }
                gains[position] = gain
            }
        }
        var heap = GainHeap()
        heap.reserveCapacity(candidates.count)
        for (position, set) in candidates.enumerated() where initial[position] > 0 {
            heap.push(GainHeap.Entry(gain: initial[position], set: Int32(set), round: 0))
        }

        var covered = [Bool](repeating: false, count: sets.elementCount)
        var selection = CoverSelection()
        var total = 0.0
        for set in first where selection.sets.count < count && total < target {
            var gain = 0.0
            for e in sets.members(of: set) where !covered[Int(e)] {
                gain += sets.weights[Int(e)]
                covered[Int(e)] = true
            }
            selection.sets.append(set)
            selection.gains.append(gain)
            total += gain
        }
        while selection.sets.count < count, total < target, var top = heap.pop() {
            let round = Int32(selection.sets.count)
            // Sets taken first are stale from here on and re-evaluate to nothing.
            if top.round != round {
                // Stale: re-evaluate and put back; it is taken only when still on top while fresh.
                var gain = 0.0
                for e in sets.members(of: Int(top.set)) where !covered[Int(e)] { gain += sets.weights[Int(e)] }
                guard gain > 0 else { continue }
                top.gain = gain
                top.round = round
                heap.push(top)
                continue
            }
            for e in sets.members(of: Int(top.set)) { covered[Int(e)] = true }
            selection.sets.append(Int(top.set))
            selection.gains.append(top.gain)
            total += top.gain
        }
        return selection
    }
}

/// A binary max-heap of sets by gain, ties to the lower set index.
struct GainHeap {
    struct Entry {
        var gain: Double
        var set: Int32
        /// The number of sets chosen when `gain` was computed.
        var round: Int32

        @inline(__always)
        func outranks(_ other: Entry) -> Bool { gain > other.gain || (gain == other.gain && set < other.set) }
    }

    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func reserveCapacity(_ capacity: Int) { entries.reserveCapacity(capacity) }

    /// - Complexity: O(log n).
    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].outranks(entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the top entry.
    /// - Complexity: O(log n).
    mutating func pop() -> Entry? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return top }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { break }
            var best = left
            if left + 1 < entries.count, entries[left + 1].outranks(entries[left]) { best = left + 1 }
            guard entries[best].outranks(entries[parent]) else { break }
            entries.swapAt(best, parent)
            parent = best
        }
        return top
    }
}
