import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleTestSupport
import Projection
import Testing

/// The coordinate-system check on the shipped real points: the 1,255 located township seats and the
/// 2,977 located villages carry both GCJ-02 (as published) and WGS84 (derived) columns and their 2016
/// county codes. Declared right, in either system, the check stays silent; declared wrong it flags the
/// true system.
@Suite(.requires(.data(.countiesWGS84, .towns2016, .villages2016)))
struct CoordinateSystemCheckRealDataTests {
    struct Located {
        var wgs: [(Double, Double)] = []
        var gcj: [(Double, Double)] = []
        var codes: [String] = []
    }

    static func located(_ file: ZhejiangFile) throws -> Located {
        var result = Located()
        for row in try file.csvRows() {
            guard let gx = Double(row["lon_gcj02"] ?? ""), let gy = Double(row["lat_gcj02"] ?? ""),
                let wx = Double(row["lon_wgs84"] ?? ""), let wy = Double(row["lat_wgs84"] ?? "")
            else { continue }
            result.gcj.append((gx, gy))
            result.wgs.append((wx, wy))
            result.codes.append(row["county_adcode_2016"] ?? "")
        }
        return result
    }

    static let index: CountyIndex? = {
        guard let file = try? GeoJSONBoundaryReader.readBoundaries(contentsOfFile: ZhejiangFile.countiesWGS84.path) else { return nil }
        return CountyIndex(boundaries: file.boundaries)
    }()
    static let table = try? CountyTableLoader.load(dataFolder: Repository.dataFolder)

    /// Runs the check on raw coordinates `raw` (as a file would give them) declared as `declared`.
    static func check(
        raw: [(Double, Double)], codes: [String]?, declared: CoordinateReading
    ) throws -> CoordinateSystemCheck {
        let stored = raw.map { declared.wgs84(longitude: $0.0, latitude: $0.1) }
        var catalog = CountyCatalog()
        let indices = (codes ?? Array(repeating: "", count: raw.count)).map { catalog.intern($0) }
        return CoordinateSystemCheck.run(
            longitudes: stored.map(\.longitude), latitudes: stored.map(\.latitude), countyIndices: indices,
            codes: catalog.codes, declared: declared, index: try #require(index), crosswalk: table)
    }

    static func bd09(_ wgs: [(Double, Double)]) -> [(Double, Double)] {
        wgs.map { let p = ChineseOffsets.wgs84ToBD09(longitude: $0.0, latitude: $0.1); return (p.longitude, p.latitude) }
    }

    static func describe(_ name: String, _ check: CoordinateSystemCheck) -> String {
        "\(name): declared \(check.declared.name), verdict \(check.verdict), " + check.details.joined(separator: "; ")
    }

    @Test(arguments: [ZhejiangFile.towns2016, .villages2016])
    func silentWhenDeclaredRightFlagsWhenDeclaredWrong(_ file: ZhejiangFile) throws {
        let data = try Self.located(file)
        let expectedRows = file == .towns2016 ? 1255 : 2977
        #expect(data.wgs.count == expectedRows)

        let rightWGS = try Self.check(raw: data.wgs, codes: data.codes, declared: .wgs84)
        let rightGCJ = try Self.check(raw: data.gcj, codes: data.codes, declared: .gcj02)
        let rightBD = try Self.check(raw: Self.bd09(data.wgs), codes: data.codes, declared: .bd09)
        let gcjAsWGS = try Self.check(raw: data.gcj, codes: data.codes, declared: .wgs84)
        let wgsAsGCJ = try Self.check(raw: data.wgs, codes: data.codes, declared: .gcj02)
        let bdAsGCJ = try Self.check(raw: Self.bd09(data.wgs), codes: data.codes, declared: .gcj02)
        let bdAsWGS = try Self.check(raw: Self.bd09(data.wgs), codes: data.codes, declared: .wgs84)
        for (name, check) in [
            ("WGS84 as WGS84", rightWGS), ("GCJ-02 as GCJ-02", rightGCJ), ("BD-09 as BD-09", rightBD),
            ("GCJ-02 as WGS84", gcjAsWGS), ("WGS84 as GCJ-02", wgsAsGCJ), ("BD-09 as GCJ-02", bdAsGCJ),
            ("BD-09 as WGS84", bdAsWGS),
        ] {
            print("\(file.rawValue) \(Self.describe(name, check))")
        }
        for check in [rightWGS, rightGCJ, rightBD] {
            #expect(!check.isFlagged, "\(Self.describe("declared right", check))")
        }
        #expect(rightWGS.verdict == .confirmed && rightGCJ.verdict == .confirmed)
        #expect(gcjAsWGS.verdict.flaggedReading == .gcj02, "\(Self.describe("GCJ-02 as WGS84", gcjAsWGS))")
        #expect(wgsAsGCJ.verdict.flaggedReading == .wgs84, "\(Self.describe("WGS84 as GCJ-02", wgsAsGCJ))")
        #expect(bdAsGCJ.verdict.flaggedReading == .bd09, "\(Self.describe("BD-09 as GCJ-02", bdAsGCJ))")
        #expect(bdAsWGS.verdict.flaggedReading == .bd09, "\(Self.describe("BD-09 as WGS84", bdAsWGS))")
    }

    /// Without county codes only land and sea speak: never a false alarm.
    @Test(arguments: [ZhejiangFile.towns2016, .villages2016])
    func withoutCodesNeverFlagsARightDeclaration(_ file: ZhejiangFile) throws {
        let data = try Self.located(file)
        for (raw, declared) in [(data.wgs, CoordinateReading.wgs84), (data.gcj, .gcj02), (Self.bd09(data.wgs), .bd09)] {
            let check = try Self.check(raw: raw, codes: nil, declared: declared)
            print("\(file.rawValue) no codes \(Self.describe("right", check))")
            #expect(!check.isFlagged, "\(Self.describe("no codes", check))")
        }
    }
}

extension CoordinateSystemCheck.Verdict {
    var flaggedReading: CoordinateReading? {
        if case .flagged(let reading, _) = self { return reading }
        return nil
    }
}
