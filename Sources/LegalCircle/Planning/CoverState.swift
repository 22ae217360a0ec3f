/// A choice of sets kept up to date as sets come and go: per element how many chosen sets cover it, per
/// set the weight it would add (`free`: its members no chosen set covers) and, for a chosen set, the
/// weight only it covers (`unique`), and the covered weight.
///
/// Adding or removing a set touches, for each of its members whose count moves between 0 and 1, the
/// sets containing that member (the transposed rows), and for a count moving between 1 and 2 the one
/// other chosen set covering it; nothing is recomputed from scratch.
struct CoverState {
    let sets: CoverageSets
    let elementSets: (offsets: [Int], sets: [Int32])
    private(set) var chosen: [Int] = []
    private(set) var isChosen: [Bool]
    private(set) var coverCount: [Int32]
    /// Weight of each set's members that no chosen set covers (0 for a chosen set).
    private(set) var free: [Double]
    /// For a chosen set, the weight of its members no other chosen set covers.
    private(set) var unique: [Double]
    /// Weight of the elements some chosen set covers (kept by additions and subtractions; `exactWeight`
    /// sums it afresh).
    private(set) var weight = 0.0

    /// - Complexity: O(n + Σ|s|) for the starting free weights, then as `add` for each set of `selection`.
    init(sets: CoverageSets, elementSets: (offsets: [Int], sets: [Int32]), selection: [Int]) {
        self.sets = sets
        self.elementSets = elementSets
        isChosen = [Bool](repeating: false, count: sets.setCount)
        coverCount = [Int32](repeating: 0, count: sets.elementCount)
        unique = [Double](repeating: 0, count: sets.setCount)
        free = ParallelChunks(count: sets.setCount, parts: max(1, min(64, sets.setCount / 256))).fill { range, free in
            for s in range {
                var total = 0.0
                for e in sets.members(of: s) { total += sets.weights[Int(e)] }
                free[s] = total
            }
        }
        for s in selection { add(s) }
    }

    /// The covered weight summed in element order, as `CoverageSets.coveredWeight` does.
    var exactWeight: Double {
        var total = 0.0
        for e in 0..<sets.elementCount where coverCount[e] > 0 { total += sets.weights[e] }
        return total
    }

    /// The chosen set other than `s` that covers `e` (when exactly one other does).
    private func otherCoverer(of e: Int, besides s: Int) -> Int? {
        for position in elementSets.offsets[e]..<elementSets.offsets[e + 1] {
            let t = Int(elementSets.sets[position])
            if t != s, isChosen[t] { return t }
        }
        return nil
    }

    /// Chooses set `s` (not chosen).
    mutating func add(_ s: Int) {
        precondition(!isChosen[s], "set \(s) is already chosen")
        isChosen[s] = true
        chosen.append(s)
        for e32 in sets.members(of: s) {
            let e = Int(e32)
            let w = sets.weights[e]
            coverCount[e] += 1
            if coverCount[e] == 1 {
                weight += w
                unique[s] += w
                for position in elementSets.offsets[e]..<elementSets.offsets[e + 1] {
                    free[Int(elementSets.sets[position])] -= w
                }
            } else if coverCount[e] == 2, let other = otherCoverer(of: e, besides: s) {
                unique[other] -= w
            }
        }
        free[s] = 0
    }

    /// Drops chosen set `s`.
    mutating func remove(_ s: Int) {
        precondition(isChosen[s], "set \(s) is not chosen")
        isChosen[s] = false
        chosen.remove(at: chosen.firstIndex(of: s)!)
        for e32 in sets.members(of: s) {
            let e = Int(e32)
            let w = sets.weights[e]
            coverCount[e] -= 1
            if coverCount[e] == 0 {
                weight -= w
                for position in elementSets.offsets[e]..<elementSets.offsets[e + 1] {
                    free[Int(elementSets.sets[position])] += w
                }
            } else if coverCount[e] == 1, let other = otherCoverer(of: e, besides: s) {
                unique[other] += w
            }
        }
        unique[s] = 0
        // Rounding: a set whose members are all covered again has exactly nothing free.
        var total = 0.0
        for e in sets.members(of: s) where coverCount[Int(e)] == 0 { total += sets.weights[Int(e)] }
        free[s] = total
    }
}
