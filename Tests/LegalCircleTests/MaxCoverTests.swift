import Foundation
import LegalCircle
import Testing

/// The exact optimum of a small maximum-coverage instance by trying every subset of `count` sets:
/// the independent reference for greedy and local search.
func exhaustiveMaximumCoverage(_ sets: CoverageSets, count: Int) -> (weight: Double, sets: [Int]) {
    let words = (sets.elementCount + 63) / 64
    let masks: [[UInt64]] = (0..<sets.setCount).map { s in
        var mask = [UInt64](repeating: 0, count: words)
        for e in sets.members(of: s) { mask[Int(e) / 64] |= 1 << UInt64(Int(e) % 64) }
        return mask
    }
    func weight(_ mask: [UInt64]) -> Double {
        var total = 0.0
        for e in 0..<sets.elementCount where mask[e / 64] & (1 << UInt64(e % 64)) != 0 { total += sets.weights[e] }
        return total
    }
    var best = (weight: -1.0, sets: [Int]())
    var chosen: [Int] = []
    func recurse(from first: Int, union: [UInt64]) {
        if chosen.count == min(count, sets.setCount) {
            let w = weight(union)
            if w > best.weight { best = (w, chosen) }
            return
        }
        guard first < sets.setCount else { return }
        for s in first..<sets.setCount {
            chosen.append(s)
            recurse(from: s + 1, union: zip(union, masks[s]).map { $0 | $1 })
            chosen.removeLast()
        }
    }
    recurse(from: 0, union: [UInt64](repeating: 0, count: words))
    return best
}

/// Covered weight of plain greedy, of greedy + swaps from greedy alone, and of the shipped method
/// (`MaxCoverSolver`: greedy + swaps from 10 starts).
func methodWeights(_ sets: CoverageSets, count: Int) -> (greedy: Double, swaps: Double, shipped: Double) {
    let greedy = GreedyMaxCover.select(sets, count: count)
    let swapped = SwapLocalSearch(sets: sets).improve(greedy.sets).sets
    let shipped = MaxCoverSolver(sets: sets).solve(count: count)
    return (greedy.coveredWeight, sets.coveredWeight(swapped), shipped.best.coveredWeight)
}

@Suite struct MaxCoverTests {
    /// The classic trap: A covers the heavy middle of both halves; B and C together cover everything.
    static let trap = CoverageSets(weights: [2, 4, 4, 2], sets: [[1, 2], [0, 1], [2, 3]])

    @Test func greedyFallsIntoTheTrapAndOneSwapGetsOut() {
        let greedy = GreedyMaxCover.select(Self.trap, count: 2)
        #expect(greedy.sets == [0, 1] && greedy.gains == [8, 2])
        let (improved, swaps) = SwapLocalSearch(sets: Self.trap).improve(greedy.sets)
        #expect(Set(improved) == [1, 2] && swaps == 1)
        #expect(Self.trap.coveredWeight(improved) == 12)
        #expect(exhaustiveMaximumCoverage(Self.trap, count: 2).weight == 12)
    }

    @Test func greedyAndExactAgreeWhereTheAnswerIsKnown() {
        // Disjoint sets: the heaviest K.
        let disjoint = CoverageSets(weights: [5, 1, 3, 3, 2, 8], sets: [[0], [1, 2], [3, 4], [5]])
        #expect(Set(GreedyMaxCover.select(disjoint, count: 2).sets) == [0, 3])
        #expect(GreedyMaxCover.select(disjoint, count: 2).coveredWeight == 13)
        #expect(exhaustiveMaximumCoverage(disjoint, count: 2).weight == 13)
        // Nested sets: the largest alone is optimal, and a second adds nothing, so it is not chosen.
        let nested = CoverageSets(weights: [1, 2, 3, 4], sets: [[0], [0, 1], [0, 1, 2, 3]])
        let choice = GreedyMaxCover.select(nested, count: 2)
        #expect(choice.sets == [2] && choice.coveredWeight == 10)
        #expect(exhaustiveMaximumCoverage(nested, count: 2).weight == 10)
        // A target stops as soon as it is reached.
        #expect(GreedyMaxCover.select(disjoint, count: 4, target: 8).sets == [3])
        // Equal gains go to the lower index.
        let tie = CoverageSets(weights: [1, 1], sets: [[1], [0]])
        #expect(GreedyMaxCover.select(tie, count: 1).sets == [0])
    }

    @Test func lazyGreedyMakesThePlainGreedyChoice() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<40 {
            let sets = Self.randomSets(elements: 120, sets: 40, density: 0.08, random: &random)
            // Plain greedy: evaluate every set every round.
            var covered = [Bool](repeating: false, count: sets.elementCount)
            var plain: [Int] = []
            for _ in 0..<6 {
                var best = (gain: 0.0, set: -1)
                for s in 0..<sets.setCount {
                    let gain = sets.members(of: s).filter { !covered[Int($0)] }.map { sets.weights[Int($0)] }.reduce(0, +)
                    if gain > best.gain { best = (gain, s) }
                }
                guard best.set >= 0 else { break }
                plain.append(best.set)
                for e in sets.members(of: best.set) { covered[Int(e)] = true }
            }
            #expect(GreedyMaxCover.select(sets, count: 6).sets == plain)
        }
    }

    /// The optimality gap on random instances: sites and residents scattered in a square (covering
    /// within a radius, as on a map), and unstructured random sets. Prints the worst and mean gaps.
    @Test func optimalityGapOfGreedyAndOfGreedyWithSwaps() throws {
        var gaps: [(greedy: Double, swaps: Double, shipped: Double)] = []
        for seed in UInt64(1)...30 {
            var random = SplitMix64(seed: seed)
            let instances = [
                Self.geometricSets(elements: 80, sets: 25, radius: 0.18, random: &random),
                Self.geometricSets(elements: 80, sets: 25, radius: 0.28, random: &random),
                Self.randomSets(elements: 60, sets: 25, density: 0.12, random: &random),
            ]
            for sets in instances {
                for count in 1...4 {
                    let optimum = exhaustiveMaximumCoverage(sets, count: count).weight
                    let weights = methodWeights(sets, count: count)
                    #expect(weights.greedy >= (1 - 1 / M_E) * optimum, "greedy's guarantee")
                    #expect(weights.greedy <= weights.swaps && weights.swaps <= weights.shipped && weights.shipped <= optimum)
                    func gap(_ value: Double) -> Double { optimum > 0 ? (optimum - value) / optimum : 0 }
                    gaps.append((gap(weights.greedy), gap(weights.swaps), gap(weights.shipped)))
                }
            }
        }
        let summary = GapSummary(gaps.map(\.greedy), gaps.map(\.swaps), gaps.map(\.shipped))
        print("abstract instances (\(gaps.count): 30 seeds x 3 kinds x K 1-4, 25 candidates): \(summary)")
        // The shipped method must be within 2 % of the optimum on every instance; greedy alone is not.
        #expect(summary.worst.shipped <= 0.02)
        #expect(summary.worst.greedy > 0.02, "the instances separate the methods")
    }

    static func geometricSets(elements: Int, sets: Int, radius: Double, random: inout SplitMix64) -> CoverageSets {
        let residents = (0..<elements).map { _ in (Double.random(in: 0..<1, using: &random), Double.random(in: 0..<1, using: &random)) }
        // Heavy-tailed weights, like buildings of very different sizes.
        let weights = (0..<elements).map { _ in Double(Int.random(in: 1...10, using: &random) * Int.random(in: 1...10, using: &random)) }
        let members = (0..<sets).map { _ -> [Int32] in
            let x = Double.random(in: 0..<1, using: &random), y = Double.random(in: 0..<1, using: &random)
            return residents.indices.filter {
                let dx = residents[$0].0 - x, dy = residents[$0].1 - y
                return dx * dx + dy * dy <= radius * radius
            }.map { Int32($0) }
        }
        return CoverageSets(weights: weights, sets: members)
    }

    static func randomSets(elements: Int, sets: Int, density: Double, random: inout SplitMix64) -> CoverageSets {
        let weights = (0..<elements).map { _ in Double(Int.random(in: 1...20, using: &random)) }
        let members = (0..<sets).map { _ in
            (0..<elements).filter { _ in Double.random(in: 0..<1, using: &random) < density }.map { Int32($0) }
        }
        return CoverageSets(weights: weights, sets: members)
    }
}

/// Worst and mean gaps of the three methods, printed as percentages.
struct GapSummary: CustomStringConvertible {
    var worst: (greedy: Double, swaps: Double, shipped: Double)
    var mean: (greedy: Double, swaps: Double, shipped: Double)
    var optimal: (greedy: Int, swaps: Int, shipped: Int)

    init(_ greedy: [Double], _ swaps: [Double], _ shipped: [Double]) {
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        worst = (greedy.max() ?? 0, swaps.max() ?? 0, shipped.max() ?? 0)
        self.mean = (mean(greedy), mean(swaps), mean(shipped))
        optimal = (greedy.filter { $0 <= 0 }.count, swaps.filter { $0 <= 0 }.count, shipped.filter { $0 <= 0 }.count)
    }

    var description: String {
        String(
            format: "greedy worst %.2f %% mean %.3f %% (optimal in %d); greedy+swaps worst %.2f %% mean %.3f %% (%d); "
                + "shipped (greedy+swaps, 10 starts) worst %.2f %% mean %.3f %% (%d)",
            worst.greedy * 100, mean.greedy * 100, optimal.greedy, worst.swaps * 100, mean.swaps * 100, optimal.swaps,
            worst.shipped * 100, mean.shipped * 100, optimal.shipped)
    }
}
