import LegalCircle
import Testing

@Suite struct RunComparisonTests {
    /// A report line with the urban zone holding everyone (the zones do not enter the comparison).
    static func county(
        _ code: String, residents: Double, covered: Double, points: Int, median: Double?, areas: Int
    ) -> CountyFigures {
        CountyFigures(
            county: code, residents: residents, covered: covered,
            zones: [ZoneFigures(zone: .urban, residents: residents, covered: covered)], servicePoints: points,
            medianMinutes: median, p90Minutes: median.map { $0 * 2 }, uncoveredAreas: areas)
    }

    /// A: "", 330102, 330106; B: "", 330102, 330211 (330106 gone, 330211 new).
    static let before = CoverageReport(
        counties: [
            county("", residents: 10, covered: 0, points: 0, median: .infinity, areas: 1),
            county("330102", residents: 200, covered: 120, points: 3, median: 12.5, areas: 4),
            county("330106", residents: 50, covered: 25, points: 1, median: 15.25, areas: 2),
        ],
        total: county(CountyFigures.totalKey, residents: 260, covered: 145, points: 4, median: 13, areas: 7))

    static let after = CoverageReport(
        counties: [
            county("", residents: 10, covered: 4, points: 0, median: 20, areas: 1),
            county("330102", residents: 200, covered: 150, points: 5, median: 9, areas: 1),
            county("330211", residents: 0, covered: 0, points: 2, median: nil, areas: 0),
        ],
        total: county(CountyFigures.totalKey, residents: 210, covered: 154, points: 7, median: 10.75, areas: 2))

    @Test func countiesAreJoinedOnTheirCodeInReportOrder() {
        let comparison = RunComparison(a: Self.before, b: Self.after)
        #expect(comparison.counties.map(\.county) == ["", "330102", "330106", "330211"])
        #expect(comparison.counties.map { $0.a?.county } == ["", "330102", "330106", nil])
        #expect(comparison.counties.map { $0.b?.county } == ["", "330102", nil, "330211"])
        #expect(comparison.unmatchedCounties.map(\.county) == ["330106", "330211"])
        #expect(comparison.total.isTotal && comparison.total.a == Self.before.total && comparison.total.b == Self.after.total)
    }

    @Test func changesAreBMinusAOfTheReportedFigures() throws {
        let line = try #require(RunComparison(a: Self.before, b: Self.after).counties.first { $0.county == "330102" })
        // 120 of 200 covered is 60 %, 150 of 200 is 75 %: +15 percentage points.
        #expect(abs(try #require(line.coverageChange) - 15) < 1e-12)
        #expect(line.residentsChange == 0)
        #expect(line.coveredChange == 30)
        #expect(line.servicePointsChange == 2)
        #expect(line.uncoveredAreasChange == -3)
        #expect(line.medianMinutesChange == -3.5)
        #expect(!line.residentsDiffer)
    }

    @Test func totalsCompareTheTotalRows() throws {
        let total = RunComparison(a: Self.before, b: Self.after).total
        #expect(total.residentsChange == -50)
        #expect(total.coveredChange == 9)
        // 145/260 = 55.769…%, 154/210 = 73.333…%: +17.564… points.
        let coverageChange = try #require(total.coverageChange)
        let fromShares: Double = (154.0 / 210.0 - 145.0 / 260.0) * 100
        #expect(abs(coverageChange - fromShares) < 1e-12)
        #expect(abs(coverageChange - 17.5641) < 1e-4)
        #expect(total.servicePointsChange == 3)
        #expect(total.uncoveredAreasChange == -5)
        #expect(total.medianMinutesChange == -2.25)
        #expect(total.residentsDiffer)
    }

    @Test func aCountyInOneRunOnlyHasNoChanges() throws {
        let comparison = RunComparison(a: Self.before, b: Self.after)
        for code in ["330106", "330211"] {
            let line = try #require(comparison.counties.first { $0.county == code })
            #expect(line.residentsChange == nil && line.coveredChange == nil && line.coverageChange == nil)
            #expect(line.servicePointsChange == nil && line.uncoveredAreasChange == nil && line.medianMinutesChange == nil)
        }
        // 330106 had 50 residents in A only: the residents differ; 330211 has none in B.
        #expect(comparison.counties.first { $0.county == "330106" }!.residentsDiffer)
        #expect(!comparison.counties.first { $0.county == "330211" }!.residentsDiffer)
        #expect(comparison.residentsDiffer)
    }

    @Test func anInfiniteOrMissingFigureHasNoChange() throws {
        let noCounty = try #require(RunComparison(a: Self.before, b: Self.after).counties.first)
        // A's median is infinite (most residents reach no point): no change can be stated.
        #expect(noCounty.medianMinutesChange == nil)
        #expect(noCounty.coveredChange == 4)
        #expect(abs(try #require(noCounty.coverageChange) - 40) < 1e-12)
        // No residents: no coverage percentage, so no change either.
        let empty = CoverageReport(
            counties: [Self.county("330211", residents: 0, covered: 0, points: 1, median: nil, areas: 0)],
            total: Self.county(CountyFigures.totalKey, residents: 0, covered: 0, points: 1, median: nil, areas: 0))
        let line = RunComparison(a: empty, b: Self.after).counties.first { $0.county == "330211" }!
        #expect(line.coverageChange == nil && line.medianMinutesChange == nil)
        #expect(line.servicePointsChange == 1)
    }

    @Test func aRunComparedWithItselfChangesNothing() {
        let comparison = RunComparison(a: Self.before, b: Self.before)
        #expect(comparison.unmatchedCounties.isEmpty && !comparison.residentsDiffer)
        for line in comparison.counties + [comparison.total] {
            #expect(line.residentsChange == 0 && line.coveredChange == 0 && line.uncoveredAreasChange == 0)
            #expect(line.servicePointsChange == 0)
            #expect(line.coverageChange == 0)
            #expect(line.medianMinutesChange == (line.county == "" ? nil : 0))
        }
    }
}
