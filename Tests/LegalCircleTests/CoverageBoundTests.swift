import Foundation
import LegalCircleBench
import Testing

@testable import LegalCircle

/// The certified bound and the search beyond single swaps: on instances small enough for the exhaustive
/// optimum the bound is never below it and the answer never above it; on larger ones the bound is
/// never below the answer and the exchange search never loses weight.
@Suite struct CoverageBoundTests {
    /// The bound, the shipped answer and the optimum of one small instance.
    static func check(_ sets: CoverageSets, count: Int, sourceLocation: SourceLocation = #_sourceLocation) -> (
        optimum: Double, answer: Double, bound: CoverageBound
    ) {
        let optimum = exhaustiveMaximumCoverage(sets, count: count).weight
        let outcome = MaxCoverSolver(sets: sets).solveCertified(count: count)
        let answer = outcome.best.coveredWeight
        #expect(outcome.bound.value >= optimum, "bound \(outcome.bound.value) below the optimum \(optimum)", sourceLocation: sourceLocation)
        #expect(answer <= optimum + 1e-9, sourceLocation: sourceLocation)
        #expect(answer == sets.coveredWeight(outcome.best.sets), sourceLocation: sourceLocation)
        #expect(outcome.bound.value <= outcome.bound.submodular && outcome.bound.value <= outcome.bound.lagrangian, sourceLocation: sourceLocation)
        // The greedy-only bound is valid too.
        let greedy = GreedyMaxCover.select(sets, count: count)
        let greedyBound = LagrangianRelaxation(sets: sets, count: count).optimise(incumbent: greedy.sets).bound
        #expect(greedyBound.value >= optimum, sourceLocation: sourceLocation)
        return (optimum, answer, outcome.bound)
    }

    @Test func theBoundIsNeverBelowTheOptimumAndTheAnswerNeverAbove() {
        var excess: [Double] = []
        var gaps: [Double] = []
        for seed in UInt64(1)...30 {
            var random = SplitMix64(seed: seed)
            let instances = [
                MaxCoverTests.geometricSets(elements: 80, sets: 25, radius: 0.18, random: &random),
                MaxCoverTests.geometricSets(elements: 80, sets: 25, radius: 0.28, random: &random),
                MaxCoverTests.randomSets(elements: 60, sets: 25, density: 0.12, random: &random),
            ]
            for sets in instances {
                for count in 1...4 {
                    let (optimum, answer, bound) = Self.check(sets, count: count)
                    if optimum > 0 {
                        excess.append((bound.value - optimum) / optimum)
                        gaps.append((optimum - answer) / optimum)
                    }
                }
            }
        }
        let meanExcess = excess.reduce(0, +) / Double(excess.count)
        print(
            String(
                format: "bound over the optimum on %d small instances: mean %.3f %%, worst %.3f %%; answer below it: worst %.3f %%",
                excess.count, meanExcess * 100, (excess.max() ?? 0) * 100, (gaps.max() ?? 0) * 100))
        // Useful, not only valid: within a few per cent on average even on these tiny, lumpy instances.
        #expect(meanExcess < 0.03)
    }

    @Test func edgeCasesHoldTheBound() {
        // Nothing coverable; fewer sets than asked; one set; equal sets.
        let empty = CoverageSets(weights: [3, 4], sets: [[], []])
        #expect(Self.check(empty, count: 1).bound.value <= 1e-9)
        let few = CoverageSets(weights: [1, 2, 3], sets: [[0], [1, 2]])
        let (optimum, answer, bound) = Self.check(few, count: 5)
        #expect(optimum == 6 && answer == 6 && abs(bound.value - 6) < 1e-9)
        #expect(Self.check(CoverageSets(weights: [2, 5], sets: [[0, 1]]), count: 1).bound.value >= 7)
        let same = CoverageSets(weights: [1, 1, 1], sets: [[0, 1], [0, 1], [0, 1], [2]])
        #expect(abs(Self.check(same, count: 2).bound.value - 3) < 1e-9)
        // The trap: greedy takes the middle; the bound proves the two sides optimal.
        let trap = Self.check(MaxCoverTests.trap, count: 2)
        #expect(trap.answer == 12 && abs(trap.bound.value - 12) < 1e-6)
    }

    @Test(arguments: [UInt64(5), 6, 7])
    func onLargerInstancesTheBoundIsNeverBelowTheAnswer(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let sets = MaxCoverTests.geometricSets(elements: 3_000, sets: 400, radius: 0.06, random: &random)
        for count in [5, 20, 60] {
            let greedy = GreedyMaxCover.select(sets, count: count)
            let swapped = MaxCoverSolver(sets: sets).solve(count: count, greedy: greedy).best
            let outcome = MaxCoverSolver(sets: sets).solveCertified(count: count)
            #expect(outcome.best.coveredWeight >= swapped.coveredWeight, "the guided search never loses")
            #expect(outcome.best.sets.count <= count && Set(outcome.best.sets).count == outcome.best.sets.count)
            #expect(outcome.bound.value >= outcome.best.coveredWeight)
            #expect(outcome.bound.value >= greedy.coveredWeight)
            // Within 2 % of the answer, so within 2 % of the optimum.
            #expect(outcome.bound.gapPercent(of: outcome.best.coveredWeight) < 2, "count \(count): \(outcome.bound)")
        }
    }

    @Test func exchangesOfTwoRepairWhatSingleSwapsCannot() {
        // Small random maps: some single-swap local optima are improved by exchanging two sets, and the
        // result admits no improving single swap (checked by trying every one).
        var random = SplitMix64(seed: 99)
        var improved = 0
        for _ in 0..<200 {
            let sets = MaxCoverTests.geometricSets(elements: 60, sets: 20, radius: 0.22, random: &random)
            for count in 2...4 {
                let greedy = GreedyMaxCover.select(sets, count: count)
                let single = SwapLocalSearch(sets: sets).improve(greedy.sets).sets
                let (pairs, _) = ExchangeSearch(sets: sets, elementSets: sets.transposed()).improve(single)
                #expect(sets.coveredWeight(pairs) >= sets.coveredWeight(single))
                #expect(Set(pairs).count == single.count)
                if sets.coveredWeight(pairs) > sets.coveredWeight(single) { improved += 1 }
                // A 2-exchange local optimum admits no improving exchange of one or two sets.
                let weight = sets.coveredWeight(pairs)
                let outside = (0..<sets.setCount).filter { !pairs.contains($0) }
                for i in pairs.indices {
                    for c in outside {
                        var one = pairs
                        one[i] = c
                        #expect(sets.coveredWeight(one) <= weight + 1e-9)
                    }
                }
            }
        }
        print("exchanges of two improved \(improved) single-swap optima of 600")
        #expect(improved > 0)
    }

    @Test func theLowerBoundOnSitesNeverExceedsTheFewestThatReachATarget() {
        var random = SplitMix64(seed: 3)
        for _ in 0..<40 {
            let sets = MaxCoverTests.geometricSets(elements: 70, sets: 18, radius: 0.2, random: &random)
            let optimum = (1...5).map { exhaustiveMaximumCoverage(sets, count: $0).weight }
            for need in [0.5, 0.7, 0.85].map({ $0 * optimum[4] }) {
                let fewest = (optimum.firstIndex { $0 >= need } ?? 5) + 1
                let greedy = GreedyMaxCover.select(sets, count: .max, target: need)
                let found = greedy.sets.count
                guard found > 1 else { continue }
                let relaxation = LagrangianRelaxation(sets: sets, count: found - 1)
                    .optimise(incumbent: Array(greedy.sets.prefix(found - 1)))
                let bounds = LagrangianRelaxation.bounds(
                    sets, multipliers: relaxation.multipliers, costs: relaxation.costs, upTo: found - 1)
                for (k, bound) in bounds.enumerated() where k < 5 { #expect(bound >= optimum[k] - 1e-9, "\(k + 1) sites") }
                let lower = (bounds.firstIndex { $0 >= need } ?? bounds.count) + 1
                #expect(lower <= fewest, "lower bound \(lower) above the fewest \(fewest)")
            }
        }
    }
}
