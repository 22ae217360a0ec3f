import Foundation
import LegalCircle
import LegalCircleStore
import Testing

/// Residences without a zone column get their zone from polygons or from density classification.
@Suite struct ZoneLoadTests {
    func storedZones(_ cli: CLI) throws -> [String: Zone] {
        let store = try Store(path: cli.path("legalcircle.sqlite"))
        let table = try store.residences(datasetID: try store.dataset(named: nil, kind: .residences).id)
        return Dictionary(uniqueKeysWithValues: (0..<table.count).map { (table.ids[$0], table.zones[$0]) })
    }

    @Test func zonePolygonsThenTheDefaultZoneAndGivenZonesKept() throws {
        let cli = try CLI()
        let square = "[[120.05,30.15],[120.15,30.15],[120.15,30.25],[120.05,30.25],[120.05,30.15]]"
        let zones = try cli.write(
            "zones.geojson",
            #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"zone":"城区","name":"核心区"},"geometry":{"type":"Polygon","coordinates":[\#(square)]}}]}"#)
        let residences = try cli.write(
            "r.csv", "id,lon,lat,population,区域类型\nIN,120.1,30.2,10,\nOUT,120.3,30.4,10,\nGIVEN,120.1,30.2,10,海岛\n")
        let out = try cli.ok(["load", "--residences", residences, "--zones", zones, "--default-zone", "mountain"])
        #expect(out.contains("1 residences took the zone of the polygon"), "\(out)")
        #expect(try storedZones(cli) == ["IN": .urban, "OUT": .mountain, "GIVEN": .island])
    }

    @Test func densityClassificationMakesUrbanRuralAndMountain() throws {
        let cli = try CLI()
        var text = "id,lon,lat,population\n"
        // 60,000 people in one square kilometre: an urban centre (≥ 1,500/km² and ≥ 50,000 people).
        for i in 0..<60 { text += "U\(i),\(120.1 + Double(i % 8) * 0.0008),\(30.2 + Double(i / 8) * 0.0008),1000\n" }
        // 200 people per km² cell: rural; 5 per cell: mountain (below 50/km²).
        for i in 0..<20 { text += "R\(i),\(120.3 + Double(i) * 0.02),30.5,200\n" }
        for i in 0..<20 { text += "M\(i),\(119.3 + Double(i) * 0.02),29.0,5\n" }
        let residences = try cli.write("r.csv", text)
        let out = try cli.ok(["load", "--residences", residences, "--classify-zones"])
        #expect(out.contains("zones: urban 60 residences"), "\(out)")
        let zones = try storedZones(cli)
        #expect((0..<60).allSatisfy { zones["U\($0)"] == .urban })
        #expect((0..<20).allSatisfy { zones["R\($0)"] == .rural })
        #expect((0..<20).allSatisfy { zones["M\($0)"] == .mountain })
    }

    @Test func withoutZoneOptionsAMissingZoneIsStillAnError() throws {
        let cli = try CLI()
        let residences = try cli.write("r.csv", "id,lon,lat,population\nA,120.1,30.2,10\n")
        let outcome = try cli.run(["load", "--residences", residences])
        #expect(outcome.status != 0 && outcome.stderr.contains("zone"), "\(outcome.stderr)")
    }
}
