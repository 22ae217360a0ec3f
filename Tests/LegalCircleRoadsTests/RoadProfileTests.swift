import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@Suite("Road figures in the profile")
struct RoadProfileTests {
    @Test("shipped profiles without a roads section decode as before, with the standard road figures", arguments: ["default.json", "policy.json"])
    func shipped(file: String) throws {
        let data = try Data(contentsOf: Repository.dataFolder.appendingPathComponent("profiles").appendingPathComponent(file))
        let profile = try TravelProfile.decode(json: data)
        #expect(profile.roads == .standard)
        // Encoding leaves the roads section out, so the file's other keys round-trip unchanged.
        let encoded = try JSONEncoder().encode(profile)
        #expect(String(decoding: encoded, as: UTF8.self).contains("\"roads\"") == false)
        #expect(try TravelProfile.decode(json: encoded) == profile)
    }

    @Test("a roads section changes only what it names; OSRM car speeds by default")
    func override() throws {
        var json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Repository.dataFolder.appendingPathComponent("profiles/default.json"))) as! [String: Any]
        json["roads"] = ["drive_kmh": ["residential": 20], "ferry_wait_minutes": 20]
        let profile = try TravelProfile.decode(json: JSONSerialization.data(withJSONObject: json))
        #expect(profile.roads.driveKmPerHour[.residential] == 20)
        #expect(profile.roads.driveKmPerHour[.motorway] == 90)
        #expect(profile.roads.ferryWaitMinutes == 20)
        #expect(profile.roads.pushingKmPerHour == RoadProfile.standard.pushingKmPerHour)
        #expect(try TravelProfile.decode(json: JSONEncoder().encode(profile)) == profile)
        #expect(profile.roadSpeed(of: .walk) == 4.8 && profile.roadSpeed(of: .cycle) == 12)
        let standard = RoadProfile.standard.driveKmPerHour
        #expect([standard[.motorway], standard[.trunk], standard[.primary], standard[.secondary], standard[.tertiary]] == [90, 85, 65, 55, 40])
        #expect([standard[.residential], standard[.unclassified], standard[.service]] == [25, 25, 15])

        json["roads"] = ["drive_kmh": ["runway": 200]]
        #expect(throws: ProfileError.self) { try TravelProfile.decode(json: JSONSerialization.data(withJSONObject: json)) }
        json["roads"] = ["ferry_kmh": 0]
        #expect(throws: ProfileError.self) { try TravelProfile.decode(json: JSONSerialization.data(withJSONObject: json)) }
    }
}
