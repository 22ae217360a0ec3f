import Foundation
import LegalCircle
import Testing

@testable import LegalCircleRoads

/// `NetworkReach.worstSeconds` (the `minutes_worst` of the `road_reach` layer) against the worst of
/// many points along the segment, computed plainly.
@Suite struct NetworkReachTests {
    /// Seconds from the point at fraction t of segment (u, v): on to v, or back to u when two-way.
    static func plain(_ t: Double, forward: Double, backward: Double?, atU: Double, atV: Double) -> Double {
        if t == 0 { return min(atU, forward + atV) }
        if t == 1 { return min(atV, backward.map { $0 + atU } ?? .infinity) }
        let viaV = (1 - t) * forward + atV
        guard let backward else { return viaV }
        return min(viaV, t * backward + atU)
    }

    @Test(arguments: 0..<20)
    func worstPointMatchesSampling(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        for _ in 0..<50 {
            let forward = random.uniform(1, 300)
            let backward: Double? = random.index(below: 4) == 0 ? nil : random.uniform(1, 300)
            // Node times as a search leaves them: each end at most the other's plus the edge into it.
            var atV = random.index(below: 6) == 0 ? Double.infinity : random.uniform(0, 900)
            var atU = min(random.uniform(0, 900), forward + atV)
            if let backward, random.index(below: 6) == 0 { atV = min(atV, backward + atU) } else if random.index(below: 8) == 0 { atU = .infinity; atV = .infinity }
            let worst = NetworkReach.worstSeconds(forward: forward, backward: backward, atU: atU, atV: atV)
            let steps = 20_000
            var sampled = 0.0
            for k in 0...steps {
                sampled = max(sampled, Self.plain(Double(k) / Double(steps), forward: forward, backward: backward, atU: atU, atV: atV))
            }
            if sampled.isInfinite {
                #expect(worst.isInfinite)
                continue
            }
            // Sampling misses at most one step's change of the slopes.
            let step = (forward + (backward ?? 0)) / Double(steps)
            #expect(worst >= sampled - 1e-9, "worst \(worst) below a sampled point \(sampled)")
            #expect(worst <= sampled + step + 1e-9, "worst \(worst) above every point (\(sampled))")
        }
    }
}
