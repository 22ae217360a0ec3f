import Foundation
import LegalCircle
import ZIPFoundation

/// One cell of a workbook: text, a number (stored as a number, so Excel sums and sorts it), or nothing.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case empty

    /// A number, or an empty cell when missing or not finite (a workbook has no infinity).
    public static func number(_ value: Double?) -> XLSXCell {
        guard let value, value.isFinite else { return .empty }
        return .number(value)
    }

    public static func integer(_ value: Int) -> XLSXCell { .number(Double(value)) }

    /// Text, or an empty cell when missing or empty.
    public static func text(_ value: String?) -> XLSXCell {
        guard let value, !value.isEmpty else { return .empty }
        return .text(value)
    }
}

/// One sheet: a header row (bold, frozen, with a filter) and rows of cells.
public struct XLSXSheet: Sendable, Equatable {
    public var name: String
    public var header: [String]
    public var rows: [[XLSXCell]]
    /// Rows after the data set apart in bold, such as the total.
    public var footer: [[XLSXCell]]

    public init(name: String, header: [String], rows: [[XLSXCell]], footer: [[XLSXCell]] = []) {
        self.name = name
        self.header = header
        self.rows = rows
        self.footer = footer
    }

    /// A sheet of lines of text in one column (what a table's heading says: the run, the targets).
    public static func notes(_ name: String, title: String, lines: [String]) -> XLSXSheet {
        XLSXSheet(name: name, header: [title], rows: lines.map { [.text($0)] })
    }
}

/// Writes Excel workbooks (.xlsx, Office Open XML SpreadsheetML, ECMA-376 Part 1): one sheet per table,
/// the header row bold and frozen (it stays in view when scrolling) with an autofilter, numbers as
/// numbers, text as shared strings (never formulas, so nothing in a cell is evaluated), column widths
/// from the content (a Chinese character counting as two).
///
/// The ZIP container is written with ZIPFoundation (deflate). The parts are the minimum Excel, LibreOffice,
/// WPS and GDAL open without repair: `[Content_Types].xml`, `_rels/.rels`, `docProps/core.xml`,
/// `xl/workbook.xml` and its relationships, `xl/styles.xml`, `xl/sharedStrings.xml` and one
/// `xl/worksheets/sheetN.xml` per sheet.
public enum XLSXWriter {
    /// The workbook's bytes.
    /// - Throws: `XLSXWriteError` when the archive cannot be built.
    public static func workbook(_ sheets: [XLSXSheet], created: Date = Date()) throws -> Data {
        let names = uniqueSheetNames(sheets.map(\.name))
        var strings = SharedStrings()
        let sheetParts = sheets.map { worksheet($0, strings: &strings) }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", rootRelations),
            ("docProps/core.xml", coreProperties(created)),
            ("xl/workbook.xml", workbookPart(names)),
            ("xl/_rels/workbook.xml.rels", workbookRelations(sheetCount: sheets.count)),
            ("xl/styles.xml", styles),
            ("xl/sharedStrings.xml", strings.part),
        ]
        for (index, part) in sheetParts.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", part)) }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                    provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
            }
            guard let bytes = archive.data else { throw XLSXWriteError(reason: "the archive has no data") }
            return bytes
        } catch let error as XLSXWriteError {
            throw error
        } catch {
            throw XLSXWriteError(reason: "\(error)")
        }
    }

    // MARK: - Sheets

    /// Sheet names as Excel requires them: at most 31 characters, none of `[]:*?/\`, unique ignoring case.
    static func uniqueSheetNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.enumerated().map { index, name in
            var clean = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
            if clean.isEmpty { clean = "Sheet\(index + 1)" }
            var candidate = clean
            var number = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = String(clean.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    private static func worksheet(_ sheet: XLSXSheet, strings: inout SharedStrings) -> String {
        let width = max(sheet.header.count, (sheet.rows + sheet.footer).map(\.count).max() ?? 0)
        var widths = sheet.header.map { displayWidth($0) + 2 }
        widths += Array(repeating: 8, count: max(0, width - widths.count))
        for row in sheet.rows + sheet.footer {
            for (column, cell) in row.enumerated() {
                let text: String
                switch cell {
                case .text(let value): text = value
                case .number(let value): text = numberText(value)
                case .empty: text = ""
                }
                widths[column] = max(widths[column], min(60, displayWidth(text) + 2))
            }
        }
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """
        let lastRow = 1 + sheet.rows.count + sheet.footer.count
        xml += "<dimension ref=\"A1:\(SpreadsheetCell.columnName(max(width, 1) - 1))\(lastRow)\"/>"
        // The header row frozen: a pane split below row 1 (ECMA-376 §18.3.1.66 pane).
        xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if width > 0 {
            xml += "<cols>"
            for (index, columnWidth) in widths.enumerated() {
                xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(columnWidth)\" customWidth=\"1\"/>"
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        xml += row(1, sheet.header.map { XLSXCell.text($0) }, style: 1, strings: &strings)
        for (index, cells) in sheet.rows.enumerated() { xml += row(index + 2, cells, style: 0, strings: &strings) }
        for (index, cells) in sheet.footer.enumerated() {
            xml += row(index + 2 + sheet.rows.count, cells, style: 1, strings: &strings)
        }
        xml += "</sheetData>"
        if width > 0, !sheet.rows.isEmpty {
            xml += "<autoFilter ref=\"A1:\(SpreadsheetCell.columnName(width - 1))\(1 + sheet.rows.count)\"/>"
        }
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        xml += "</worksheet>"
        return xml
    }

    /// Style 0: plain; 1: bold (header and footer rows). Numbers use the General format, which shows
    /// what is stored.
    private static func row(_ number: Int, _ cells: [XLSXCell], style: Int, strings: inout SharedStrings) -> String {
        var xml = "<row r=\"\(number)\">"
        for (column, cell) in cells.enumerated() {
            let reference = "\(SpreadsheetCell.columnName(column))\(number)"
            let styleAttribute = style == 0 ? "" : " s=\"\(style)\""
            switch cell {
            case .text(let text):
                xml += "<c r=\"\(reference)\"\(styleAttribute) t=\"s\"><v>\(strings.index(of: text))</v></c>"
            case .number(let value) where value.isFinite:
                xml += "<c r=\"\(reference)\"\(styleAttribute)><v>\(numberText(value))</v></c>"
            case .number, .empty:
                if style != 0 { xml += "<c r=\"\(reference)\"\(styleAttribute)/>" }
            }
        }
        return xml + "</row>"
    }

    /// The shortest text that reads back to the same Double; integers without ".0".
    static func numberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Display width: 2 for East Asian wide characters, as in the terminal tables.
    private static func displayWidth(_ text: String) -> Int { TextTable.displayWidth(text) }

    // MARK: - Fixed parts

    private static func contentTypes(sheetCount: Int) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
            """
        for index in 1...max(sheetCount, 1) where index <= sheetCount {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    private static let rootRelations = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    private static func coreProperties(_ created: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let time = formatter.string(from: created)
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:creator>legalcircle</dc:creator>\
            <dcterms:created xsi:type="dcterms:W3CDTF">\(time)</dcterms:created>\
            </cp:coreProperties>
            """
    }

    private static func workbookPart(_ names: [String]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (index, name) in names.enumerated() {
            xml += "<sheet name=\"\(escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        return xml + "</workbook>"
    }

    private static func workbookRelations(sheetCount: Int) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for index in 0..<sheetCount {
            xml += "<Relationship Id=\"rId\(index + 1)\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                + "Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" "
            + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId\(sheetCount + 2)\" "
            + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return xml + "</Relationships>"
    }

    /// Two cell formats: plain, and bold (font 1); both General. The fonts name 等线 (DengXian), Excel's
    /// default for Chinese, which falls back to the system's font elsewhere.
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>\
        <font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    /// Text for XML character data and attributes: `& < > "` escaped, characters XML 1.0 forbids
    /// (control characters other than tab, line feed and carriage return) dropped.
    static func escaped(_ text: String) -> String {
        MarkupText.xmlEscaped(text, apostrophe: false, forbidden: .dropped)
    }
}

/// The shared string table: each distinct text once, cells refer to it by index.
private struct SharedStrings {
    private var indices: [String: Int] = [:]
    private var texts: [String] = []
    private var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        indices[text] = texts.count
        texts.append(text)
        return texts.count - 1
    }

    var part: String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\(references)" uniqueCount="\(texts.count)">
            """
        for text in texts {
            // Leading or trailing blanks are kept only with xml:space="preserve".
            let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true
            xml += "<si><t\(preserve ? " xml:space=\"preserve\"" : "")>\(XLSXWriter.escaped(text))</t></si>"
        }
        return xml + "</sst>"
    }
}

/// A workbook that could not be built.
public struct XLSXWriteError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { "cannot write the workbook: \(reason)" }
}
