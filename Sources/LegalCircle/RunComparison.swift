/// Two coverage reports side by side, county by county: run A (before) and run B (after), with the
/// change from A to B.
///
/// Counties are joined on their code; a county in only one report keeps a line with the other side
/// missing, and then has no changes. Changes are B − A of the figures as reported, so a comparison of two
/// stored runs reproduces the difference of their reports exactly.
public struct RunComparison: Sendable, Equatable {
    /// One county (or the total) in both reports.
    public struct Line: Sendable, Equatable {
        /// 6-digit code; "" for residences without a county; `CountyFigures.totalKey` for the total.
        public var county: String
        /// The county's figures in run A; nil when A has no such county.
        public var a: CountyFigures?
        /// The county's figures in run B; nil when B has no such county.
        public var b: CountyFigures?

        public init(county: String, a: CountyFigures?, b: CountyFigures?) {
            self.county = county
            self.a = a
            self.b = b
        }

        public var isTotal: Bool { county == CountyFigures.totalKey }

        /// B − A residents.
        public var residentsChange: Double? { change(\.residents) }
        /// B − A covered population.
        public var coveredChange: Double? { change(\.covered) }
        /// B − A coverage, in percentage points; nil when either side has no residents.
        public var coverageChange: Double? { change(\.coveragePercent) }
        /// B − A service points of the requested kinds.
        public var servicePointsChange: Int? { a.flatMap { a in b.map { $0.servicePoints - a.servicePoints } } }
        /// B − A uncovered areas.
        public var uncoveredAreasChange: Int? { a.flatMap { a in b.map { $0.uncoveredAreas - a.uncoveredAreas } } }
        /// B − A population-weighted median minutes; nil when either median is missing or infinite (more
        /// than half the residents have no eligible point).
        public var medianMinutesChange: Double? { change(\.medianMinutes) }

        /// True when the county's residents differ between the runs (other residences data, or counties
        /// filled from other boundaries), including a county with residents in one run only.
        public var residentsDiffer: Bool {
            guard let a, let b else { return (a ?? b).map { $0.residents != 0 } ?? false }
            return a.residents != b.residents
        }

        private func change(_ figure: KeyPath<CountyFigures, Double>) -> Double? {
            guard let a, let b else { return nil }
            return b[keyPath: figure] - a[keyPath: figure]
        }

        private func change(_ figure: KeyPath<CountyFigures, Double?>) -> Double? {
            guard let before = a?[keyPath: figure], let after = b?[keyPath: figure], before.isFinite, after.isFinite
            else { return nil }
            return after - before
        }
    }

    /// One line per county of either report, sorted by code ("" first), as in a report.
    public var counties: [Line]
    public var total: Line

    /// Joins the counties of `a` and `b`.
    /// - Complexity: O((m + n) log(m + n)) for m and n counties.
    public init(a: CoverageReport, b: CoverageReport) {
        let before = Dictionary(a.counties.map { ($0.county, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(b.counties.map { ($0.county, $0) }, uniquingKeysWith: { first, _ in first })
        counties = Set(before.keys).union(after.keys).sorted().map { Line(county: $0, a: before[$0], b: after[$0]) }
        total = Line(county: CountyFigures.totalKey, a: a.total, b: b.total)
    }

    /// Counties present in only one of the runs.
    public var unmatchedCounties: [Line] { counties.filter { $0.a == nil || $0.b == nil } }

    /// True when the runs count different residents in some county or in total.
    public var residentsDiffer: Bool { total.residentsDiffer || counties.contains(where: \.residentsDiffer) }
}
