import Foundation
import GRDB
import LegalCircle
import LegalCircleImport
@testable import LegalCircleStore
import LegalCircleTestSupport
import Testing

@Suite struct BoundaryStoreTests {
    static let counties = [
        Boundary(
            code: "330902", name: "定海区",
            polygons: [
                GeoPolygon(
                    exterior: [.init(longitude: 122.1, latitude: 30.0), .init(longitude: 122.2, latitude: 30.0), .init(longitude: 122.2, latitude: 30.1)],
                    holes: [[.init(longitude: 122.15, latitude: 30.02), .init(longitude: 122.17, latitude: 30.02), .init(longitude: 122.17, latitude: 30.03)]]),
                GeoPolygon(exterior: [.init(longitude: 121.9, latitude: 30.05), .init(longitude: 121.93, latitude: 30.05), .init(longitude: 0.1 + 0.2, latitude: 1e-300)]),
            ]),
        Boundary(code: "330903", name: "普陀区", polygons: [
            GeoPolygon(exterior: [.init(longitude: 122.3, latitude: 29.9), .init(longitude: 122.4, latitude: 29.9), .init(longitude: 122.4, latitude: 30)])
        ]),
    ]

    @Test func theMigrationAddsTheBoundaryTables() throws {
        let temporary = try TemporaryStore()
        let (tables, migrations) = try temporary.store.queue.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'boundar%' ORDER BY name"),
             try Schema.migrator.appliedMigrations(db))
        }
        #expect(tables == ["boundaries", "boundary_features"])
        #expect(migrations.prefix(2) == ["v1", "v2-boundaries"])
    }

    @Test func boundariesReadBackBitForBitAndReplaceByName() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        #expect(try store.latestBoundaries() == nil)
        #expect(throws: BoundaryStoreError.noBoundaries(kind: .counties, file: Store.defaultFileName)) { try store.boundaries(named: nil) }

        let first = try store.replaceBoundaries(
            name: "zj", source: "/data/counties.geojson", checksum: "abc", codeField: "adcode", nameField: "name", featureCount: 3,
            boundaries: Self.counties)
        #expect(first.kind == .counties && first.featureCount == 3 && first.codeField == "adcode" && first.nameField == "name")
        #expect(abs(first.loadedAt.timeIntervalSinceNow) < 60)
        let (info, read) = try store.boundaries(named: "zj")
        #expect(info == first)
        #expect(read == Self.counties)

        // A second set, then replacing the first: its id changes and it becomes the latest.
        let other = try store.replaceBoundaries(
            name: "simplified", source: "s.geojson", checksum: "def", codeField: "code", nameField: nil, boundaries: [Self.counties[1]])
        #expect(try store.latestBoundaries()?.info == other)
        let replaced = try store.replaceBoundaries(
            name: "zj", source: "/data/counties.geojson", checksum: "xyz", codeField: "adcode", nameField: "name", boundaries: [Self.counties[0]])
        #expect(replaced.id != first.id && replaced.featureCount == 1)
        #expect(try store.boundarySets().map(\.name) == ["simplified", "zj"])
        #expect(try store.latestBoundaries()?.boundaries == [Self.counties[0]])
        let featureRows = try temporary.store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM boundary_features") }
        #expect(featureRows == 2, "the replaced set's features went by cascade")
        #expect(throws: BoundaryStoreError.unknownBoundaries(name: "nosuch", kind: .counties, file: Store.defaultFileName, loaded: ["simplified", "zj"])) {
            try store.boundaries(named: "nosuch")
        }
    }

    @Test func zoneAreasAreKeptApartFromCounties() throws {
        let store = try TemporaryStore().store
        let areas = [
            ZoneArea(zone: .urban, name: "城关", polygons: Self.counties[1].polygons),
            ZoneArea(zone: .island, polygons: Self.counties[0].polygons),
        ]
        let info = try store.replaceZoneAreas(name: "zj", source: "z.geojson", checksum: "c", areas: areas)
        #expect(info.kind == .zones && info.codeField == "zone")
        #expect(try store.latestBoundaries() == nil)
        #expect(try store.zoneAreas(named: "zj").areas == areas)
        #expect(try store.latestZoneAreas()?.info == info)
    }

    /// The stored geometry is standard WKB: byte order, type, counts, closed rings.
    @Test func geometryIsWellKnownBinary() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.store.replaceBoundaries(
            name: "one", source: "s", checksum: "c", codeField: "adcode", nameField: nil, boundaries: [Self.counties[1]])
        let blob = try #require(try temporary.store.queue.read { try Data.fetchOne($0, sql: "SELECT geometry FROM boundary_features") })
        #expect(Array(blob.prefix(18)) == [1, 6, 0, 0, 0, 1, 0, 0, 0, 1, 3, 0, 0, 0, 1, 0, 0, 0])
        #expect(Array(blob[18..<22]) == [4, 0, 0, 0], "3 vertices and the closing one")
        #expect(blob.count == 22 + 4 * 16)
        #expect(try WKB.polygons(blob) == Self.counties[1].polygons)
        #expect(throws: WKB.DecodingError.self) { try WKB.polygons(blob.dropLast()) }
        // Big-endian WKB (as some tools write) reads too.
        var big: [UInt8] = [0, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 4]
        for value in [120.0, 30, 121, 30, 121, 31, 120, 30] { withUnsafeBytes(of: value.bitPattern.bigEndian) { big += $0 } }
        #expect(try WKB.polygons(Data(big)) == [GeoPolygon(exterior: [.init(longitude: 120, latitude: 30), .init(longitude: 121, latitude: 30), .init(longitude: 121, latitude: 31)])])
    }

    @Test(.requires(.data(.countiesWGS84)))
    func realCountiesRoundTrip() throws {
        let path = ZhejiangFile.countiesWGS84.path
        let file = try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: path)
        let store = try TemporaryStore().store
        let clock = ContinuousClock()
        let start = clock.now
        _ = try store.replaceBoundaries(
            name: "zhejiang", source: path, checksum: try SHA256.hexDigest(ofFile: path), codeField: file.codeField,
            nameField: file.nameField, featureCount: file.featureCount, boundaries: file.boundaries)
        let (info, read) = try store.boundaries(named: "zhejiang")
        print("stored and read \(info.featureCount) county boundaries in \(clock.now - start)")
        #expect(read == file.boundaries)
    }
}
