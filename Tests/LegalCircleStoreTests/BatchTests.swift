import Foundation
import LegalCircle
import LegalCircleTestSupport
import LegalCircleStore
import Testing

/// Service points and areas go through `BatchInsert`: sizes above its 128 rows per statement, so
/// rows go through full multi-row statements and a remainder.
@Suite struct BatchTests {
    @Test func largeDatasetsAndRunsReadBackEqual() throws {
        let store = try TemporaryStore().store
        let points = Fixtures.randomPoints(count: 300, seed: 1)
        let residences = Fixtures.randomResidences(count: 1_000, seed: 2)
        let pointsInfo = try store.replaceServicePoints(name: "p", source: "p", checksum: "p", points: points)
        let residencesInfo = try store.replaceResidences(name: "r", source: "r", checksum: "r", residences: residences)
        #expect(try store.servicePoints(datasetID: pointsInfo.id) == points)
        #expect(try store.residences(datasetID: residencesInfo.id) == residences)

        var analysis = try Fixtures.analysis(points: points, residences: residences)
        analysis.areas = Fixtures.randomAreas(count: 300, seed: 3)
        let id = try store.saveRun(analysis: analysis, pointsDataset: pointsInfo, residencesDataset: residencesInfo)
        let run = try store.run(id: id)
        #expect(run.areas == analysis.areas)
        #expect(run.report == analysis.report)
        #expect(try store.runResidences(runID: id) == analysis.result)
    }

    @Test(arguments: [0, 127, 128, 200, 299])
    func aRejectedPointIsNamedWhereverItIs(row: Int) throws {
        let store = try TemporaryStore().store
        var points = Fixtures.randomPoints(count: 300, seed: 4)
        points[row].location.latitude = .nan
        #expect(
            throws: StoreError.rejectedRow(
                kind: .points, row: row, id: points[row].id, reason: "NOT NULL constraint failed: service_points.lat")
        ) {
            try store.replaceServicePoints(name: "p", source: "p", checksum: "p", points: points)
        }
        #expect(try store.datasets().isEmpty)
    }
}
