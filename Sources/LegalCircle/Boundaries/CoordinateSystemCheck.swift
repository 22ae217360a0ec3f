import Foundation
import Projection

/// A way to read a file's longitude/latitude columns: the three systems Chinese planners' files come in.
public enum CoordinateReading: String, CaseIterable, Sendable, Hashable, Codable {
    /// GPS, OpenStreetMap, Tianditu (CGCS2000, within a metre of WGS84).
    case wgs84
    /// Amap/Gaode and Tencent.
    case gcj02
    /// Baidu.
    case bd09

    /// The reading of a declared system; nil for systems the check cannot re-read (EPSG codes other than
    /// 4326 and 4490, projected metres).
    public init?(_ system: CoordinateSystem) {
        switch system {
        case .wgs84, .cgcs2000, .epsg(4326), .epsg(4490): self = .wgs84
        case .gcj02: self = .gcj02
        case .bd09: self = .bd09
        case .epsg: return nil
        }
    }

    /// `WGS84`, `GCJ-02`, `BD-09` (the canonical names of `CoordinateSystem`).
    public var name: String { system.canonicalName }

    /// What to type after a `--…-crs` option.
    public var option: String { rawValue }

    public var system: CoordinateSystem {
        switch self {
        case .wgs84: .wgs84
        case .gcj02: .gcj02
        case .bd09: .bd09
        }
    }

    /// "a WGS84 (GPS) file", "an Amap (GCJ-02) file", "a Baidu (BD-09) file".
    public var fileDescription: String {
        switch self {
        case .wgs84: "a WGS84 (GPS, Tianditu) file"
        case .gcj02: "an Amap (GCJ-02) file"
        case .bd09: "a Baidu (BD-09) file"
        }
    }

    /// The WGS84 location of coordinates given in this system (`ChineseOffsets` inverses).
    @inline(__always)
    public func wgs84(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        switch self {
        case .wgs84: (longitude, latitude)
        case .gcj02: ChineseOffsets.gcj02ToWGS84(longitude: longitude, latitude: latitude)
        case .bd09: ChineseOffsets.bd09ToWGS84(longitude: longitude, latitude: latitude)
        }
    }

    /// The coordinates a file in this system gives for a WGS84 location (the published forward formulas).
    @inline(__always)
    public func coordinates(ofWGS84 longitude: Double, _ latitude: Double) -> (longitude: Double, latitude: Double) {
        switch self {
        case .wgs84: (longitude, latitude)
        case .gcj02: ChineseOffsets.wgs84ToGCJ02(longitude: longitude, latitude: latitude)
        case .bd09: ChineseOffsets.wgs84ToBD09(longitude: longitude, latitude: latitude)
        }
    }
}

/// Whether a file's coordinates fit the system it was declared in, judged against county boundaries.
///
/// The offsets of GCJ-02 (about 500 m in Zhejiang) and BD-09 (about 700 m more) are small next to a
/// county, so most points sit in the same county under every reading and say nothing. The check reads
/// the file's raw coordinates as declared and as each other system, and keeps only the points whose
/// county (or land versus sea: inside no boundary) differs between two readings: the *decisive* points.
/// A decisive point *fits* a reading when, read that way, it lies in a county its given code can mean
/// (through the county crosswalk, so 2016 codes of counties reformed since still count), or, for a
/// point without a usable code, when it lies on land (inside some boundary). Points that fit both or
/// neither reading carry no evidence. Between the declared reading D and another reading A, with a
/// points fitting only A and d only D, the one-sided sign test (Dixon & Mood 1946) gives
/// p = P(X ≥ a) for X ~ Binomial(a + d, ½): the chance that a correctly declared file leans that far
/// towards A by luck. A reading is flagged when p < `significance` (0.01).
///
/// Measured on the shipped real data (`CoordinateSystemCheckRealDataTests`, boundaries
/// `counties_wgs84.geojson`, 2016 codes through `data/zhejiang/counties.csv`): the 1,255 located
/// township seats in GCJ-02 read as WGS84 have 9 decisive points against the GCJ-02 reading, 7 fit only
/// GCJ-02 and none only WGS84 (p = 0.0078, flagged); the 2,977 located villages likewise 41, 38 to 0
/// (p = 3.6e-12). Declared right (WGS84, GCJ-02 or BD-09, with or without their codes) neither file is
/// ever flagged.
public struct CoordinateSystemCheck: Sendable, Equatable {
    /// The level below which a sign test's p flags a reading: 0.01, as the issue that asked for the check.
    public static let significance = 0.01
    /// At most this many rows are examined, evenly spaced through the file (deterministic): 100,000
    /// rows hold hundreds of decisive points (the 2,977 villages hold 41), and the readings cost about
    /// 3 µs a row (one GCJ-02 and one BD-09 inverse, about 1 µs each per `ChineseOffsets`, and a forward step).
    public static let defaultSampleLimit = 100_000

    /// One reading set against another over the decisive points.
    public struct Comparison: Sendable, Equatable {
        /// The declared reading (or, between two alternatives, the first).
        public var reading: CoordinateReading
        public var other: CoordinateReading
        /// Points whose county (or land/sea) differs between the two readings.
        public var decisive: Int
        /// Decisive points that fit only `reading`, only `other`, both, or neither.
        public var onlyReading: Int
        public var onlyOther: Int
        public var both: Int
        public var neither: Int

        /// Decisive points that fit `reading` (alone or with `other`).
        public var fitReading: Int { onlyReading + both }
        public var fitOther: Int { onlyOther + both }
        /// Points that fit exactly one of the two: the sign test's sample size.
        public var informative: Int { onlyReading + onlyOther }
        /// One-sided sign test that `other` fits better than `reading`.
        public var pOther: Double { CoordinateSystemCheck.signTest(successes: onlyOther, trials: informative) }
        /// One-sided sign test that `reading` fits better than `other`.
        public var pReading: Double { CoordinateSystemCheck.signTest(successes: onlyReading, trials: informative) }

        /// "7 of 9 decisive points fit only GCJ-02, 0 only WGS84 (sign test p = 0.0078)": the evidence
        /// for `other`.
        public var counts: String {
            "\(onlyOther) of \(decisive) decisive points fit only \(other.name), \(onlyReading) only \(reading.name)"
                + " (sign test p \(CoordinateSystemCheck.formatted(pOther)))"
        }
    }

    public enum Verdict: Sendable, Equatable {
        /// The points fit `reading` significantly better than the declared one (`comparison`: declared vs it).
        case flagged(CoordinateReading, Comparison)
        /// The points fit the declared reading significantly better than at least one other, and no other
        /// better than it.
        case confirmed
        /// No comparison is significant either way: too few decisive points.
        case cannotCheck
    }

    /// The system the file was declared in.
    public var declared: CoordinateReading
    /// Rows examined (a sample of at most `defaultSampleLimit` of `rowCount`).
    public var rowsExamined: Int
    public var rowCount: Int
    /// Examined rows with a county code the boundaries know (directly or through the crosswalk).
    public var rowsWithCode: Int
    /// The declared reading against each other reading, in `CoordinateReading` order.
    public var comparisons: [Comparison]
    /// The other readings against each other (to choose between two that both beat the declared one).
    public var alternatives: Comparison?
    public var verdict: Verdict

    /// Runs the check.
    /// - Parameters:
    ///   - longitudes, latitudes: the rows' WGS84 locations as read in the declared system.
    ///   - countyIndices: per row, an index into `codes`, -1 for none (a `ResidenceTable`'s columns).
    ///   - codes: the county codes as the file gave them.
    ///   - declared: the reading the file was declared in.
    ///   - index: the county boundaries.
    ///   - crosswalk: the county table; a code it lists fits every county its area went to since
    ///     (`CountyTable.Entry.successors2016`/`successors2020`); nil compares codes as they are.
    /// - Complexity: O(m) for m = min(rows, `sampleLimit`), plus the boundary lookups.
    public static func run(
        longitudes: [Double], latitudes: [Double], countyIndices: [Int32], codes: [String],
        declared: CoordinateReading, index: CountyIndex, crosswalk: CountyTable?, sampleLimit: Int = defaultSampleLimit
    ) -> CoordinateSystemCheck {
        precondition(longitudes.count == latitudes.count && latitudes.count == countyIndices.count, "one value per row")
        let rowCount = longitudes.count
        let step = max(1, (rowCount + sampleLimit - 1) / max(1, sampleLimit))
        let rows = Array(stride(from: 0, to: rowCount, by: step))

        // Each given code as the set of boundary positions it can mean; nil when the boundaries know none.
        let accepted = codes.map { Self.boundaryPositions(for: $0, index: index, crosswalk: crosswalk) }
        var accept: [Set<Int32>?] = []
        accept.reserveCapacity(rows.count)
        for row in rows {
            let code = countyIndices[row]
            accept.append(code >= 0 ? accepted[Int(code)] : nil)
        }

        // The declared reading as stored; the others from the raw coordinates the file gave.
        var located: [CoordinateReading: [Int32]] = [:]
        for reading in CoordinateReading.allCases {
            var x = [Double](repeating: 0, count: rows.count)
            var y = [Double](repeating: 0, count: rows.count)
            for (k, row) in rows.enumerated() {
                if reading == declared {
                    (x[k], y[k]) = (longitudes[row], latitudes[row])
                } else {
                    let raw = declared.coordinates(ofWGS84: longitudes[row], latitudes[row])
                    (x[k], y[k]) = reading.wgs84(longitude: raw.longitude, latitude: raw.latitude)
                }
            }
            located[reading] = index.locate(longitudes: x, latitudes: y)
        }

        func compare(_ a: CoordinateReading, _ b: CoordinateReading) -> Comparison {
            var comparison = Comparison(reading: a, other: b, decisive: 0, onlyReading: 0, onlyOther: 0, both: 0, neither: 0)
            let inA = located[a]!, inB = located[b]!
            for k in rows.indices where inA[k] != inB[k] {
                comparison.decisive += 1
                let fitsA = fits(inA[k], accept[k]), fitsB = fits(inB[k], accept[k])
                switch (fitsA, fitsB) {
                case (true, true): comparison.both += 1
                case (true, false): comparison.onlyReading += 1
                case (false, true): comparison.onlyOther += 1
                case (false, false): comparison.neither += 1
                }
            }
            return comparison
        }

        let others = CoordinateReading.allCases.filter { $0 != declared }
        let comparisons = others.map { compare(declared, $0) }
        let alternatives = compare(others[0], others[1])
        return CoordinateSystemCheck(
            declared: declared, rowsExamined: rows.count, rowCount: rowCount,
            rowsWithCode: accept.lazy.filter { $0 != nil }.count, comparisons: comparisons, alternatives: alternatives,
            verdict: verdict(comparisons, alternatives: alternatives))
    }

    /// A point fits a reading when it lies in a county its code can mean, or, without a usable code, on land.
    @inline(__always)
    static func fits(_ position: Int32, _ accepted: Set<Int32>?) -> Bool {
        guard position >= 0 else { return false }
        return accepted?.contains(position) ?? true
    }

    /// The boundary positions a given code can mean: the boundaries whose code, or a successor of it,
    /// is the code or one of its successors. nil when none (the code then counts as absent).
    static func boundaryPositions(for code: String, index: CountyIndex, crosswalk: CountyTable?) -> Set<Int32>? {
        func meanings(_ code: String) -> Set<String> {
            var set: Set<String> = [code]
            if let entry = crosswalk?.entry(for: code) {
                set.formUnion(entry.successors2016 ?? [])
                set.formUnion(entry.successors2020 ?? [])
            }
            return set
        }
        let wanted = meanings(code)
        var positions = Set<Int32>()
        for (position, boundary) in index.boundaries.enumerated() where !meanings(boundary.code).isDisjoint(with: wanted) {
            positions.insert(Int32(position))
        }
        return positions.isEmpty ? nil : positions
    }

    static func verdict(_ comparisons: [Comparison], alternatives: Comparison) -> Verdict {
        let beaten = comparisons.filter { $0.pOther < significance }
        if let first = beaten.first {
            var chosen = first
            if beaten.count == 2 {
                // Both alternatives beat the declared reading: take the one that fits better than the other.
                let a = alternatives
                let preferOther = a.onlyOther != a.onlyReading ? a.onlyOther > a.onlyReading : beaten[1].pOther < beaten[0].pOther
                chosen = beaten.first { $0.other == (preferOther ? a.other : a.reading) } ?? first
            }
            return .flagged(chosen.other, chosen)
        }
        return comparisons.contains { $0.pReading < significance } ? .confirmed : .cannotCheck
    }

    /// P(X ≥ successes) for X ~ Binomial(trials, ½): the one-sided sign test. 1 when `successes` is 0.
    /// Summed in log space (log k! as a running sum of logarithms), exact to rounding for any number of
    /// trials.
    /// - Complexity: O(trials).
    public static func signTest(successes: Int, trials: Int) -> Double {
        guard successes > 0 else { return 1 }
        guard successes <= trials else { return 0 }
        var logFactorial = [Double](repeating: 0, count: trials + 1)
        for k in stride(from: 2, through: trials, by: 1) { logFactorial[k] = logFactorial[k - 1] + log(Double(k)) }
        let logHalfPower = -Double(trials) * log(2.0)
        var total = 0.0
        for k in successes...trials {
            total += exp(logFactorial[trials] - logFactorial[k] - logFactorial[trials - k] + logHalfPower)
        }
        return min(1, total)
    }

    /// Whether the check flags the declared system.
    public var isFlagged: Bool {
        if case .flagged = verdict { return true }
        return false
    }

    /// The comparisons in words, one clause each: "WGS84 vs GCJ-02: 9 decisive points, 7 fit only
    /// WGS84, 0 only GCJ-02, 2 both or neither (sign test p = 0.0078 for WGS84)".
    public var details: [String] {
        comparisons.map { c in
            let lead = c.pReading <= c.pOther ? (c.reading, c.pReading) : (c.other, c.pOther)
            return "\(c.reading.name) vs \(c.other.name): \(c.decisive) decisive points, \(c.onlyReading) fit only \(c.reading.name), "
                + "\(c.onlyOther) only \(c.other.name), \(c.both + c.neither) both or neither"
                + (c.informative > 0 ? " (sign test p \(Self.formatted(lead.1)) for \(lead.0.name))" : "")
        }
    }

    /// A p-value with its relation and two significant digits: "= 0.0078", "= 1.2e-07", or "< 1e-300"
    /// below what a Double holds.
    public static func formatted(_ p: Double) -> String {
        if p == 0 { return "< 1e-300" }
        return "= " + (p >= 0.001 ? String(format: "%.2g", p) : String(format: "%.1e", p))
    }
}
