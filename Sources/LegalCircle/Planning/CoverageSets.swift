/// A weighted maximum-coverage instance: elements with weights (uncovered residences and their
/// population) and candidate sets of elements (the residences each candidate site would cover), stored
/// as compressed sparse rows: the members of set `s` are `members[offsets[s]..<offsets[s + 1]]`.
public struct CoverageSets: Sendable, Equatable {
    /// Weight of each element; non-negative.
    public let weights: [Double]
    /// `setCount + 1` offsets into `members`, starting at 0.
    public let offsets: [Int]
    /// Element indices, set after set; no element twice in one set.
    public let members: [Int32]

    public var setCount: Int { offsets.count - 1 }
    public var elementCount: Int { weights.count }

    /// - Precondition: offsets start at 0, never decrease and end at `members.count`; members are
    ///   valid element indices.
    public init(weights: [Double], offsets: [Int], members: [Int32]) {
        precondition(offsets.first == 0 && offsets.last == members.count, "offsets must span the members")
        self.weights = weights
        self.offsets = offsets
        self.members = members
    }

    /// An instance from one array of element indices per set (for small instances and tests).
    public init(weights: [Double], sets: [[Int32]]) {
        var offsets = [0]
        offsets.reserveCapacity(sets.count + 1)
        for set in sets { offsets.append(offsets.last! + set.count) }
        self.init(weights: weights, offsets: offsets, members: sets.flatMap { $0 })
    }

    /// The members of set `s`.
    @inlinable
    public func members(of s: Int) -> ArraySlice<Int32> { members[offsets[s]..<offsets[s + 1]] }

    /// Total weight of the elements covered by at least one of `selection`, summed in element order.
    /// - Complexity: O(n + Σ |set|) for n elements.
    public func coveredWeight(_ selection: some Sequence<Int>) -> Double {
        var covered = [Bool](repeating: false, count: elementCount)
        for s in selection { for e in members(of: s) { covered[Int(e)] = true } }
        var total = 0.0
        for e in 0..<elementCount where covered[e] { total += weights[e] }
        return total
    }

    /// Total weight of all elements.
    public var totalWeight: Double { weights.reduce(0, +) }

    /// The sets containing each element: the transposed rows (element → sets), for local search.
    /// - Complexity: O(n + Σ |set|), one counting pass and one filling pass.
    func transposed() -> (offsets: [Int], sets: [Int32]) {
        var offsets = [Int](repeating: 0, count: elementCount + 1)
        for e in members { offsets[Int(e) + 1] += 1 }
        for e in 0..<elementCount { offsets[e + 1] += offsets[e] }
        var next = offsets
        var sets = [Int32](repeating: 0, count: members.count)
        sets.withUnsafeMutableBufferPointer { sets in
            for s in 0..<setCount {
                for e in members(of: s) {
                    sets[next[Int(e)]] = Int32(s)
                    next[Int(e)] += 1
                }
            }
        }
        return (offsets, sets)
    }
}
