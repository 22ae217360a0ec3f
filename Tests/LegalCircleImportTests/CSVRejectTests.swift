import Foundation
import LegalCircle
import LegalCircleBench
import Testing

@testable import LegalCircleImport

@Suite struct CSVRejectTests {
    /// One bad row per reason: line, column and reason text.
    @Test func everyResidenceRejectNamesLineColumnAndReason() throws {
        let rows = [
            "R1,120.1,30.1,5,330102,urban",  // line 2, good
            "R2,120.1,31.x,5,330102,urban",
            "R3,120.1,,5,330102,urban",
            ",120.1,30.1,5,330102,urban",
            "R5,190.5,30.1,5,330102,urban",
            "R6,30.1,120.1,5,330102,urban",
            "R7,120.1,30.1,-3,330102,urban",
            "R8,120.1,30.1,many,330102,urban",
            "R9,120.1,30.1,5,3301,urban",
            "R10,120.1,30.1,5,330102,town",
            "R1,120.2,30.2,5,330102,rural",
            "R12,120.1,30.1,5,330102",
            "R13,120.1,30.1,5,330102,",
            "R14,120.1,30.1,2.5,,mountain",  // good: fractional population, no county
        ]
        let (table, rejects) = try residenceRejects(rows.joined(separator: "\n") + "\n")
        #expect(table.ids == ["R1", "R14"])
        #expect(table.populations == [5, 2.5])
        let expected: [(Int, String?, String)] = [
            (3, "lat", "\"31.x\" is not a number"),
            (4, "lat", "missing coordinate"),
            (5, "id", "empty id"),
            (6, "lon", "longitude \"190.5\" is outside [-180, 180]"),
            (7, "lon", "lon 30.1 / lat 120.1 look swapped: Zhejiang is at lon 118–123, lat 27–31; swap the lon and lat columns or map them with --column lon=lat --column lat=lon"),
            (8, "population", "\"-3\" is negative"),
            (9, "population", "\"many\" is not a number"),
            (10, "county", "\"3301\" is not a 6-digit county code"),
            (11, "zone", "unknown zone \"town\"; accepted: \(acceptedZones)"),
            (12, "id", "duplicate id \"R1\" (first on line 2)"),
            (13, nil, "has 5 fields, the header has 6"),
            (14, "zone", "missing zone; accepted: \(acceptedZones)"),
        ]
        #expect(rejects.count == expected.count)
        for (reject, (line, column, reason)) in zip(rejects, expected) {
            #expect(reject.line == line)
            #expect(reject.column == column)
            #expect(reject.reason == reason)
            #expect(reject.rawText == rows[line - 2])
            #expect(reject.file.hasSuffix("residences.csv"))
        }
        #expect(rejects[0].description.hasSuffix("residences.csv line 3, column lat: \"31.x\" is not a number"))
    }

    @Test func everyPointRejectNamesLineColumnAndReason() throws {
        let rows = [
            "P1,Centre,consultation;legal_aid,county,120.1,30.1,330102",
            "P2,A,consultation;cooking,county,120.1,30.1,330102",
            "P3,B,,county,120.1,30.1,330102",
            "P4,C,mediation,district,120.1,30.1,330102",
            "P5,D,mediation,village,120.1,-95,330102",
            "P6,\"E\" x,mediation,village,120.1,30.1,330102",
            "P7,\"open,mediation,village,120.1,30.1,330102",
        ]
        let (points, rejects) = try pointRejects(rows.joined(separator: "\n") + "\n")
        #expect(points.map(\.id) == ["P1"])
        let accepted = acceptedKinds
        let expected: [(Int, String?, String)] = [
            (3, "kind", "unknown kind \"cooking\"; accepted: \(accepted)"),
            (4, "kind", "missing kind; accepted: \(accepted)"),
            (5, "level", "unknown level \"district\"; accepted: \(acceptedLevels)"),
            (6, "lat", "latitude \"-95\" is outside [-90, 90]"),
            (7, "name", "text after the closing quote"),
            (8, "name", "quoted field is not closed before the end of the file"),
        ]
        #expect(rejects.count == expected.count)
        for (reject, (line, column, reason)) in zip(rejects, expected) {
            #expect(reject.line == line)
            #expect(reject.column == column)
            #expect(reject.reason == reason)
        }
        // The unclosed quote swallows the rest of the file into one record.
        #expect(rejects.last?.rawText == rows[6] + "\n")
    }

    @Test func invalidUTF8IsRejectedWhenUTF8IsForced() throws {
        var bytes = Data((pointHeader + "P1,").utf8)
        bytes += Data([0xD5, 0xE3, 0xBD, 0xAD])  // "浙江" in GBK
        bytes += Data(",mediation,village,120,30,\n".utf8)
        // Detected, the file is GBK (GB18030) and reads fine.
        #expect(try readServicePoints(data: bytes, file: "gbk.csv", policy: .allOrNothing).points.map(\.name) == ["浙江"])
        let read = try readServicePoints(
            data: bytes, file: "gbk.csv", options: CSVReadOptions(encoding: .utf8), policy: .skipBadRows)
        #expect(read.rejects.map(\.column) == ["name"])
        #expect(read.rejects.first?.reason == "not valid UTF-8 text (save the file as UTF-8, or read it as GB18030)")
        #expect(read.rejects.first?.category == .invalidText)
        let chinese = pointHeader + "P1,浙江 \"\"法律\"\" 站,mediation,village,120,30,\n"
        #expect(try readServicePoints(data: Data(chinese.utf8), file: "p.csv", policy: .allOrNothing).points[0].name
            == "浙江 \"\"法律\"\" 站")
    }

    @Test func allOrNothingThrowsWhileSkipBadRowsKeepsGoodRows() throws {
        let rows = (1...30).map { $0 % 3 == 0 ? "R\($0),120,x,,,urban" : "R\($0),120,30,,,urban" }
        let data = Data((residenceHeader + rows.joined(separator: "\n")).utf8)
        let error = importError { _ = try readResidences(data: data, file: "r.csv", policy: .allOrNothing) }
        guard case .rejectedRows(let first, let total) = error?.problem else {
            Issue.record("expected rejected rows, got \(String(describing: error))")
            return
        }
        #expect(total == 10)
        #expect(first.count == CSVImportError.listedRejectLimit)
        #expect(first.first?.line == 4)
        #expect(error!.description.hasPrefix("r.csv: 10 rows rejected, nothing imported:\n  r.csv line 4, column lat:"))

        let skipped = try readResidences(data: data, file: "r.csv", policy: .skipBadRows)
        #expect(skipped.residences.count == 20)
        #expect(skipped.rejects.count == 10)
        #expect(skipped.rejects.map(\.line) == stride(from: 4, through: 31, by: 3).map { $0 })
    }

    @Test func rejectsFileKeepsOriginalRowsAndAddsReason() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let rows = "P1,\"Hall, \"\"East\"\"\",mediation,village,120,x,\r\nP2,ok,mediation,village,120,30,\r\nP3,\"a\nb\",mediation,nowhere,120,30,330102\r\n"
        let input = "\u{FEFF}id,name,kind,level,lon,lat,county\r\n" + rows
        let path = try folder.write("points.csv", input)
        let read = try readServicePoints(contentsOfFile: path, policy: .skipBadRows)
        #expect(read.points.map(\.id) == ["P2"])
        let rejectsData = writeRejects(read.rejects, header: csvHeaderLine(of: Data(input.utf8)))
        let rejectsPath = try folder.write("points.rejects.csv", rejectsData)
        let text = try String(contentsOfFile: rejectsPath, encoding: .utf8)
        #expect(text == #"""
            id,name,kind,level,lon,lat,county,reason
            P1,"Hall, ""East""",mediation,village,120,x,,"line 2, column lat: ""x"" is not a number"
            P3,"a
            b",mediation,nowhere,120,30,330102,"line 4, column level: unknown level ""nowhere""; accepted: province (省, 省级), city (市, 市级), county (县, 区, 县级), township (乡镇, 街道, 乡, 镇, 乡镇级), village (村, 社区, 村级), grid (网格)"

            """#)
        // The rejects file is itself CSV: the original fields plus the reason.
        let fieldCounts = rejectsData.withUnsafeBytes { raw in
            var scanner = CSVScanner(bytes: raw.bindMemory(to: UInt8.self))
            var fields = CSVFieldList()
            var counts: [Int] = []
            while scanner.nextRecord(into: &fields) != nil { counts.append(fields.count) }
            return counts
        }
        #expect(fieldCounts == [8, 8, 8])
    }
}
