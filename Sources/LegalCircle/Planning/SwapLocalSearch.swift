/// Improves a selection of sets by swaps: replace one chosen set by one not chosen whenever that covers
/// more weight, until no swap helps (a 1-swap local optimum). The chosen sets are visited in turn and
/// each is replaced by the set that gains most in its place (first improvement over the chosen sets,
/// best improvement over the candidates).
///
/// Greedy can be trapped by a large first pick that overlaps two better sets; one swap repairs the
/// classic case. Swap local search for maximum coverage is analysed in Resende, "Computing approximate
/// solutions of the maximum covering problem with GRASP", J. Heuristics 4 (1998), and Church & ReVelle,
/// "The maximal covering location problem", Papers Reg. Sci. Assoc. 32 (1974), who use it with
/// greedy (their "greedy adding and substitution").
///
/// A visit evaluates every swap of its set exactly without touching every candidate: with c(e) the
/// number of chosen sets covering element e, swapping `out` for `in` gains
/// `free(in) + shared(in, out) − loss(out)`, where `free` is the weight of `in` not covered at all,
/// `loss` the weight only `out` covers, and `shared` the part of that which `in` also covers. `shared`
/// is non-zero only for sets meeting `out`'s own elements, found through the transposed rows.
public struct SwapLocalSearch {
    public let sets: CoverageSets
    /// Stop after this many swaps (each strictly improves, so the search always ends; this bounds time).
    public var maximumSwaps: Int

    let elementSets: (offsets: [Int], sets: [Int32])

    public init(sets: CoverageSets, maximumSwaps: Int = 10_000) {
        self.init(sets: sets, elementSets: nil, maximumSwaps: maximumSwaps)
    }

    /// - Parameter elementSets: `sets.transposed()` when already known.
    init(sets: CoverageSets, elementSets: (offsets: [Int], sets: [Int32])?, maximumSwaps: Int = 10_000) {
        self.sets = sets
        self.maximumSwaps = maximumSwaps
        self.elementSets = elementSets ?? sets.transposed()
    }

    /// The improved selection, its sets in no particular order, and how many swaps were made.
    /// - Parameters:
    ///   - selection: distinct set indices to start from.
    ///   - among: the sets that may be swapped in (all when nil).
    /// - Complexity: per visit O(m) after a swap (the best free set), plus the elements only the
    ///   visited set covers and the sets meeting them.
    public func improve(_ selection: [Int], among: [Int]? = nil) -> (sets: [Int], swaps: Int) {
        let weights = sets.weights
        var chosen = selection
        var isChosen = [Bool](repeating: false, count: sets.setCount)
        for s in chosen { isChosen[s] = true }
        var allowed = [Bool](repeating: among == nil, count: sets.setCount)
        if let among { for s in among { allowed[s] = true } }
        var coverCount = [Int32](repeating: 0, count: sets.elementCount)
        for s in chosen { for e in sets.members(of: s) { coverCount[Int(e)] += 1 } }
        // Weight of each set not covered by any chosen set.
        var free = [Double](repeating: 0, count: sets.setCount)
        func refreshFree(_ s: Int) {
            var weight = 0.0
            for e in sets.members(of: s) where coverCount[Int(e)] == 0 { weight += weights[Int(e)] }
            free[s] = weight
        }
        for s in 0..<sets.setCount where allowed[s] { refreshFree(s) }
        // A change too small to be more than rounding is no improvement (stops cycling on ties).
        let tolerance = sets.totalWeight * 1e-12
        var shared = [Double](repeating: 0, count: sets.setCount)
        var touched: [Int] = []
        var isStale = [Bool](repeating: false, count: sets.setCount)
        var swaps = 0

        // First improvement, cycling over the chosen sets: each in turn is swapped for the set that
        // gains most in its place, if any gains; the search ends after a full cycle without a swap.
        var bestFree = -1
        var freeChanged = true
        var slot = 0
        var unchanged = 0
        while swaps < maximumSwaps, unchanged < chosen.count {
            defer { slot = (slot + 1) % chosen.count }
            if freeChanged {
                // The best set to bring in when it shares nothing with the one going out.
                bestFree = -1
                for s in 0..<sets.setCount where allowed[s] && !isChosen[s] {
                    if bestFree < 0 || free[s] > free[bestFree] { bestFree = s }
                }
                freeChanged = false
            }
            guard bestFree >= 0 else { break }
            let out = chosen[slot]
            var loss = 0.0
            for e in sets.members(of: out) where coverCount[Int(e)] == 1 {
                let w = weights[Int(e)]
                loss += w
                for position in elementSets.offsets[Int(e)]..<elementSets.offsets[Int(e) + 1] {
                    let other = Int(elementSets.sets[position])
                    guard allowed[other], !isChosen[other] else { continue }
                    if shared[other] == 0 { touched.append(other) }
                    shared[other] += w
                }
            }
            var best: (delta: Double, in: Int)?
            func consider(_ incoming: Int, _ delta: Double) {
                if delta > tolerance, best == nil || delta > best!.delta || (delta == best!.delta && incoming < best!.in) {
                    best = (delta, incoming)
                }
            }
            consider(bestFree, free[bestFree] - loss)
            for other in touched {
                consider(other, free[other] + shared[other] - loss)
                shared[other] = 0
            }
            touched.removeAll(keepingCapacity: true)
            guard let swap = best else {
                unchanged += 1
                continue
            }
            unchanged = 0
            freeChanged = true
            chosen[slot] = swap.in
            isChosen[out] = false
            isChosen[swap.in] = true
            // Only sets meeting an element whose cover count moved between 0 and 1 change their free weight.
            var changed: [Int32] = []
            for e in sets.members(of: out) {
                coverCount[Int(e)] -= 1
                if coverCount[Int(e)] == 0 { changed.append(e) }
            }
            for e in sets.members(of: swap.in) {
                if coverCount[Int(e)] == 0 { changed.append(e) }
                coverCount[Int(e)] += 1
            }
            for e in changed {
                for position in elementSets.offsets[Int(e)]..<elementSets.offsets[Int(e) + 1] {
                    let s = Int(elementSets.sets[position])
                    if allowed[s], !isStale[s] {
                        isStale[s] = true
                        touched.append(s)
                    }
                }
            }
            for s in touched {
                refreshFree(s)
                isStale[s] = false
            }
            touched.removeAll(keepingCapacity: true)
            swaps += 1
        }
        return (chosen, swaps)
    }
}
