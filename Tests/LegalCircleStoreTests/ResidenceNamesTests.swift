import Foundation
import GRDB
import LegalCircle
import LegalCircleTestSupport
@testable import LegalCircleStore
import Testing

/// Residences keep their names (a village's 名称) through the store: migration "v6-residence-names",
/// a NULL blob for chunks without names, and appends that bring names to a dataset without them.
@Suite struct ResidenceNamesTests {
    static func table(_ count: Int, named: (Int) -> String?) -> ResidenceTable {
        var table = ResidenceTable()
        for i in 0..<count {
            table.append(
                id: String(format: "3301271%05d", i), longitude: 119 + Double(i) * 1e-4, latitude: 29.6, population: Double(i % 7),
                county: "330127", zone: i % 3 == 0 ? .mountain : .rural, name: named(i))
        }
        return table
    }

    @Test func namesKeepOneEntryPerRowOrNone() {
        let none = Self.table(3) { _ in nil }
        #expect(!none.hasNames && none.names.isEmpty && none.name(at: 1) == nil)
        // The first named row fills "" for the rows before it.
        let later = Self.table(4) { $0 == 2 ? "下姜村" : nil }
        #expect(later.names == ["", "", "下姜村", ""] && later.name(at: 2) == "下姜村" && later.name(at: 0) == nil)
        // Rows removed, counties or zones replaced: the names follow their rows.
        let replaced = later.replacing(zones: Array(repeating: .urban, count: 4))
        #expect(replaced.names == later.names)
    }

    @Test(arguments: [0, 1, ColumnChunk.capacity + 3])
    func namesReadBackAcrossChunks(count: Int) throws {
        let temporary = try TemporaryStore()
        // Names in the second chunk only, when there is one: the first chunk's blob is NULL.
        let residences = Self.table(count) { i in i >= ColumnChunk.capacity || count < 5 ? "村 \(i)\u{0}" : nil }
        let info = try temporary.store.replaceResidences(name: "r", source: "r", checksum: "r", residences: residences)
        let readBack = try temporary.store.residences(datasetID: info.id)
        #expect(readBack.count == count)
        for i in Array(0..<min(count, 3)) + (count > 3 ? [count - 1, ColumnChunk.capacity - 1] : []) {
            // A NUL inside a name is dropped: it separates the names in the blob.
            #expect(readBack.name(at: i) == residences.name(at: i)?.replacingOccurrences(of: "\u{0}", with: ""), "row \(i)")
        }
        let blobs = try DatabaseQueue(path: temporary.path).read { db in
            try Row.fetchAll(db, sql: "SELECT names IS NULL AS missing FROM residence_chunks ORDER BY chunk").map { $0["missing"] as Bool }
        }
        #expect(blobs == (count > ColumnChunk.capacity ? [true, false] : count == 0 ? [] : [false]))
    }

    @Test func appendBringsNamesToAnUnnamedDataset() throws {
        let temporary = try TemporaryStore()
        let first = Self.table(3) { _ in nil }
        let info = try temporary.store.replaceResidences(name: "r", source: "a", checksum: "a", residences: first)
        var more = ResidenceTable()
        more.append(id: "330127200001", longitude: 119.1, latitude: 29.7, population: 5, county: "330127", zone: .rural, name: "枫树岭村")
        _ = try temporary.store.appendResidences(to: info, source: "b", checksum: "b", crs: "WGS84", residences: more)
        let readBack = try temporary.store.residences(datasetID: info.id)
        #expect(readBack.count == 4 && readBack.name(at: 3) == "枫树岭村" && readBack.name(at: 0) == nil)
    }
}
