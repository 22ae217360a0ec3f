import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@Suite struct ZoneClassifierTests {
    /// Residences placed at cell centres of a 1 km grid (planar metres).
    struct Layout {
        var x: [Double] = []
        var y: [Double] = []
        var populations: [Double] = []
        var landMasses: [Int32] = []
        var given: [Zone?] = []

        mutating func add(column: Int, row: Int, residences: Int, each population: Double, landMass: Int32 = 0, given zone: Zone? = nil) {
            for k in 0..<residences {
                x.append(Double(column) * 1_000 + 100 + Double(k % 8) * 100)
                y.append(Double(row) * 1_000 + 100 + Double(k / 8 % 8) * 100)
                populations.append(population)
                landMasses.append(landMass)
                given.append(zone)
            }
        }
    }

    @Test func urbanCentresNeedDensityContiguityWithoutDiagonalsAndPopulation() {
        var layout = Layout()
        // A city of 60,000 in ten dense cells on both sides of x = 0, with one island and one given zone.
        for column in -5...4 { layout.add(column: column, row: 0, residences: 60, each: 100) }
        layout.landMasses[0] = 2
        layout.given[1] = .mountain
        // A dense town of 20,000: too small for an urban centre.
        for column in 0...3 { layout.add(column: column, row: 10, residences: 50, each: 100) }
        // A nearly empty cell: 10 people per km².
        layout.add(column: 20, row: 20, residences: 2, each: 5)
        // Two dense blocks of 30,000 that touch only at a corner: not one cluster.
        for column in 30...34 { layout.add(column: column, row: 30, residences: 60, each: 100) }
        for column in 35...39 { layout.add(column: column, row: 31, residences: 60, each: 100) }
        // A ring of eight dense cells (56,000) around a sparse one, which gap filling adds.
        for column in 50...52 {
            for row in 50...52 where !(column == 51 && row == 51) { layout.add(column: column, row: row, residences: 70, each: 100) }
        }
        layout.add(column: 51, row: 51, residences: 1, each: 100)

        let result = ZoneClassifier.classify(
            x: layout.x, y: layout.y, populations: layout.populations, landMasses: layout.landMasses, given: layout.given)
        #expect(result[.urban] == ZoneCount(residences: 598 + 560 + 1, people: 59_800 + 56_000 + 100))
        #expect(result[.rural] == ZoneCount(residences: 200 + 600, people: 80_000))
        #expect(result[.mountain] == ZoneCount(residences: 3, people: 110))
        #expect(result[.island] == ZoneCount(residences: 1, people: 100))
        #expect(result.urbanCentres == 2 && result.kept == 1)
        #expect(result.urbanCentrePopulation == 60_000 + 56_100)
        #expect(result.zones[0] == .island && result.zones[1] == .mountain && result.zones[2] == .urban)
        #expect(result.zones.last == .urban, "the gap-filled cell")
        #expect(result.summaryLines[0] == "urban: 1159 residences, 115900 people")
    }

    @Test func thresholdsComeFromTheParameters() {
        var layout = Layout()
        for column in 0...3 { layout.add(column: column, row: 0, residences: 50, each: 100) }
        layout.add(column: 9, row: 9, residences: 1, each: 60)
        let strict = ZoneClassifier.classify(x: layout.x, y: layout.y, populations: layout.populations)
        #expect(strict[.urban].residences == 0 && strict[.rural].residences == 201)
        let lenient = ZoneClassifier.classify(
            x: layout.x, y: layout.y, populations: layout.populations,
            parameters: ZoneClassification(urbanMinimumPopulation: 20_000, mountainDensity: 100))
        #expect(lenient[.urban].residences == 200 && lenient[.mountain].residences == 1)
        // 500 m cells quadruple the density of the same people.
        let fine = ZoneClassifier.classify(
            x: layout.x, y: layout.y, populations: layout.populations,
            parameters: ZoneClassification(cellMetres: 500, urbanMinimumPopulation: 20_000))
        #expect(fine[.urban].residences == 200 && fine.occupiedCells == 4 * 4 + 1)
    }

    @Test func zoneAreasAssignTheFirstContainingAreaOrNothing() {
        let index = ZoneAreaIndex(areas: [
            ZoneArea(zone: .urban, name: "城关", polygons: [GeoPolygon(exterior: ring([(120, 30), (120.1, 30), (120.1, 30.1), (120, 30.1)]))]),
            ZoneArea(zone: .mountain, polygons: [GeoPolygon(exterior: ring([(120.05, 30), (120.3, 30), (120.3, 30.3), (120.05, 30.3)]))]),
        ])
        #expect(index.zone(longitude: 120.07, latitude: 30.05) == .urban, "in both: the first wins")
        #expect(index.zone(longitude: 120.2, latitude: 30.2) == .mountain)
        #expect(index.zones(longitudes: [120.01, 120.2, 121], latitudes: [30.01, 30.2, 30]) == [.urban, .mountain, nil])
    }

    // MARK: Profile sections

    @Test func profileSectionsDecodeWithDefaultsAndValidate() throws {
        let base = """
            "name": "t", "minutes": 15,
            "zones": {"urban": "walk", "rural": "cycle", "mountain": "drive", "island": "drive"},
            "modes": {"walk": {"speed_kmh": 4.8, "circuity": 1.2}, "cycle": {"speed_kmh": 12, "circuity": 1.3},
                      "drive": {"speed_kmh": 30, "circuity": 1.4}}
            """
        let plain = try TravelProfile.decode(json: Data("{\(base)}".utf8))
        #expect(plain.links.isEmpty && plain.zoneClassification == .standard)

        let full = try TravelProfile.decode(json: Data("""
            {\(base), "links": [{"name": "桥", "from": [121.9, 30.0], "to": [122.0, 30.1], "source": "s"}],
             "zoneClassification": {"urban_density_per_km2": 1000, "source": "mine"}}
            """.utf8))
        #expect(full.links == [FixedLink(name: "桥", from: .init(longitude: 121.9, latitude: 30), to: .init(longitude: 122, latitude: 30.1), source: "s")])
        #expect(full.zoneClassification == ZoneClassification(urbanDensity: 1_000, source: "mine"))
        let reencoded = try TravelProfile.decode(json: JSONEncoder().encode(full))
        #expect(reencoded == full)
        #expect(try TravelProfile.decode(json: JSONEncoder().encode(TravelProfile.standard)) == .standard)

        #expect(throws: ProfileError.self) {
            try TravelProfile.decode(json: Data("{\(base), \"zoneClassification\": {\"cell_m\": 0}}".utf8))
        }
        do {
            _ = try TravelProfile.decode(json: Data("{\(base), \"links\": [{\"name\": \"坏桥\", \"from\": [121.9], \"to\": [122, 30]}]}".utf8))
            Issue.record("a link end with one number was accepted")
        } catch let error as ProfileError {
            #expect(error.message.contains("坏桥") && error.message.contains("from"))
        }
    }

    @Test func shippedProfileCarriesTheLinksAndThresholdsWithSources() throws {
        let url = Repository.dataFolder.appendingPathComponent("profiles/default.json")
        let profile = try TravelProfile.decode(json: Data(contentsOf: url))
        #expect(profile.links == TravelProfile.standard.links)
        #expect(profile.zoneClassification == .standard)
        #expect(profile.links.allSatisfy { ($0.source?.count ?? 0) > 30 }, "every link has its source")
        #expect((profile.zoneClassification.source?.count ?? 0) > 100)
    }
}
