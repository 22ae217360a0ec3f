import Foundation
import GRDB
import LegalCircle
import LegalCircleTestSupport
@testable import LegalCircleStore
import Testing

@Suite struct DatasetTests {
    @Test func migrationsCreateTheTables() throws {
        let temporary = try TemporaryStore()
        let tables = try temporary.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        // A superset: later migrations add their own tables.
        #expect(Set(tables).isSuperset(of: [
            "dataset_counties", "datasets", "residence_chunks", "run_areas", "run_counties", "run_county_zones",
            "run_residence_chunks", "runs", "service_points",
        ]))
        let migrations = try temporary.store.queue.read { try Schema.migrator.appliedMigrations($0) }
        #expect(migrations.first == "v1")
        #expect(migrations == Schema.migrator.migrations)
        // Large pages for the column-chunk blobs.
        #expect(try temporary.store.queue.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 65536)
        // Opening again applies nothing and keeps the data.
        _ = try temporary.store.replaceServicePoints(name: "p", source: "p.csv", checksum: "c", points: Fixtures.points)
        let reopened = try Store(path: temporary.path)
        #expect(try reopened.servicePoints(datasetID: try reopened.dataset(named: "p", kind: .points).id) == Fixtures.points)
    }

    @Test func pointsAndResidencesReadBackEqual() throws {
        let store = try TemporaryStore().store
        let points = try store.replaceServicePoints(
            name: "zj-points", source: "/data/points.csv", checksum: "abc123", crs: "EPSG:4490", points: Fixtures.points)
        let residences = try store.replaceResidences(
            name: "zj-res", source: "/data/res.csv", checksum: "def456", residences: Fixtures.residences)

        #expect(try store.servicePoints(datasetID: points.id) == Fixtures.points)
        #expect(try store.residences(datasetID: residences.id) == Fixtures.residences)
        #expect(points.kind == .points && points.rowCount == 3 && points.crs == "EPSG:4490")
        #expect(residences.kind == .residences && residences.rowCount == 4 && residences.crs == "EPSG:4326")
        #expect(try store.datasets() == [points, residences])
        #expect(try store.latestDataset(kind: .residences) == residences)
        #expect(try store.dataset(named: "zj-points", kind: .points) == points)
        #expect(try store.dataset(named: nil, kind: .points) == points)
        #expect(abs(residences.loadedAt.timeIntervalSinceNow) < 60)
    }

    /// The blobs follow the layout documented in `ColumnChunk` and the schema, decoded here by hand.
    @Test func residencesAreStoredInTheDocumentedLayout() throws {
        let temporary = try TemporaryStore()
        let residences = Fixtures.residences
        let info = try temporary.store.replaceResidences(
            name: "r", source: "r.csv", checksum: "x", residences: residences)
        let (chunk, counties) = try temporary.store.queue.read { db in
            (
                try Row.fetchOne(db, sql: "SELECT * FROM residence_chunks WHERE dataset_id = ?", arguments: [info.id])!,
                try Row.fetchAll(
                    db, sql: "SELECT idx, code FROM dataset_counties WHERE dataset_id = ? ORDER BY idx",
                    arguments: [info.id])
            )
        }
        #expect(counties.map { $0["idx"] as Int } == [0, 1])
        #expect(counties.map { $0["code"] as String } == ["330106", "330102"])
        let header: [Int] = [chunk["chunk"], chunk["first_seq"], chunk["row_count"]]
        #expect(header == [0, 0, 4])
        #expect(String(decoding: chunk["ids"] as Data, as: UTF8.self) == "R9\u{0}R1\u{0}R5\u{0}R3")
        func littleEndian(_ values: [some FixedWidthInteger]) -> Data {
            Data(values.flatMap { value in (0..<value.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } })
        }
        #expect(chunk["lon"] == littleEndian(residences.longitudes.map(\.bitPattern)))
        #expect(chunk["lat"] == littleEndian(residences.latitudes.map(\.bitPattern)))
        #expect(chunk["population"] == littleEndian([3, 0.37, 12.5, 0].map(\.bitPattern)))
        #expect(chunk["zone"] == Data([0, 1, 2, 3]))
        // Unknown county: -1.
        #expect(chunk["county"] == littleEndian([0, -1, 1, 0] as [Int32]))
    }

    @Test func reloadReplacesTheDatasetAndItsRows() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let first = try store.replaceResidences(name: "zj", source: "a.csv", checksum: "1", residences: Fixtures.residences)
        let other = try store.replaceResidences(name: "other", source: "b.csv", checksum: "2", residences: Fixtures.residences)
        let smaller = ResidenceTable([Fixtures.residences[2], Fixtures.residences[0]])
        let second = try store.replaceResidences(name: "zj", source: "c.csv", checksum: "3", residences: smaller)

        #expect(second.id != first.id)
        #expect(second.id > other.id)
        #expect(try store.datasets() == [other, second])
        #expect(try store.residences(datasetID: second.id) == smaller)
        // The replaced dataset's chunks and counties went by cascade.
        let rowCounts = try temporary.store.queue.read { db in
            try ["residence_chunks", "dataset_counties"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)")! }
        }
        #expect(rowCounts == [1 + 1, 2 + 2])
        #expect(throws: StoreError.unknownDatasetID(first.id, file: "legalcircle.sqlite")) {
            try store.residences(datasetID: first.id)
        }
    }

    @Test func failedResidenceReloadKeepsThePreviousDataset() throws {
        let store = try TemporaryStore().store
        let original = try store.replaceResidences(name: "zj", source: "a.csv", checksum: "1", residences: Fixtures.residences)
        var broken = Fixtures.residences
        broken.append(Residence(id: "bad", location: GeoCoordinate(longitude: .nan, latitude: 30), population: 1, county: nil, zone: .urban))

        let error = #expect(throws: StoreError.self) {
            try store.replaceResidences(name: "zj", source: "b.csv", checksum: "2", residences: broken)
        }
        #expect(error == .rejectedRow(kind: .residences, row: 4, id: "bad", reason: "lon is not a number (NaN)"))
        #expect(error?.description.contains("row 5 (id \"bad\")") == true)
        #expect(try store.datasets() == [original])
        #expect(try store.residences(datasetID: original.id) == Fixtures.residences)
    }

    @Test func failedPointReloadKeepsThePreviousDataset() throws {
        let store = try TemporaryStore().store
        let original = try store.replaceServicePoints(name: "p", source: "a.csv", checksum: "1", points: Fixtures.points)

        var duplicated = Fixtures.points
        duplicated.append(Fixtures.points[1])
        #expect(throws: StoreError.duplicateID("P2", kind: .points, firstRow: 1, secondRow: 3)) {
            try store.replaceServicePoints(name: "p", source: "b.csv", checksum: "2", points: duplicated)
        }
        // A failure inside the transaction, after the old rows were deleted, rolls back too.
        var broken = Fixtures.points
        broken[2].location.latitude = .nan
        #expect(throws: StoreError.self) {
            try store.replaceServicePoints(name: "p", source: "c.csv", checksum: "3", points: broken)
        }
        #expect(try store.datasets() == [original])
        #expect(try store.servicePoints(datasetID: original.id) == Fixtures.points)
    }

    @Test func missingDatasetsSayWhatToRun() throws {
        let store = try TemporaryStore().store
        #expect(try store.latestDataset(kind: .residences) == nil)
        let noResidences = #expect(throws: StoreError.self) { try store.dataset(named: nil, kind: .residences) }
        #expect(noResidences?.description
            == "no residences loaded in legalcircle.sqlite; run `legalcircle load --residences FILE` first")
        let none = #expect(throws: StoreError.self) { try store.dataset(named: "zj", kind: .points) }
        #expect(none?.description
            == "no service points dataset named \"zj\" in legalcircle.sqlite; none is loaded, run `legalcircle load --points FILE` first")
        _ = try store.replaceServicePoints(name: "a", source: "a", checksum: "a", points: Fixtures.points)
        _ = try store.replaceServicePoints(name: "b", source: "b", checksum: "b", points: Fixtures.points)
        let unknown = #expect(throws: StoreError.self) { try store.dataset(named: "zj", kind: .points) }
        #expect(unknown?.description
            == "no service points dataset named \"zj\" in legalcircle.sqlite; loaded: \"a\", \"b\"")
        // A residences id is not a points dataset.
        let residences = try store.replaceResidences(name: "r", source: "r", checksum: "x", residences: Fixtures.residences)
        #expect(throws: StoreError.unknownDatasetID(residences.id, file: "legalcircle.sqlite")) {
            try store.servicePoints(datasetID: residences.id)
        }
    }

    @Test func notADatabaseFileIsReported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-store-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.sqlite").path
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try Store(path: path) }
        // Refused from its header, before SQLite opens it (issue 15).
        #expect(error == .notADatabase(path: path, reason: "it is a text file, not an SQLite database"))
        #expect(error?.description.contains("notes.sqlite (--db) is not a legalcircle database") == true)
    }
}
