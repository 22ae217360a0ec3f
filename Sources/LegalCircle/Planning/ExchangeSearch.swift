/// Local search over exchanges of one set and of two sets: a choice is improved by swapping one chosen
/// set for one not chosen, and, when no single swap helps, two chosen sets for two others, until
/// neither helps (a 2-exchange local optimum) or the work budget is spent.
///
/// Two-for-two exchanges are the next neighbourhood of the k-exchange hierarchy that Resende (J.
/// Heuristics 4, 1998) and Church & ReVelle (1974) stop at one of; they repair the chains that greedy
/// and single swaps leave, where moving one site only pays once a neighbouring site moves too.
/// Evaluated exactly: removing a and b frees F (what only a, b or both cover) at a loss of w(F); adding
/// c and d then gains g(c) + g(d) − w(c ∩ d ∩ (Z ∪ F)), with Z the uncovered elements and g(t) = w(t ∩ (Z
/// ∪ F)). The pairs (a, b) tried are neighbours (some set meets both, so the exchange is not two
/// independent single swaps) and every a with the chosen sets that lose least on removal (to move a
/// far site next to a). For each, c runs over the `pairBreadth` sets of largest g and d over the
/// `partnerBreadth` largest, cut off once g(c) + g(d) cannot beat the loss. Pairs whose sets and
/// surroundings did not change since they were last found wanting are not tried again (don't-look
/// marks, Bentley, "Fast algorithms for geometric traveling salesman problems", ORSA J. Computing 4,
/// 1992).
struct ExchangeSearch {
    let sets: CoverageSets
    let elementSets: (offsets: [Int], sets: [Int32])
    /// Stop after this many exchanges (each strictly improves, so the search ends; this bounds time).
    var maximumMoves = 10_000
    /// Stop once about this many member visits have been spent (deterministic, unlike a clock).
    var maximumWork = 600_000_000
    /// Chosen sets losing least on removal that are paired with every chosen set.
    var farPartners = 2
    /// How many incoming sets of largest g are tried as c, and as d for each c.
    var pairBreadth = 64
    var partnerBreadth = 1_000

    /// The improved choice (no particular order) and the number of exchanges made.
    func improve(_ selection: [Int]) -> (sets: [Int], moves: Int) {
        var state = CoverState(sets: sets, elementSets: elementSets, selection: selection)
        var scratch = Scratch(sets: sets)
        let tolerance = sets.totalWeight * 1e-12
        var moves = 0
        var work = 0
        // Sets whose surroundings changed since their pairs were last tried; all at first.
        var dirty = [Bool](repeating: true, count: sets.setCount)
        while moves < maximumMoves, work < maximumWork {
            moves += singleSwaps(&state, &scratch, dirty: &dirty, tolerance: tolerance, limit: maximumMoves - moves, work: &work)
            guard moves < maximumMoves, work < maximumWork else { break }
            let (pairs, neighbours) = neighbourPairs(state, work: &work)
            let tried = dirty
            for s in dirty.indices { dirty[s] = false }
            var topFree = bestFree(state, count: 4)
            var made = 0
            for (a, b) in pairs where work < maximumWork && moves < maximumMoves {
                guard state.isChosen[a], state.isChosen[b], tried[a] || tried[b] else { continue }
                guard let (c, d) = bestPair(
                    out: (a, b), state: state, scratch: &scratch, topFree: topFree, tolerance: tolerance, work: &work)
                else { continue }
                state.remove(a)
                state.remove(b)
                state.add(c)
                state.add(d)
                moves += 1
                made += 1
                for s in [a, b] { for n in neighbours[s] ?? [] { dirty[n] = true } }
                dirty[c] = true
                dirty[d] = true
                topFree = bestFree(state, count: 4)
            }
            if made == 0 { break }
        }
        return (state.chosen, moves)
    }

    /// Working arrays reused across evaluations.
    struct Scratch {
        var bonus: [Double]
        var touched: [Int] = []
        var elementStamp: [UInt32]
        var freedStamp: [UInt32]
        var stamp: UInt32 = 0
        var freed: [Int32] = []

        init(sets: CoverageSets) {
            bonus = [Double](repeating: 0, count: sets.setCount)
            elementStamp = [UInt32](repeating: 0, count: sets.elementCount)
            freedStamp = [UInt32](repeating: 0, count: sets.elementCount)
        }

        mutating func nextStamp() -> UInt32 {
            stamp &+= 1
            if stamp == 0 {
                for i in elementStamp.indices { elementStamp[i] = 0 }
                for i in freedStamp.indices { freedStamp[i] = 0 }
                stamp = 1
            }
            return stamp
        }
    }

    /// The `count` unchosen sets with the most free weight, most first, ties to the lower index.
    private func bestFree(_ state: CoverState, count: Int) -> [Int] {
        var best: [Int] = []
        for s in 0..<sets.setCount where !state.isChosen[s] {
            let f = state.free[s]
            if best.count == count, let last = best.last, !(f > state.free[last]) { continue }
            var position = best.count
            while position > 0, f > state.free[best[position - 1]] { position -= 1 }
            best.insert(s, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// Single swaps, first improvement over the chosen sets and best improvement over the others, until
    /// a full cycle finds none. Returns the number made.
    private func singleSwaps(
        _ state: inout CoverState, _ scratch: inout Scratch, dirty: inout [Bool], tolerance: Double, limit: Int,
        work: inout Int
    ) -> Int {
        var made = 0
        var unchanged = 0
        var slot = 0
        var freeBest = bestFree(state, count: 1).first
        while made < limit, unchanged < state.chosen.count, let topFree = freeBest {
            let out = state.chosen[slot % state.chosen.count]
            var loss = 0.0
            for e in sets.members(of: out) where state.coverCount[Int(e)] == 1 {
                let w = sets.weights[Int(e)]
                loss += w
                let rows = elementSets.offsets[Int(e)]..<elementSets.offsets[Int(e) + 1]
                work += rows.count
                for position in rows {
                    let other = Int(elementSets.sets[position])
                    guard !state.isChosen[other] else { continue }
                    if scratch.bonus[other] == 0 { scratch.touched.append(other) }
                    scratch.bonus[other] += w
                }
            }
            var best: (delta: Double, in: Int)?
            func consider(_ incoming: Int, _ delta: Double) {
                if delta > tolerance, best == nil || delta > best!.delta || (delta == best!.delta && incoming < best!.in) {
                    best = (delta, incoming)
                }
            }
            consider(topFree, state.free[topFree] + scratch.bonus[topFree] - loss)
            for other in scratch.touched {
                consider(other, state.free[other] + scratch.bonus[other] - loss)
                scratch.bonus[other] = 0
            }
            scratch.touched.removeAll(keepingCapacity: true)
            guard let swap = best else {
                unchanged += 1
                slot += 1
                continue
            }
            state.remove(out)
            state.add(swap.in)
            dirty[swap.in] = true
            made += 1
            unchanged = 0
            freeBest = bestFree(state, count: 1).first
            work += sets.setCount
        }
        return made
    }

    /// Pairs of chosen sets worth exchanging together: neighbours (some set meets both), and every chosen
    /// set with the `farPartners` that lose least; and the neighbours of each chosen set.
    private func neighbourPairs(_ state: CoverState, work: inout Int) -> (pairs: [(Int, Int)], neighbours: [Int: [Int]]) {
        let chosen = state.chosen
        // For every set meeting a chosen set, the chosen sets it meets (by position in `chosen`).
        var meeting: [(set: Int32, position: Int32)] = []
        var lastSeen = [Int32](repeating: -1, count: sets.setCount)
        for (position, a) in chosen.enumerated() {
            for e in sets.members(of: a) {
                let rows = elementSets.offsets[Int(e)]..<elementSets.offsets[Int(e) + 1]
                work += rows.count
                for p in rows {
                    let t = Int(elementSets.sets[p])
                    if lastSeen[t] != Int32(position) {
                        lastSeen[t] = Int32(position)
                        meeting.append((Int32(t), Int32(position)))
                    }
                }
            }
        }
        meeting.sort { $0.set < $1.set || ($0.set == $1.set && $0.position < $1.position) }
        var isPair = Set<Int>()
        var pairs: [(Int, Int)] = []
        var neighbours: [Int: [Int]] = [:]
        func addPair(_ i: Int, _ j: Int, near: Bool) {
            let (low, high) = i < j ? (i, j) : (j, i)
            guard low != high, isPair.insert(low * chosen.count + high).inserted else { return }
            pairs.append((chosen[low], chosen[high]))
            if near {
                neighbours[chosen[low], default: []].append(chosen[high])
                neighbours[chosen[high], default: []].append(chosen[low])
            }
        }
        var start = 0
        while start < meeting.count {
            var end = start
            while end < meeting.count, meeting[end].set == meeting[start].set { end += 1 }
            if end - start >= 2 {
                for i in start..<end {
                    for j in (i + 1)..<end { addPair(Int(meeting[i].position), Int(meeting[j].position), near: true) }
                }
            }
            start = end
        }
        let cheapest = chosen.indices.sorted {
            state.unique[chosen[$0]] < state.unique[chosen[$1]] || (state.unique[chosen[$0]] == state.unique[chosen[$1]] && $0 < $1)
        }.prefix(farPartners)
        for far in cheapest { for i in chosen.indices { addPair(i, far, near: false) } }
        return (pairs, neighbours)
    }

    /// An improving pair (c, d) to bring in for a and b, if the search finds one: the best of those tried.
    private func bestPair(
        out: (Int, Int), state: CoverState, scratch: inout Scratch, topFree: [Int], tolerance: Double, work: inout Int
    ) -> (Int, Int)? {
        let (a, b) = out
        let both = scratch.nextStamp()
        scratch.freed.removeAll(keepingCapacity: true)
        for e in sets.members(of: a) {
            let count = state.coverCount[Int(e)]
            if count == 1 { scratch.freed.append(e) } else if count == 2 { scratch.elementStamp[Int(e)] = both }
        }
        for e in sets.members(of: b) {
            let count = state.coverCount[Int(e)]
            if count == 1 || (count == 2 && scratch.elementStamp[Int(e)] == both) { scratch.freed.append(e) }
        }
        work += sets.members(of: a).count + sets.members(of: b).count
        var loss = 0.0
        for e in scratch.freed {
            let w = sets.weights[Int(e)]
            loss += w
            scratch.freedStamp[Int(e)] = both
            let rows = elementSets.offsets[Int(e)]..<elementSets.offsets[Int(e) + 1]
            work += rows.count
            for p in rows {
                let t = Int(elementSets.sets[p])
                guard !state.isChosen[t] else { continue }
                if scratch.bonus[t] == 0 { scratch.touched.append(t) }
                scratch.bonus[t] += w
            }
        }
        // The incoming candidates of largest g: the sets meeting F, and the best free ones elsewhere.
        var list: [(gain: Double, set: Int)] = scratch.touched.map { (state.free[$0] + scratch.bonus[$0], $0) }
        for t in topFree where scratch.bonus[t] == 0 { list.append((state.free[t], t)) }
        for t in scratch.touched { scratch.bonus[t] = 0 }
        scratch.touched.removeAll(keepingCapacity: true)
        let threshold = loss + tolerance
        guard let top = list.max(by: { $0.gain < $1.gain || ($0.gain == $1.gain && $0.set > $1.set) }) else { return nil }
        list.removeAll { $0.gain + top.gain <= threshold }
        guard list.count >= 2 else { return nil }
        list.sort { $0.gain > $1.gain || ($0.gain == $1.gain && $0.set < $1.set) }
        var best: (value: Double, c: Int, d: Int)?
        for i in 0..<min(pairBreadth, list.count - 1) {
            let (gc, c) = list[i]
            if gc + list[i + 1].gain <= max(threshold, best?.value ?? threshold) { break }
            // Mark c's members that would count: uncovered, or freed.
            let live = scratch.nextStamp()
            for e in sets.members(of: c) {
                let ei = Int(e)
                if state.coverCount[ei] == 0 || scratch.freedStamp[ei] == both { scratch.elementStamp[ei] = live }
            }
            work += sets.members(of: c).count
            for j in (i + 1)..<min(list.count, i + 1 + partnerBreadth) {
                let (gd, d) = list[j]
                if gc + gd <= max(threshold, best?.value ?? threshold) { break }
                var overlap = 0.0
                for e in sets.members(of: d) where scratch.elementStamp[Int(e)] == live { overlap += sets.weights[Int(e)] }
                work += sets.members(of: d).count
                let value = gc + gd - overlap
                if value > threshold, best == nil || value > best!.value { best = (value, c, d) }
            }
        }
        return best.map { ($0.c, $0.d) }
    }
}
