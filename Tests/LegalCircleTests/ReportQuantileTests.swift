import LegalCircle
import Testing

@Suite struct ReportQuantileTests {
    /// The definition, by brute force: sort by minutes and walk the cumulative population.
    func reference(_ q: Double, _ rows: [(minutes: Double, weight: Double)]) -> Double? {
        let total = rows.map(\.weight).reduce(0, +)
        guard total > 0 else { return nil }
        var cumulative = 0.0
        for row in rows.sorted(by: { $0.minutes < $1.minutes }) {
            cumulative += row.weight
            if cumulative >= q * total { return row.minutes.isFinite ? row.minutes : nil }
        }
        return nil
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func medianAndP90MatchASortedReference(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        // Points far apart so minutes span the histogram, its overflow bin and ties.
        var points = [point("P0", GeoCoordinate(longitude: 120, latitude: 30), county: "330102")]
        points.append(point("P1", GeoCoordinate(longitude: 121.5, latitude: 29.2), county: "330211"))
        var residences = ResidenceTable()
        for i in 0..<4_000 {
            let far = i % 5 == 0
            residences.append(
                id: "R\(i)", longitude: (far ? 118.5 : 120.0) + .random(in: -0.05...0.05, using: &rng),
                latitude: 30 + .random(in: -0.05...0.05, using: &rng),
                population: Double(Int.random(in: 0...9, using: &rng)),
                county: ["330102", "330106", "330211", nil][i % 4], zone: Zone.allCases[i % 4])
        }
        let analysis = try CoverageEngine.analyse(
            points: points, residences: residences, parameters: CoverageParameters(profile: .standard))
        let rows = (0..<residences.count).map { (minutes: analysis.result.minutes[$0], weight: residences.populations[$0]) }
        for county in analysis.report.counties {
            let members = rows.indices.filter { (residences.county(at: $0) ?? "") == county.county }.map { rows[$0] }
            #expect(county.medianMinutes == reference(0.5, members), "county \(county.county)")
            #expect(county.p90Minutes == reference(0.9, members), "county \(county.county)")
        }
        #expect(analysis.report.total.medianMinutes == reference(0.5, rows))
        #expect(analysis.report.total.p90Minutes == reference(0.9, rows))
        #expect(analysis.report.total.p90Minutes! > 204.75, "the far residences reach the overflow bin")
    }
}
