import Foundation
import GRDB
import LegalCircle
import LegalCircleTestSupport
@testable import LegalCircleStore
import Testing

/// `run_area_places`: the areas' named places saved with a run, for pages that do not read the residences.
@Suite struct AreaPlacesTests {
    @Test func placesReadBackByAreaMostPopulousFirstAndGoWithTheirRun() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let points = try store.replaceServicePoints(name: "p", source: "p.csv", checksum: "pp", points: Fixtures.points)
        let residences = try store.replaceResidences(name: "r", source: "r.csv", checksum: "rr", residences: Fixtures.residences)
        let analysis = try Fixtures.analysis(points: Fixtures.points, residences: Fixtures.residences)
        let places = [3: ["青柯村", "锦城街道", "上城区"], 7: ["一个村"]]
        let id = try store.saveRun(analysis: analysis, pointsDataset: points, residencesDataset: residences, areaPlaces: places)
        #expect(try store.areaPlaces(runID: id) == places)
        #expect(try store.areaPlaces(runID: id, areaIDs: [7, 8]) == [7: ["一个村"]])
        let other = try store.saveRun(analysis: analysis, pointsDataset: points, residencesDataset: residences)
        #expect(try store.areaPlaces(runID: other).isEmpty)
        let left = try store.queue.write { db in
            try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [id])
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM run_area_places")
        }
        #expect(left == 0)
    }

    /// A database from before migration v9, opened read-only (as `serve` does), has no places and no error.
    @Test func aDatabaseFromBeforeTheMigrationHasNoPlaces() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-places-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v8-roads")
        }
        let store = try Store(path: path, access: .readOnly)
        #expect(try store.areaPlaces(runID: 1).isEmpty)
        let tables = try store.queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE name = 'run_area_places'") }
        #expect(tables.isEmpty, "a read-only open adds no table")
    }
}
