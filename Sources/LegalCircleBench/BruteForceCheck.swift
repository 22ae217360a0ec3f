import Foundation
import LegalCircle
import Projection

/// Checks a computed coverage against brute force on a sample of residences: every eligible point is
/// compared, by great-circle distance first, then by the geodesic (`geod_inverse`) for every point
/// within 0.5 % of the closest, so the reference is exact without a geodesic per pair.
public enum BruteForceCheck {
    public struct Outcome: Sendable, Codable {
        public var sampled: Int
        /// Residences whose distance differs from the reference by more than 5 cm (10⁻⁶ beyond 50 km).
        public var distanceMismatches: Int
        /// The largest difference as a fraction of that tolerance (below 1 is a match).
        /// Residences whose covered flag differs, except within 1 m of the radius.
        public var coverageMismatches: Int
        public var worstToleranceFraction: Double
    }

    /// - Complexity: O(s · m) for s sampled residences and m eligible points, in parallel.
    public static func run(
        analysis: CoverageAnalysis, points: [ServicePoint], residences: ResidenceTable, sample: Int, seed: UInt64
    ) -> Outcome {
        let eligible = points.filter { $0.isEligible(for: analysis.parameters.kinds) }
        var state = seed
        let picks = (0..<min(sample, residences.count)).map { _ -> Int in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(residences.count))
        }
        let profile = analysis.parameters.profile
        let radians = Double.pi / 180
        let pointLat = eligible.map { $0.location.latitude * radians }
        let pointLon = eligible.map { $0.location.longitude * radians }
        let pointCos = pointLat.map { cos($0) }
        let checks = ParallelChunks(count: picks.count, size: 1).map { k, _ -> (error: Double, wrong: Bool) in
            let i = picks[k]
            let lat = residences.latitudes[i] * radians
            let lon = residences.longitudes[i] * radians
            let cosLat = cos(lat)
            // Haversine on the unit sphere: its angle orders points like the geodesic to 0.5 %.
            var angles = [Double](repeating: 0, count: eligible.count)
            var smallest = Double.infinity
            for j in eligible.indices {
                let a = sin((pointLat[j] - lat) / 2)
                let b = sin((pointLon[j] - lon) / 2)
                let h = a * a + cosLat * pointCos[j] * b * b
                angles[j] = h
                smallest = min(smallest, h)
            }
            var reference = Double.infinity
            let limit = smallest * 1.01 + 1e-18
            for j in eligible.indices where angles[j] <= limit {
                reference = min(
                    reference,
                    Geodesic.wgs84.distance(
                        longitude1: residences.longitudes[i], latitude1: residences.latitudes[i],
                        longitude2: eligible[j].location.longitude, latitude2: eligible[j].location.latitude))
            }
            let engine = analysis.result.distance[i]
            // Relative to the 5 cm / 10⁻⁶ tolerance: above 1 is a mismatch.
            let error: Double
            if reference.isInfinite {
                error = engine.isInfinite ? 0 : .infinity
            } else {
                error = abs(engine - reference) / max(0.05, reference * 1e-6)
            }
            let radius = profile.radius(for: residences.zones[i])
            return (error, (reference <= radius) != analysis.result.covered[i] && abs(reference - radius) >= 1)
        }
        let distanceErrors = checks.map(\.error)
        let coverageWrong = checks.map(\.wrong)
        return Outcome(
            sampled: picks.count, distanceMismatches: distanceErrors.filter { $0 > 1 }.count,
            coverageMismatches: coverageWrong.filter { $0 }.count, worstToleranceFraction: distanceErrors.max() ?? 0)
    }
}
