import LegalCircle
import LegalCircleTestSupport
import Testing

/// `UncoveredPlaces.areaNames` against a plain reference: every uncovered named residence placed by its
/// county code and grid cell, looked up among every area's cells.
@Suite struct AreaNamesTests {
    static func reference(
        areas: [UncoveredArea], residences: ResidenceTable, result: CoverageResult, frame: PlanarFrame, cellSize: Double
    ) throws -> [Int: [String]] {
        var found: [Int: [(name: String, population: Double)]] = [:]
        for i in 0..<residences.count where !result.covered[i] {
            guard let name = residences.name(at: i) else { continue }
            let plane = try frame.project(longitudes: [residences.longitudes[i]], latitudes: [residences.latitudes[i]])
            let column = Int32((plane.x[0] / cellSize).rounded(.down)), row = Int32((plane.y[0] / cellSize).rounded(.down))
            let county = residences.county(at: i) ?? ""
            for area in areas where (area.county ?? "") == county && area.cells.contains(where: { $0.column == column && $0.row == row }) {
                found[area.id, default: []].append((name, residences.populations[i]))
            }
        }
        return found.mapValues { entries in
            var seen = Set<String>()
            return entries.sorted { $0.population != $1.population ? $0.population > $1.population : $0.name < $1.name }
                .filter { seen.insert($0.name).inserted }.prefix(3).map(\.name)
        }
    }

    @Test(arguments: [1, 2, 3])
    func namesAreThoseOfTheAreasCells(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var residences = ResidenceTable()
        // A few villages per county, some names shared and some empty, counties known, unknown and empty.
        let counties: [String?] = ["330102", "330106", nil, ""]
        for i in 0..<3_000 {
            residences.append(
                id: "R\(i)", longitude: 120 + Double.random(in: 0..<0.3, using: &random),
                latitude: 30 + Double.random(in: 0..<0.3, using: &random), population: Double(random.next() % 50),
                county: counties.randomElement(using: &random)!, zone: .rural,
                name: i % 5 == 0 ? nil : "村\(random.next() % 40)")
        }
        let points = Fixtures.randomPoints(count: 12, seed: seed).map { point -> ServicePoint in
            var point = point
            point.location = GeoCoordinate(
                longitude: 120 + Double.random(in: 0..<0.3, using: &random), latitude: 30 + Double.random(in: 0..<0.3, using: &random))
            point.kinds = .all
            return point
        }
        let analysis = try CoverageEngine.analyse(
            points: points, residences: residences, parameters: CoverageParameters(profile: .standard, areaCellSize: 800))
        #expect(analysis.areas.count > 3 && Set(analysis.areas.map { $0.county ?? "" }).count >= 3)
        let names = try UncoveredPlaces.areaNames(
            areas: analysis.areas, residences: residences, result: analysis.result, frame: analysis.frame, cellSize: 800)
        let expected = try Self.reference(
            areas: analysis.areas, residences: residences, result: analysis.result, frame: analysis.frame, cellSize: 800)
        #expect(!expected.isEmpty)
        #expect(names == expected)
    }
}
