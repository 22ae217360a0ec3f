import LegalCircle
import Testing

@Suite struct UncoveredAreaTests {
    /// One service point far away, so every residence below is uncovered.
    let farPoint = point("FAR", GeoCoordinate(longitude: 121.5, latitude: 30.5), county: "330102")
    let origin = GeoCoordinate(longitude: 120.0, latitude: 30.0)

    func areas(_ placed: [(GeoCoordinate, Double, String?)]) throws -> [UncoveredArea] {
        var residences = ResidenceTable()
        for (index, (location, population, county)) in placed.enumerated() {
            residences.append(
                id: "R\(index)", longitude: location.longitude, latitude: location.latitude, population: population,
                county: county, zone: .rural)
        }
        return try CoverageEngine.analyse(
            points: [farPoint], residences: residences, parameters: CoverageParameters(profile: .standard)
        ).areas
    }

    @Test func touchingCellsJoinAndDistantOnesDoNot() throws {
        let east = offset(origin, azimuth: 90, metres: 400)  // same or next 500 m cell
        let diagonal = offset(east, azimuth: 45, metres: 700)  // diagonal neighbour at most
        let far = offset(origin, azimuth: 180, metres: 5_000)
        let result = try areas([(origin, 10, "330102"), (east, 5, "330102"), (diagonal, 1, "330102"), (far, 30, "330102")])
        #expect(result.count == 2)
        #expect(result[0].id == 1 && result[0].population == 30 && result[0].residenceCount == 1)
        #expect(result[1].id == 2 && result[1].population == 16 && result[1].residenceCount == 3)
        #expect(result[1].nearestPointID == "FAR")
        #expect(result[1].minutesBeyondTarget! > 0)
        #expect(result[1].minLongitude == origin.longitude && result[1].maxLongitude == diagonal.longitude)
    }

    @Test func areasNeverCrossCounties() throws {
        let east = offset(origin, azimuth: 90, metres: 100)
        let result = try areas([(origin, 10, "330102"), (east, 5, "330106")])
        #expect(result.map(\.county).sorted { ($0 ?? "") < ($1 ?? "") } == ["330102", "330106"])
    }

    @Test func centroidIsPopulationWeighted() throws {
        let east = offset(origin, azimuth: 90, metres: 300)
        let result = try areas([(origin, 30, nil), (east, 10, nil)])
        #expect(result.count == 1)
        let expected = offset(origin, azimuth: 90, metres: 75)
        #expect(abs(result[0].centroid.longitude - expected.longitude) < 1e-6)
        #expect(abs(result[0].centroid.latitude - expected.latitude) < 1e-6)
        #expect(result[0].county == nil)
    }
}
