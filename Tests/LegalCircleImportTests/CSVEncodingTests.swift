import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@testable import LegalCircleImport

@Suite struct CSVEncodingTests {
    @Test func iconvRoundTrips() throws {
        #expect(Array(try gb18030("经度")) == [0xBE, 0xAD, 0xB6, 0xC8])
        #expect(Array(try gb18030("a,\"b\"\r\n€😀")) == Array("a,\"b\"\r\n".utf8) + [0xA2, 0xE3, 0x94, 0x39, 0xFC, 0x36])
        let back = try [UInt8]([0xBE, 0xAD, 0xB6, 0xC8, 0x80, 0x2C, 0x81]).withUnsafeBufferPointer {
            try Transcoder.utf8(fromGB18030: $0)
        }
        // 0x80 is invalid and 0x81 is cut off: each becomes the invalid-UTF-8 marker 0xFF.
        #expect(Array(back) == Array("经度".utf8) + [0xFF, 0x2C, 0xFF])
    }

    @Test func censusTellsUTF8FromGB18030() throws {
        func census(_ data: Data) -> UTF8Census { data.withUnsafeBytes { UTF8Census($0.bindMemory(to: UInt8.self)) } }
        let text = String(repeating: chinesePoints, count: 3)
        #expect(census(Data(text.utf8)).isValid)
        #expect(census(Data("plain, ascii\n".utf8)).isASCII)
        #expect(!census(try gb18030(text)).looksLikeUTF8)
        // A UTF-8 file with one damaged byte is still UTF-8.
        var damaged = Array(text.utf8)
        damaged[40] = 0xFF
        #expect(census(Data(damaged)).looksLikeUTF8)
        #expect(!census(Data(damaged)).isValid)
    }

    @Test func gb18030FileWithChineseHeadersAndValues() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = try folder.write("站点.csv", try gb18030(chinesePoints))
        let result = try readServicePoints(contentsOfFile: path, options: CSVReadOptions(), policy: .skipBadRows)
        #expect(result.encoding == .gb18030)
        #expect(!result.encodingWasForced)
        #expect(result.delimiter == .comma)
        #expect(result.rows.map(\.id) == ["P1", "P2", "P3"])
        #expect(result.rows[0].name == "西湖区公共法律服务中心")
        #expect(result.rows[0].kinds == [.consultation, .legalAid])
        #expect(result.rows[0].level == .county)
        #expect(result.rows[1].name == "文新街道工作站\n（二楼）")
        #expect(result.rows[1].kinds == [.mediation, .notary])
        #expect(result.rows[1].level == .township)
        #expect(result.rows[2].kinds == [.publicity, .lawyer])
        #expect(result.rows[2].level == .village)
        #expect(result.rows[2].county == nil)
        // P2's name spans lines 3 and 4, so P3 is on line 5: line numbers are the original file's.
        #expect(result.origins.map(\.line) == [2, 3, 5])
        #expect(result.origins[2].rawText == "P3,翠苑社区工作室,普法/律师,社区,120.12,30.28,")
        let expected: [(Int, String, CSVRejectCategory, String)] = [
            (6, "服务类型", .unknownKind, "unknown kind \"烹饪\"; accepted: \(acceptedKinds)"),
            (7, "层级", .unknownLevel, "unknown level \"区县\"; accepted: \(acceptedLevels)"),
            (8, "经度", .swappedCoordinates,
             "lon 30.28 / lat 120.12 look swapped: Zhejiang is at lon 118–123, lat 27–31; swap the lon and lat "
                + "columns or map them with --column lon=纬度 --column lat=经度"),
            (9, "区县代码", .invalidCountyCode,
             "\"西湖区\" is not a 6-digit county code (give the administrative code, e.g. 330106, not the name)"),
        ]
        #expect(result.rejects.count == expected.count)
        for (reject, (line, column, category, reason)) in zip(result.rejects, expected) {
            #expect(reject.line == line)
            #expect(reject.column == column)
            #expect(reject.category == category)
            #expect(reject.reason == reason)
            #expect(reject.file == path)
        }
        #expect(result.rejects[0].rawText == "P4,某站,烹饪,社区,120.12,30.28,330106")
        #expect(result.headerLine == "编号,名称,服务类型,层级,经度,纬度,区县代码")
        #expect(csvHeaderLine(of: try gb18030(chinesePoints)) == result.headerLine)

        // The rejects file is GB18030 too, so Excel on Chinese Windows opens it; it reads back as CSV.
        let rejectsFile = result.rejectsCSV()
        let decoded = try rejectsFile.withUnsafeBytes { try Transcoder.utf8(fromGB18030: $0.bindMemory(to: UInt8.self)) }
        let rejectsText = String(decoding: decoded, as: UTF8.self)
        #expect(rejectsText.hasPrefix("编号,名称,服务类型,层级,经度,纬度,区县代码,reason\nP4,某站,烹饪,社区,120.12,30.28,330106,\"line 6, column 服务类型: unknown kind"))
    }

    @Test func gb18030ResidencesWithChineseZonesAndNBSCodes() throws {
        let text = """
            编号,经度,纬度,人口,区县代码,区域类型
            R1,120.1,30.2,12,330106,城区
            R2,120.2,30.3,,330106,农村
            R3,119.5,29.1,3,330781,山区
            R4,122.2,30.0,7,330902,海岛
            R5,120.3,30.4,1,330106,220
            R6,120.3,30.4,1,330106,111
            R7,120.3,30.4,-1,330106,乡村
            R8,120.3,30.4,很多,330106,乡村
            R9,120.3,30.4,5,330106,郊区

            """
        let result = try readResidences(data: try gb18030(text), file: "住宅.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(result.rows.ids == ["R1", "R2", "R3", "R4", "R5", "R6"])
        #expect(result.rows.zones == [.urban, .rural, .mountain, .island, .rural, .urban])
        #expect(result.rows.populations == [12, 1, 3, 7, 1, 1])
        #expect(result.rejects.map(\.line) == [8, 9, 10])
        #expect(result.rejects.map(\.column) == ["人口", "人口", "区域类型"])
        #expect(result.rejects.map(\.category) == [.negativePopulation, .nonNumericPopulation, .unknownZone])
        #expect(result.rejects[0].reason == "\"-1\" is negative")
        #expect(result.rejects[1].reason == "\"很多\" is not a number")
        #expect(result.rejects[2].reason == "unknown zone \"郊区\"; accepted: \(acceptedZones)")
    }

    @Test func utf8WithBOMIsReportedAndKeptInRejects() throws {
        let text = "\u{FEFF}id;lon;lat;zone\r\nR1;120,5;30.1;urban\r\nR2;120.5;30.1;urban\r\n"
        let result = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(result.encoding == .utf8WithBOM)
        #expect(result.delimiter == .semicolon)
        #expect(result.rows.ids == ["R2"])
        #expect(result.rejects.first?.reason
            == "\"120,5\" is not a number (write numbers without thousands separators, with a point for decimals)")
        #expect(result.headerLine == "id;lon;lat;zone")
        let rejectsFile = result.rejectsCSV()
        #expect(Array(rejectsFile.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: rejectsFile.dropFirst(3), as: UTF8.self)
            == "id;lon;lat;zone;reason\nR1;120,5;30.1;urban;\"line 2, column lon: \"\"120,5\"\" is not a number (write numbers without thousands separators, with a point for decimals)\"\n")
    }

    @Test func forcedEncodings() throws {
        let gbk = try gb18030(chinesePoints)
        // GB18030 read as UTF-8: the header does not match; the hint says what to do.
        let asUTF8 = importError {
            _ = try readServicePoints(data: gbk, file: "p.csv", options: CSVReadOptions(encoding: .utf8), policy: .skipBadRows)
        }
        guard case .missingColumns = asUTF8?.problem else {
            Issue.record("expected missing columns, got \(String(describing: asUTF8))")
            return
        }
        #expect(asUTF8?.hint?.contains(
            "the file is not valid UTF-8 text and looks like GB18030/GBK; read it with encoding auto or gb18030") == true)
        // UTF-8 read as GB18030 (forced).
        let asGB = importError {
            _ = try readServicePoints(
                data: Data(chinesePoints.utf8), file: "p.csv", options: CSVReadOptions(encoding: .gb18030), policy: .skipBadRows)
        }
        #expect(asGB?.hint?.contains("the file is valid UTF-8 text but was read as GB18030 (forced); read it with encoding auto or utf8") == true)
        // Forcing the right one works, and an all-ASCII file reads the same in any encoding.
        let forced = try readServicePoints(data: gbk, file: "p.csv", options: CSVReadOptions(encoding: .gb18030), policy: .skipBadRows)
        #expect(forced.rows.count == 3)
        #expect(forced.encodingWasForced)
        let ascii = "id,kind,level,lon,lat\nP1,notary,city,120,30\n"
        for encoding in CSVReadOptions.Encoding.allCases {
            let read = try readServicePoints(
                data: Data(ascii.utf8), file: "a.csv", options: CSVReadOptions(encoding: encoding), policy: .allOrNothing)
            #expect(read.rows.map(\.id) == ["P1"])
        }
        #expect(CSVReadOptions.Encoding(argument: "GBK") == .gb18030)
        #expect(CSVReadOptions.Encoding(argument: "UTF-8") == .utf8)
        #expect(CSVReadOptions.Encoding(argument: "latin1") == nil)
    }

    @Test func invalidBytesInAGB18030FileRejectTheirRow() throws {
        // Line 3's id holds 0x80, which is not a GB18030 byte.
        var bytes = Array(try gb18030("编号,经度,纬度,区域类型\nR1,120,30,城区\n"))
        bytes += Array("R2".utf8) + [0x80] + Array(",120,30,".utf8) + Array(try gb18030("城区\nR3,120,30,乡村\n"))
        let result = try readResidences(data: Data(bytes), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(result.encoding == .gb18030)
        #expect(result.rows.ids == ["R1", "R3"])
        #expect(result.rejects.map(\.line) == [3])
        #expect(result.rejects.first?.column == "编号")
        #expect(result.rejects.first?.category == .invalidText)
        #expect(result.rejects.first?.reason == "not valid GB18030 text (the file was read as GB18030; save it as UTF-8)")
        #expect(result.rejects.first?.rawText == "R2\u{FFFD},120,30,城区")
    }
}
