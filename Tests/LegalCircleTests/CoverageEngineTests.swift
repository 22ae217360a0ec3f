import Foundation
import LegalCircle
import LegalCircleBench
import Projection
import Testing

@Suite struct CoverageEngineTests {
    /// Random residences and points around four zone centres, so every zone and mode is exercised.
    static func randomDataset(seed: UInt64, residences: Int, points: Int) -> ([ServicePoint], ResidenceTable) {
        var rng = SplitMix64(seed: seed)
        let centres: [(Zone, Double, Double, Double)] = [  // zone, lon, lat, spread in degrees
            (.urban, 120.16, 30.27, 0.03), (.rural, 119.9, 29.9, 0.15),
            (.mountain, 119.2, 28.5, 0.3), (.island, 122.2, 30.0, 0.12),
        ]
        var table = ResidenceTable()
        for i in 0..<residences {
            let (zone, lon, lat, spread) = centres[i % 4]
            table.append(
                id: "R\(i)", longitude: lon + .random(in: -spread...spread, using: &rng),
                latitude: lat + .random(in: -spread...spread, using: &rng),
                population: Double(Int.random(in: 0...50, using: &rng)), county: ["330102", "330106", nil][i % 3],
                zone: zone)
        }
        let kinds: [ServiceKinds] = [.mediation, [.legalAid, .notary], .lawyer, [.mediation, .consultation]]
        let pointList = (0..<points).map { j -> ServicePoint in
            let (_, lon, lat, spread) = centres[j % 4]
            return point(
                "P\(j)",
                GeoCoordinate(
                    longitude: lon + .random(in: -spread...spread, using: &rng),
                    latitude: lat + .random(in: -spread...spread, using: &rng)),
                county: j % 5 == 0 ? nil : "330102", kinds: kinds[j % kinds.count])
        }
        return (pointList, table)
    }

    static let kindFilters: [ServiceKinds] = [.all, .mediation, .notary, [.lawyer, .legalAid]]

    @Test(arguments: 0..<4)
    func agreesWithBruteForceGeodesicReference(run: Int) throws {
        let seed = UInt64(run + 1)
        let kinds = Self.kindFilters[run]
        let (points, residences) = Self.randomDataset(seed: seed, residences: 1_200, points: 160)
        let profile = TravelProfile.standard
        let analysis = try CoverageEngine.analyse(
            points: points, residences: residences, parameters: CoverageParameters(profile: profile, kinds: kinds))
        let result = analysis.result
        var coveredCount = 0
        for i in 0..<residences.count {
            let residence = residences[i]
            guard let reference = bruteForceNearest(residence: residence, points: points, kinds: kinds) else {
                Issue.record("every test dataset has eligible points")
                return
            }
            let engineDistance = result.distance[i]
            // Within the 20 km the 0.1 % bound is promised for, the engine does far better: 5 cm.
            // Beyond, the engine takes the geodesic of the planar nearest point (a near-tie at most).
            let tolerance = reference.distance <= 20_000 ? max(0.05, reference.distance * 1e-6) : reference.distance * 1e-5
            #expect(abs(engineDistance - reference.distance) <= tolerance,
                "residence \(i): engine \(engineDistance) m, geodesic \(reference.distance) m")
            // A different nearest point is only acceptable for an exact tie.
            let chosen = points[Int(result.nearestPoint[i])]
            #expect(!chosen.kinds.isDisjoint(with: kinds), "nearest point must be eligible")
            let radius = profile.radius(for: residence.zone)
            let referenceCovered = reference.distance <= radius
            if referenceCovered != result.covered[i] {
                #expect(abs(reference.distance - radius) < 1, "residence \(i) coverage differs away from the radius")
            }
            let expectedMinutes = profile.minutes(distance: reference.distance, zone: residence.zone)
            #expect(abs(result.minutes[i] - expectedMinutes) <= expectedMinutes * tolerance / reference.distance + 1e-9)
            if result.covered[i] { coveredCount += 1 }
        }
        // The datasets are built so that both outcomes occur; a check that cannot fail proves nothing.
        #expect(coveredCount > 0 && coveredCount < residences.count)
    }

    @Test func handMadeDatasetGivesKnownAnswers() throws {
        let hub = GeoCoordinate(longitude: 120.15, latitude: 30.25)
        let island = GeoCoordinate(longitude: 122.10, latitude: 30.00)
        let points = [
            point("P1", hub, county: "330102", kinds: [.mediation, .legalAid]),
            point("P2", island, county: "330902", kinds: .notary),
        ]
        var residences = ResidenceTable()
        // Urban walks 1000 m, rural cycles 2307.7 m, mountain and island drive 5357.1 m.
        let cases: [(String, GeoCoordinate, Double, String, Zone)] = [
            ("U-in", offset(hub, azimuth: 0, metres: 900), 100, "330102", .urban),
            ("U-out", offset(hub, azimuth: 90, metres: 1_100), 50, "330102", .urban),
            ("R-in", offset(hub, azimuth: 180, metres: 2_000), 30, "330106", .rural),
            ("M-out", offset(hub, azimuth: 270, metres: 6_000), 20, "330106", .mountain),
            ("I-in", offset(island, azimuth: 45, metres: 5_000), 40, "330902", .island),
        ]
        for (id, location, population, county, zone) in cases {
            residences.append(
                id: id, longitude: location.longitude, latitude: location.latitude, population: population,
                county: county, zone: zone)
        }
        let analysis = try CoverageEngine.analyse(
            points: points, residences: residences, parameters: CoverageParameters(profile: .standard))
        let r = analysis.result
        #expect(r.covered == [true, false, true, false, true])
        #expect(r.nearestPoint == [0, 0, 0, 0, 1])
        for (i, metres) in [900.0, 1_100, 2_000, 6_000, 5_000].enumerated() {
            #expect(abs(r.distance[i] - metres) < 0.01, "residence \(i): \(r.distance[i])")
        }
        // minutes = distance · circuity / speed: 900 m on foot = 900 · 1.2 / 80 m/min = 13.5.
        #expect(abs(r.minutes[0] - 13.5) < 1e-4)
        #expect(abs(r.minutes[2] - 2_000 * 1.3 / 200) < 1e-4)
        #expect(abs(r.minutes[3] - 6_000 * 1.4 / 500) < 1e-4)

        let report = analysis.report
        #expect(report.counties.map(\.county) == ["330102", "330106", "330902"])
        let first = report.counties[0]
        #expect(first.residents == 150 && first.covered == 100 && first.uncoveredPopulation == 50)
        #expect(abs(first.coveragePercent! - 100 * 100 / 150) < 1e-12)
        #expect(first.servicePoints == 1 && abs(first.pointsPer10k! - 10_000 / 150) < 1e-9)
        // Weighted median: 100 of 150 people at 13.5 min reach half, p90 is the walker at 1100 m.
        #expect(abs(first.medianMinutes! - 13.5) < 1e-4)
        #expect(abs(first.p90Minutes! - 1_100 * 1.2 / 80) < 1e-4)
        #expect(first.uncoveredAreas == 1)
        let second = report.counties[1]
        #expect(second.residents == 50 && second.covered == 30 && second.servicePoints == 0)
        #expect(second.zones.first { $0.zone == .mountain }!.coveragePercent == 0)
        #expect(second.zones.first { $0.zone == .urban }!.coveragePercent == nil)
        #expect(report.total.residents == 240 && report.total.covered == 170 && report.total.servicePoints == 2)
        #expect(report.total.uncoveredAreas == 2)

        // Only notary offices: the mainland loses its only point and the island keeps its own.
        let notaries = try CoverageEngine.analyse(
            points: points, residences: residences,
            parameters: CoverageParameters(profile: .standard, kinds: .notary))
        #expect(notaries.result.nearestPoint == [1, 1, 1, 1, 1])
        #expect(notaries.result.covered == [false, false, false, false, true])
        #expect(notaries.report.total.servicePoints == 1)
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func countyRowsAddUpToTheTotal(seed: UInt64) throws {
        let (points, residences) = Self.randomDataset(seed: seed, residences: 3_000, points: 40)
        let report = try CoverageEngine.analyse(
            points: points, residences: residences, parameters: CoverageParameters(profile: .standard)
        ).report
        let rows = report.counties
        #expect(rows.map(\.residents).reduce(0, +) == report.total.residents)
        #expect(rows.map(\.covered).reduce(0, +) == report.total.covered)
        #expect(rows.map(\.uncoveredPopulation).reduce(0, +) == report.total.uncoveredPopulation)
        #expect(rows.map(\.servicePoints).reduce(0, +) == report.total.servicePoints)
        #expect(rows.map(\.uncoveredAreas).reduce(0, +) == report.total.uncoveredAreas)
        for zone in Zone.allCases {
            let sum = rows.map { $0.zones.first { $0.zone == zone }!.residents }.reduce(0, +)
            #expect(sum == report.total.zones.first { $0.zone == zone }!.residents)
        }
        #expect(report.total.uncoveredPopulation > 0, "the dataset must have gaps for this to test anything")
    }

    @Test func noEligiblePointLeavesEveryoneUncoveredWithoutDistances() throws {
        var residences = ResidenceTable()
        residences.append(id: "A", longitude: 120, latitude: 30, population: 5, county: nil, zone: .urban)
        let points = [point("P", GeoCoordinate(longitude: 120, latitude: 30), county: nil, kinds: .lawyer)]
        let analysis = try CoverageEngine.analyse(
            points: points, residences: residences, parameters: CoverageParameters(profile: .standard, kinds: .notary))
        #expect(analysis.result.nearestPoint == [-1])
        #expect(analysis.result.distance[0] == .infinity)
        #expect(analysis.report.total.medianMinutes == nil)
        #expect(analysis.areas.count == 1 && analysis.areas[0].nearestPointID == nil)
    }
}
