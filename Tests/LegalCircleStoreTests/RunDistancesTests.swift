import Foundation
import GRDB
import LegalCircle
import LegalCircleTestSupport
@testable import LegalCircleStore
import Testing

/// A straight-line run is kept as distances and zones (`run_residence_distances`) and read back to the
/// bit; any other result keeps all four columns (`run_residence_chunks`).
@Suite struct RunDistancesTests {
    /// Two full chunks and a partial one, every zone.
    static let residences = Fixtures.randomResidences(count: 2 * ColumnChunk.capacity + 777, seed: 21)
    static let points = Fixtures.randomPoints(count: 400, seed: 22)

    /// Figures whose minutes per metre are not exact binary fractions, a radius given directly, and
    /// kinds no point offers (every residence without a point: -1, +infinity).
    static let profiles: [(TravelProfile, ServiceKinds)] = [
        (TravelProfile.standard, .all),
        (TravelProfile.standard.with(minutes: 1.0 / 3.0), [.mediation]),
        (
            try! TravelProfile(
                name: "odd", minutes: 17.3,
                zoneModes: [.urban: .walk, .rural: .cycle, .mountain: .drive, .island: .walk],
                modes: [
                    .walk: ModeParameters(radiusMetres: 1234.567), .cycle: ModeParameters(speedKmPerHour: 13.7, circuity: 1.33),
                    .drive: ModeParameters(speedKmPerHour: 29.9, circuity: 1.414),
                ]), .all
        ),
        (TravelProfile.standard, ServiceKinds()),
    ]

    struct Saved {
        var temporary: TemporaryStore
        var runID: Int64
        var analysis: CoverageAnalysis
    }

    static func save(_ analysis: CoverageAnalysis) throws -> Saved {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let points = try store.replaceServicePoints(name: "p", source: "p", checksum: "p", points: Self.points)
        let info = try store.replaceResidences(name: "r", source: "r", checksum: "r", residences: Self.residences)
        let runID = try store.saveRun(analysis: analysis, pointsDataset: points, residencesDataset: info)
        return Saved(temporary: temporary, runID: runID, analysis: analysis)
    }

    /// Bytes stored per table for the run.
    static func storedBytes(_ saved: Saved) throws -> [String: Int] {
        try saved.temporary.store.queue.read { db in
            [
                "distances": try Int.fetchOne(
                    db,
                    sql: """
                        SELECT coalesce(sum(length(nearest_point) + length(distance_m) + length(zone)), 0)
                        FROM run_residence_distances WHERE run_id = ?
                        """, arguments: [saved.runID])!,
                "chunks": try Int.fetchOne(
                    db,
                    sql: """
                        SELECT coalesce(sum(length(nearest_point) + length(distance_m) + length(minutes) + length(covered)), 0)
                        FROM run_residence_chunks WHERE run_id = ?
                        """, arguments: [saved.runID])!,
            ]
        }
    }

    /// Rows whose nearest point, distance, minutes (to the bit) or coverage differ; counted rather than
    /// compared as arrays, whose failure message would print every row.
    static func rowsDiffering(_ a: CoverageResult, _ b: CoverageResult) -> Int {
        guard a.count == b.count else { return max(a.count, b.count) }
        return (0..<a.count).count { i in
            a.nearestPoint[i] != b.nearestPoint[i] || a.distance[i].bitPattern != b.distance[i].bitPattern
                || a.minutes[i].bitPattern != b.minutes[i].bitPattern || a.covered[i] != b.covered[i]
        }
    }

    @Test(arguments: profiles.indices)
    func aStraightLineRunIsKeptAsDistancesAndReadBackToTheBit(profile: Int) throws {
        let (travel, kinds) = Self.profiles[profile]
        let analysis = try CoverageEngine.analyse(
            points: Self.points, residences: Self.residences,
            parameters: CoverageParameters(profile: travel, kinds: kinds, areaCellSize: 2000))
        let saved = try Self.save(analysis)
        #expect(try Self.storedBytes(saved) == ["distances": 13 * Self.residences.count, "chunks": 0])

        let read = try saved.temporary.store.runResidences(runID: saved.runID)
        #expect(Self.rowsDiffering(read, analysis.result) == 0)
        // Something in each case to get wrong: covered and uncovered residences, or none with a point.
        if kinds.isEmpty {
            #expect(read.nearestPoint.allSatisfy { $0 == -1 } && read.minutes.allSatisfy { $0 == .infinity })
        } else {
            #expect(read.covered.contains(true) && read.covered.contains(false))
        }
    }

    /// Minutes that the distances do not give (travel over the roads, or anything else) are never
    /// replaced by the estimate: the run keeps its four columns.
    @Test func aResultTheDistancesDoNotGiveIsKeptWhole() throws {
        var analysis = try CoverageEngine.analyse(
            points: Self.points, residences: Self.residences, parameters: CoverageParameters(profile: .standard))
        let row = ColumnChunk.capacity + 5
        analysis.result.minutes[row] = analysis.result.minutes[row].nextUp
        let saved = try Self.save(analysis)
        #expect(try Self.storedBytes(saved) == ["distances": 0, "chunks": 21 * Self.residences.count])
        #expect(try saved.temporary.store.runResidences(runID: saved.runID).minutes[row].bitPattern
            == analysis.result.minutes[row].bitPattern)

        var flipped = try CoverageEngine.analyse(
            points: Self.points, residences: Self.residences, parameters: CoverageParameters(profile: .standard))
        flipped.result.covered[row].toggle()
        let savedFlipped = try Self.save(flipped)
        #expect(try Self.storedBytes(savedFlipped)["chunks"] == 21 * Self.residences.count)
        #expect(Self.rowsDiffering(try savedFlipped.temporary.store.runResidences(runID: savedFlipped.runID), flipped.result) == 0)
    }

    @Test func deletingTheRunDeletesItsDistances() throws {
        let analysis = try CoverageEngine.analyse(
            points: Self.points, residences: Self.residences, parameters: CoverageParameters(profile: .standard))
        let saved = try Self.save(analysis)
        try saved.temporary.store.queue.write { try $0.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [saved.runID]) }
        #expect(try Self.storedBytes(saved) == ["distances": 0, "chunks": 0])
    }

    @Test(arguments: [
        ("UPDATE run_residence_distances SET zone = x'09' || substr(zone, 2) WHERE chunk = 0", "unknown zone 9"),
        ("UPDATE run_residence_distances SET distance_m = x'00' WHERE chunk = 1", "a column blob does not hold"),
        ("DELETE FROM run_residence_distances WHERE chunk = 1", "chunks are missing or out of sequence"),
    ])
    func aDamagedChunkIsReportedAsCorrupt(damage: String, detail: String) throws {
        let analysis = try CoverageEngine.analyse(
            points: Self.points, residences: Self.residences, parameters: CoverageParameters(profile: .standard))
        let saved = try Self.save(analysis)
        // The schema's CHECKs refuse a wrong length: the damage is a file changed by other means.
        try saved.temporary.store.queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = 1")
            try db.execute(sql: damage)
        }
        let error = #expect(throws: StoreError.self) { try saved.temporary.store.runResidences(runID: saved.runID) }
        #expect(error?.description.contains(detail) == true, "\(String(describing: error))")
    }
}
