import Foundation
import GRDB
import LegalCircle
import LegalCircleTestSupport
@testable import LegalCircleStore
import Testing

@Suite struct RunTests {
    struct Loaded {
        let temporary: TemporaryStore
        let points: DatasetInfo
        let residences: DatasetInfo
        let analysis: CoverageAnalysis
        var store: Store { temporary.store }
    }

    func loaded() throws -> Loaded {
        let temporary = try TemporaryStore()
        let points = try temporary.store.replaceServicePoints(
            name: "zj-points", source: "points.csv", checksum: "pp", points: Fixtures.points)
        let residences = try temporary.store.replaceResidences(
            name: "zj-res", source: "res.csv", checksum: "rr", residences: Fixtures.residences)
        let analysis = try Fixtures.analysis(points: Fixtures.points, residences: Fixtures.residences)
        return Loaded(temporary: temporary, points: points, residences: residences, analysis: analysis)
    }

    @Test func savedRunReadsBackEqual() throws {
        let loaded = try loaded()
        let id = try loaded.store.saveRun(
            analysis: loaded.analysis, pointsDataset: loaded.points, residencesDataset: loaded.residences)
        let run = try loaded.store.run(id: id)

        #expect(run.id == id)
        #expect(run.report == loaded.analysis.report)
        #expect(run.areas == loaded.analysis.areas)
        #expect(run.parameters == loaded.analysis.parameters)
        #expect(run.timings == loaded.analysis.timings)
        #expect(run.projectionDefinition == loaded.analysis.projectionDefinition)
        #expect(try run.frame().definition == loaded.analysis.frame.definition)
        #expect(run.points == RunInput(datasetID: loaded.points.id, name: "zj-points", checksum: "pp"))
        #expect(run.residences == RunInput(datasetID: loaded.residences.id, name: "zj-res", checksum: "rr"))
        #expect(run.residenceCount == 4)
        #expect(!run.isStale)
        #expect(try loaded.store.runResidences(runID: id) == loaded.analysis.result)
    }

    @Test func noEligiblePointIsStoredAsMinusOneAndInfinity() throws {
        let loaded = try loaded()
        let id = try loaded.store.saveRun(
            analysis: loaded.analysis, pointsDataset: loaded.points, residencesDataset: loaded.residences)
        let chunk = try loaded.temporary.store.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM run_residence_chunks WHERE run_id = ?", arguments: [id])!
        }
        let header: [Int] = [chunk["chunk"], chunk["first_seq"], chunk["row_count"]]
        #expect(header == [0, 0, 4])
        let nearest: Data = chunk["nearest_point"]
        #expect(nearest == Data([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]))
        let infinity = Data([0, 0, 0, 0, 0, 0, 0xf0, 0x7f])
        let distance: Data = chunk["distance_m"]
        let minutes: Data = chunk["minutes"]
        #expect(distance.count == 32 && distance[8..<16] == infinity && distance[24..<32] == infinity)
        #expect(minutes.count == 32 && minutes[8..<16] == infinity && minutes[24..<32] == infinity)
        #expect(chunk["covered"] == Data([1, 0, 0, 0]))
    }

    @Test func runsAreListedNewestFirst() throws {
        let loaded = try loaded()
        var other = loaded.analysis
        other.parameters = CoverageParameters(profile: .standard, kinds: .all)
        other.report.total.coveragePercent = nil
        let first = try loaded.store.saveRun(
            analysis: loaded.analysis, pointsDataset: loaded.points, residencesDataset: loaded.residences)
        let second = try loaded.store.saveRun(
            analysis: other, pointsDataset: loaded.points, residencesDataset: loaded.residences)

        let runs = try loaded.store.runs()
        #expect(runs.map(\.id) == [second, first])
        #expect(runs[0].minutes == 15 && runs[0].kinds == .all && runs[0].coveragePercent == nil)
        #expect(runs[1].profileName == "default" && runs[1].minutes == 20)
        #expect(runs[1].kinds == [.mediation, .legalAid])
        #expect(runs[1].residents == 3.37)
        #expect(runs[1].coveragePercent == loaded.analysis.report.total.coveragePercent)
        #expect(runs[1].pointsDatasetName == "zj-points" && runs[1].residencesDatasetName == "zj-res")
        #expect(runs.allSatisfy { !$0.isStale })
    }

    @Test func reloadingADatasetKeepsItsRunsButMarksThemStale() throws {
        let loaded = try loaded()
        let id = try loaded.store.saveRun(
            analysis: loaded.analysis, pointsDataset: loaded.points, residencesDataset: loaded.residences)
        _ = try loaded.store.replaceResidences(
            name: "zj-res", source: "res2.csv", checksum: "r2", residences: Fixtures.residences)

        let run = try loaded.store.run(id: id)
        #expect(run.isStale)
        #expect(run.residences == RunInput(datasetID: nil, name: "zj-res", checksum: "rr"))
        #expect(run.points.datasetID == loaded.points.id)
        #expect(run.report == loaded.analysis.report)
        #expect(try loaded.store.runResidences(runID: id) == loaded.analysis.result)
        #expect(try loaded.store.runs().map(\.isStale) == [true])

        // An analysis of the replaced data can no longer be saved against it.
        #expect(throws: StoreError.datasetReplaced(name: "zj-res", kind: .residences, file: "legalcircle.sqlite")) {
            try loaded.store.saveRun(
                analysis: loaded.analysis, pointsDataset: loaded.points, residencesDataset: loaded.residences)
        }
    }

    @Test func deletingARunCascadesToItsResults() throws {
        let loaded = try loaded()
        let id = try loaded.store.saveRun(
            analysis: loaded.analysis, pointsDataset: loaded.points, residencesDataset: loaded.residences)
        let remaining = try loaded.temporary.store.queue.write { db in
            try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [id])
            return try ["run_counties", "run_county_zones", "run_residence_chunks", "run_areas"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)")!
            }
        }
        #expect(remaining == [0, 0, 0, 0])
        #expect(throws: StoreError.unknownRun(id, file: "legalcircle.sqlite")) { try loaded.store.run(id: id) }
    }

    @Test func unknownRunSaysHowToListRuns() throws {
        let loaded = try loaded()
        let error = #expect(throws: StoreError.self) { try loaded.store.runResidences(runID: 7) }
        #expect(error?.description == "no run 7 in legalcircle.sqlite; `legalcircle runs` lists them")
    }

    @Test func aResultThatDoesNotFitItsDatasetsIsRefused() throws {
        let loaded = try loaded()
        var short = loaded.analysis
        short.result.covered.removeLast()
        #expect(throws: StoreError.self) {
            try loaded.store.saveRun(analysis: short, pointsDataset: loaded.points, residencesDataset: loaded.residences)
        }
        var outside = loaded.analysis
        outside.result.nearestPoint[0] = 3
        #expect(throws: StoreError.self) {
            try loaded.store.saveRun(analysis: outside, pointsDataset: loaded.points, residencesDataset: loaded.residences)
        }
        #expect(throws: StoreError.self) {
            try loaded.store.saveRun(
                analysis: loaded.analysis, pointsDataset: loaded.residences, residencesDataset: loaded.points)
        }
        #expect(try loaded.store.runs().isEmpty)
    }
}
