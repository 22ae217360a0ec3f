import Foundation
import LegalCircle
import LegalCircleBench
import Testing

@testable import LegalCircleImport

/// A fresh folder under the system's temporary directory; files are written there and read back.
private struct TemporaryFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-tests-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

    func write(_ name: String, _ text: String) throws -> String { try write(name, Data(text.utf8)) }

    func write(_ name: String, _ bytes: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try bytes.write(to: file)
        return file.path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

private let residenceHeader = "id,lon,lat,population,county,zone\n"
let acceptedZones = "urban (城区, 城市, 111, 112, 121, 122, 123), rural (乡村, 农村, 210, 220), mountain (山区), island (海岛, 岛屿)"
let acceptedLevels = "province (省, 省级), city (市, 市级), county (县, 区, 县级), township (乡镇, 街道, 乡, 镇, 乡镇级), village (村, 社区, 村级), grid (网格)"
let acceptedKinds = "consultation (法律咨询), legal_aid (法律援助), mediation (调解, 人民调解), notary (公证), lawyer (律师), forensic (司法鉴定), arbitration (仲裁), publicity (法治宣传, 普法)"
private let pointHeader = "id,name,kind,level,lon,lat,county\n"

/// Reads residences from a real file with rows skipped, and returns the rejects.
private func residenceRejects(_ rows: String) throws -> (ResidenceTable, [RejectedRow]) {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write("residences.csv", residenceHeader + rows)
    let read = try readResidences(contentsOfFile: path, policy: .skipBadRows)
    return (read.residences, read.rejects)
}

private func pointRejects(_ rows: String) throws -> ([ServicePoint], [RejectedRow]) {
    let read = try readServicePoints(data: Data((pointHeader + rows).utf8), file: "points.csv", policy: .skipBadRows)
    return (read.points, read.rejects)
}

@Suite struct CSVSyntaxTests {
    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let text = pointHeader
            + "P1,\"Office, \"\"Central\"\"\",mediation;legal_aid,county,120.1,30.2,330102\n"
            + "P2,\"two\nlines\",consultation,village,120.2,30.3,\n"
            + "P3,plain,notary,city,120.3,30.4,330106\n"
        let read = try readServicePoints(data: Data(text.utf8), file: "points.csv", policy: .allOrNothing)
        #expect(read.points.map(\.name) == ["Office, \"Central\"", "two\nlines", "plain"])
        #expect(read.points[0].kinds == [.mediation, .legalAid])
        #expect(read.points[1].county == nil)
        // P3 starts on line 5 because P2's name spans lines 3 and 4.
        let (_, rejects) = try pointRejects("P1,a,mediation,village,1,2,\nP2,\"x\ny\",mediation,village,1,2,\nP3,b,none,village,1,2,\n")
        #expect(rejects.map(\.line) == [5])
    }

    @Test func crlfAndLoneCRLineBreaksAndBlankLines() throws {
        let lf = residenceHeader + "R1,120.1,30.1,5,330102,urban\nR2,120.2,30.2,,330102,rural\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = try readResidences(data: Data(lf.utf8), file: "a.csv", policy: .allOrNothing).residences
        let b = try readResidences(data: Data(crlf.utf8), file: "b.csv", policy: .allOrNothing).residences
        #expect(a == b)
        #expect(a.count == 2)
        #expect(a.populations == [5, 1])
        let (_, rejects) = try residenceRejects("\r\nR1,120.1,30.1,5,330102,urban\r\rR2,bad,30.2,,,rural\r\n")
        #expect(rejects.map(\.line) == [5])
        #expect(rejects.first?.rawText == "R2,bad,30.2,,,rural")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let text = "\u{FEFF}" + residenceHeader + "R1,120.1,30.1,5,330102,urban\n"
        let read = try readResidences(data: Data(text.utf8), file: "bom.csv", policy: .allOrNothing)
        #expect(read.residences.ids == ["R1"])
        #expect(csvHeaderLine(of: Data(text.utf8)) == "id,lon,lat,population,county,zone")
    }

    @Test func columnsInAnyOrderCaseAndExtrasIgnored() throws {
        let text = "Zone, LAT ,note,lon,id\nisland,30.0,\"a, b\",122.1,R9\n"
        let table = try readResidences(data: Data(text.utf8), file: "r.csv", policy: .allOrNothing).residences
        #expect(table[0] == Residence(id: "R9", location: GeoCoordinate(longitude: 122.1, latitude: 30), population: 1, county: nil, zone: .island))
    }

    @Test func lastFieldMayBeEmptyAtEndOfFile() throws {
        let text = pointHeader + "P1,a,mediation,village,120,30,"
        let points = try readServicePoints(data: Data(text.utf8), file: "p.csv", policy: .allOrNothing).points
        #expect(points.count == 1)
        #expect(points[0].county == nil)
    }
}

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
        let folder = try TemporaryFolder()
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

@Suite struct CSVFileErrorTests {
    private func error(_ bytes: Data, residences: Bool = true) -> CSVImportError? {
        importError {
            if residences {
                _ = try readResidences(data: bytes, file: "in.csv", policy: .skipBadRows)
            } else {
                _ = try readServicePoints(data: bytes, file: "in.csv", policy: .skipBadRows)
            }
        }
    }

    @Test func emptyFiles() {
        for text in ["", "\n\n", "\r\n", "\u{FEFF}"] {
            #expect(error(Data(text.utf8))?.problem == .empty)
        }
        #expect(error(Data())?.description == "in.csv: the file is empty")
    }

    @Test func headerOnly() {
        #expect(error(Data(residenceHeader.utf8))?.problem == .headerOnly)
        #expect(error(Data("id,name,kind,level,lon,lat,county\r\n\r\n".utf8), residences: false)?.problem == .headerOnly)
    }

    @Test func binaryFiles() {
        let nul = error(Data(residenceHeader.utf8) + Data([0x52, 0x00, 0x31]))
        #expect(
            nul?.description
                == "in.csv: not a CSV text file: it contains NUL bytes (the first on line 2, byte 2 of the line), so it is a "
                + "binary file; if it is text, remove the NUL bytes")
        let xlsx = error(Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]))
        #expect(xlsx?.description.contains("ZIP archive (an .xlsx workbook?)") == true)
        let utf16 = error(Data([0xFF, 0xFE]) + "id".data(using: .utf16LittleEndian)!)
        #expect(utf16?.description.contains("UTF-16") == true)
    }

    @Test func notCSVAtAll() {
        let json = error(Data("{\"type\": \"FeatureCollection\", \"features\": []}\n".utf8), residences: false)
        #expect(json?.description == """
            in.csv line 1: missing required columns id, kind, level, lon, lat; expected a header like \
            "id,name,kind,level,lon,lat,county", found "{"type": "FeatureCollection","features": []}"
              recognised names: id: id, 编号; kind: kind, 类型, 服务类型, 服务类别; level: level, 层级, 级别; \
            lon: lon, lng, longitude, 经度; lat: lat, latitude, 纬度; or map a column with ROLE=HEADER
            """)
        let missing = error(Data("id,lon,population\nR1,120,3\n".utf8))
        #expect(missing?.problem == .missingColumns(
            ["lat", "zone"], expected: ["id", "lon", "lat", "population", "county", "zone", "name"],
            found: ["id", "lon", "population"]))
    }

    @Test func duplicateAndMalformedHeaders() {
        #expect(error(Data("id,lon,lat,LAT,zone\nR1,1,2,3,urban\n".utf8))?.problem == .duplicateColumn("lat"))
        #expect(error(Data("id,\"lon\"x,lat,zone\nR1,1,2,urban\n".utf8))?.problem
            == .malformedHeader("text after the closing quote"))
    }

    @Test func unreadableFile() {
        let error = importError { _ = try readResidences(contentsOfFile: "/nonexistent/r.csv", policy: .allOrNothing) }
        guard case .unreadable = error?.problem else {
            Issue.record("expected unreadable, got \(String(describing: error))")
            return
        }
        #expect(error?.file == "/nonexistent/r.csv")
    }

    /// Random bytes and random damage to a valid file: the readers throw `CSVImportError` or return,
    /// never crash.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func fuzzNeverCrashes(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let valid = Array(
            (pointHeader + "P1,\"a, \"\"b\"\"\",mediation;legal_aid,village,120.1,30.2,330102\r\nP2,c,notary,city,121,29,\n").utf8)
        let alphabet = Array(",\"\r\n;.-+eE0123456789 abcxyz\u{FEFF}".utf8)
        for round in 0..<400 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<Int.random(in: 0..<300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            case 1:
                bytes = (0..<Int.random(in: 0..<300, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            default:
                bytes = valid
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    bytes[index] = alphabet.randomElement(using: &random)!
                }
            }
            let data = Data(bytes)
            for policy in [RowPolicy.allOrNothing, .skipBadRows] {
                _ = importError { _ = try readServicePoints(data: data, file: "fuzz.csv", policy: policy) }
                _ = importError { _ = try readResidences(data: data, file: "fuzz.csv", policy: policy) }
            }
            _ = csvHeaderLine(of: data)
        }
    }
}

@Suite struct CSVNumberTests {
    private func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { CSVNumber.parseDouble($0, 0, $0.count) }
    }

    @Test func acceptsDecimalsAndRejectsTheRest() {
        for text in ["0", "-0", "+1", "1.", ".5", "120.123456", "-33.5e2", "1E+05", "00012.50", "5e-324"] {
            #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        for text in ["", "-", ".", "e5", "1e", "1e+", "0x10", "inf", "nan", "1_0", "1.2.3", "12a", "1e400", " 1"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }

    /// Random decimal strings of every shape compared bit for bit with `Double(String)`.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func matchesDoubleFromString(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
        }
        for _ in 0..<20_000 {
            var text = ["", "-", "+"].randomElement(using: &random)!
            let integerDigits = Int.random(in: 0...(Bool.random(using: &random) ? 4 : 25), using: &random)
            let fractionDigits = Int.random(in: 0...(Bool.random(using: &random) ? 8 : 25), using: &random)
            text += digits(integerDigits)
            if fractionDigits > 0 || Bool.random(using: &random) { text += "." + digits(fractionDigits) }
            if integerDigits + fractionDigits == 0 { text += "7" }
            if Int.random(in: 0..<4, using: &random) == 0 {
                text += ["e", "E"].randomElement(using: &random)! + ["", "-", "+"].randomElement(using: &random)!
                text += String(Int.random(in: 0...330, using: &random))
            }
            let expected = Double(text)
            let parsed = parse(text)
            if let expected, expected.isFinite {
                #expect(parsed?.bitPattern == expected.bitPattern, "\(text)")
            } else {
                #expect(parsed == nil, "\(text)")
            }
        }
        // Coordinates as files carry them: up to 15 significant digits.
        for _ in 0..<20_000 {
            let value = Double.random(in: -180...180, using: &random)
            for text in [String(value), String(format: "%.6f", value), String(format: "%.9f", value)] {
                #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
            }
        }
    }
}

@Suite struct CSVWriterTests {
    @Test func pointsRoundTripThroughAFile() throws {
        let points = [
            ServicePoint(
                id: "P1", name: "西湖区公共法律服务中心", kinds: [.consultation, .legalAid, .notary], level: .county,
                location: GeoCoordinate(longitude: 120.1234564, latitude: 30.25), county: "330106"),
            ServicePoint(
                id: "P 2", name: " spaced, \"quoted\"\nand broken ", kinds: .mediation, level: .grid,
                location: GeoCoordinate(longitude: -0.0000004, latitude: -12.5), county: nil),
        ]
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("points.csv", csvData(points: points))
        let back = try readServicePoints(contentsOfFile: path, policy: .allOrNothing).points
        var expected = points
        expected[0].location.longitude = 120.123456
        expected[1].location.longitude = 0
        #expect(back == expected)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("id,name,kind,level,lon,lat,county\nP1,西湖区公共法律服务中心,consultation;legal_aid;notary,county,120.123456,30.250000,330106\n"))
        #expect(text.contains("P 2,\" spaced, \"\"quoted\"\"\nand broken \",mediation,grid,0.000000,-12.500000,\n"))
    }

    @Test func residencesRoundTripExactly() throws {
        var table = ResidenceTable()
        table.append(id: "R1", longitude: 120.1, latitude: 30.2, population: 12, county: "330102", zone: .urban)
        table.append(id: "R2", longitude: -179.999999, latitude: -89.5, population: 0.25, county: nil, zone: .island)
        // The largest population a row may have (`InputBounds.population`).
        table.append(id: "R3", longitude: 180, latitude: 90, population: 10_000_000, county: "330106", zone: .mountain)
        let data = csvData(residences: table)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix(
            "id,lon,lat,population,county,zone\nR1,120.100000,30.200000,12,330102,urban\nR2,-179.999999,-89.500000,0.25,,island\n"))
        let back = try readResidences(data: data, file: "r.csv", policy: .allOrNothing).residences
        #expect(back == table)
    }

    /// Random coordinates: reading the written text gives the coordinate rounded to 6 decimals, and
    /// writing it again gives the same bytes.
    @Test func writerReaderWriterIsStable() throws {
        var random = SplitMix64(seed: 99)
        var table = ResidenceTable()
        for index in 0..<5_000 {
            table.append(
                id: "R\(index)", longitude: Double.random(in: -180...180, using: &random),
                latitude: Double.random(in: -90...90, using: &random),
                population: Double(Int.random(in: 0...500, using: &random)), county: "330102", zone: .rural)
        }
        let first = csvData(residences: table)
        let back = try readResidences(data: first, file: "r.csv", policy: .allOrNothing).residences
        for index in 0..<table.count {
            #expect(abs(back.longitudes[index] - table.longitudes[index]) <= 5.000001e-7)
            #expect(back.latitudes[index] == Double(String(format: "%.6f", back.latitudes[index])))
        }
        #expect(csvData(residences: back) == first)
    }

    @Test func generatedDataRoundTripsExactly() throws {
        let generated = DemoGenerator(seed: 3).generate(residences: 3_000, points: 150)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pointsPath = try folder.write("points.csv", csvData(points: generated.points))
        let residencesPath = try folder.write("residences.csv", csvData(residences: generated.residences))
        #expect(try readServicePoints(contentsOfFile: pointsPath, policy: .allOrNothing).points == generated.points)
        #expect(try readResidences(contentsOfFile: residencesPath, policy: .allOrNothing).residences == generated.residences)
    }

    @Test func unsortedIDsStillFindDuplicates() throws {
        let rows = "R5,1,1,,,urban\nR7,1,1,,,urban\nR6,1,1,,,urban\nR7,1,1,,,urban\nR5,1,1,,,urban\nR8,1,1,,,urban\n"
        let (table, rejects) = try residenceRejects(rows)
        #expect(table.ids == ["R5", "R7", "R6", "R8"])
        #expect(rejects.map(\.reason) == ["duplicate id \"R7\" (first on line 3)", "duplicate id \"R5\" (first on line 2)"])
    }
}
