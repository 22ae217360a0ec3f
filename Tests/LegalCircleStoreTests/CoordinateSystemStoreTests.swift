import Foundation
import GRDB
import LegalCircle
@testable import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// Every stored input records its source system: boundary sets (migration "v5-coordinate-systems") as
/// datasets always have, and each load or append the outcome of its coordinate check.
@Suite struct CoordinateSystemStoreTests {
    static let county = Boundary(
        code: "330102", name: "上城区",
        polygons: [
            GeoPolygon(exterior: [
                .init(longitude: 120.1, latitude: 30.2), .init(longitude: 120.2, latitude: 30.2), .init(longitude: 120.2, latitude: 30.3),
                .init(longitude: 120.1, latitude: 30.2),
            ])
        ])

    @Test func boundarySetsRecordTheirSystem() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        _ = try store.replaceBoundaries(
            name: "gcj", source: "counties_gcj02.geojson", checksum: "c1", codeField: "adcode", nameField: "name", crs: "GCJ-02",
            boundaries: [Self.county])
        #expect(try store.latestBoundaries()?.info.crs == "GCJ-02")
        _ = try store.replaceZoneAreas(
            name: "zones", source: "z.geojson", checksum: "z1", crs: "EPSG:4549",
            areas: [ZoneArea(zone: .urban, name: nil, polygons: Self.county.polygons)])
        #expect(try store.latestZoneAreas()?.info.crs == "EPSG:4549")
        // Sets loaded before the migration were WGS84 (the reader refused anything else).
        _ = try store.replaceBoundaries(name: "old", source: "o.geojson", checksum: "o1", codeField: "adcode", nameField: nil, boundaries: [Self.county])
        #expect(try store.boundaries(named: "old").info.crs == "WGS84")
    }

    @Test func loadsAndAppendsKeepTheirCheck() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let dataset = try store.replaceServicePoints(name: "p", source: "p.csv", checksum: "a", crs: "WGS84", points: Fixtures.points)
        #expect(try store.coordinateChecks(datasetID: dataset.id).map(\.finding) == [nil])
        try store.recordCoordinateCheck(datasetID: dataset.id, version: 1, finding: "p.csv looks like GCJ-02")
        let appended = try store.appendServicePoints(
            to: dataset, source: "q.csv", checksum: "b", crs: "GCJ-02",
            points: Fixtures.points.map { var p = $0; p.id += "-2"; return p })
        try store.recordCoordinateCheck(datasetID: dataset.id, version: appended.version, finding: "")
        let checks = try store.coordinateChecks(datasetID: dataset.id)
        #expect(checks.map(\.crs) == ["WGS84", "GCJ-02"] && checks.map(\.finding) == ["p.csv looks like GCJ-02", ""])
        // As a run that read the first version sees it.
        #expect(try store.coordinateChecks(datasetID: dataset.id, upToChecksum: "a").map(\.version) == [1])
    }
}
