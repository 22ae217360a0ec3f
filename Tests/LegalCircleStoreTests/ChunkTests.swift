import Foundation
import GRDB
import LegalCircle
import LegalCircleTestSupport
@testable import LegalCircleStore
import Testing

/// Residences and run results stored as column chunks (`ColumnChunk`).
@Suite struct ChunkTests {
    /// Two full chunks and a partial one.
    static let bigCount = 2 * ColumnChunk.capacity + 1_234
    static let big = Fixtures.randomResidences(count: bigCount, seed: 5)
    static let bigPoints = Fixtures.randomPoints(count: 300, seed: 6)

    @Test func blobsRoundTrip() throws {
        let doubles: [Double] = [0, -0.0, 1.0 / 3.0, .infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude]
        let decoded = try ColumnChunk.withBlob(doubles, 1..<7) { blob in
            try #require(ColumnChunk.values(Double.self, in: blob, count: 6))
        }
        #expect(decoded.map(\.bitPattern) == doubles[1..<7].map(\.bitPattern))
        let ints: [Int32] = [-1, 0, .max, .min]
        #expect(ColumnChunk.withBlob(ints, 0..<4) { ColumnChunk.values(Int32.self, in: $0, count: 4) } == ints)
        #expect(ColumnChunk.withBlob(ints, 0..<4) { ColumnChunk.values(Int32.self, in: $0, count: 3) } == nil)
        #expect(ColumnChunk.values(Double.self, in: UnsafeRawBufferPointer(start: nil, count: 0), count: 0) == [])

        let flags = [true, false, false, true]
        #expect(ColumnChunk.withBlob(flags, 0..<4) { ColumnChunk.flags(in: $0, count: 4) } == flags)
        #expect([UInt8]([0, 1, 2]).withUnsafeBytes { ColumnChunk.flags(in: $0, count: 3) } == nil)

        let ids = ["R1", "", "西湖 1号", "", "x"]
        let blob = try ColumnChunk.idBlob(ids, 0..<5)
        #expect(blob == Array("R1\u{0}\u{0}西湖 1号\u{0}\u{0}x".utf8))
        #expect(blob.withUnsafeBytes { ColumnChunk.ids(in: $0, count: 5) } == ids)
        #expect(blob.withUnsafeBytes { ColumnChunk.ids(in: $0, count: 4) } == nil)
        #expect(blob.withUnsafeBytes { ColumnChunk.ids(in: $0, count: 6) } == nil)
        #expect(try ColumnChunk.idBlob(ids, 1..<2).isEmpty)
        #expect([UInt8]().withUnsafeBytes { ColumnChunk.ids(in: $0, count: 1) } == [""])
        #expect([UInt8]([0]).withUnsafeBytes { ColumnChunk.ids(in: $0, count: 2) } == ["", ""])
        #expect(throws: ColumnChunk.NULInID(row: 3)) { try ColumnChunk.idBlob(["a", "b", "c", "d\u{0}e"], 1..<4) }
    }

    @Test func chunkRanges() {
        let capacity = ColumnChunk.capacity
        #expect(ColumnChunk.ranges(count: 0).isEmpty)
        #expect(ColumnChunk.ranges(count: 1) == [0..<1])
        #expect(ColumnChunk.ranges(count: capacity) == [0..<capacity])
        #expect(ColumnChunk.ranges(count: capacity + 1) == [0..<capacity, capacity..<capacity + 1])
    }

    @Test(arguments: [0, 1, ColumnChunk.capacity, bigCount])
    func residencesAndResultsReadBackEqualAcrossChunks(count: Int) throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let residences = count == Self.bigCount ? Self.big : Fixtures.randomResidences(count: count, seed: 7)
        let points = try store.replaceServicePoints(name: "p", source: "p", checksum: "p", points: Self.bigPoints)
        let info = try store.replaceResidences(name: "r", source: "r", checksum: "r", residences: residences)
        #expect(info.rowCount == count)
        let readBack = try store.residences(datasetID: info.id)
        #expect(readBack == residences)
        // Nil and "" counties both read back as nil; the catalogue keeps its order.
        #expect(readBack.counties == residences.counties)

        // The engine refuses an empty dataset: an empty result is put into another analysis.
        var analysis = try Fixtures.analysis(points: Self.bigPoints, residences: count == 0 ? Fixtures.residences : residences)
        analysis.areas = []
        if count == 0 { analysis.result = CoverageResult(nearestPoint: [], distance: [], minutes: [], covered: []) }
        let runID = try store.saveRun(analysis: analysis, pointsDataset: points, residencesDataset: info)
        #expect(try store.runResidences(runID: runID) == analysis.result)

        let expected = ColumnChunk.ranges(count: count).enumerated().map { chunk, rows in
            [chunk, rows.lowerBound, rows.count]
        }
        try temporary.store.queue.read { db in
            for (table, parent, id) in [("residence_chunks", "dataset_id", info.id), ("run_residence_chunks", "run_id", runID)] {
                let rows = try Row.fetchAll(
                    db, sql: "SELECT chunk, first_seq, row_count FROM \(table) WHERE \(parent) = ? ORDER BY chunk",
                    arguments: [id])
                #expect(rows.map { [$0[0], $0[1], $0[2]] as [Int] } == expected, "\(table)")
            }
        }
    }

    enum Defect: String, CaseIterable, Sendable {
        case nanLongitude, nanLatitude, nanPopulation, nulInID

        var reason: String {
            switch self {
            case .nanLongitude: "lon is not a number (NaN)"
            case .nanLatitude: "lat is not a number (NaN)"
            case .nanPopulation: "population is not a number (NaN)"
            case .nulInID: "the id contains a NUL character"
            }
        }

        func apply(to residence: inout Residence) {
            switch self {
            case .nanLongitude: residence.location.longitude = .nan
            case .nanLatitude: residence.location.latitude = .nan
            case .nanPopulation: residence.population = .nan
            case .nulInID: residence.id += "\u{0}x"
            }
        }
    }

    /// `big` with `defects` applied to their rows.
    static func big(with defects: [Int: [Defect]]) -> ResidenceTable {
        var table = ResidenceTable()
        table.reserveCapacity(big.count)
        for row in 0..<big.count {
            var residence = big[row]
            for defect in defects[row] ?? [] { defect.apply(to: &residence) }
            table.append(residence)
        }
        return table
    }

    /// A failure in any chunk, after earlier chunks were written and the old dataset was deleted,
    /// keeps the previous dataset.
    @Test(arguments: zip([0, ColumnChunk.capacity - 1, ColumnChunk.capacity, bigCount - 1], Defect.allCases))
    func aRejectedRowIsNamedWhereverItIs(row: Int, defect: Defect) throws {
        let store = try TemporaryStore().store
        let original = try store.replaceResidences(
            name: "zj", source: "a.csv", checksum: "1", residences: Fixtures.residences)
        let broken = Self.big(with: [row: [defect]])
        let error = #expect(throws: StoreError.self) {
            try store.replaceResidences(name: "zj", source: "b.csv", checksum: "2", residences: broken)
        }
        #expect(error == .rejectedRow(kind: .residences, row: row, id: broken.ids[row], reason: defect.reason))
        #expect(error?.description.contains("residences row \(row + 1) ") == true)
        #expect(try store.datasets() == [original])
        #expect(try store.residences(datasetID: original.id) == Fixtures.residences)
    }

    @Test func theFirstBadRowOfAChunkIsNamed() throws {
        let store = try TemporaryStore().store
        let start = ColumnChunk.capacity
        for (defects, row, reason) in [
            ([start + 10: [Defect.nulInID], start + 20: [.nanPopulation]], start + 10, Defect.nulInID.reason),
            ([start + 5: [.nanLatitude], start + 7: [.nulInID]], start + 5, Defect.nanLatitude.reason),
            ([start + 3: [.nanPopulation, .nanLongitude, .nulInID]], start + 3, Defect.nanLongitude.reason),
        ] {
            let broken = Self.big(with: defects)
            #expect(throws: StoreError.rejectedRow(kind: .residences, row: row, id: broken.ids[row], reason: reason)) {
                try store.replaceResidences(name: "zj", source: "b.csv", checksum: "2", residences: broken)
            }
        }
        #expect(try store.datasets().isEmpty)
    }

    @Test func infiniteValuesAreStoredAsTheyAre() throws {
        var residences = ResidenceTable()
        residences.append(
            id: "", longitude: .infinity, latitude: -.infinity, population: .greatestFiniteMagnitude, county: "",
            zone: .island)
        let store = try TemporaryStore().store
        let info = try store.replaceResidences(name: "r", source: "r", checksum: "r", residences: residences)
        #expect(try store.residences(datasetID: info.id) == residences)
    }

    @Test(arguments: [
        "UPDATE residence_chunks SET zone = x'00010409'",
        "UPDATE residence_chunks SET county = x'000000000500000000000000ffffffff'",
        "UPDATE residence_chunks SET ids = CAST('R9' AS BLOB)",
        "UPDATE residence_chunks SET first_seq = 1",
        "UPDATE residence_chunks SET chunk = 1",
    ])
    func aDamagedChunkIsReportedAsCorrupt(damage: String) throws {
        let temporary = try TemporaryStore()
        let info = try temporary.store.replaceResidences(
            name: "r", source: "r", checksum: "r", residences: Fixtures.residences)
        try temporary.store.queue.write { try $0.execute(sql: damage) }
        let error = #expect(throws: StoreError.self) { try temporary.store.residences(datasetID: info.id) }
        #expect(error?.description.hasPrefix("legalcircle.sqlite holds an unreadable value: chunk 0 ") == true)
    }

    @Test func aMissingResultChunkIsReportedAsCorrupt() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let residences = Fixtures.randomResidences(count: ColumnChunk.capacity + 1, seed: 8)
        let points = try store.replaceServicePoints(name: "p", source: "p", checksum: "p", points: Fixtures.points)
        let info = try store.replaceResidences(name: "r", source: "r", checksum: "r", residences: residences)
        var analysis = try Fixtures.analysis(points: Fixtures.points, residences: residences)
        analysis.areas = []
        let runID = try store.saveRun(analysis: analysis, pointsDataset: points, residencesDataset: info)
        try temporary.store.queue.write { try $0.execute(sql: "DELETE FROM run_residence_chunks WHERE chunk = 1") }
        #expect(throws: StoreError.corrupt(
            file: "legalcircle.sqlite", detail: "run \(runID) has 65536 residence results stored, 65537 recorded")
        ) {
            try store.runResidences(runID: runID)
        }
    }
}
