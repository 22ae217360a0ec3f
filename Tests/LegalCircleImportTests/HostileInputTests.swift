import Foundation
import LegalCircle
import Testing

@testable import LegalCircleImport

/// The readers against the inputs of issue 15: formula cells, extreme numbers, mixed encodings, huge
/// lines and fields, NUL bytes, bad boundary codes, unreadable files.
@Suite struct HostileInputTests {
    static let pointsHeader = "id,name,kind,level,lon,lat,county\n"

    static func points(_ text: String, options: CSVReadOptions = CSVReadOptions(), policy: RowPolicy = .skipBadRows) throws
        -> CSVReadResult<[ServicePoint]>
    {
        try readServicePoints(data: Data(text.utf8), file: "p.csv", options: options, policy: policy)
    }

    // MARK: Formula injection (fault 8)

    @Test(arguments: ["=1+1", "+A1", "-2+3", "@SUM(A1)", "\t=x", "\r=x", "=HYPERLINK(\"http://x\",\"y\")"])
    func formulaCellsAreNeutralisedAndReadBackUnchanged(value: String) throws {
        #expect(SpreadsheetCell.needsNeutralising(value))
        #expect(SpreadsheetCell.neutralised(value) == "'" + value)
        let point = ServicePoint(
            id: value, name: value, kinds: .mediation, level: .village, location: GeoCoordinate(longitude: 120.1, latitude: 30.2),
            county: nil)
        let csv = String(decoding: csvData(points: [point]), as: UTF8.self)
        let row = csv.split(separator: "\n", omittingEmptySubsequences: false)[1]
        #expect(row.hasPrefix("'") || row.hasPrefix("\"'"), "\(row)")
        // Tabs and CR are trimmed or quoted by the writer; the reader gives back the stored value.
        let read = try readServicePoints(data: csvData(points: [point]), file: "p.csv", policy: .allOrNothing).points
        #expect(read.first?.id == value && read.first?.name == value)
    }

    @Test func numbersAndOrdinaryTextAreLeftAlone() {
        for text in ["-3.5", "+7", "-1e5", "120.1", "", "P001", "'=", "上城区", " =1"] {
            #expect(!SpreadsheetCell.needsNeutralising(text), "\(text)")
        }
        #expect(SpreadsheetCell.needsNeutralising("-"))
        #expect(SpreadsheetCell.needsNeutralising("-inf") && SpreadsheetCell.needsNeutralising("+86 571 8888"))
    }

    /// A rejects file: every formula cell of the original rows gets its apostrophe, and once the bad
    /// value is fixed (as in Excel) the file re-imports the same values as the original rows.
    @Test func aRejectsFileFixedInASpreadsheetReimportsUnchanged() throws {
        let original = Self.pointsHeader
            + "=1+1,@cmd,mediation,village,north,30.2,330102\n"
            + "\"-x\",\" =2\",mediation,village,120.1,south,\n"
            + "ok,站,mediation,village,120.1,30.2,330102\n"
        let result = try Self.points(original)
        #expect(result.rejects.count == 2)
        let rejects = String(decoding: result.rejectsCSV(), as: UTF8.self)
        let lines = rejects.split(separator: "\n")
        #expect(lines[1].hasPrefix("'=1+1,'@cmd,mediation,village,north"), "\(lines[1])")
        #expect(lines[2].hasPrefix("\"'-x\",\" =2\","), "\(lines[2])")
        // Fixed: the bad coordinates replaced, the reason column dropped.
        let fixed = Self.pointsHeader
            + lines[1].replacingOccurrences(of: "north", with: "120.1").split(separator: ",", omittingEmptySubsequences: false).prefix(7).joined(separator: ",") + "\n"
            + lines[2].replacingOccurrences(of: "south", with: "30.2").split(separator: ",", omittingEmptySubsequences: false).prefix(7).joined(separator: ",") + "\n"
        let reread = try Self.points(fixed, policy: .allOrNothing)
        #expect(reread.rows.map(\.id) == ["=1+1", "-x"])
        #expect(reread.rows.map(\.name) == ["@cmd", " =2"], "a quoted blank stays, as on the first read")
    }

    // MARK: Extreme numbers (fault 6)

    @Test(arguments: ["1e19", "1e308", "10000001", "3e306"])
    func populationsBeyondTenMillionPerRowAreRejected(population: String) throws {
        let result = try readResidences(
            data: Data("id,lon,lat,population,county,zone\nR1,120.1,30.2,\(population),330102,urban\nR2,120.1,30.2,10000000,330102,urban\n".utf8),
            file: "r.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(result.rows.count == 1 && result.rows.populations == [10_000_000])
        #expect(result.rejects.first?.category == .populationOutOfRange)
        #expect(result.rejects.first?.description.contains("r.csv line 2, column population") == true)
    }

    // MARK: Encodings (fault 12)

    static let chinese = "编号,名称,服务类型,层级,经度,纬度,区县代码\nP1,西湖区公共法律服务中心,调解,县级,120.13,30.25,330106\nP2,文新街道工作站,公证,街道,120.11,30.29,330106\n"

    @Test func aUTF8ByteOrderMarkBeforeGB18030TextIsReadAsGB18030() throws {
        let data = Data(CSVInput.utf8BOM) + (try gb18030(Self.chinese))
        let auto = try readServicePoints(data: data, file: "p.csv", options: CSVReadOptions(), policy: .allOrNothing)
        #expect(auto.encoding == .gb18030 && auto.rows.map(\.name) == ["西湖区公共法律服务中心", "文新街道工作站"])
        // The remedy a message suggests works too: the mark is not left in the first header name.
        let forced = try readServicePoints(data: data, file: "p.csv", options: CSVReadOptions(encoding: .gb18030), policy: .allOrNothing)
        #expect(forced.rows.count == 2 && forced.header(of: .id) == "编号")
    }

    @Test func aUTF8LineInAGB18030FileIsNamedNotReadAsMojibake() throws {
        let data = (try gb18030(Self.chinese)) + Data("P3,翠苑社区法律服务工作室,调解,社区,120.12,30.28,330106\n".utf8)
        let error = importError { _ = try readServicePoints(data: data, file: "p.csv", options: CSVReadOptions(), policy: .skipBadRows) }
        #expect(error?.problem == .mixedEncodings(utf8Line: 4, otherLine: 1))
        #expect(error?.description.contains("p.csv line 4: this line is UTF-8 text while the file is GB18030") == true)
    }

    @Test func aGB18030RowUnderAUTF8HeaderIsRejectedAloneNotTheFileGarbled() throws {
        let data = Data("编号,名称,服务类型,层级,经度,纬度,区县代码\nP9,x,mediation,village,120.1,30.2,330106\n".utf8)
            + (try gb18030("P3,翠苑社区,调解,社区,120.12,30.28,330106\n"))
        let result = try readServicePoints(data: data, file: "p.csv", options: CSVReadOptions(), policy: .skipBadRows)
        #expect(result.encoding == .utf8 && result.header(of: .kind) == "服务类型")
        #expect(result.rows.map(\.id) == ["P9"])
        #expect(result.rejects.map(\.line) == [3] && result.rejects.first?.category == .invalidText)
    }

    @Test func theLineCensusCountsLinesNotBytes() throws {
        let gb = try gb18030("编号,名称\n1,西湖区公共法律服务中心\n2,文新街道\n")
        let census = gb.withUnsafeBytes { LineCensus($0.bindMemory(to: UInt8.self)) }
        #expect(census.utf8Lines == 0 && census.otherLines == 3 && !census.favoursUTF8)
        let utf8 = Data("编号,名称\n1,西湖区公共法律服务中心\n".utf8)
        #expect(utf8.withUnsafeBytes { LineCensus($0.bindMemory(to: UInt8.self)) }.utf8Lines == 2)
    }

    // MARK: Sizes (fault 13)

    @Test func aHugeLineFailsAtOnceWithItsLineNumber() throws {
        let big = Self.pointsHeader + "P1,a,mediation,village,120.1,30.2,\n" + String(repeating: "x", count: 50 << 20) + "\n"
        let clock = ContinuousClock()
        var error: CSVImportError?
        let elapsed = clock.measure { error = importError { _ = try Self.points(big) } }
        #expect(error?.problem == .lineTooLong(line: 3, length: 50 << 20))
        #expect(error?.description.contains("p.csv line 3: the line is 50 MB long, more than the 1 MB") == true)
        #expect(elapsed < .seconds(5), "refused in \(elapsed), not after a minute")
        // A header alone that long, too.
        let header = importError { _ = try Self.points(String(repeating: "h", count: 2 << 20) + "\n") }
        #expect(header?.problem == .lineTooLong(line: 1, length: 2 << 20))
    }

    @Test func aHugeFieldFailsWithItsLineAndField() throws {
        let name = String(repeating: "名", count: 30_000)  // 90,000 bytes, one line under 1 MB
        let error = importError { _ = try Self.points(Self.pointsHeader + "P1,x,mediation,village,120.1,30.2,\nP2,\(name),mediation,village,120.1,30.2,\n") }
        #expect(error?.problem == .fieldTooLong(line: 3, field: 2, length: 90_000))
        #expect(error?.description.contains("p.csv line 3, field 2: the field is 88 KB long, more than the 64 KB") == true)
        // A quoted field spanning lines counts as one record.
        let quoted = importError { _ = try Self.points(Self.pointsHeader + "P1,\"" + String(repeating: "a\n", count: 600_000) + "\",mediation,village,120,30,\n") }
        #expect(quoted?.problem == .lineTooLong(line: 2, length: 1_200_000 + 2 + 29))
    }

    @Test func aNULByteIsLocatedByLine() throws {
        let error = importError { _ = try Self.points(Self.pointsHeader + "P1,a,mediation,village,120.1,30.2,\nP2,b\0,mediation,village,120.1,30.2,\n") }
        #expect(error?.description.contains("the first on line 3, byte 5 of the line") == true, "\(String(describing: error))")
    }

    // MARK: Boundaries (faults 9 and 13)

    @Test(arguments: ["\"abc\"", "\"<b>x</b>\"", "\"=1+1\"", "\"1234567890123456789\"", "\"3301\"", "33010", "\"3301020\""])
    func boundaryCodesMustBeSixDigits(code: String) throws {
        let data = Data(
            """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"adcode":"330102"},"geometry":{"type":"Polygon","coordinates":[[[120,30],[120.1,30],[120.1,30.1],[120,30]]]}},
            {"type":"Feature","properties":{"adcode":\(code)},"geometry":{"type":"Polygon","coordinates":[[[121,30],[121.1,30],[121.1,30.1],[121,30]]]}}]}
            """.utf8)
        do {
            _ = try GeoJSONBoundaryReader.readBoundaries(data: data, file: "b.geojson")
            Issue.record("code \(code) was accepted")
        } catch let error as GeoJSONError {
            guard case .badValue(let feature, let property, let reason) = error.problem else {
                Issue.record("\(error)")
                return
            }
            #expect(feature == 1 && property == "adcode" && reason.contains("is not a 6-digit administrative code"))
        }
    }

    /// A county name of megabytes (the GeoJSON limit is the file's 128 MB) is refused with the feature
    /// like a CSV field over 64 KB; before, a 21 MB name made a 168 MB HTML report (as fault 13's station).
    @Test func aBoundaryNameBeyondTheFieldLimitIsRefused() throws {
        func boundaries(name: String) -> Data {
            Data(
                """
                {"type":"FeatureCollection","features":[
                {"type":"Feature","properties":{"adcode":"330102","name":"\(name)"},"geometry":{"type":"Polygon","coordinates":[[[120,30],[120.1,30],[120.1,30.1],[120,30]]]}}]}
                """.utf8)
        }
        let longest = String(repeating: "名", count: CSVInput.maximumFieldBytes / 3)
        #expect(try GeoJSONBoundaryReader.readBoundaries(data: boundaries(name: longest), file: "b.geojson").boundaries.first?.name == longest)
        do {
            _ = try GeoJSONBoundaryReader.readBoundaries(data: boundaries(name: longest + "名名"), file: "b.geojson")
            Issue.record("a name of \(longest.utf8.count + 6) bytes was accepted")
        } catch let error as GeoJSONError {
            #expect(error.description == "b.geojson features[0]: property \"name\": the text is 65 KB long, more than the 64 KB a name or zone may have; check the property", "\(error)")
        }
    }

    @Test func notJSONIsSaidInWordsWithAPosition() throws {
        let data = Data("{\"type\":\"FeatureCollection\",\n\"features\": [\n  {\"type\": \"Feature\" \"x\"}]}".utf8)
        do {
            _ = try GeoJSONBoundaryReader.readBoundaries(data: data, file: "b.geojson")
            Issue.record("accepted")
        } catch let error as GeoJSONError {
            #expect(error.description.hasPrefix("b.geojson: not valid JSON near line 3"), "\(error)")
            for raw in ["NSCocoaErrorDomain", "DecodingError", "dataCorrupted", "The data couldn", "Unexpected character"] {
                #expect(!error.description.contains(raw), "\(error)")
            }
        }
    }

    @Test func aGeoJSONFileBeyondTheSizeLimitIsRefusedBeforeReading() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("huge.geojson").path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(GeoJSONBoundaryReader.maximumFileSize + 1))  // sparse: no disk used
        try handle.close()
        do {
            _ = try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: path)
            Issue.record("accepted")
        } catch let error as GeoJSONError {
            #expect(error.description.contains("more than the 128 MB a boundary file may have"), "\(error)")
        }
    }

    // MARK: Messages (fault 14)

    @Test func unreadableFilesAreSaidInWords() throws {
        let error = importError { _ = try readServicePoints(contentsOfFile: "/nonexistent/p.csv", policy: .allOrNothing) }
        #expect(error?.description == "/nonexistent/p.csv: cannot be read: there is no such file (check the path)")
        let folder = importError { _ = try readServicePoints(contentsOfFile: "/tmp", policy: .allOrNothing) }
        #expect(folder?.description.contains("it is a folder") == true, "\(String(describing: folder))")
    }

    @Test func profileDecodingErrorsAreWords() throws {
        func message(_ json: String) -> String {
            do {
                _ = try TravelProfile.decode(json: Data(json.utf8))
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        let base = """
            "name": "t", "zones": {"urban": "walk", "rural": "cycle", "mountain": "drive", "island": "drive"},
            "modes": {"walk": {"speed_kmh": 4.8, "circuity": 1.2}, "cycle": {"speed_kmh": 12, "circuity": 1.3},
                      "drive": {"speed_kmh": SPEED, "circuity": 1.4}}
            """
        #expect(message("{\(base.replacingOccurrences(of: "SPEED", with: "30")), \"minutes\": \"15\"}") == "profile: \"minutes\" should be a number, found text")
        #expect(message("{\(base.replacingOccurrences(of: "SPEED", with: "30"))}") == "profile: missing \"minutes\"")
        #expect(message("{\"name\": ") .hasPrefix("profile: not valid JSON"))
        #expect(message("{\(base.replacingOccurrences(of: "SPEED", with: "1e300")), \"minutes\": 15}") == "profile: drive: speed_kmh must be between 1 and 200 km/h, got 1e+300")
        #expect(message("{\(base.replacingOccurrences(of: "SPEED", with: "30")), \"minutes\": 1e17}") == "profile: minutes must be between 1 and 240, got 1e+17")
        #expect(message("{\(base.replacingOccurrences(of: "SPEED", with: "30")), \"minutes\": 15}") == "accepted")
    }
}
