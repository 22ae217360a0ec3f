import Foundation
import LegalCircle
import Testing

@testable import LegalCircleImport

/// Random bytes and damaged real files fed to the readers over fixed seeds: they never crash, and every
/// row they accept passes an independent, simple validator that re-reads the row's original text.
@Suite struct CSVFuzzTests {
    // MARK: Base files

    static let canonicalPoints = #"""
        id,name,kind,level,lon,lat,county
        P1,"Office, ""Central""",mediation;legal_aid,county,120.1,30.2,330102
        P2,c,notary,city,121,29,
        P3,"two
        lines",consultation,village,120.35,30.01,330106
        P4,d,lawyer;forensic,township,119.9,28.7,330781
        P5,e,publicity,grid,122.1,30.0,330902

        """#
    static let chinesePoints = #"""
        编号,名称,服务类型,层级,经度,纬度,区县代码
        P1,西湖区公共法律服务中心,"法律咨询,法律援助",县级,120.130,30.259,330106
        P2,文新街道工作站,人民调解；公证,街道,120.11,30.29,330106
        P3,翠苑社区工作室,普法/律师,社区,120.12,30.28,
        P4,三墩镇,仲裁、司法鉴定,镇,120.09,30.33,330106
        P5,"某""站""",调解,网格,120.2,30.3,330106

        """#
    static let canonicalResidences = #"""
        id;lon;lat;population;county;zone
        R1;120.1;30.1;5;330102;urban
        R2;120.2;30.2;;330102;rural
        R3;119.1;29.1;0.5;330781;mountain
        R4;122.2;30.0;7;;island
        R5;120.3;30.3;12;330106;"urban"

        """#
    static let chineseResidences = """
        编号\t经度\t纬度\t人口\t区县代码\t区域类型
        R1\t120.1\t30.1\t5\t330102\t城区
        R2\t120.2\t30.2\t\t330102\t农村
        R3\t119.1\t29.1\t3\t330781\t山区
        R4\t122.2\t30.0\t7\t330902\t海岛
        R5\t120.3\t30.3\t1\t330106\t220

        """

    /// Bytes a mutation inserts: CSV syntax, number syntax, and bytes of GB18030 and UTF-8 sequences.
    static let alphabet: [UInt8] = Array(",;\t\"\r\n.-+eE0123456789 xyz".utf8) + [0x80, 0x81, 0xA1, 0xBE, 0xE4, 0xFE, 0xFF, 0x30, 0x39]

    // MARK: The test

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func readersNeverCrashNorAcceptBadRows(seed: UInt64) throws {
        var random = SplitMix64(seed: seed &* 7919)
        let bases: [(bytes: [UInt8], points: Bool)] = [
            (Array(Self.canonicalPoints.utf8), true), (Array(try gb18030(Self.chinesePoints)), true),
            (Array(Self.canonicalResidences.utf8), false), (Array(try gb18030(Self.chineseResidences)), false),
            (Array(("\u{FEFF}" + Self.chinesePoints).utf8), true),
        ]
        var accepted = 0
        var crossChecked = 0
        for round in 0..<300 {
            let bytes: [UInt8]
            var points = Bool.random(using: &random)
            if round % 10 == 0 {
                bytes = (0..<Int.random(in: 0..<400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            } else if round % 10 == 1 {
                bytes = (0..<Int.random(in: 0..<400, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! }
            } else {
                let base = bases.randomElement(using: &random)!
                points = base.points
                bytes = Self.mutate(base.bytes, count: Int.random(in: 1...5, using: &random), using: &random)
            }
            let data = Data(bytes)
            let options = Self.randomOptions(using: &random)
            for policy in [RowPolicy.allOrNothing, .skipBadRows] {
                do {
                    if points {
                        let result = try readServicePoints(data: data, file: "fuzz.csv", options: options, policy: policy)
                        accepted += result.rows.count
                        crossChecked += Self.validate(result, projected: options.coordinatesAreProjected)
                    } else {
                        var result = try readResidences(data: data, file: "fuzz.csv", options: options, policy: policy)
                        accepted += result.rows.count
                        crossChecked += Self.validate(result, projected: options.coordinatesAreProjected)
                        if !options.coordinatesAreProjected, policy == .skipBadRows {
                            try result.rejectImplausibleLocations()
                            Self.validate(result, projected: false)
                        }
                    }
                } catch is CSVImportError {
                    // A whole-file error is a correct outcome for damaged input.
                }
                _ = csvHeaderLine(of: data)
            }
        }
        // The mutations leave most rows intact, so the validator saw many accepted rows, most of them
        // simple enough to re-read field by field.
        #expect(accepted > 300)
        #expect(crossChecked > 200)
    }

    // MARK: Mutations

    static func mutate(_ original: [UInt8], count: Int, using random: inout SplitMix64) -> [UInt8] {
        var bytes = original
        for _ in 0..<count {
            guard !bytes.isEmpty else { break }
            let index = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<8, using: &random) {
            case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes[index] = alphabet.randomElement(using: &random)!
            case 2: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
            case 3: bytes.remove(at: index)
            case 4: bytes.insert(UInt8(ascii: "\""), at: index)
            case 5: bytes = swapFields(bytes, using: &random)
            case 6: bytes = duplicateLine(bytes, using: &random)
            default: bytes.insert([UInt8(ascii: ","), UInt8(ascii: ";"), 0x09].randomElement(using: &random)!, at: index)
            }
        }
        return bytes
    }

    /// Exchanges two fields of one line (e.g. lon and lat), splitting at any of `,` `;` tab.
    static func swapFields(_ bytes: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return bytes }
        let lineIndex = Int.random(in: 1..<lines.count, using: &random)
        let separators: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
        guard let separator = lines[lineIndex].first(where: { separators.contains($0) }) else { return bytes }
        var fields = lines[lineIndex].split(separator: separator, omittingEmptySubsequences: false).map(Array.init)
        guard fields.count > 1 else { return bytes }
        let a = Int.random(in: 0..<fields.count, using: &random)
        let b = Int.random(in: 0..<fields.count, using: &random)
        fields.swapAt(a, b)
        lines[lineIndex] = Array(fields.joined(separator: [separator]))
        return Array(lines.joined(separator: [0x0A]))
    }

    /// Copies one line after another (a duplicate id, or a second header).
    static func duplicateLine(_ bytes: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard !lines.isEmpty else { return bytes }
        let source = Int.random(in: 0..<lines.count, using: &random)
        lines.insert(lines[source], at: Int.random(in: 0...lines.count, using: &random))
        return Array(lines.joined(separator: [0x0A]))
    }

    static func randomOptions(using random: inout SplitMix64) -> CSVReadOptions {
        var options = CSVReadOptions()
        switch Int.random(in: 0..<6, using: &random) {
        case 0: options.encoding = .utf8
        case 1: options.encoding = .gb18030
        default: break
        }
        switch Int.random(in: 0..<8, using: &random) {
        case 0: options.delimiter = .fixed(.comma)
        case 1: options.delimiter = .fixed(.semicolon)
        case 2: options.delimiter = .fixed(.tab)
        default: break
        }
        options.coordinatesAreProjected = Int.random(in: 0..<5, using: &random) == 0
        return options
    }

    // MARK: The independent validator

    private static let kindNames: [String: ServiceKinds] = [
        "consultation": .consultation, "法律咨询": .consultation, "legal_aid": .legalAid, "法律援助": .legalAid,
        "mediation": .mediation, "调解": .mediation, "人民调解": .mediation, "notary": .notary, "公证": .notary,
        "lawyer": .lawyer, "律师": .lawyer, "forensic": .forensic, "司法鉴定": .forensic,
        "arbitration": .arbitration, "仲裁": .arbitration, "publicity": .publicity, "法治宣传": .publicity,
        "普法": .publicity,
    ]
    private static let levelNames: [String: ServiceLevel] = [
        "province": .province, "省": .province, "省级": .province, "city": .city, "市": .city, "市级": .city,
        "county": .county, "县": .county, "区": .county, "县级": .county, "township": .township,
        "乡镇": .township, "街道": .township, "乡": .township, "镇": .township, "乡镇级": .township,
        "village": .village, "村": .village, "社区": .village, "村级": .village, "grid": .grid, "网格": .grid,
    ]
    private static let zoneNames: [String: Zone] = [
        "urban": .urban, "城区": .urban, "城市": .urban, "111": .urban, "112": .urban, "121": .urban,
        "122": .urban, "123": .urban, "rural": .rural, "乡村": .rural, "农村": .rural, "210": .rural,
        "220": .rural, "mountain": .mountain, "山区": .mountain, "island": .island, "海岛": .island,
        "岛屿": .island,
    ]

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// Each field of an accepted row's original text by role, when the row and the header can be split
    /// without a CSV parser (no quotes, no line breaks); nil otherwise.
    private static func rawFields<Rows>(_ result: CSVReadResult<Rows>, row: Int) -> [CSVColumnRole: String]? {
        let raw = result.origins.rawText(at: row)
        let delimiter = Character(result.delimiter.rawValue)
        let header = result.headerLine
        guard !raw.contains("\""), !header.contains("\""), !raw.contains(where: \.isNewline) else { return nil }
        let fields = raw.split(separator: delimiter, omittingEmptySubsequences: false)
        let names = header.split(separator: delimiter, omittingEmptySubsequences: false).map(trimmed)
        #expect(fields.count == names.count, "field count of \(raw) against header \(header)")
        guard fields.count == names.count else { return nil }
        var byRole: [CSVColumnRole: String] = [:]
        for match in result.columns {
            guard let position = names.firstIndex(of: match.header) else { return nil }
            byRole[match.role] = trimmed(fields[position])
        }
        return byRole
    }

    private static func checkCoordinates(_ longitude: Double, _ latitude: Double, projected: Bool, _ raw: String) {
        #expect(longitude.isFinite && latitude.isFinite, "\(raw)")
        if !projected {
            #expect(abs(longitude) <= 180 && abs(latitude) <= 90, "\(raw)")
        }
    }

    private static func checkCommon<Rows>(_ result: CSVReadResult<Rows>, ids: [String]) {
        #expect(result.origins.count == result.rows.rowCount)
        #expect(result.rowsRead == result.rows.rowCount + result.rejects.count || result.policy == .allOrNothing)
        #expect(Set(ids).count == ids.count, "ids are unique")
        #expect(ids.allSatisfy { !$0.isEmpty && !$0.contains("\u{FFFD}") })
        // Every record has one line, after the header's.
        let lines = result.origins.map(\.line) + result.rejects.map(\.line)
        #expect(Set(lines).count == lines.count)
        #expect(lines.allSatisfy { $0 >= 2 })
        #expect(result.rejects.map(\.line) == result.rejects.map(\.line).sorted())
    }

    /// Returns how many rows were re-read from their raw text.
    @discardableResult
    static func validate(_ result: CSVReadResult<[ServicePoint]>, projected: Bool) -> Int {
        var crossChecked = 0
        checkCommon(result, ids: result.rows.map(\.id))
        for (index, point) in result.rows.enumerated() {
            let raw = result.origins.rawText(at: index)
            checkCoordinates(point.location.longitude, point.location.latitude, projected: projected, raw)
            #expect(!point.kinds.isEmpty && ServiceKinds.all.isSuperset(of: point.kinds), "\(raw)")
            #expect(point.county.map { $0.count == 6 && $0.allSatisfy { ("0"..."9").contains($0) } } ?? true, "\(raw)")
            #expect(!point.name.contains("\u{FFFD}"), "\(raw)")
            guard let fields = rawFields(result, row: index) else { continue }
            crossChecked += 1
            #expect(fields[.id] == point.id, "\(raw)")
            #expect(fields[.lon].flatMap(Double.init) == point.location.longitude, "\(raw)")
            #expect(fields[.lat].flatMap(Double.init) == point.location.latitude, "\(raw)")
            #expect((fields[.name] ?? "") == point.name, "\(raw)")
            #expect((fields[.county] ?? "") == (point.county ?? ""), "\(raw)")
            #expect(fields[.level].flatMap { levelNames[$0] } == point.level, "\(raw)")
            var kinds = ServiceKinds()
            var allKnown = true
            for part in (fields[.kind] ?? "").split(whereSeparator: { ";；、,，/".contains($0) }) {
                let name = part.trimmingCharacters(in: .whitespaces)
                if name.isEmpty { continue }
                if let kind = kindNames[name] { kinds.insert(kind) } else { allKnown = false }
            }
            #expect(allKnown && kinds == point.kinds, "\(raw)")
        }
        return crossChecked
    }

    /// Returns how many rows were re-read from their raw text.
    @discardableResult
    static func validate(_ result: CSVReadResult<ResidenceTable>, projected: Bool) -> Int {
        var crossChecked = 0
        let table = result.rows
        checkCommon(result, ids: table.ids)
        for index in 0..<table.count {
            let raw = result.origins.rawText(at: index)
            checkCoordinates(table.longitudes[index], table.latitudes[index], projected: projected, raw)
            #expect(table.populations[index].isFinite && table.populations[index] >= 0, "\(raw)")
            let county = table.county(at: index)
            #expect(county.map { $0.count == 6 && $0.allSatisfy { ("0"..."9").contains($0) } } ?? true, "\(raw)")
            guard let fields = rawFields(result, row: index) else { continue }
            crossChecked += 1
            #expect(fields[.id] == table.ids[index], "\(raw)")
            #expect(fields[.lon].flatMap(Double.init) == table.longitudes[index], "\(raw)")
            #expect(fields[.lat].flatMap(Double.init) == table.latitudes[index], "\(raw)")
            let population = fields[.population].map { $0.isEmpty ? 1 : Double($0) } ?? 1
            #expect(population == table.populations[index], "\(raw)")
            #expect((fields[.county] ?? "") == (county ?? ""), "\(raw)")
            #expect(fields[.zone].flatMap { zoneNames[$0] } == table.zones[index], "\(raw)")
        }
        return crossChecked
    }
}
