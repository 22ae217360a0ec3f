import Foundation
import Hummingbird
import HummingbirdTesting
import LegalCircle
import LegalCircleServer
import LegalCircleSession
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// `/api/nearest` over a store holding roads: the hand-built river network of the road tests loaded
/// with its stations and residences, as `legalcircle load --roads` stores them. The service's minutes
/// are checked against `nearest --travel network` (the session's `nearest` with the stored roads).
@Suite struct NetworkNearestAPITests {
    static let model = "network (roads roads.geojson)"

    /// A database with the river fixture's points, residences and roads loaded.
    static let database: Result<String, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-serve-roads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let path = folder.appendingPathComponent("roads.sqlite").path
        var load = LoadRequest()
        load.points = try write("points.csv", RiverRoads.pointsCSV)
        load.residences = try write("residences.csv", RiverRoads.residencesCSV)
        load.roads = try write("roads.geojson", RiverRoads.roadsGeoJSON)
        _ = try CoverageSession(databasePath: path, access: .create).load(load)
        return path
    }

    /// Locations on and around the network (the river, both banks, the loop, the ferry, the island and
    /// fields far from any road), repeatable.
    static func locations() -> [(lon: Double, lat: Double)] {
        var random = SplitMix64(seed: 19)
        let residences = [(120.1000, 30.2049), (120.1500, 30.2500), (120.1040, 30.2003), (120.1120, 30.2052), (120.1080, 30.2002),
                          (120.1430, 30.2152), (120.1160, 30.2000), (120.0960, 30.2030)]
        return residences.map { (lon: $0.0, lat: $0.1) } + (0..<40).map { _ in (random.uniform(120.09, 120.15), random.uniform(30.194, 30.218)) }
    }

    /// At every location and zone, each listed station's minutes are those `nearest --travel network`
    /// gives it (printed to the hundredth); beyond the circle's minutes the answer has none and says so;
    /// off the roads of the mode, the straight-line estimate, labelled.
    @Test func minutesEqualTheNearestCommandOverTheStoredRoads() async throws {
        let path = try Self.database.get()
        let app = try LegalCircleServer.application(ServerConfiguration(databasePath: path, port: 0))
        let seen = try await app.test(.router) { client in
            let session = CoverageSession(databasePath: path, access: .readOnly)
            // What `nearest --travel network` asks over loaded datasets.
            var rule = RuleRequest(travel: .network)
            rule.storedRoadsByDefault = true
            var seen = (network: 0, beyond: 0, offRoad: 0)
            for (lon, lat) in Self.locations() {
                for zone in Zone.allCases {
                    let json = try await client.execute(uri: "/api/nearest?lon=\(lon)&lat=\(lat)&count=3&zone=\(zone.name)", method: .get).json
                    let expected = try session.nearest(
                        to: GeoCoordinate(longitude: lon, latitude: lat), zone: zone, count: 3, pointsFile: nil, pointsDataset: nil, rule: rule)
                    let network = try #require(expected.network)
                    let stations = try #require(json["stations"]?.array)
                    #expect(stations.map { $0["id"]?.string } == expected.nearby.map { expected.points[$0.index].id })
                    #expect(json["offRoad"] == .bool(!network.attached))
                    #expect(json["cutoffMinutes"]?.number == expected.parameters.profile.minutes)
                    guard network.attached else {
                        seen.offRoad += 1
                        #expect(json["travelModel"]?.string == "straight-line estimate")
                        for (station, near) in zip(stations, expected.nearby) {
                            #expect(station["travelModel"]?.string == "straight-line estimate")
                            #expect(abs((station["minutes"]?.number ?? -1) - near.minutes) <= 0.0051)
                        }
                        continue
                    }
                    #expect(json["travelModel"]?.string == Self.model)
                    for (station, minutes) in zip(stations, network.minutesTo) {
                        let place = "\(lon), \(lat) \(zone) \(station["id"]?.string ?? "")"
                        #expect(station["travelModel"]?.string == "network", "\(place)")
                        if minutes <= expected.parameters.profile.minutes {
                            seen.network += 1
                            #expect(abs((station["minutes"]?.number ?? -1) - minutes) <= 0.005 + 1e-9, "\(place): \(minutes)")
                            #expect(station["beyondCutoff"] == .bool(false), "\(place)")
                            #expect(station["withinCircle"] == .bool(true), "\(place)")
                        } else {
                            seen.beyond += 1
                            #expect(station["minutes"] == .null, "\(place): the command gives \(minutes)")
                            #expect(station["beyondCutoff"] == .bool(true), "\(place)")
                            #expect(station["withinCircle"] == .bool(false), "\(place)")
                        }
                    }
                }
            }
            return seen
        }
        // Each case occurs, so none of the branches above passes by never running.
        #expect(seen.network > 50 && seen.beyond > 20 && seen.offRoad > 10, "\(seen)")
    }

    /// Zone polygons loaded with `load --zones` come first: inside one, a location takes its zone even
    /// where the residences of its cell have another; outside, the residences' zone as before.
    @Test func aStoredZonePolygonDecidesTheZoneInsideIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-serve-zones-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        // A square around R1 (urban in its file), drawn as mountain.
        let zones = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"zone":"mountain","name":"北岸山地"},
            "geometry":{"type":"Polygon","coordinates":[[[120.098,30.203],[120.102,30.203],[120.102,30.207],[120.098,30.207],[120.098,30.203]]]}}]}
            """
        let path = folder.appendingPathComponent("zones.sqlite").path
        var load = LoadRequest()
        load.points = try write("points.csv", RiverRoads.pointsCSV)
        load.residences = try write("residences.csv", RiverRoads.residencesCSV)
        load.zones = try write("zones.geojson", zones)
        _ = try CoverageSession(databasePath: path, access: .create).load(load)
        let app = try LegalCircleServer.application(ServerConfiguration(databasePath: path, port: 0))
        try await app.test(.router) { client in
            let inside = try await client.execute(uri: "/api/nearest?lon=120.1000&lat=30.2049", method: .get).json
            #expect(inside["zone"]?.string == "mountain")
            #expect(inside["zoneSource"]?.string == "zone polygon")
            #expect(inside["mode"]?.string == "drive")
            let outside = try await client.execute(uri: "/api/nearest?lon=120.1040&lat=30.2003", method: .get).json
            #expect(outside["zone"]?.string == "urban")
            #expect(outside["zoneSource"]?.string == "residences")
        }
    }

    /// Without `zone=` the zone comes from the stored residences of the location's cell (here each
    /// residence of the fixture has a cell of its own), else `load`'s default; `zone=` overrides it.
    @Test func theZoneOfALocationComesFromTheStoredResidences() async throws {
        let path = try Self.database.get()
        let app = try LegalCircleServer.application(ServerConfiguration(databasePath: path, port: 0))
        let rows = RiverRoads.residencesCSV.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        try await app.test(.router) { client in
            for row in rows {
                let json = try await client.execute(uri: "/api/nearest?lon=\(row[1])&lat=\(row[2])", method: .get).json
                #expect(json["zone"]?.string == String(row[5]), "\(row[0])")
                #expect(json["zoneSource"]?.string == "residences", "\(row[0])")
                let mode = Zone(name: String(row[5])).flatMap { TravelProfile.standard.zoneModes[$0] }
                #expect(json["mode"]?.string == mode?.rawValue, "\(row[0])")
            }
            // 2 km north of every residence: no residences in its cell, no polygons, no boundaries.
            let empty = try await client.execute(uri: "/api/nearest?lon=120.10&lat=30.25", method: .get).json
            #expect(empty["zone"]?.string == "rural")
            #expect(empty["zoneSource"]?.string == "default")
            let given = try await client.execute(uri: "/api/nearest?lon=120.1430&lat=30.2152&zone=urban", method: .get).json
            #expect(given["zone"]?.string == "urban")
            #expect(given["zoneSource"]?.string == "request")
            #expect(given["mode"]?.string == "walk")
        }
    }
}
