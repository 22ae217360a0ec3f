import Foundation

/// Aggregates per-residence results into the per-county report and its total row.
enum ReportBuilder {
    /// - Parameters:
    ///   - eligible: indices into `points` of the points of the requested kinds; these are the
    ///     service points counted per county.
    /// - Complexity: O(n) in two parallel passes over the residences, plus a sort of the few values
    ///   that fall in the histogram bin holding each percentile.
    static func build(
        residences: ResidenceTable, result: CoverageResult, points: [ServicePoint], eligible: [Int],
        areas: [UncoveredArea]
    ) -> CoverageReport {
        var pointsByCounty: [String: Int] = [:]
        for index in eligible { pointsByCounty[points[index].county ?? "", default: 0] += 1 }
        var areasByCounty: [String: Int] = [:]
        for area in areas { areasByCounty[area.county ?? "", default: 0] += 1 }

        // Group 0 is the unknown county (-1), group g the county at index g - 1; the last is the total.
        let groupCount = residences.counties.codes.count + 1
        let sums = GroupSums.accumulate(residences: residences, result: result, groups: groupCount)
        let quantiles = MinuteQuantiles(sums: sums, residences: residences, result: result, levels: [0.5, 0.9])

        func figures(_ group: Int, county: String, servicePoints: Int, uncoveredAreas: Int) -> CountyFigures {
            let zones = Zone.allCases.map { zone in
                ZoneFigures(
                    zone: zone, residents: sums.residents[group * 4 + Int(zone.rawValue)],
                    covered: sums.covered[group * 4 + Int(zone.rawValue)])
            }
            return CountyFigures(
                county: county, residents: zones.map(\.residents).reduce(0, +), covered: zones.map(\.covered).reduce(0, +),
                zones: zones, servicePoints: servicePoints, medianMinutes: quantiles.value(group: group, level: 0),
                p90Minutes: quantiles.value(group: group, level: 1), uncoveredAreas: uncoveredAreas)
        }

        var rows: [CountyFigures] = []
        for group in 0..<groupCount {
            let code = group == 0 ? "" : residences.counties.codes[group - 1]
            guard sums.count[group] > 0 || pointsByCounty[code] != nil else { continue }
            rows.append(
                figures(group, county: code, servicePoints: pointsByCounty[code] ?? 0, uncoveredAreas: areasByCounty[code] ?? 0))
        }
        // Counties that have service points but no residences.
        let seen = Set(rows.map(\.county))
        for (code, count) in pointsByCounty where !seen.contains(code) {
            rows.append(
                CountyFigures(
                    county: code, residents: 0, covered: 0,
                    zones: Zone.allCases.map { ZoneFigures(zone: $0, residents: 0, covered: 0) }, servicePoints: count,
                    medianMinutes: nil, p90Minutes: nil, uncoveredAreas: 0))
        }
        rows.sort { $0.county < $1.county }
        let total = figures(
            groupCount, county: CountyFigures.totalKey, servicePoints: eligible.count, uncoveredAreas: areas.count)
        return CoverageReport(counties: rows, total: total)
    }
}

/// Per-group sums of population by zone, and population by minute bin, with the total as the last
/// group.
struct GroupSums {
    /// Minute bins of 0.05 min up to 204.75 min; the last bin also holds longer and infinite times.
    static let binsPerMinute = 20.0
    static let binCount = 4_096

    let groups: Int
    var residents: [Double]
    var covered: [Double]
    var count: [Int]
    /// `histogram[group * binCount + bin]`: population whose minutes fall in `bin`.
    var histogram: [Double]

    init(groups: Int) {
        self.groups = groups
        residents = [Double](repeating: 0, count: (groups + 1) * 4)
        covered = residents
        count = [Int](repeating: 0, count: groups + 1)
        histogram = [Double](repeating: 0, count: (groups + 1) * Self.binCount)
    }

    @inline(__always)
    static func bin(_ minutes: Double) -> Int {
        minutes < Double(binCount - 1) / binsPerMinute ? Int(minutes * binsPerMinute) : binCount - 1
    }

    /// One pass per worker over a contiguous range, merged in worker order so sums are repeatable.
    static func accumulate(residences: ResidenceTable, result: CoverageResult, groups: Int) -> GroupSums {
        let n = residences.count
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n / 100_000 + 1))
        let partials = ParallelChunks(count: n, parts: workers).map { _, range in
            var sums = GroupSums(groups: groups)
            residences.countyIndices.withUnsafeBufferPointer { counties in
                residences.populations.withUnsafeBufferPointer { populations in
                    result.minutes.withUnsafeBufferPointer { minutes in
                        for i in range {
                            let group = Int(counties[i]) + 1
                            let zone = Int(residences.zones[i].rawValue)
                            let weight = populations[i]
                            sums.residents[group * 4 + zone] += weight
                            if result.covered[i] { sums.covered[group * 4 + zone] += weight }
                            sums.count[group] += 1
                            sums.histogram[group * binCount + bin(minutes[i])] += weight
                        }
                    }
                }
            }
            return sums
        }
        var total = partials[0]
        for worker in 1..<workers { total.add(partials[worker]) }
        total.fillTotalGroup()
        return total
    }

    private mutating func add(_ other: GroupSums) {
        for i in residents.indices {
            residents[i] += other.residents[i]
            covered[i] += other.covered[i]
        }
        for i in count.indices { count[i] += other.count[i] }
        for i in histogram.indices { histogram[i] += other.histogram[i] }
    }

    /// The last group is the sum of all the others.
    private mutating func fillTotalGroup() {
        let total = groups
        for group in 0..<groups {
            for zone in 0..<4 {
                residents[total * 4 + zone] += residents[group * 4 + zone]
                covered[total * 4 + zone] += covered[group * 4 + zone]
            }
            count[total] += count[group]
            for bin in 0..<Self.binCount {
                histogram[total * Self.binCount + bin] += histogram[group * Self.binCount + bin]
            }
        }
    }
}

/// Population-weighted quantiles of minutes: for level q the smallest value v such that the
/// population with minutes ≤ v reaches q of the group's population. The histogram finds the bin
/// holding v; a second pass sorts only that bin's values, so the answer is exact.
struct MinuteQuantiles {
    /// `values[group][level]`; nil when the group has no population or the value is infinite.
    private var values: [[Double?]]

    init(sums: GroupSums, residences: ResidenceTable, result: CoverageResult, levels: [Double]) {
        let groups = sums.groups + 1
        let binCount = GroupSums.binCount
        // For each group and level: the target bin and the population before it.
        var targetBin = [[Int]](repeating: [Int](repeating: -1, count: levels.count), count: groups)
        var before = [[Double]](repeating: [Double](repeating: 0, count: levels.count), count: groups)
        var needed = [[Double]](repeating: [Double](repeating: 0, count: levels.count), count: groups)
        for group in 0..<groups {
            let base = group * binCount
            let weight = (0..<4).map { sums.residents[group * 4 + $0] }.reduce(0, +)
            guard weight > 0 else { continue }
            for (level, q) in levels.enumerated() {
                var cumulative = 0.0
                for bin in 0..<binCount {
                    let next = cumulative + sums.histogram[base + bin]
                    if next >= q * weight || bin == binCount - 1 {
                        targetBin[group][level] = bin
                        before[group][level] = cumulative
                        needed[group][level] = q * weight
                        break
                    }
                    cumulative = next
                }
            }
        }
        // Collect (minutes, index, weight) of the residences in any target bin of their group or the total.
        var members = [[[(Double, Int, Double)]]](
            repeating: [[(Double, Int, Double)]](repeating: [], count: levels.count), count: groups)
        let totalGroup = sums.groups
        for i in 0..<residences.count {
            let bin = GroupSums.bin(result.minutes[i])
            let group = Int(residences.countyIndices[i]) + 1
            for level in levels.indices {
                if targetBin[group][level] == bin { members[group][level].append((result.minutes[i], i, residences.populations[i])) }
                if targetBin[totalGroup][level] == bin {
                    members[totalGroup][level].append((result.minutes[i], i, residences.populations[i]))
                }
            }
        }
        values = (0..<groups).map { group in
            levels.indices.map { level -> Double? in
                guard targetBin[group][level] >= 0 else { return nil }
                var cumulative = before[group][level]
                for (minutes, _, weight) in members[group][level].sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
                    cumulative += weight
                    if cumulative >= needed[group][level] { return minutes.isFinite ? minutes : nil }
                }
                return nil
            }
        }
    }

    func value(group: Int, level: Int) -> Double? { values[group][level] }
}
