import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@testable import LegalCircleImport

/// A fresh folder under the system's temporary directory.
struct ScratchFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-import-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

    func write(_ name: String, _ bytes: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try bytes.write(to: file)
        return file.path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// `text` as GB18030 bytes, through the reader's own iconv helper (checked in `iconvRoundTrips`).
func gb18030(_ text: String) throws -> Data { try Transcoder.gb18030(text) }

func importError(_ body: () throws -> Void) -> CSVImportError? {
    do {
        try body()
        return nil
    } catch let error as CSVImportError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

/// Rows of Chinese points, header 编号,名称,服务类型,层级,经度,纬度,区县代码.
private let chinesePoints = """
    编号,名称,服务类型,层级,经度,纬度,区县代码
    P1,西湖区公共法律服务中心,"法律咨询,法律援助",县级,120.130,30.259,330106
    P2,"文新街道工作站
    （二楼）",人民调解；公证,街道,120.11,30.29,330106
    P3,翠苑社区工作室,普法/律师,社区,120.12,30.28,
    P4,某站,烹饪,社区,120.12,30.28,330106
    P5,某站,法律咨询,区县,120.12,30.28,330106
    P6,某站,法律咨询,村,30.28,120.12,330106
    P7,某站,仲裁、司法鉴定,网格,120.2,30.3,西湖区

    """

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

@Suite struct CSVDelimiterTests {
    @Test(arguments: [CSVDelimiter.comma, .semicolon, .tab])
    func detectedAndForcedDelimiters(delimiter: CSVDelimiter) throws {
        let d = delimiter.rawValue
        // A quoted name holding the other delimiters, a quote and a line break; a quoted field followed by
        // a tab delimiter.
        let text = ["id", "name", "kind", "level", "lon", "lat"].joined(separator: d) + "\n"
            + ["P1", "\"a,b;c\td \"\"e\"\"\nf\"", "mediation", "village", "120.1", "30.2"].joined(separator: d) + "\n"
            + ["P2", "\"x\" ", "notary", "city", "120.2", "30.3"].joined(separator: d) + "\n"
            + ["P3", "y", "notary", "city", "12O.2", "30.3"].joined(separator: d) + "\n"
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = try folder.write("p.csv", Data(text.utf8))
        for options in [CSVReadOptions(), CSVReadOptions(delimiter: .fixed(delimiter))] {
            let result = try readServicePoints(contentsOfFile: path, options: options, policy: .skipBadRows)
            #expect(result.delimiter == delimiter)
            #expect(result.delimiterWasForced == (options.delimiter != .auto))
            #expect(result.rows.map(\.name) == ["a,b;c\td \"e\"\nf", "x"])
            #expect(result.rejects.map(\.line) == [5])
            #expect(result.rejects.first?.column == "lon")
            #expect(result.rejects.first?.category == .nonNumericCoordinate)
        }
    }

    @Test func wrongForcedDelimiterExplainsItself() {
        let text = "id;lon;lat;zone\nR1;120;30;urban\n"
        let error = importError {
            _ = try readResidences(
                data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(delimiter: .fixed(.comma)), policy: .skipBadRows)
        }
        #expect(error?.hint?.contains("the header is a single field when split at \",\" (forced); try delimiter auto") == true)
        #expect(CSVReadOptions.Delimiter(argument: "\\t") == .fixed(.tab))
        #expect(CSVReadOptions.Delimiter(argument: ";") == .fixed(.semicolon))
        #expect(CSVReadOptions.Delimiter(argument: "|") == nil)
    }

    @Test func wholeFileErrorsInOtherEncodingsAndDelimiters() throws {
        func error(_ data: Data) -> CSVImportError? {
            importError { _ = try readResidences(data: data, file: "in.csv", options: CSVReadOptions(), policy: .skipBadRows) }
        }
        #expect(error(try gb18030("编号;经度;纬度;区域类型\r\n\r\n"))?.problem == .headerOnly)
        #expect(error(try gb18030("编号\t经度\t纬度\t区域类型"))?.problem == .headerOnly)
        #expect(error(Data([0xEF, 0xBB, 0xBF, 0x0D, 0x0A]))?.problem == .empty)
        let xls = error(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]))
        #expect(xls?.description.contains("old Excel .xls workbook") == true)
        var noise = Data()
        var random = SplitMix64(seed: 7)
        for _ in 0..<4_000 { noise.append(UInt8.random(in: 1...255, using: &random)) }
        #expect(error(noise)?.description.contains("control characters") == true)
        // Chinese prose: GB18030, one field, so not CSV for this reader.
        let prose = error(try gb18030("这不是一个表格文件。\n只是一段文字。\n"))
        guard case .missingColumns = prose?.problem else {
            Issue.record("expected missing columns, got \(String(describing: prose))")
            return
        }
        #expect(prose?.hint?.contains("the file is not separated by , ; or tab") == true)
    }
}

@Suite struct CSVColumnMappingTests {
    @Test func userMappingAndRecognisedNames() throws {
        let text = "code,X,Y,pop,ZONE,经度\nA1,120.1,30.2,5,rural,\n"
        let options = CSVReadOptions(columns: try CSVColumnRole.mapping(["id=code", "LON = x", "lat=Y", "population=pop"]))
        let result = try readResidences(data: Data(text.utf8), file: "r.csv", options: options, policy: .allOrNothing)
        #expect(result.rows[0] == Residence(
            id: "A1", location: GeoCoordinate(longitude: 120.1, latitude: 30.2), population: 5, county: nil, zone: .rural))
        #expect(result.columns == [
            CSVColumnMatch(role: .id, header: "code", mappedByUser: true),
            CSVColumnMatch(role: .lon, header: "X", mappedByUser: true),
            CSVColumnMatch(role: .lat, header: "Y", mappedByUser: true),
            CSVColumnMatch(role: .population, header: "pop", mappedByUser: true),
            CSVColumnMatch(role: .zone, header: "ZONE", mappedByUser: false),
        ])
        // Header notes in brackets and full-width blanks are ignored when recognising names.
        let noted = "编号 ,经度（WGS84）,纬度(°),区域类型\u{3000}\nA1,120.1,30.2,城市\n"
        let read = try readResidences(data: Data(noted.utf8), file: "r.csv", options: CSVReadOptions(), policy: .allOrNothing)
        #expect(read.columns.map(\.header) == ["编号", "经度（WGS84）", "纬度(°)", "区域类型\u{3000}"])
    }

    @Test func xAndYAreNotGuessed() {
        let error = importError {
            _ = try readResidences(data: Data("id,X,Y,zone\nA,1,2,urban\n".utf8), file: "r.csv", options: CSVReadOptions(), policy: .allOrNothing)
        }
        #expect(error?.problem == .missingColumns(["lon", "lat"], expected: ["id", "lon", "lat", "population", "county", "zone", "name"], found: ["id", "X", "Y", "zone"]))
        #expect(error?.description.contains("recognised names: lon: lon, lng, longitude, 经度; lat: lat, latitude, 纬度; or map a column with ROLE=HEADER") == true)
    }

    @Test func mappingErrors() throws {
        let ambiguous = importError {
            _ = try readResidences(data: Data("id,lon,经度,lat,zone\nA,1,1,2,urban\n".utf8), file: "r.csv", options: CSVReadOptions(), policy: .allOrNothing)
        }
        #expect(ambiguous?.problem == .ambiguousColumns(role: "lon", headers: ["lon", "经度"]))
        #expect(ambiguous?.description == "r.csv line 1: columns \"lon\" and \"经度\" all look like lon; map the right one with lon=HEADER")
        let notFound = importError {
            _ = try readResidences(
                data: Data("id,lon,lat,zone\nA,1,2,urban\n".utf8), file: "r.csv",
                options: CSVReadOptions(columns: [.lon: "lng_wgs84"]), policy: .allOrNothing)
        }
        #expect(notFound?.problem == .mappedColumnNotFound(role: "lon", header: "lng_wgs84", found: ["id", "lon", "lat", "zone"]))
        // Mapping resolves the ambiguity.
        #expect(throws: Never.self) {
            _ = try readResidences(
                data: Data("id,lon,经度,lat,zone\nA,1,120,30,urban\n".utf8), file: "r.csv",
                options: CSVReadOptions(columns: [.lon: "经度"]), policy: .allOrNothing)
        }
        #expect(throws: CSVOptionError("column mapping \"lon\" is not ROLE=HEADER (e.g. lon=经度); roles: id, name, kind, level, lon, lat, county, population, zone")) {
            try CSVColumnRole.mapping(["lon"])
        }
        #expect(throws: CSVOptionError("column mapping \"height=h\": unknown role \"height\"; roles: id, name, kind, level, lon, lat, county, population, zone")) {
            try CSVColumnRole.mapping(["height=h"])
        }
        #expect(throws: CSVOptionError("column mapping: lon is mapped twice (to \"a\" and \"b\")")) {
            try CSVColumnRole.mapping(["lon=a", "lon=b"])
        }
        #expect(throws: CSVOptionError("column mapping \"lon= \": no header name after \"=\"")) {
            try CSVColumnRole.mapping(["lon= "])
        }
        #expect(try CSVColumnRole.mapping(["name=名称=全称"]) == [.name: "名称=全称"])
    }

    /// The suggestion in a swapped-coordinates reject works: mapping the columns the other way reads the row.
    @Test func swappedSuggestionWorks() throws {
        let text = "id,lon,lat,zone\nA,30.27,120.15,urban\n"
        let first = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(first.rejects.first?.reason.hasSuffix("--column lon=lat --column lat=lon") == true)
        let options = CSVReadOptions(columns: try CSVColumnRole.mapping(["lon=lat", "lat=lon"]))
        let second = try readResidences(data: Data(text.utf8), file: "r.csv", options: options, policy: .allOrNothing)
        #expect(second.rows.longitudes == [120.15])
        #expect(second.rows.latitudes == [30.27])
    }
}

@Suite struct CSVCoordinateTests {
    @Test func everyCoordinateRejectNamesLineAndColumn() throws {
        let rows = [
            "R1,120.1,30.1,urban",
            "R2,,30.1,urban",
            "R3,120.1,,urban",
            "R4,east,30.1,urban",
            "R5,120.1,1e400,urban",
            "R6,-181,30,urban",
            "R7,120,91,urban",
            "R8,30.27,120.15,urban",
            "R9,30.27,200,urban",
        ]
        let text = "id,lon,lat,zone\n" + rows.joined(separator: "\n")
        let result = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(result.rows.ids == ["R1"])
        let expected: [(Int, String, CSVRejectCategory, String)] = [
            (3, "lon", .missingCoordinate, "missing coordinate"),
            (4, "lat", .missingCoordinate, "missing coordinate"),
            (5, "lon", .nonNumericCoordinate, "\"east\" is not a number"),
            (6, "lat", .nonNumericCoordinate, "\"1e400\" is not a number"),
            (7, "lon", .coordinateOutOfRange, "longitude \"-181\" is outside [-180, 180]"),
            (8, "lat", .coordinateOutOfRange, "latitude \"91\" is outside [-90, 90]"),
            (9, "lon", .swappedCoordinates,
             "lon 30.27 / lat 120.15 look swapped: Zhejiang is at lon 118–123, lat 27–31; swap the lon and lat columns or map them with --column lon=lat --column lat=lon"),
            (10, "lat", .coordinateOutOfRange, "latitude \"200\" is outside [-90, 90]"),
        ]
        #expect(result.rejects.count == expected.count)
        for (reject, (line, column, category, reason)) in zip(result.rejects, expected) {
            #expect(reject.line == line)
            #expect(reject.column == column)
            #expect(reject.category == category)
            #expect(reject.reason == reason)
            #expect(reject.rawText == rows[line - 2])
        }
    }

    /// Metres in EPSG:4549 (CGCS2000 / 3-degree Gauss-Kruger CM 120E) pass; only finite numbers are required.
    @Test func projectedCoordinatesAreOnlyCheckedToBeNumbers() throws {
        let text = "id,x,y,zone\nR1,512345.6,3346789.1,urban\nR2,abc,3346789.1,urban\nR3,1e999,1,urban\nR4,-500,200,rural\n"
        let options = CSVReadOptions(columns: [.lon: "x", .lat: "y"], coordinatesAreProjected: true)
        let result = try readResidences(data: Data(text.utf8), file: "r.csv", options: options, policy: .skipBadRows)
        #expect(result.rows.ids == ["R1", "R4"])
        #expect(result.rows.longitudes == [512345.6, -500])
        #expect(result.rejects.map(\.category) == [.nonNumericCoordinate, .nonNumericCoordinate])
        #expect(result.summary.lines().contains("coordinates: projected (metres), range checks after conversion only"))
    }
}

@Suite struct CSVLocationCheckTests {
    private func residences(_ rows: [(String, Double, Double)]) -> String {
        "id,lon,lat,zone\n" + rows.map { "\($0.0),\($0.1),\($0.2),urban" }.joined(separator: "\n") + "\n"
    }

    @Test func outsideChinaAndFarPointsBecomeRejectsWithTheirLines() throws {
        var rows: [(String, Double, Double)] = []
        for index in 0..<40 {
            let longitude = 120.1 + Double(index) * 0.01
            let latitude = 30.2 + Double(index % 7) * 0.01
            rows.append(("H\(index)", longitude, latitude))
        }
        rows.insert(("BJ", 116.4, 39.9), at: 5)  // Beijing: inside China, about 1,130 km away
        rows.insert(("ROME", 12.5, 41.9), at: 10)
        rows.insert(("SEA", 120.1, 3.02), at: 20)  // latitude typo: 3.02 for 30.2
        rows.insert(("WEST", 102.1, 30.2), at: 30)  // longitude typo: 102.1 for 120.1, Sichuan
        let text = "id,lon,lat,zone\n" + "X,abc,1,urban\n" + rows.map { "\($0.0),\($0.1),\($0.2),urban" }.joined(separator: "\n") + "\n"
        var result = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(result.rows.count == 44)
        let removed = try result.rejectImplausibleLocations()
        #expect(removed == [5, 10, 20, 30])
        #expect(result.rows.count == 40)
        #expect(result.origins.count == 40)
        #expect(result.rows.ids.allSatisfy { $0.hasPrefix("H") })
        #expect(result.origins.map(\.line) == (0..<45).filter { ![5, 10, 20, 30].contains($0) && $0 < 44 }.map { $0 + 3 })
        // In line order, merged with the read's own reject on line 2.
        #expect(result.rejects.map(\.line) == [2, 8, 13, 23, 33])
        #expect(result.rejects.map(\.category) == [.nonNumericCoordinate, .farFromOtherPoints, .outsideChina, .outsideChina, .farFromOtherPoints])
        #expect(result.rejects.map(\.column) == ["lon", "lat", "lon", "lat", "lon"])
        #expect(result.rejects[1].rawText == "BJ,116.4,39.9,urban")
        #expect(result.rejects[1].reason.hasPrefix("lon 116.4 / lat 39.9 (WGS84) is 1,1"))
        #expect(result.rejects[1].reason.contains(" km from the median point of the file (lon 120.2"))
        #expect(result.rejects[1].reason.hasSuffix("); points more than 650 km away are taken as misplaced"))
        #expect(result.rejects[2].reason == "lon 12.5 / lat 41.9 (WGS84) is outside China (lon 73.5–135.1, lat 18.1–53.6)")
        #expect(result.rejects[3].reason == "lon 120.1 / lat 3.02 (WGS84) is outside China (lon 73.5–135.1, lat 18.1–53.6)")
        #expect(result.summary.rowsRead == 45)
        #expect(result.summary.rowsAccepted == 40)
        #expect(result.summary.rejectGroups.map(\.category) == [.nonNumericCoordinate, .outsideChina, .farFromOtherPoints])
    }

    @Test func convertedCoordinatesAndAllOrNothing() throws {
        let text = residences([("A", 120, 30), ("B", 120.1, 30.1), ("C", 120.2, 30.2)])
        var strict = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .allOrNothing)
        // The caller's conversion gave B no coordinate and moved C to Europe.
        let error = importError {
            try strict.rejectImplausibleLocations(longitudes: [120, .nan, 10], latitudes: [30, 30.1, 50])
        }
        guard case .rejectedRows(let first, let total) = error?.problem else {
            Issue.record("expected rejected rows, got \(String(describing: error))")
            return
        }
        #expect(total == 2)
        #expect(first.map(\.line) == [3, 4])
        #expect(first.map(\.category) == [.unconvertibleCoordinate, .outsideChina])
        #expect(strict.rows.count == 3)

        var lenient = try readResidences(data: Data(text.utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(try lenient.rejectImplausibleLocations(longitudes: [120, .nan, 10], latitudes: [30, 30.1, 50]) == [1, 2])
        #expect(lenient.rows.ids == ["A"])
        #expect(lenient.rejects.map(\.reason) == [
            "the coordinate could not be converted to WGS84",
            "lon 10 / lat 50 (WGS84) is outside China (lon 73.5–135.1, lat 18.1–53.6)",
        ])
    }

    /// Two regions of similar size are not outliers: nothing is rejected, a warning says why.
    @Test func manyFarPointsAreAWarningNotRejects() throws {
        var rows: [(String, Double, Double)] = []
        for index in 0..<30 { rows.append(("H\(index)", 120.1 + Double(index) * 0.001, 30.2)) }
        for index in 0..<12 { rows.append(("B\(index)", 116.4 + Double(index) * 0.001, 39.9)) }
        var result = try readResidences(data: Data(residences(rows).utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(try result.rejectImplausibleLocations().isEmpty)
        #expect(result.rows.count == 42)
        #expect(result.warnings.count == 1)
        #expect(result.warnings[0].hasPrefix("12 of 42 points are more than 650 km from the median point of the file"))
        #expect(result.summary.lines().last?.hasPrefix("warning: 12 of 42 points") == true)
    }

    /// The 650 km floor keeps every point of any Zhejiang-only file: files clustered at each extreme of the
    /// province outline, with the rest spread over the whole outline, lose nothing.
    @Test(.requires(.data(.provinceWGS84)))
    func zhejiangOutlineIsNeverFar() throws {
        let path = ZhejiangFile.provinceWGS84.path
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        var vertices: [(Double, Double)] = []
        func walk(_ value: Any) {
            if let pair = value as? [Double], pair.count >= 2 {
                vertices.append((pair[0], pair[1]))
            } else if let array = value as? [Any] {
                array.forEach(walk)
            } else if let object = value as? [String: Any] {
                object.values.forEach(walk)
            }
        }
        walk(json)
        #expect(vertices.count > 10_000)
        let extremes = [
            vertices.min { $0.0 < $1.0 }!, vertices.max { $0.0 < $1.0 }!,
            vertices.min { $0.1 < $1.1 }!, vertices.max { $0.1 < $1.1 }!,
            // Nearest to the south-west corner of the bounding box, the worst place for a median.
            vertices.min { hypot($0.0 - 118.02, $0.1 - 27.04) < hypot($1.0 - 118.02, $1.1 - 27.04) }!,
        ]
        let check = CSVLocationCheck()
        let spread = stride(from: 0, to: vertices.count, by: 97).map { vertices[$0] }
        for cluster in extremes {
            let points = Array(repeating: cluster, count: spread.count * 4) + spread
            let outcome = check.check(longitudes: points.map(\.0), latitudes: points.map(\.1))
            #expect(outcome.findings.isEmpty, "cluster at \(cluster)")
            #expect(outcome.warnings.isEmpty)
        }
    }

    @Test func medianAndRemovalAgreeWithSimpleReferences() {
        var random = SplitMix64(seed: 5)
        for _ in 0..<300 {
            let count = Int.random(in: 1...60, using: &random)
            var values = (0..<count).map { _ in Double(Int.random(in: -20...20, using: &random)) / 4 }
            let sorted = values.sorted()
            let reference = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
            #expect(CSVLocationCheck.median(&values) == reference)
            var array = Array(0..<count)
            let indices = (0..<count).filter { _ in Bool.random(using: &random) }
            array.remove(atSortedIndices: indices)
            #expect(array == (0..<count).filter { !indices.contains($0) })
        }
        #expect(abs(CSVLocationCheck.distance(120, 30, 121, 30) - 96_297) < 50)
    }
}

@Suite struct CSVSummaryTests {
    @Test func summaryLinesForAValidateCommand() throws {
        let result = try readServicePoints(data: try gb18030(chinesePoints), file: "站点.csv", options: CSVReadOptions(), policy: .skipBadRows)
        let summary = result.summary
        #expect(summary.rowsRead == 7)
        #expect(summary.rowsAccepted == 3)
        #expect(summary.rowsRejected == 4)
        #expect(summary.lines() == [
            "file: 站点.csv",
            "encoding: GB18030 (detected)",
            "delimiter: \",\" (detected)",
            "columns: id ← 编号, name ← 名称, kind ← 服务类型, level ← 层级, lon ← 经度, lat ← 纬度, county ← 区县代码",
            "rows: 7 read, 3 accepted, 4 rejected",
            "rejected, by reason:",
            "  longitude and latitude swapped: 1",
            "    line 8, column 经度: lon 30.28 / lat 120.12 look swapped: Zhejiang is at lon 118–123, lat 27–31; swap the lon and lat columns or map them with --column lon=纬度 --column lat=经度",
            "  unknown kind: 1",
            "    line 6, column 服务类型: unknown kind \"烹饪\"; accepted: \(acceptedKinds)",
            "  unknown level: 1",
            "    line 7, column 层级: unknown level \"区县\"; accepted: \(acceptedLevels)",
            "  invalid county code: 1",
            "    line 9, column 区县代码: \"西湖区\" is not a 6-digit county code (give the administrative code, e.g. 330106, not the name)",
        ])
    }

    @Test func examplesAreLimitedPerCategory() throws {
        let rows = (1...7).map { "R\($0),x,30,urban" }.joined(separator: "\n")
        let result = try readResidences(data: Data(("id,lon,lat,zone\n" + rows).utf8), file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        let group = try #require(result.summary.rejectGroups.first)
        #expect(group.count == 7)
        #expect(group.examples.map(\.line) == [2, 3, 4])
        #expect(Array(result.summary.lines().suffix(5)) == [
            "  non-numeric coordinate: 7",
            "    line 2, column lon: \"x\" is not a number",
            "    line 3, column lon: \"x\" is not a number",
            "    line 4, column lon: \"x\" is not a number",
            "    … and 4 more",
        ])
    }
}

/// The real village points (Vonng/adcode, 2016): 32,130 villages, 2,977 with coordinates.
@Suite struct CSVRealFileTests {
    @Test(.requires(.data(.villages2016)))
    func zhejiangVillagesWithMappedColumns() throws {
        let path = ZhejiangFile.villages2016.path
        // Without a mapping the reader finds no lon/lat/zone columns and names them.
        let unmapped = importError { _ = try readResidences(contentsOfFile: path, options: CSVReadOptions(), policy: .skipBadRows) }
        #expect(unmapped?.problem == .missingColumns(
            ["id", "lon", "lat", "zone"], expected: ["id", "lon", "lat", "population", "county", "zone", "name"],
            found: unmapped.flatMap { error -> [String]? in
                if case .missingColumns(_, _, let found) = error.problem { return found }
                return nil
            } ?? []))

        // id, lon and lat mapped: a residence still needs a zone, and the file's `county` column holds
        // names; ur_code holds NBS urban-rural codes and county_adcode_2016 the codes.
        let partial = importError {
            _ = try readResidences(
                contentsOfFile: path,
                options: CSVReadOptions(columns: try CSVColumnRole.mapping(["id=code", "lon=lon_wgs84", "lat=lat_wgs84"])),
                policy: .skipBadRows)
        }
        guard case .missingColumns(["zone"], _, _) = partial?.problem else {
            Issue.record("expected a missing zone column, got \(String(describing: partial))")
            return
        }
        let mapping = try CSVColumnRole.mapping([
            "id=code", "lon=lon_wgs84", "lat=lat_wgs84", "county=county_adcode_2016", "zone=ur_code",
        ])
        var result = try readResidences(contentsOfFile: path, options: CSVReadOptions(columns: mapping), policy: .skipBadRows)
        #expect(result.encoding == .utf8)
        #expect(result.rowsRead == 32_130)
        #expect(result.rows.count == 2_977)
        #expect(Set(result.rejects.map(\.category)) == [.missingCoordinate])
        #expect(result.rejects.count == 32_130 - 2_977)
        #expect(result.rejects.allSatisfy { $0.column == "lon_wgs84" && $0.reason == "missing coordinate" })
        #expect(result.rejects.first?.line == 2)
        // Every located village is in Zhejiang: the post-conversion check (already WGS84) keeps them all.
        #expect(try result.rejectImplausibleLocations().isEmpty)
        #expect(result.warnings.isEmpty)
        #expect(result.rows.count == 2_977)
        // Each accepted row's origin is its line in the file.
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for index in stride(from: 0, to: result.rows.count, by: 331) {
            let origin = result.origins[index]
            #expect(lines[origin.line - 1] == origin.rawText)
            #expect(origin.rawText.hasPrefix(result.rows.ids[index] + ","))
        }
        // The NBS urban-rural codes map to zones: 1xx urban, 2xx rural.
        #expect(Set(result.rows.zones) == [.urban, .rural])
    }
}

