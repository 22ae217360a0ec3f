/// Travel over a road network, as the coverage engine asks for it. The road graphs and their search
/// live in the roads module, which depends on this one (never the reverse); the session hands a road
/// network to the engine through this protocol, so the core reads no files and knows no graph.
public protocol RoadTravel: Sendable {
    /// How reports name the travel model, e.g. "network (roads zhejiang.osm.pbf)".
    var modelName: String { get }

    /// For every residence, the way over the roads of its mode to the nearest of `stations`.
    /// - Parameters:
    ///   - pointLongitudes, pointLatitudes: every service point (WGS84).
    ///   - stations: indices into the point columns of the eligible points; the answer's `station`
    ///     holds such indices.
    ///   - residenceLongitudes, residenceLatitudes: the residences (WGS84).
    ///   - modes: each residence's travel mode (its zone's).
    func travel(
        pointLongitudes: [Double], pointLatitudes: [Double], stations: [Int32], residenceLongitudes: [Double],
        residenceLatitudes: [Double], modes: [TravelMode]
    ) -> ResidenceTravel

    /// For each of `sites` on its own, the residences that reach it over the roads of their mode within
    /// `limitSeconds`, with their seconds: what `travel` would answer for them if that site were the only
    /// station (the same attachment of site and residence, the same search, the same sum). Residences
    /// off every road of their mode are never listed (they keep the straight-line estimate).
    /// - Parameters:
    ///   - siteLongitudes, siteLatitudes: the sites (WGS84); row `s` of the answer belongs to site `s`.
    ///   - residenceLongitudes, residenceLatitudes, modes: the residences; the answer lists positions in them.
    func reach(
        siteLongitudes: [Double], siteLatitudes: [Double], residenceLongitudes: [Double], residenceLatitudes: [Double],
        modes: [TravelMode], limitSeconds: Double
    ) -> SiteReach
}

/// Per site, the residences that reach it within a limit and their seconds, as compressed sparse rows:
/// row `s` is `offsets[s] ..< offsets[s + 1]` of `residences` and `seconds`.
public struct SiteReach: Sendable, Equatable {
    public var offsets: [Int]
    /// Positions in the residence list asked about, in increasing order within a row.
    public var residences: [Int32]
    public var seconds: [Double]

    public var siteCount: Int { offsets.count - 1 }

    public init(offsets: [Int], residences: [Int32], seconds: [Double]) {
        precondition(offsets.first == 0 && offsets.last == residences.count && residences.count == seconds.count)
        self.offsets = offsets
        self.residences = residences
        self.seconds = seconds
    }

    /// Row `s`'s positions in `residences` and `seconds`.
    public func row(_ s: Int) -> Range<Int> { offsets[s]..<offsets[s + 1] }
}

/// Network travel per residence, as a `RoadTravel` answers it.
public struct ResidenceTravel: Sendable, Equatable {
    /// Access leg plus network seconds to the nearest station; +infinity when the residence is not
    /// attached or no station is reachable over its mode's roads.
    public var seconds: [Double]
    /// Seconds of the access leg alone (straight line to the nearest usable road at the mode's speed).
    public var accessSeconds: [Double]
    /// Index into the service points of the nearest station, −1 when none is reachable.
    public var station: [Int32]
    /// False where the residence lies farther than the profile's access distance from every road of
    /// its mode: it keeps the straight-line estimate and is counted as a fallback.
    public var attached: [Bool]

    public init(seconds: [Double], accessSeconds: [Double], station: [Int32], attached: [Bool]) {
        self.seconds = seconds
        self.accessSeconds = accessSeconds
        self.station = station
        self.attached = attached
    }
}

/// What a run by network travel adds to its analysis: the model's name, the straight-line estimate
/// it replaced (for the side-by-side figures) and which residences fell back to that estimate.
public struct NetworkOutcome: Sendable {
    /// "network (roads FILE)".
    public var modelName: String
    /// Today's straight-line estimate for every residence (island rule included).
    public var straightLine: CoverageResult
    /// Per residence, as the road network answered.
    public var travel: ResidenceTravel
    /// Residences not attached to any road of their mode: their figures are the straight-line estimate.
    public var fallbackCount: Int

    /// True where residence `i` keeps the straight-line estimate.
    public func isFallback(_ i: Int) -> Bool { !travel.attached[i] }
}

extension CoverageEngine {
    /// Replaces the straight-line figures by network travel where the residence is attached to a road
    /// of its mode: nearest point = the station the network reaches first, minutes = access leg +
    /// network time, covered = minutes ≤ the profile's target, distance = the straight-line metres to
    /// that station (so distance columns keep their meaning). Residences not attached keep `straight`.
    /// - Parameters:
    ///   - straight: the straight-line result (after the island rule).
    ///   - points: the eligible points projected, `pointIndex` each one's index in the point array.
    static func networkResult(
        straight: CoverageResult, travel: ResidenceTravel, residences: ProjectedColumns, points: ProjectedColumns,
        pointIndex: [Int32], pointCount: Int, targetMinutes: Double
    ) -> CoverageResult {
        var slotOfPoint = [Int](repeating: -1, count: pointCount)
        for (slot, index) in pointIndex.enumerated() { slotOfPoint[Int(index)] = slot }
        var result = straight
        for i in 0..<straight.count where travel.attached[i] {
            let station = travel.station[i]
            let minutes = networkMinutes(travel.seconds[i])
            guard station >= 0, minutes.isFinite else {
                // Attached, but no eligible station is reachable over this mode's roads.
                result.nearestPoint[i] = -1
                result.distance[i] = .infinity
                result.minutes[i] = .infinity
                result.covered[i] = false
                continue
            }
            let slot = slotOfPoint[Int(station)]
            precondition(slot >= 0, "the road network answered a station that is not eligible")
            let dx = residences.x[i] - points.x[slot]
            let dy = residences.y[i] - points.y[slot]
            result.nearestPoint[i] = station
            result.distance[i] = distance(squared: dx * dx + dy * dy, from: i, of: residences, to: slot, of: points)
            result.minutes[i] = minutes
            result.covered[i] = coveredByRoads(seconds: travel.seconds[i], targetMinutes: targetMinutes)
        }
        return result
    }
}

extension CoverageEngine {
    /// Minutes of a residence's network seconds, as reports show them.
    @inline(__always)
    static func networkMinutes(_ seconds: Double) -> Double { seconds / 60 }

    /// The coverage rule over the roads, for `report` and `suggest` alike: the minutes, as reports show
    /// them, within the target.
    @inline(__always)
    static func coveredByRoads(seconds: Double, targetMinutes: Double) -> Bool { networkMinutes(seconds) <= targetMinutes }
}

extension ReportBuilder {
    /// Adds to every county row (and the total) the side-by-side figures of a network run: coverage by
    /// the straight-line estimate, the residences that flip each way and the fallback count.
    static func addComparison(
        to report: inout CoverageReport, residences: ResidenceTable, network: CoverageResult, outcome: NetworkOutcome
    ) {
        let codes = residences.counties.codes
        // Group 0 is the unknown county (-1), group g the county at index g - 1.
        var straightCovered = [Double](repeating: 0, count: codes.count + 1)
        var lost = [Int](repeating: 0, count: codes.count + 1)
        var gained = [Int](repeating: 0, count: codes.count + 1)
        var fallback = [Int](repeating: 0, count: codes.count + 1)
        let straight = outcome.straightLine
        for i in 0..<residences.count {
            let group = Int(residences.countyIndices[i]) + 1
            if straight.covered[i] { straightCovered[group] += residences.populations[i] }
            if straight.covered[i], !network.covered[i] { lost[group] += 1 }
            if !straight.covered[i], network.covered[i] { gained[group] += 1 }
            if outcome.isFallback(i) { fallback[group] += 1 }
        }
        func figures(_ groups: [Int], residents: Double) -> TravelComparison {
            TravelComparison(
                straightLineCovered: groups.map { straightCovered[$0] }.reduce(0, +), residents: residents,
                coveredOnlyByStraightLine: groups.map { lost[$0] }.reduce(0, +),
                coveredOnlyByNetwork: groups.map { gained[$0] }.reduce(0, +),
                fallbackResidences: groups.map { fallback[$0] }.reduce(0, +))
        }
        for row in report.counties.indices {
            let code = report.counties[row].county
            let group = code.isEmpty ? 0 : (codes.firstIndex(of: code).map { $0 + 1 } ?? -1)
            report.counties[row].networkComparison = figures(group < 0 ? [] : [group], residents: report.counties[row].residents)
        }
        report.total.networkComparison = figures(Array(0...codes.count), residents: report.total.residents)
    }
}

/// Side-by-side figures of a county (or the total) in a run by network travel.
public struct TravelComparison: Sendable, Equatable, Codable {
    /// Population covered by the straight-line estimate (today's model) for the same residences.
    public var straightLineCovered: Double
    /// `straightLineCovered` as a share of the residents, %; nil when there are none.
    public var straightLineCoveragePercent: Double?
    /// Residences covered by the straight-line estimate but not over the roads.
    public var coveredOnlyByStraightLine: Int
    /// Residences covered over the roads but not by the straight-line estimate.
    public var coveredOnlyByNetwork: Int
    /// Residences farther than the access distance from every road of their mode: their figures are
    /// the straight-line estimate.
    public var fallbackResidences: Int

    public init(
        straightLineCovered: Double, residents: Double, coveredOnlyByStraightLine: Int, coveredOnlyByNetwork: Int,
        fallbackResidences: Int
    ) {
        self.straightLineCovered = straightLineCovered
        straightLineCoveragePercent = residents > 0 ? straightLineCovered / residents * 100 : nil
        self.coveredOnlyByStraightLine = coveredOnlyByStraightLine
        self.coveredOnlyByNetwork = coveredOnlyByNetwork
        self.fallbackResidences = fallbackResidences
    }
}
