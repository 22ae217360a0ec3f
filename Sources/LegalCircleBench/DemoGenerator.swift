import LegalCircle

/// Deterministic synthetic Zhejiang-like data for demos, tests and benchmarks.
///
/// Counties are real codes placed near their real seats. Each county has dense urban cores (Gaussian,
/// σ 1–3 km), villages of houses around them, mountain hamlets in one hilly direction and, for the
/// Zhoushan counties, small islands east of 121.9°E. Service points sit mostly in the cores, at some
/// villages, at few hamlets and on some islands; the farthest hamlets, some villages and some islands
/// get none, so the data has gaps.
///
/// Only integer and basic IEEE arithmetic is used (own SplitMix64, no `Double.random`, no libm), so a
/// seed gives the same data on every run and platform. Coordinates are rounded to 6 decimals, as a CSV
/// round trip would leave them.
public struct DemoGenerator: Sendable {
    /// The bounding box of every generated coordinate.
    public static let longitudeRange = 118.0...122.9
    public static let latitudeRange = 27.1...31.2
    /// Islands lie east of this longitude.
    public static let islandMinimumLongitude = 121.9
    /// How many real counties the generator knows.
    public static var maximumCountyCount: Int { countyTemplates.count }

    public var seed: UInt64
    /// The number of counties, 1...90 (more are capped); nil scales with the residence count: 4 up to
    /// 200,000 residences, one more per 50,000, at most 90.
    public var countyCount: Int?

    public init(seed: UInt64 = 1, countyCount: Int? = nil) {
        self.seed = seed
        self.countyCount = countyCount
    }

    /// Generates `points` service points and `residences` residences (ids `P000001`, `R0000001`).
    /// - Complexity: O(residences + points); about 10 million residences in a few seconds.
    public func generate(residences: Int, points: Int) -> (points: [ServicePoint], residences: ResidenceTable) {
        var random = SplitMix64(seed: seed)
        let count = countyCount.map { max($0, 1) } ?? max(residences / 50_000, 4)
        let counties = Array(Self.countyTemplates.prefix(count))
        let clusters = Self.layOut(counties: counties, residences: max(residences, 0), random: &random)
        let table = Self.residences(in: clusters, counties: counties, count: max(residences, 0), random: &random)
        let servicePoints = Self.servicePoints(
            count: max(points, 0), clusters: clusters, counties: counties, random: &random)
        return (servicePoints, table)
    }
}

// MARK: - Helpers

extension DemoGenerator {
    /// Splits `total` into parts proportional to `weights` that sum to `total` exactly (cumulative
    /// rounding).
    static func split(_ total: Int, by weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        var parts: [Int] = []
        var cumulative = 0.0
        var assigned = 0
        for weight in weights {
            cumulative += weight
            let upTo = min(Int((Double(total) * cumulative / sum).rounded()), total)
            parts.append(upTo - assigned)
            assigned = upTo
        }
        parts[parts.count - 1] += total - assigned
        return parts
    }

    /// `R0000042`: the prefix and the number zero-padded to `width`, without String formatting.
    static func identifier(_ prefix: UInt8, _ number: Int, width: Int) -> String {
        var digits = 1
        var rest = number / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        digits = max(digits, width)
        return String(unsafeUninitializedCapacity: digits + 1) { buffer in
            buffer[0] = prefix
            var rest = number
            for index in stride(from: digits, through: 1, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return digits + 1
        }
    }
}

/// `value` limited to `lower...upper`.
func clamp(_ value: Double, _ lower: Double, _ upper: Double) -> Double { min(max(value, lower), upper) }
