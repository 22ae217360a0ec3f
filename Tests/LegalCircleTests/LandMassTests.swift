import Foundation
import LegalCircle
import LegalCircleTestSupport
import Projection
import Testing

@Suite struct LandMassTests {
    static func square(_ x: Double, _ y: Double, _ size: Double) -> GeoPolygon {
        GeoPolygon(exterior: ring([(x, y), (x + size, y), (x + size, y + size), (x, y + size)]))
    }

    @Test func touchingAndOverlappingPiecesJoinAndTheLargestIsTheMainland() {
        let boundaries = [
            // Two counties sharing an edge: one land mass of 0.2° x 0.1°.
            Boundary(code: "A", name: "A", polygons: [Self.square(120, 30, 0.1), Self.square(121, 30, 0.01)]),
            Boundary(code: "B", name: "B", polygons: [Self.square(120.1, 30, 0.1)]),
            // Overlaps A's island without sharing a vertex: joins it.
            Boundary(code: "C", name: "C", polygons: [Self.square(121.005, 30.005, 0.01)]),
            // Touches B at one corner only (a vertex on B's edge is enough).
            Boundary(code: "D", name: "D", polygons: [Self.square(120.2, 30.1, 0.02)]),
            // Far away.
            Boundary(code: "E", name: "E", polygons: [Self.square(122, 30, 0.03)]),
        ]
        let masses = LandMasses(boundaries: boundaries)
        #expect(masses.count == 3 && masses.naturalCount == 3 && masses.pieceCount == 6)
        #expect(masses.codes == [["A", "B", "D"], ["E"], ["A", "C"]])
        #expect(masses.landMass(longitude: 120.05, latitude: 30.05) == LandMasses.mainland)
        #expect(masses.landMass(longitude: 120.21, latitude: 30.11) == LandMasses.mainland)
        #expect(masses.landMass(longitude: 122.01, latitude: 30.01) == 1)
        #expect(masses.landMass(longitude: 121.012, latitude: 30.012) == 2)
        #expect(masses.areas[0] > masses.areas[1] && masses.areas[1] > masses.areas[2])
        // 0.2° x 0.1° at 30°N plus the corner square: about 19.3 km x 11.1 km.
        #expect(abs(masses.areas[0] / 1e6 - 218.9) < 1, "\(masses.areas[0] / 1e6)")
    }

    @Test func aPieceInsideAnotherWithoutTouchingJoinsIt() {
        let lake = GeoPolygon(
            exterior: ring([(120, 30), (120.3, 30), (120.3, 30.3), (120, 30.3)]),
            holes: [ring([(120.1, 30.1), (120.2, 30.1), (120.2, 30.2), (120.1, 30.2)])])
        let masses = LandMasses(boundaries: [
            Boundary(code: "A", name: "A", polygons: [lake]),
            // An island in the lake (inside the hole): a separate land mass.
            Boundary(code: "B", name: "B", polygons: [Self.square(120.14, 30.14, 0.02)]),
            // Drawn on top of A's land: the same land mass.
            Boundary(code: "C", name: "C", polygons: [Self.square(120.02, 30.02, 0.02)]),
        ])
        #expect(masses.count == 2)
        #expect(masses.landMass(longitude: 120.15, latitude: 30.15) == 1)
        #expect(masses.landMass(longitude: 120.03, latitude: 30.03) == 0)
        #expect(masses.landMass(longitude: 120.135, latitude: 30.15) == 1, "on the lake, 0.5 km from the island, 3.4 km from the shore")
    }

    @Test func linksJoinLandMassesAndReportWhatTheyDid() {
        let boundaries = [
            Boundary(code: "M", name: "mainland", polygons: [Self.square(120, 30, 0.5)]),
            Boundary(code: "I", name: "island", polygons: [Self.square(120.6, 30, 0.05), Self.square(120.7, 30, 0.02)]),
        ]
        let links = [
            FixedLink(name: "bridge", from: .init(longitude: 120.45, latitude: 30.02), to: .init(longitude: 120.61, latitude: 30.02)),
            FixedLink(name: "again", from: .init(longitude: 120.1, latitude: 30.1), to: .init(longitude: 120.62, latitude: 30.03)),
            FixedLink(name: "to nowhere", from: .init(longitude: 120.1, latitude: 30.1), to: .init(longitude: 121.5, latitude: 30.03)),
        ]
        let without = LandMasses(boundaries: boundaries)
        let with = LandMasses(boundaries: boundaries, links: links)
        #expect(without.count == 3 && with.count == 2 && with.naturalCount == 3)
        #expect(without.landMass(longitude: 120.62, latitude: 30.02) == 1)
        #expect(with.landMass(longitude: 120.62, latitude: 30.02) == LandMasses.mainland)
        #expect(with.links.map(\.status) == [.joined, .alreadyJoined, .offLand(end: "to")])
        #expect(with.links[0].description.contains("joins land masses of"))
        #expect(with.summaryLines.count == 4 && with.summaryLines[0].hasPrefix("3 land masses in 3 polygon parts; 2 after 1 of 3 fixed links; mainland "))
        #expect(!LandMasses.reachable(0, 1) && LandMasses.reachable(1, 1) && LandMasses.reachable(-1, 0))
    }

    @Test func pointsJustOffshoreSnapToTheNearestPieceWithinTheDistance() {
        let masses = LandMasses(boundaries: [
            Boundary(code: "M", name: "mainland", polygons: [Self.square(120, 30, 0.5)]),
            Boundary(code: "I", name: "island", polygons: [Self.square(121, 30, 0.05)]),
        ])
        // 0.005° of longitude at 30.02°N is about 482 m; 0.02° about 1.93 km.
        let near = 121.05 + 0.005, far = 121.05 + 0.02
        #expect(masses.landMass(longitude: near, latitude: 30.02) == 1)
        #expect(masses.landMass(longitude: far, latitude: 30.02) == LandMasses.unknown)
        #expect(masses.landMasses(longitudes: [near, far, 120.1], latitudes: [30.02, 30.02, 30.1]) == [1, -1, 0])
        let strict = LandMasses(
            boundaries: [Boundary(code: "I", name: "island", polygons: [Self.square(121, 30, 0.05)])], snappingDistance: 0)
        #expect(strict.landMass(longitude: near, latitude: 30.02) == LandMasses.unknown)
    }

    // MARK: Real data

    @Test(.requires(.data(.countiesWGS84, .provinceWGS84)))
    func realCountiesGiveTheProvinceLandMassesAndTheMainlandArea() throws {
        let counties = try RealData.counties, province = try RealData.province
        let clock = ContinuousClock()
        let start = clock.now
        let masses = LandMasses(boundaries: counties)
        let elapsed = clock.now - start
        let provinceAreas = province.map(\.area).sorted(by: >)
        let islandCounties = masses.codes.dropFirst().flatMap { $0 }
        let perCounty = Dictionary(grouping: islandCounties, by: { $0 }).mapValues(\.count)
        print(
            "land masses: \(masses.count) from \(masses.pieceCount) parts in \(elapsed); mainland \(String(format: "%.1f", masses.areas[0] / 1e6)) km², "
                + "largest islands \(masses.areas[1...3].map { String(format: "%.1f", $0 / 1e6) }) km²; islands per county: \(perCounty.sorted { $0.key < $1.key })")
        #expect(masses.pieceCount == 604)
        #expect(masses.count == 516, "the province MultiPolygon has 516 parts")
        #expect(masses.count == province.count)
        // SOURCES.md: mainland ≈ 105,510 km² (UTM 51N).
        #expect(abs(masses.areas[0] / 1e6 - 105_510) < 105_510 * 0.02)
        for (mass, part) in zip(masses.areas.prefix(20), provinceAreas) {
            #expect(abs(mass - part) < 1e-4 * part, "land masses and province parts have the same areas")
        }
        // Zhoushan's districts and counties and Dongtou each have land on several land masses.
        for code in ["330902", "330903", "330921", "330922", "330305"] {
            #expect((perCounty[code] ?? 0) >= 10, "\(code) has \(perCounty[code] ?? 0) islands")
        }
    }

    /// An island without a link is not reached from a mainland station 2 km away, although 2 km is
    /// well inside the island zone's 15-minute driving radius; a link makes it reachable.
    @Test(.requires(.data(.countiesWGS84, .islandsWGS84)))
    func anUnlinkedIslandIsNotReachedFromTheMainlandTwoKilometresAwayUntilLinked() throws {
        let counties = try RealData.counties, islands = try RealData.islands
        let masses = LandMasses(boundaries: counties)
        // The first island (by area) with mainland exactly 2 km from its representative point.
        var found: (island: RealData.Island, mainland: GeoCoordinate)?
        search: for island in islands {
            for azimuth in stride(from: 0.0, to: 360, by: 10) {
                let end = Geodesic.wgs84.destination(
                    longitude: island.point.longitude, latitude: island.point.latitude, azimuth: azimuth, distance: 2_000)
                if masses.landMass(longitude: end.longitude, latitude: end.latitude) == LandMasses.mainland {
                    found = (island, GeoCoordinate(longitude: end.longitude, latitude: end.latitude))
                    break search
                }
            }
        }
        let (island, station) = try #require(found)
        let islandMass = masses.landMass(longitude: island.point.longitude, latitude: island.point.latitude)
        print("island \(island.id) (\(island.area) km², county \(island.county)) at \(island.point); mainland station \(station)")
        #expect(islandMass > 0)
        let distance = Geodesic.wgs84.distance(
            longitude1: island.point.longitude, latitude1: island.point.latitude, longitude2: station.longitude, latitude2: station.latitude)
        #expect(abs(distance - 2_000) < 0.01 && distance < TravelProfile.standard.radius(for: .island))
        #expect(!LandMasses.reachable(islandMass, LandMasses.mainland))

        let linked = LandMasses(
            boundaries: counties, links: [FixedLink(name: "test bridge", from: station, to: island.point)])
        #expect(linked.links.map(\.status) == [.joined])
        #expect(linked.count == masses.count - 1)
        #expect(linked.landMass(longitude: island.point.longitude, latitude: island.point.latitude) == LandMasses.mainland)
    }

    /// Every shipped link joins two land masses that the geometry keeps apart.
    @Test(.requires(.data(.countiesWGS84)))
    func shippedLinksEachJoinTwoLandMasses() throws {
        let counties = try RealData.counties
        let masses = LandMasses(boundaries: counties, links: TravelProfile.standard.links)
        for outcome in masses.links {
            print(outcome)
            #expect(outcome.status == .joined, "\(outcome)")
        }
        #expect(masses.count == masses.naturalCount - TravelProfile.standard.links.count)
    }
}
