/// Population by estimated minutes to the nearest eligible point, in bins of equal width: the chart of
/// a county in the HTML report, computed here so the page never sees per-residence rows.
public struct MinuteHistogram: Sendable, Equatable {
    /// Width of a bin in minutes; bin `i` holds minutes in `[i · binWidth, (i + 1) · binWidth)`.
    public var binWidth: Double
    /// Population per bin.
    public var population: [Double]
    /// Population with a finite time at or past the last bin's end.
    public var beyond: Double
    /// Population with no eligible point at all (infinite minutes).
    public var unreachable: Double

    public init(binWidth: Double, binCount: Int) {
        self.binWidth = binWidth
        population = [Double](repeating: 0, count: binCount)
        beyond = 0
        unreachable = 0
    }

    /// Where the last bin ends, minutes.
    public var upperLimit: Double { binWidth * Double(population.count) }

    /// Everyone counted: the bins, beyond and unreachable.
    public var total: Double { population.reduce(0, +) + beyond + unreachable }

    @inline(__always)
    mutating func add(minutes: Double, weight: Double) {
        if !minutes.isFinite {
            unreachable += weight
        } else if minutes >= upperLimit {
            beyond += weight
        } else {
            // `max` guards against a negative time, which the engine never produces.
            population[max(0, Int(minutes / binWidth))] += weight
        }
    }

    /// One histogram per county code ("" for residences without a county) and one under
    /// `CountyFigures.totalKey` for everyone.
    /// - Parameters:
    ///   - minutes: per-residence estimated minutes, in the order of `residences` (`CoverageResult.minutes`).
    ///   - binWidth: minutes per bin, > 0.
    ///   - binCount: bins before the "beyond" bar, ≥ 1.
    /// - Complexity: O(n + c · b) for n residences, c counties and b bins; one pass, no per-row allocation.
    public static func byCounty(
        residences: ResidenceTable, minutes: [Double], binWidth: Double, binCount: Int
    ) -> [String: MinuteHistogram] {
        precondition(minutes.count == residences.count, "one time per residence")
        precondition(binWidth > 0 && binCount >= 1, "bins need a positive width and count")
        let codes = residences.counties.codes
        // Slot 0: unknown county (index -1); slot k: county index k - 1.
        var groups = [MinuteHistogram](repeating: MinuteHistogram(binWidth: binWidth, binCount: binCount), count: codes.count + 1)
        var total = MinuteHistogram(binWidth: binWidth, binCount: binCount)
        var seen = [Bool](repeating: false, count: codes.count + 1)
        residences.countyIndices.withUnsafeBufferPointer { counties in
            residences.populations.withUnsafeBufferPointer { populations in
                minutes.withUnsafeBufferPointer { times in
                    for i in 0..<counties.count {
                        let slot = Int(counties[i]) + 1
                        groups[slot].add(minutes: times[i], weight: populations[i])
                        total.add(minutes: times[i], weight: populations[i])
                        seen[slot] = true
                    }
                }
            }
        }
        var result: [String: MinuteHistogram] = [CountyFigures.totalKey: total]
        for slot in groups.indices where seen[slot] {
            result[slot == 0 ? "" : codes[slot - 1]] = groups[slot]
        }
        return result
    }
}
