import Foundation
import LegalCircle
import Testing

@testable import LegalCircleImport

/// The parallel residence reader gives exactly what the sequential one gives: the same rows, rejects
/// (lines, columns, reasons, text), origins and zone flags, the same error under all-or-nothing;
/// and it declines (nil) when a cut falls inside a quoted field that spans lines.
@Suite struct ParallelResidenceReadTests {
    /// A residence file with every kind of row the readers treat differently: shuffled and repeated ids
    /// (some repeated across the parts), bad numbers, unknown zones, empty ids and zones, quoted names
    /// with commas and line breaks, blank lines, CRLF or LF line breaks, a byte-order mark.
    static func messyFile(seed: UInt64, rows: Int, crlf: Bool, multiLineNames: Bool) -> Data {
        var random = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let newline = crlf ? "\r\n" : "\n"
        var text = (seed % 2 == 0 ? "\u{FEFF}" : "") + "id,lon,lat,population,county,zone,name" + newline
        var ids = (0..<rows).map { "R\($0)" }
        ids.shuffle(using: &random)
        for row in 0..<rows {
            var id = ids[row]
            if pick(40) == 0 { id = ids[pick(rows)] }  // a repeat, often of a row in another part
            if pick(200) == 0 { id = "" }
            let lon = pick(50) == 0 ? "east" : String(format: "%.5f", 118.0 + Double(pick(400_000)) / 100_000)
            let lat = String(format: "%.5f", 28.0 + Double(pick(300_000)) / 100_000)
            let population = [String(pick(500)), "", "-3", "12.5", "1e9x"][pick(10) < 7 ? 0 : pick(5)]
            let county = ["330102", "330106", "330781", "", "33010"][pick(5)]
            let zone = ["urban", "rural", "mountain", "island", "城区", "220", "", "moon"][pick(8)]
            var name = ["", "Xicun", "\"Dong, cun\"", "\"say \"\"hi\"\"\""][pick(4)]
            if multiLineNames && pick(30) == 0 { name = "\"two\(newline)lines\"" }
            text += "\(id),\(lon),\(lat),\(population),\(county),\(zone),\(name)" + newline
            if pick(100) == 0 { text += newline }
        }
        return Data(text.utf8)
    }

    struct Outcome: Equatable {
        var rows: ResidenceTable
        var rejects: [RejectedRow]
        var origins: [CSVRowOrigin]
        var zoneGiven: [Bool]?
        var rowsRead: Int
    }

    static func outcome(_ result: CSVReadResult<ResidenceTable>) -> Outcome {
        Outcome(
            rows: result.rows, rejects: result.rejects, origins: Array(result.origins), zoneGiven: result.zoneGiven,
            rowsRead: result.rowsRead)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func partsGiveTheSequentialResult(seed: UInt64) throws {
        let data = Self.messyFile(seed: seed, rows: 3_000, crlf: seed % 3 == 0, multiLineNames: seed % 2 == 1)
        for zoneIsOptional in [false, true] {
            var options = CSVReadOptions()
            options.zoneIsOptional = zoneIsOptional
            let sequential = try #require(
                try readResidences(data: data, file: "r.csv", options: options, policy: .skipBadRows, parts: 1))
            // The file exercises what it should: rejects of several kinds, duplicates among them.
            #expect(sequential.rejects.count > 50)
            #expect(sequential.rejects.contains { $0.category == .duplicateID })
            var joined = 0
            for parts in [2, 3, 4, 7] {
                guard let parallel = try readResidences(data: data, file: "r.csv", options: options, policy: .skipBadRows, parts: parts)
                else { continue }
                joined += 1
                #expect(Self.outcome(parallel) == Self.outcome(sequential), "seed \(seed), \(parts) parts")
            }
            // Cuts fall inside a two-line name rarely: most splits must join.
            #expect(joined >= 3, "seed \(seed): only \(joined) of 4 splits joined")
        }
    }

    @Test(arguments: [1, 2] as [UInt64])
    func allOrNothingThrowsTheSameError(seed: UInt64) throws {
        let data = Self.messyFile(seed: seed, rows: 2_000, crlf: false, multiLineNames: false)
        func message(parts: Int) -> String? {
            do {
                _ = try readResidences(data: data, file: "r.csv", options: CSVReadOptions(), policy: .allOrNothing, parts: parts)
                return nil
            } catch {
                return String(describing: error)
            }
        }
        let sequential = try #require(message(parts: 1))
        #expect(sequential.contains("line"))
        for parts in [2, 3, 5] { #expect(message(parts: parts) == sequential, "\(parts) parts") }
    }

    /// A repeat in the second half names the line of the first occurrence in the first half; a row
    /// that repeats a rejected repeat names the kept row, as the sequential reader does.
    @Test func duplicatesAcrossPartsNameTheFirstKeptLine() throws {
        var text = "id,lon,lat,population,county,zone\n"
        for row in 0..<1_000 { text += "A\(row),120.1,30.2,1,330102,urban\n" }
        text += "A7,120.1,30.2,1,330102,urban\nA7,120.1,30.2,1,330102,urban\n"
        let result = try #require(
            try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows, parts: 2))
        #expect(result.rows.count == 1_000)
        #expect(result.rejects.map(\.line) == [1_002, 1_003])
        #expect(result.rejects.allSatisfy { $0.reason.contains("first on line 9") && $0.column == "id" })
    }

    /// A quoted field spanning lines across the cut: the parts cannot join, so the reader says so and
    /// the caller reads sequentially, with the field whole.
    @Test func aCutInsideAQuotedFieldDeclines() throws {
        var text = "id,lon,lat,population,county,zone,name\n"
        text += "R1,120.1,30.2,1,330102,urban,\"" + String(repeating: "line\n", count: 2_000) + "\"\n"
        text += "R2,120.1,30.2,1,330102,urban,x\n"
        let data = Data(text.utf8)
        #expect(try readResidences(data: data, file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows, parts: 2) == nil)
        let whole = try readResidences(data: data, file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(whole.rows.count == 2)
        #expect(whole.origins.line(at: 1) == 2_003)
    }

    /// The id table finds every repeat even after growing from a tiny capacity, and only repeats.
    @Test func idHashTableGrowsAndFindsRepeats() {
        let ids = (0..<20_000).map { "id-\($0 % 15_000)" }
        var table = IDHashTable(capacityFor: 1)
        var repeats: [(Int, Int)] = []
        for (row, id) in ids.enumerated() {
            if let first = table.insert(id, row: row, ids: ids) { repeats.append((row, first)) }
        }
        #expect(repeats.count == 5_000)
        #expect(repeats.allSatisfy { ids[$0.0] == ids[$0.1] && $0.1 == $0.0 - 15_000 })
        #expect(ResidenceReader.duplicateRows(ids).map(\.row) == repeats.map(\.0))
        #expect(ResidenceReader.duplicateRows((0..<1_000).map { String(format: "%05d", $0) }).isEmpty)
    }

    /// The line-break count (eight bytes at a time without CR) equals the scanner's own count.
    @Test func lineBreaksCountLikeTheScanner() {
        var random = SplitMix64(seed: 11)
        for length in [0, 1, 7, 8, 9, 63, 64, 65, 1_000, 4_099] {
            for withCR in [false, true] {
                let alphabet: [UInt8] = withCR ? Array("ab,\"\n\r".utf8) : Array("ab,\"\n\n".utf8)
                let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                bytes.withUnsafeBufferPointer { buffer in
                    for range in [0..<length, (length / 3)..<length, 0..<(length / 2)] {
                        var expected = 0
                        for i in range where buffer[i] == 10 || (buffer[i] == 13 && (i + 1 >= length || buffer[i + 1] != 10)) {
                            expected += 1
                        }
                        #expect(CSVParts.lineBreaks(buffer, in: range) == expected, "length \(length), CR \(withCR), \(range)")
                    }
                }
            }
        }
    }
}
