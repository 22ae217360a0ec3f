/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014):
/// the repeatable generator of the demo data and of the randomised tests (same seed, same numbers on
/// every platform).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [lower, upper), from the top 53 bits.
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + Double(next() >> 11) * 0x1p-53 * (upper - lower)
    }

    /// Uniform in 0..<count (the modulo bias is below 2^-40 for the counts used here).
    public mutating func index(below count: Int) -> Int { Int(next() >> 1) % count }

    /// Approximately standard normal: the Irwin–Hall sum of four 16-bit uniforms from one draw, scaled
    /// to unit variance (bounded at ±3.46, which suits settlement spreads and needs no libm).
    public mutating func gaussian() -> Double {
        let bits = next()
        let sum = Double(bits & 0xFFFF) + Double(bits >> 16 & 0xFFFF) + Double(bits >> 32 & 0xFFFF) + Double(bits >> 48)
        return (sum - 131_070) * (1.7320508075688772 / 65_536)
    }

    /// A uniform point of the ring between two radii, in the plane (rejection sampling).
    public mutating func pointInRing(inner: Double, outer: Double) -> (Double, Double) {
        while true {
            let x = uniform(-outer, outer)
            let y = uniform(-outer, outer)
            let squared = x * x + y * y
            if squared <= outer * outer && squared >= inner * inner { return (x, y) }
        }
    }
}
