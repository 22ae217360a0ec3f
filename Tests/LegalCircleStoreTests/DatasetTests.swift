import Foundation
import GRDB
import LegalCircle
@testable import LegalCircleStore
import Testing

@Suite struct DatasetTests {
    @Test func migrationsCreateTheTables() throws {
        let temporary = try TemporaryStore()
        let tables = try temporary.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == [
            "datasets", "residences", "run_areas", "run_counties", "run_county_zones", "run_residences", "runs",
            "service_points",
        ])
        let migrations = try temporary.store.queue.read { try Schema.migrator.appliedMigrations($0) }
        #expect(migrations == ["v1"])
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

    @Test func unknownCountyIsStoredAsNull() throws {
        let temporary = try TemporaryStore()
        let info = try temporary.store.replaceResidences(
            name: "r", source: "r.csv", checksum: "x", residences: Fixtures.residences)
        let row = try temporary.store.queue.read { db in
            try ResidenceRecord.filter(ResidenceRecord.Columns.datasetID == info.id && ResidenceRecord.Columns.seq == 1)
                .fetchOne(db)
        }
        #expect(row?.id == "R1")
        #expect(row?.county == nil)
        #expect(row?.zone == "rural")
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
        let rowCount = try temporary.store.queue.read { try ResidenceRecord.fetchCount($0) }
        #expect(rowCount == 4 + 2)
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
        #expect(error == .rejectedRow(kind: .residences, row: 4, id: "bad", reason: "NOT NULL constraint failed: residences.lon"))
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
        #expect(error?.description.hasPrefix("notes.sqlite: could not open the database:") == true)
    }
}
