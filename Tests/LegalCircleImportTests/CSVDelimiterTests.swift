import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@testable import LegalCircleImport

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
