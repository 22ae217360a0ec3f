/// A certified upper bound on the weight any `count` sets of a maximum-coverage instance can cover.
public struct CoverageBound: Sendable, Equatable, Codable {
    /// The bound: the smaller of `lagrangian` and `submodular` (and never above the weight of the
    /// elements some set covers).
    public var value: Double
    /// The best Lagrangian bound found by the subgradient steps (each is an LP-dual bound).
    public var lagrangian: Double
    /// The submodular a-posteriori bound at the incumbent: its weight plus the `count` largest marginal
    /// gains of the other sets (Nemhauser, Wolsey & Fisher 1978).
    public var submodular: Double
    /// Subgradient steps taken.
    public var iterations: Int

    public init(value: Double, lagrangian: Double, submodular: Double, iterations: Int) {
        self.value = value
        self.lagrangian = lagrangian
        self.submodular = submodular
        self.iterations = iterations
    }

    /// How far `covered` may be below the best possible, as a percentage of the bound (0 when the bound
    /// is 0: nothing can be covered).
    public func gapPercent(of covered: Double) -> Double {
        value > 0 ? max(0, (value - covered) / value * 100) : 0
    }
}

/// The Lagrangian relaxation of weighted maximum coverage, minimised by subgradient steps: a certified
/// upper bound on what any `count` sets can cover, and the multipliers that guide the search.
///
/// Maximum coverage as an integer programme: maximise Σₑ wₑ·yₑ subject to yₑ ≤ Σ_{s ∋ e} xₛ (e is
/// covered only by a chosen set), Σₛ xₛ ≤ K, x ∈ {0, 1}, 0 ≤ y ≤ 1. Moving the covering constraints into
/// the objective with multipliers λₑ ≥ 0 gives, for every λ,
///
///     L(λ) = max Σₑ (wₑ − λₑ)·yₑ + Σₛ cₛ·xₛ  (same x, y bounds, Σ x ≤ K),   cₛ = Σ_{e ∈ s} λₑ
///          = Σₑ max(0, wₑ − λₑ) + (sum of the K largest cₛ).
///
/// Proof that L(λ) bounds every choice: for a feasible (x, y) the added terms λₑ·(Σ_{s ∋ e} xₛ − yₑ) are
/// ≥ 0, so its weight Σ wₑyₑ is at most its relaxed objective, which is at most the relaxed maximum,
/// and that maximum separates into the two closed-form terms above. Only λ ∈ [0, w] needs searching
/// (raising λₑ above wₑ only raises the costs). The minimum over λ equals the LP-relaxation bound (the
/// relaxed problem has integral optima; Geoffrion, "Lagrangean relaxation for integer programming",
/// Math. Programming Study 2, 1974), the relaxation Galvão & ReVelle ("A Lagrangean heuristic for the
/// maximal covering location problem", EJOR 88, 1996) use for this problem.
///
/// Steps follow Held, Wolfe & Crowder ("Validation of subgradient optimization", Math. Programming 6,
/// 1974) with Polyak's step towards the incumbent's weight and the projected subgradient of Beasley
/// ("Lagrangean relaxation", in Modern Heuristic Techniques for Combinatorial Problems, 1993): gₑ =
/// (number of the K top sets containing e) − 1, zero where the bound on λₑ stops the step; each
/// multiplier moves in proportion to its element's weight (the scale of λₑ ∈ [0, wₑ]; on the 100 k /
/// 3,000 instances this brought the bound from 2 % to 0.1 % above the optimum in the same steps). The
/// factor halves after `patience` steps without progress. They start from the best of four multipliers
/// built from the incumbent S: λₑ = wₑ where S leaves e uncovered, 0 where it covers e twice or more, and
/// where once α·wₑ (α = 0, ½, 1) or wₑ scaled so that each chosen set costs the K-th largest marginal gain
/// (a certificate of S when no other set then costs more). α = 0 is exactly the submodular a-posteriori
/// bound f(S) + Σ of the K largest marginal gains, so the result is never worse than that. Every step's K
/// top sets are also a choice; the best is kept (the Lagrangian heuristic of Galvão & ReVelle).
///
/// The steps price only a pool of sets (those that were among the 2K largest costs when all sets were
/// last priced); every few steps all sets are priced at the best multipliers since, which gives a true
/// L(λ) and adds the sets the pool missed (column generation in the sense of Gilmore & Gomory). Only
/// these full pricings count as bounds, and the reported one is the best multipliers' value computed
/// from scratch, plus 1e-12 of the total weight for rounding, so it holds for the sums as the rest of
/// the package computes them; with whole-number weights (head counts) every choice covers a whole
/// number, so the bound is rounded down. Time is bounded by a count of member visits, not a clock, so the same
/// input gives the same bound.
struct LagrangianRelaxation {
    let sets: CoverageSets
    let elementSets: (offsets: [Int], sets: [Int32])
    let count: Int
    /// Steps without a better value before the step factor halves.
    var patience = 40

    /// What one run of the steps found.
    struct Outcome {
        var bound: CoverageBound
        /// The multipliers of the best bound.
        var multipliers: [Double]
        /// Each set's Lagrangian cost at those multipliers (`cₛ`).
        var costs: [Double]
        /// The best choice among the K top sets of the steps, and its weight.
        var primal: [Int]
        var primalWeight: Double
    }

    init(sets: CoverageSets, elementSets: (offsets: [Int], sets: [Int32])? = nil, count: Int) {
        self.sets = sets
        self.elementSets = elementSets ?? sets.transposed()
        self.count = count
    }

    /// Runs the subgradient steps from the incumbent.
    /// - Parameters:
    ///   - incumbent: the best choice known (distinct sets, at most `count`); its weight is the step target.
    ///   - maximumIterations: at most this many steps.
    ///   - maximumWork: stop once about this many members have been visited (about 1.5 s on 1 M
    ///     residences × 100 k candidates).
    /// - Complexity: O(n + Σ|s|) per full pricing (four starts, the refreshes, the certificate); per
    ///   step O(n + Σ of the pool's set sizes + p log K) for a pool of p sets.
    func optimise(incumbent: [Int], maximumIterations: Int = 1_000, maximumWork: Int = 1_500_000_000) -> Outcome {
        let n = sets.elementCount
        let m = sets.setCount
        let weights = sets.weights
        let k = min(count, m)
        let tolerance = sets.totalWeight * 1e-12
        // Elements no set covers always have λ = w and add nothing.
        var coverable = 0.0
        var degree = [Int32](repeating: 0, count: n)
        for e in 0..<n {
            degree[e] = Int32(elementSets.offsets[e + 1] - elementSets.offsets[e])
            if degree[e] > 0 { coverable += weights[e] }
        }

        var cover = [Int32](repeating: 0, count: n)
        for s in incumbent { for e in sets.members(of: s) { cover[Int(e)] += 1 } }
        var incumbentWeight = 0.0
        for e in 0..<n where cover[e] > 0 { incumbentWeight += weights[e] }
        var primal = (sets: incumbent, weight: incumbentWeight)

        // Starts: α = 0 (the submodular bound), ½ and 1.
        var best: (value: Double, multipliers: [Double], costs: [Double])?
        var submodular = Double.infinity
        var threshold = 0.0
        for alpha in [0.0, 0.5, 1.0, -1] {
            var multipliers = [Double](repeating: 0, count: n)
            for e in 0..<n {
                multipliers[e] = cover[e] == 0 ? weights[e] : cover[e] == 1 ? max(alpha, 0) * weights[e] : 0
            }
            if alpha < 0 {
                // Each chosen set's once-covered elements scaled so that its cost is the K-th marginal gain.
                for s in incumbent {
                    var unique = 0.0
                    for e in sets.members(of: s) where cover[Int(e)] == 1 { unique += weights[Int(e)] }
                    let ratio = unique > 0 ? min(1, threshold / unique) : 0
                    for e in sets.members(of: s) where cover[Int(e)] == 1 { multipliers[Int(e)] = ratio * weights[Int(e)] }
                }
            }
            let costs = Self.costs(sets, multipliers)
            let ranked = Self.top(costs, k)
            let value = Self.value(weights, multipliers, costs, top: ranked.sets)
            if alpha == 0 {
                submodular = value
                threshold = ranked.sets.last.map { costs[$0] } ?? 0
            }
            if best == nil || value < best!.value { best = (value, multipliers, costs) }
        }
        guard var (bestValue, multipliers, startCosts) = best else { preconditionFailure("four starts") }
        var bestMultipliers = multipliers
        var iterations = 0

        // The pool: the sets that may enter the K top; the steps price only these, and every
        // `refreshEvery` steps all sets are priced at the best multipliers of the window, which certifies
        // them and adds the sets the pool missed.
        var inPool = [Bool](repeating: false, count: m)
        var pool: [Int] = []
        func join(_ s: Int) {
            if !inPool[s] {
                inPool[s] = true
                pool.append(s)
            }
        }
        for s in Self.top(startCosts, min(m, max(4 * k, k + 64))).sets { join(s) }
        for s in incumbent { join(s) }
        startCosts = []
        var poolCosts: [Double] = []
        var poolWork = 0
        func pricePool() {
            poolCosts.removeAll(keepingCapacity: true)
            poolWork = 0
            for s in pool {
                var sum = 0.0
                for e in sets.members(of: s) { sum += multipliers[Int(e)] }
                poolCosts.append(sum)
                poolWork += sets.offsets[s + 1] - sets.offsets[s]
            }
        }

        var factor = 2.0
        var sinceImproved = 0
        var topCount = [Int32](repeating: 0, count: n)
        var step = [Double](repeating: 0, count: n)
        var slack = 0.0
        for e in 0..<n { slack += weights[e] - multipliers[e] }
        var work = 0
        var estimate = bestValue
        var windowBest: (value: Double, multipliers: [Double])?
        var sinceRefresh = 0
        var interval = 5
        var maximumInterval = 20
        func refresh() {
            guard let candidate = windowBest else { return }
            windowBest = nil
            sinceRefresh = 0
            let costs = Self.costs(sets, candidate.multipliers)
            work += sets.members.count
            let top = Self.top(costs, min(m, 2 * k))
            let value = Self.value(weights, candidate.multipliers, costs, top: Array(top.sets.prefix(k)))
            if value < bestValue {
                bestValue = value
                bestMultipliers = candidate.multipliers
            }
            let before = pool.count
            for s in top.sets { join(s) }
            if pool.count > before {
                // The pool missed sets: its values were too low; price again soon, and judge progress afresh.
                interval = 5
                estimate = .infinity
                sinceImproved = 0
            } else {
                interval = min(2 * interval, maximumInterval)
            }
        }
        // With whole-number weights every choice covers a whole number, so a bound can be rounded down.
        let integral = weights.allSatisfy { $0 == $0.rounded() } && coverable < 0x1p52
        func rounded(_ bound: Double) -> Double { integral ? (bound + tolerance).rounded(.down) : bound + tolerance }
        // Stop when the bound meets the incumbent (to 1e-7: then it is certified optimal as printed).
        while iterations < maximumIterations, factor > 0.002,
            rounded(bestValue) - primal.weight > max(tolerance, 1e-7 * primal.weight), work < maximumWork
        {
            iterations += 1
            pricePool()
            let ranked = Self.top(poolCosts, min(k, pool.count)).sets
            var value = slack
            for position in ranked { value += poolCosts[position] }
            let top = ranked.map { pool[$0] }
            // The top sets as a choice, and the subgradient.
            var coveredWeight = 0.0
            for s in top {
                for e in sets.members(of: s) {
                    if topCount[Int(e)] == 0 { coveredWeight += weights[Int(e)] }
                    topCount[Int(e)] += 1
                }
            }
            if coveredWeight > primal.weight + tolerance { primal = (top, coveredWeight) }
            if value < estimate - tolerance {
                estimate = value
                sinceImproved = 0
            } else {
                sinceImproved += 1
                if sinceImproved >= patience {
                    factor /= 2
                    sinceImproved = 0
                }
            }
            if windowBest == nil || value < windowBest!.value { windowBest = (value, multipliers) }
            var norm = 0.0
            for e in 0..<n where degree[e] > 0 {
                let g = Double(topCount[e]) - 1
                if (g < 0 && multipliers[e] >= weights[e]) || (g > 0 && multipliers[e] <= 0) { continue }
                // Steps in proportion to the element's weight, the scale of its multiplier.
                step[e] = g * weights[e]
                norm += g * g * weights[e]
            }
            for s in top { for e in sets.members(of: s) { topCount[Int(e)] = 0 } }
            work += poolWork + n
            guard norm > 0 else {
                // Every element covered at most once where it counts: the top sets are optimal.
                for e in 0..<n { step[e] = 0 }
                break
            }
            let length = factor * max(value - primal.weight, tolerance) / norm
            for e in 0..<n where step[e] != 0 {
                let updated = min(weights[e], max(0, multipliers[e] - length * step[e]))
                slack -= updated - multipliers[e]
                multipliers[e] = updated
                step[e] = 0
            }
            sinceRefresh += 1
            maximumInterval = max(20, sets.members.count / max(poolWork + n, 1))
            if sinceRefresh >= interval { refresh() }
        }
        refresh()

        // Certify: the best multipliers evaluated from scratch.
        let bestCosts = Self.costs(sets, bestMultipliers)
        let lagrangian = rounded(Self.value(weights, bestMultipliers, bestCosts, top: Self.top(bestCosts, k).sets))
        let bound = CoverageBound(
            value: min(lagrangian, rounded(submodular), rounded(coverable)), lagrangian: lagrangian,
            submodular: rounded(submodular), iterations: iterations)
        return Outcome(
            bound: bound, multipliers: bestMultipliers, costs: bestCosts, primal: primal.sets, primalWeight: primal.weight)
    }

    /// Upper bounds on what any k sets cover, for k = 1…`upTo` (element k − 1): at the given multipliers
    /// and their costs, Σₑ (wₑ − λₑ) plus the k largest costs, and no more than the k heaviest sets
    /// together weigh (the submodular bound from the empty choice).
    /// - Complexity: O(n + m log m).
    static func bounds(_ sets: CoverageSets, multipliers: [Double], costs: [Double], upTo k: Int) -> [Double] {
        let tolerance = sets.totalWeight * 1e-12
        var lagrangian = 0.0
        for e in 0..<sets.elementCount { lagrangian += sets.weights[e] - multipliers[e] }
        let sortedCosts = costs.sorted(by: >)
        let sortedWeights = (0..<sets.setCount).map { s in sets.members(of: s).reduce(0.0) { $0 + sets.weights[Int($1)] } }
            .sorted(by: >)
        let integral = sets.weights.allSatisfy { $0 == $0.rounded() } && sets.totalWeight < 0x1p52
        var singles = 0.0
        var result: [Double] = []
        result.reserveCapacity(max(k, 0))
        for i in 0..<max(k, 0) {
            if i < sortedCosts.count {
                lagrangian += sortedCosts[i]
                singles += sortedWeights[i]
            }
            let bound = min(lagrangian, singles) + tolerance
            result.append(integral ? bound.rounded(.down) : bound)
        }
        return result
    }

    /// cₛ = Σ_{e ∈ s} λₑ for every set, in parallel.
    static func costs(_ sets: CoverageSets, _ multipliers: [Double]) -> [Double] {
        ParallelChunks(count: sets.setCount, parts: max(1, min(64, sets.setCount / 256))).fill { range, costs in
            sets.members.withUnsafeBufferPointer { members in
                multipliers.withUnsafeBufferPointer { multipliers in
                    for s in range {
                        var sum = 0.0
                        for position in sets.offsets[s]..<sets.offsets[s + 1] { sum += multipliers[Int(members[position])] }
                        costs[s] = sum
                    }
                }
            }
        }
    }

    /// L(λ) for the given costs and top sets.
    static func value(_ weights: [Double], _ multipliers: [Double], _ costs: [Double], top: [Int]) -> Double {
        var value = 0.0
        for e in weights.indices { value += weights[e] - multipliers[e] }
        for s in top { value += costs[s] }
        return value
    }

    /// The `k` sets of largest cost (ties to the lower index), largest first, and the next cost after
    /// them (0 when there is none).
    /// - Complexity: O(m log k).
    static func top(_ costs: [Double], _ k: Int) -> (sets: [Int], next: Double) {
        guard k > 0 else { return ([], costs.max() ?? 0) }
        // A min-heap of the k + 1 best so far: the root is the worst of them.
        var heap: [(cost: Double, set: Int)] = []
        heap.reserveCapacity(k + 2)
        func worse(_ a: (cost: Double, set: Int), _ b: (cost: Double, set: Int)) -> Bool {
            a.cost < b.cost || (a.cost == b.cost && a.set > b.set)
        }
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { return }
                var child = left
                if left + 1 < heap.count, worse(heap[left + 1], heap[left]) { child = left + 1 }
                guard worse(heap[child], heap[parent]) else { return }
                heap.swapAt(child, parent)
                parent = child
            }
        }
        costs.withUnsafeBufferPointer { costs in
            for s in costs.indices {
                let entry = (cost: costs[s], set: s)
                if heap.count <= k {
                    heap.append(entry)
                    var child = heap.count - 1
                    while child > 0 {
                        let parent = (child - 1) / 2
                        guard worse(heap[child], heap[parent]) else { break }
                        heap.swapAt(child, parent)
                        child = parent
                    }
                } else if worse(heap[0], entry) {
                    heap[0] = entry
                    siftDown(0)
                }
            }
        }
        heap.sort { worse($1, $0) }
        let next = heap.count > k ? heap[k].cost : 0
        return (heap.prefix(k).map(\.set), next)
    }
}
