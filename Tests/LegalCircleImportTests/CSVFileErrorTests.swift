import Foundation
import LegalCircle
import LegalCircleBench
import Testing

@testable import LegalCircleImport

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
