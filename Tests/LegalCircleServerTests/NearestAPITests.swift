import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LegalCircle
import LegalCircleReports
import LegalCircleServer
import LegalCircleSession
import LegalCircleStore
import LegalCircleTestSupport
import Projection
import NIOCore
import Testing

/// `/api/nearest` against the session's own nearest search (what `legalcircle nearest` prints), over the
/// same database.
@Suite struct NearestAPITests {
    /// Locations over Zhejiang and a little beyond (118.1–122.1 E, 27.2–31.0 N), repeatable.
    static func locations(_ count: Int, seed: UInt64) -> [(lon: Double, lat: Double)] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (random.uniform(118.1, 122.1), random.uniform(27.2, 31.0))
        }
    }

    static func sessionNearest(lon: Double, lat: Double, crs: String? = nil, kinds: ServiceKinds? = nil, count: Int) throws -> NearestOutcome {
        let session = CoverageSession(databasePath: try ServiceDatabase.path, access: .readOnly)
        return try session.nearest(
            to: QueryLocation(x: lon, y: lat, system: crs), zone: .urban, count: count, pointsFile: nil, pointsDataset: nil,
            rule: RuleRequest(kinds: kinds))
    }

    @Test func answersTheSameStationsAndDistancesAsTheSession() async throws {
        let app = try ServiceDatabase.application()
        let locations = Self.locations(40, seed: 21)
        try await app.test(.router) { client in
            for (lon, lat) in locations {
                let response = try await client.execute(uri: "/api/nearest?lon=\(lon)&lat=\(lat)&count=5&zone=urban", method: .get)
                #expect(response.status == .ok)
                let stations = try #require(try response.json["stations"]?.array)
                let expected = try Self.sessionNearest(lon: lon, lat: lat, count: 5)
                #expect(stations.map { $0["id"]?.string } == expected.nearby.map { expected.points[$0.index].id })
                for (station, near) in zip(stations, expected.nearby) {
                    #expect(abs((station["distanceMetres"]?.number ?? -1) - near.distance) <= 0.051)
                    #expect(abs((station["minutes"]?.number ?? -1) - near.minutes) <= 0.0051)
                    #expect(station["withinCircle"] == .bool(near.withinCircle))
                    let point = expected.points[near.index]
                    #expect(abs((station["lon"]?.number ?? 0) - point.location.longitude) < 1e-7)
                    #expect(station["name"]?.string == point.name)
                }
                // Without stored roads every station's minutes are the estimate, and say so.
                #expect(try response.json["travelModel"]?.string == "straight-line estimate")
                #expect(try response.json["offRoad"] == nil)
                #expect(stations.allSatisfy { $0["travelModel"]?.string == "straight-line estimate" })
                #expect(try response.json["zoneSource"]?.string == "request")
            }
        }
    }

    /// The index's candidates never miss a nearer station: the answer equals a scan of every station by
    /// geodesic distance, also far outside the province (where the index scans).
    @Test func answersEqualAScanOfEveryStation() async throws {
        let app = try ServiceDatabase.application()
        let points = try Self.sessionNearest(lon: 120, lat: 30, count: 1).points
        let locations = Self.locations(40, seed: 99) + [(lon: 100.0, lat: 40.0), (lon: -120.0, lat: -45.0), (lon: 125.5, lat: 26.0)]
        try await app.test(.router) { client in
            for (lon, lat) in locations {
                let stations = try #require(try await client.execute(uri: "/api/nearest?lon=\(lon)&lat=\(lat)&count=10", method: .get).json["stations"]?.array)
                let scanned = points.indices.map { index in
                    (index, Geodesic.wgs84.distance(longitude1: lon, latitude1: lat, longitude2: points[index].location.longitude, latitude2: points[index].location.latitude))
                }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(10)
                #expect(stations.map { $0["id"]?.string } == scanned.map { points[$0.0].id }, "\(lon), \(lat)")
            }
        }
    }

    /// The same place typed in GCJ-02 (Amap) or BD-09 (Baidu) finds the same stations as in WGS84, and the
    /// stations come back in the system asked for.
    @Test(arguments: ["gcj02", "bd09"])
    func aChineseSystemQueryEqualsTheWGS84Query(crs: String) async throws {
        let app = try ServiceDatabase.application()
        let locations = Self.locations(15, seed: 7)
        try await app.test(.router) { client in
            for (lon, lat) in locations {
                let shifted =
                    crs == "gcj02"
                    ? ChineseOffsets.wgs84ToGCJ02(longitude: lon, latitude: lat) : ChineseOffsets.wgs84ToBD09(longitude: lon, latitude: lat)
                let plain = try await client.execute(uri: "/api/nearest?lon=\(lon)&lat=\(lat)", method: .get).json
                let offset = try await client.execute(
                    uri: "/api/nearest?lon=\(shifted.longitude)&lat=\(shifted.latitude)&crs=\(crs)", method: .get
                ).json
                let plainStations = try #require(plain["stations"]?.array)
                let offsetStations = try #require(offset["stations"]?.array)
                #expect(plainStations.map { $0["id"] } == offsetStations.map { $0["id"] })
                for (a, b) in zip(plainStations, offsetStations) {
                    #expect(abs((a["distanceMetres"]?.number ?? 0) - (b["distanceMetres"]?.number ?? 1)) <= 0.2)
                    let wgs = (a["lon"]?.number ?? 0, a["lat"]?.number ?? 0)
                    let back =
                        crs == "gcj02"
                        ? ChineseOffsets.wgs84ToGCJ02(longitude: wgs.0, latitude: wgs.1) : ChineseOffsets.wgs84ToBD09(longitude: wgs.0, latitude: wgs.1)
                    #expect(abs((b["lon"]?.number ?? 0) - back.longitude) < 1e-6)
                    #expect(abs((b["lat"]?.number ?? 0) - back.latitude) < 1e-6)
                }
                #expect(offset["crs"]?.string == crs)
            }
        }
    }

    @Test func kindsLimitTheStationsAsTheSessionRuleDoes() async throws {
        let app = try ServiceDatabase.application()
        try await app.test(.router) { client in
            for (lon, lat) in Self.locations(10, seed: 3) {
                let response = try await client.execute(uri: "/api/nearest?lon=\(lon)&lat=\(lat)&kinds=notary,arbitration&count=8", method: .get)
                let stations = try #require(try response.json["stations"]?.array)
                for station in stations {
                    let kinds = station["kinds"]?.array?.compactMap(\.string) ?? []
                    #expect(kinds.contains("notary") || kinds.contains("arbitration"))
                }
                let expected = try Self.sessionNearest(lon: lon, lat: lat, kinds: [.notary, .arbitration], count: 8)
                #expect(stations.map { $0["id"]?.string } == expected.nearby.map { expected.points[$0.index].id })
            }
        }
    }

    @Test func countAndZoneShapeTheAnswer() async throws {
        let app = try ServiceDatabase.application()
        try await app.test(.router) { client in
            let urban = try await client.execute(uri: "/api/nearest?lon=120.16&lat=30.25&count=1&zone=urban", method: .get).json
            let island = try await client.execute(uri: "/api/nearest?lon=120.16&lat=30.25&count=50&zone=island", method: .get).json
            #expect(urban["stations"]?.array?.count == 1)
            #expect(island["stations"]?.array?.count == 50)
            #expect(urban["mode"]?.string == "walk")
            #expect(island["mode"]?.string == "drive")
            #expect(urban["stations"]?.array?.first?["id"] == island["stations"]?.array?.first?["id"])
        }
    }

    /// Without `zone=`: island on an island of the county boundaries (before anything else, as `load`
    /// decides); elsewhere the zone most people of the loaded residences in the location's 1/256° cell
    /// have, counted here from the residences file itself.
    @Test func theZoneOfALocationIsTheStoredDatasZone() async throws {
        let app = try ServiceDatabase.application()
        let rows = try String(contentsOf: Repository.seed("residences.csv"), encoding: .utf8).split(separator: "\n")
            .dropFirst().prefix(ServiceDatabase.residenceRows).map { $0.split(separator: ",") }
        @Sendable func cell(_ lon: Double, _ lat: Double) -> [Int] { [Int(((lon + 180) * 256).rounded(.down)), Int(((lat + 90) * 256).rounded(.down))] }
        var people: [[Int]: [String: Double]] = [:]
        for row in rows { people[cell(Double(row[1])!, Double(row[2])!), default: [:]][String(row[5]), default: 0] += Double(row[3])! }
        let counted = people
        try await app.test(.router) { client in
            for (lon, lat) in [(122.186538, 29.418293), (122.45, 30.72)] {
                let json = try await client.execute(uri: "/api/nearest?lon=\(lon)&lat=\(lat)", method: .get).json
                #expect(json["zone"]?.string == "island" && json["zoneSource"]?.string == "island", "\(lon), \(lat)")
                #expect(json["mode"]?.string == "drive")
            }
            var fromResidences = 0
            for row in rows.enumerated().filter({ $0.offset % 500 == 0 }).map(\.element) {
                let json = try await client.execute(uri: "/api/nearest?lon=\(row[1])&lat=\(row[2])", method: .get).json
                guard json["zoneSource"]?.string == "residences" else {
                    #expect(json["zoneSource"]?.string == "island", "\(row[0])")
                    continue
                }
                let counts = try #require(counted[cell(Double(row[1])!, Double(row[2])!)])
                let most = counts.values.max()!
                #expect(counts[json["zone"]?.string ?? ""] == most, "\(row[0]): \(counts)")
                fromResidences += 1
            }
            #expect(fromResidences > 20)
        }
    }

    @Test(arguments: [
        ("/api/nearest", "lon"), ("/api/nearest?lat=30", "lon"), ("/api/nearest?lon=120", "lat"),
        ("/api/nearest?lon=abc&lat=30", "lon"), ("/api/nearest?lon=120&lat=", "lat"), ("/api/nearest?lon=nan&lat=30", "lon"),
        ("/api/nearest?lon=181&lat=30", "lon"), ("/api/nearest?lon=120&lat=-91", "lat"),
        ("/api/nearest?lon=120&lat=30&crs=epsg:4549", "crs"), ("/api/nearest?lon=120&lat=30&crs=mars", "crs"),
        ("/api/nearest?lon=120&lat=30&kinds=pizza", "kinds"), ("/api/nearest?lon=120&lat=30&kinds=notary,pizza", "kinds"),
        ("/api/nearest?lon=120&lat=30&count=0", "count"), ("/api/nearest?lon=120&lat=30&count=51", "count"),
        ("/api/nearest?lon=120&lat=30&count=2.5", "count"), ("/api/nearest?lon=120&lat=30&zone=moon", "zone"),
    ])
    func badParametersAreRefusedWithAReason(uri: String, parameter: String) async throws {
        let app = try ServiceDatabase.application()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .badRequest, "\(uri)")
            #expect(response.headers[.contentType] == "application/json")
            let reason = try #require(try response.json["error"]?.string)
            #expect(reason.hasPrefix(parameter), "\(uri): \(reason)")
        }
    }

    @Test func unknownPathsAndMethodsAnswer404InJSON() async throws {
        let app = try ServiceDatabase.application()
        try await app.test(.router) { client in
            for (uri, method) in [("/api/nowhere", HTTPRequest.Method.get), ("/../../etc/passwd", .get), ("/api/nearest", .delete)] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == .notFound, "\(method) \(uri)")
                #expect(try response.json["error"]?.string?.isEmpty == false)
            }
        }
    }
}
