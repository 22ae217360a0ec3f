import Foundation
import GRDB
import LegalCircle
import LegalCircleTestSupport
@testable import LegalCircleStore
import Testing

@Suite struct AppendTests {
    static let extraPoints = [
        ServicePoint(
            id: "X1", name: "新增调解室", kinds: .mediation, level: .village, location: Fixtures.coordinate(0.2, 0.1),
            county: "330106"),
        ServicePoint(
            id: "X2", name: "新增法律援助站", kinds: .legalAid, level: .township, location: Fixtures.coordinate(-0.1, 0.05),
            county: nil),
    ]

    @Test func appendedPointsFollowTheStoredOnesAsANewVersion() throws {
        let store = try TemporaryStore().store
        let loaded = try store.replaceServicePoints(name: "p", source: "points.csv", checksum: "pp", points: Fixtures.points)
        let appended = try store.appendServicePoints(to: loaded, source: "extra.csv", checksum: "ee", points: Self.extraPoints)

        #expect(try store.servicePoints(datasetID: loaded.id) == Fixtures.points + Self.extraPoints)
        #expect(appended.id == loaded.id && appended.rowCount == 5 && appended.version == 2)
        // SHA-256 of "pp+ee", from `printf 'pp+ee' | sha256sum`.
        #expect(appended.checksum == "eaafc11bfdee6a77d24f2e9dfdb9f17924bea3d45bb7cf4019e1385be29908de")
        #expect(try store.dataset(named: "p", kind: .points) == appended)
        let versions = try store.versions(datasetID: loaded.id)
        #expect(versions.map(\.version) == [1, 2])
        #expect(versions.map(\.checksum) == ["pp", appended.checksum])
        #expect(versions.map(\.rowCount) == [3, 5])
        #expect(versions.map(\.source) == ["points.csv", "extra.csv"])
        #expect(versions.map(\.sourceChecksum) == ["pp", "ee"])
        // Each version reads back as it was.
        #expect(try store.servicePoints(datasetID: loaded.id, checksum: "pp") == Fixtures.points)
        #expect(try store.servicePoints(datasetID: loaded.id, checksum: appended.checksum) == Fixtures.points + Self.extraPoints)
        #expect(throws: StoreError.unknownDatasetVersion(name: "p", kind: .points, checksum: "zz", file: "legalcircle.sqlite")) {
            try store.servicePoints(datasetID: loaded.id, checksum: "zz")
        }
    }

    @Test func appendedResidencesGoInNewChunksAndKeepTheStoredOnes() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        // More than one chunk, the last one partial.
        let stored = Fixtures.randomResidences(count: ColumnChunk.capacity + 4_464, seed: 11)
        var extra = ResidenceTable()
        for i in 0..<1_000 {
            let county: String? = [nil, "330102", "330211", "330382"][i % 4]
            extra.append(
                id: "N\(i)", longitude: 121 + Double(i) * 1e-4, latitude: 29.5, population: Double(i % 7),
                county: county, zone: Zone.allCases[i % 4])
        }
        let loaded = try store.replaceResidences(name: "r", source: "r.csv", checksum: "rr", residences: stored)
        let chunksBefore = try temporary.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT chunk, first_seq, row_count, ids, lon, county FROM residence_chunks ORDER BY chunk")
        }
        let appended = try store.appendResidences(to: loaded, source: "more.csv", checksum: "mm", residences: extra)

        // The reference: one table with every row, interned in order, as a load of both files would give.
        var everything = stored
        for row in 0..<extra.count { everything.append(extra[row]) }
        #expect(try store.residences(datasetID: loaded.id) == everything)
        #expect(try store.residences(datasetID: loaded.id, checksum: "rr") == stored)
        #expect(try store.residences(datasetID: loaded.id, checksum: appended.checksum) == everything)
        #expect(appended.rowCount == stored.count + 1_000 && appended.version == 2)

        let chunksAfter = try temporary.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT chunk, first_seq, row_count, ids, lon, county FROM residence_chunks ORDER BY chunk")
        }
        #expect(Array(chunksAfter.prefix(2)) == chunksBefore)
        #expect(chunksAfter.count == 3)
        #expect(chunksAfter[2]["chunk"] as Int == 2 && chunksAfter[2]["first_seq"] as Int == stored.count)
        #expect(chunksAfter[2]["row_count"] as Int == 1_000)
        // Stored codes keep their index; 330211 and 330382 follow.
        let codes = try temporary.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT code FROM dataset_counties ORDER BY idx")
        }
        #expect(codes == stored.counties.codes + ["330211", "330382"])
        #expect(try store.versions(datasetID: loaded.id).map(\.rowCount) == [stored.count, stored.count + 1_000])
    }

    @Test func aRunComputedBeforeAnAppendIsStaleAndStillReadsItsOwnRows() throws {
        let store = try TemporaryStore().store
        let points = try store.replaceServicePoints(name: "p", source: "p.csv", checksum: "pp", points: Fixtures.points)
        let residences = try store.replaceResidences(name: "r", source: "r.csv", checksum: "rr", residences: Fixtures.residences)
        let analysis = try Fixtures.analysis(points: Fixtures.points, residences: Fixtures.residences)
        let id = try store.saveRun(analysis: analysis, pointsDataset: points, residencesDataset: residences)
        #expect(try !store.run(id: id).isStale)

        let extra = ResidenceTable([
            Residence(id: "R100", location: Fixtures.coordinate(0.01, 0.01), population: 40, county: "330211", zone: .urban)
        ])
        let grown = try store.appendResidences(to: residences, source: "r2.csv", checksum: "r2", residences: extra)

        let run = try store.run(id: id)
        #expect(run.isStale)
        #expect(run.residences == RunInput(datasetID: residences.id, name: "r", checksum: "rr", appendedSince: true))
        #expect(run.points.isCurrent)
        #expect(run.report == analysis.report)
        #expect(try store.runs().map(\.isStale) == [true])
        // The run's results match the rows it read, not the grown dataset.
        let rowsRead = try store.residences(datasetID: residences.id, checksum: run.residences.checksum)
        #expect(rowsRead == Fixtures.residences)
        #expect(try store.runResidences(runID: id).count == rowsRead.count)
        #expect(try store.residences(datasetID: residences.id).count == rowsRead.count + 1)

        // The old dataset description can no longer save a run; the grown one can, and that run is current.
        #expect(throws: StoreError.datasetReplaced(name: "r", kind: .residences, file: "legalcircle.sqlite")) {
            try store.saveRun(analysis: analysis, pointsDataset: points, residencesDataset: residences)
        }
        let all = try store.residences(datasetID: grown.id)
        let newID = try store.saveRun(
            analysis: try CoverageEngine.analyse(points: Fixtures.points, residences: all, parameters: analysis.parameters),
            pointsDataset: points, residencesDataset: grown)
        #expect(try store.runs().map(\.isStale) == [false, true])
        #expect(try !store.run(id: newID).isStale)
    }

    @Test func anIDTheDatasetHoldsIsRefusedAndNothingChanges() throws {
        let store = try TemporaryStore().store
        let points = try store.replaceServicePoints(name: "p", source: "p.csv", checksum: "pp", points: Fixtures.points)
        #expect(try store.existingIDs(among: ["X1", "P1", "P0", "Q"], datasetID: points.id) == ["P1", "P0"])
        var clash = Self.extraPoints
        clash[1].id = "P2"
        #expect(throws: StoreError.idAlreadyInDataset("P2", kind: .points, dataset: "p", row: 1)) {
            try store.appendServicePoints(to: points, source: "x.csv", checksum: "xx", points: clash)
        }
        clash[1].id = "X1"
        #expect(throws: StoreError.duplicateID("X1", kind: .points, firstRow: 0, secondRow: 1)) {
            try store.appendServicePoints(to: points, source: "x.csv", checksum: "xx", points: clash)
        }
        #expect(try store.dataset(named: "p", kind: .points) == points)
        #expect(try store.servicePoints(datasetID: points.id) == Fixtures.points)
        #expect(try store.versions(datasetID: points.id).count == 1)

        let residences = try store.replaceResidences(name: "r", source: "r.csv", checksum: "rr", residences: Fixtures.residences)
        #expect(try store.existingIDs(among: ["R5", "R6"], datasetID: residences.id) == ["R5"])
        let again = ResidenceTable([
            Residence(id: "R7", location: Fixtures.hangzhou, population: 1, county: nil, zone: .urban),
            Residence(id: "R3", location: Fixtures.hangzhou, population: 1, county: nil, zone: .urban),
        ])
        #expect(throws: StoreError.idAlreadyInDataset("R3", kind: .residences, dataset: "r", row: 1)) {
            try store.appendResidences(to: residences, source: "r2.csv", checksum: "r2", residences: again)
        }
        #expect(try store.residences(datasetID: residences.id) == Fixtures.residences)
        #expect(try store.dataset(named: "r", kind: .residences) == residences)
    }

    @Test func anAppendToADatasetThatChangedMeanwhileIsRefused() throws {
        let store = try TemporaryStore().store
        let points = try store.replaceServicePoints(name: "p", source: "p.csv", checksum: "pp", points: Fixtures.points)
        let grown = try store.appendServicePoints(to: points, source: "a.csv", checksum: "aa", points: [Self.extraPoints[0]])
        #expect(throws: StoreError.datasetChanged(name: "p", kind: .points, file: "legalcircle.sqlite")) {
            try store.appendServicePoints(to: points, source: "b.csv", checksum: "bb", points: [Self.extraPoints[1]])
        }
        #expect(try store.dataset(named: "p", kind: .points) == grown)
        // Appending nothing writes nothing.
        #expect(try store.appendServicePoints(to: grown, source: "c.csv", checksum: "cc", points: []) == grown)
        #expect(try store.versions(datasetID: points.id).count == 2)
    }

    @Test func datasetsLoadedBeforeTheMigrationBecomeTheirFirstVersion() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-store-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v2-boundaries")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO datasets (id, name, kind, source, checksum, row_count, crs, loaded_at)
                        VALUES (4, 'old', 'residences', 'old.csv', 'c0ffee', 0, 'EPSG:4490', '2025-01-02T03:04:05Z');
                        INSERT INTO dataset_counties (dataset_id, idx, code) VALUES (4, 0, '330102'), (4, 1, '330106');
                        """)
            }
        }
        let store = try Store(path: path)
        let dataset = try store.dataset(named: "old", kind: .residences)
        #expect(dataset.version == 1 && dataset.checksum == "c0ffee")
        let versions = try store.versions(datasetID: 4)
        #expect(versions.count == 1)
        #expect(versions.first?.checksum == "c0ffee" && versions.first?.sourceChecksum == "c0ffee")
        #expect(versions.first?.source == "old.csv" && versions.first?.crs == "EPSG:4490" && versions.first?.rowCount == 0)
        let countyCount = try store.queue.read { try Int.fetchOne($0, sql: "SELECT county_count FROM dataset_versions") }
        #expect(countyCount == 2)
    }
}
