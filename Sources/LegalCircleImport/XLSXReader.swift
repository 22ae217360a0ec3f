import Foundation
import LegalCircle
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads one sheet of an Excel workbook (.xlsx, Office Open XML SpreadsheetML, ECMA-376 Part 1 §18) as
/// the CSV text the CSV readers take, so that a workbook goes through exactly the header, value,
/// coordinate and reject rules of a CSV file.
///
/// The text is UTF-8 with `,` between fields and one line per sheet row: line *n* of the text is row
/// *n* of the sheet, so a reject's "line 7" is the row Excel shows as 7. Empty rows are blank lines
/// (which the CSV reader skips); every row has as many fields as the widest row, as Excel's "Save as
/// CSV" writes them.
///
/// Cells: shared strings (`t="s"`, rich text runs joined, phonetic guides left out), inline strings
/// (`t="inlineStr"`), formula strings (`t="str"`), numbers (the stored text, with an exponent written
/// out: `3.30127100003E+11` → `330127100003`), booleans (`TRUE`/`FALSE`) and errors (`#N/A`). A formula
/// cell gives its cached value (the `<v>` Excel saved), never the formula. A line break inside a cell
/// becomes a space, which keeps lines and rows in step.
public enum XLSXReader {
    /// The ZIP local file header signature, `PK\u{3}\u{4}`: how an .xlsx starts.
    public static let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// True when `data` is a ZIP archive holding a workbook (`xl/workbook.xml`).
    public static func isWorkbook(_ data: Data) -> Bool {
        guard data.starts(with: signature), let archive = try? Archive(data: data, accessMode: .read) else { return false }
        return archive["xl/workbook.xml"] != nil
    }

    /// The sheets of a workbook, in workbook order.
    public static func sheetNames(_ data: Data, file: String) throws(XLSXError) -> [String] {
        try Workbook(data: data, file: file).sheets.map(\.name)
    }

    /// One sheet as CSV text (see the type's description).
    /// - Parameters:
    ///   - sheet: the sheet's name (`--sheet`); nil for the first sheet.
    ///   - file: the path as the user gave it, for messages.
    /// - Returns: the text and the name of the sheet read.
    /// - Throws: `XLSXError` for a file that is not a readable workbook, or a sheet it does not have.
    /// - Complexity: O(bytes of the sheet and the shared strings).
    public static func csvText(_ data: Data, file: String, sheet: String?) throws(XLSXError) -> (text: Data, sheet: String) {
        let workbook = try Workbook(data: data, file: file)
        guard let chosen = sheet.map({ name in workbook.sheets.first { $0.name == name } }) ?? workbook.sheets.first else {
            if let sheet {
                throw XLSXError(
                    file: file,
                    "has no sheet \"\(sheet)\"; its sheets are " + workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", "))
            }
            throw XLSXError(file: file, "holds no sheet")
        }
        let strings = try workbook.sharedStrings()
        let rows = try workbook.rows(of: chosen, strings: strings)
        return (csv(rows), chosen.name)
    }

    /// Rows (by 1-based row number) of cells (by 0-based column) as CSV: one line per row number.
    static func csv(_ rows: [Int: [Int: String]]) -> Data {
        let width = rows.values.map { ($0.keys.max() ?? -1) + 1 }.max() ?? 0
        let last = rows.keys.max() ?? 0
        var text = ""
        text.reserveCapacity(rows.count * width * 8)
        for number in stride(from: 1, through: last, by: 1) {
            if let cells = rows[number], cells.values.contains(where: { !$0.isEmpty }) {
                for column in 0..<width {
                    if column > 0 { text.append(",") }
                    text.append(field(cells[column] ?? ""))
                }
            }
            text.append("\n")
        }
        return Data(text.utf8)
    }

    /// RFC 4180 quoting; line breaks become spaces so that a row stays one line.
    private static func field(_ value: String) -> String {
        var value = value
        if value.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            value = value.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "\r", with: " ")
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number cell's stored text as a CSV field: the text itself, except that an exponent is written
    /// out (Excel stores 330127100003 typed as a number as `3.30127100003E+11`).
    static func number(_ text: String) -> String {
        guard text.contains(where: { $0 == "E" || $0 == "e" }), let value = Double(text), value.isFinite else { return text }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// A workbook that cannot be read, or lacks what was asked of it.
public struct XLSXError: Error, CustomStringConvertible, LocalizedError, Sendable {
    public var file: String
    public var reason: String

    init(file: String, _ reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
    public var errorDescription: String? { description }
}

// MARK: - Parts

/// The parts of a workbook that reading a sheet needs.
private struct Workbook {
    struct Sheet {
        var name: String
        /// The part's path inside the archive, e.g. `xl/worksheets/sheet1.xml`.
        var path: String
    }

    let archive: Archive
    let file: String
    let sheets: [Sheet]

    init(data: Data, file: String) throws(XLSXError) {
        self.file = file
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw XLSXError(file: file, "is not a readable .xlsx workbook (a ZIP archive): \(error)")
        }
        guard let workbook = archive["xl/workbook.xml"] else {
            throw XLSXError(file: file, "is a ZIP archive without xl/workbook.xml, not an Excel .xlsx workbook")
        }
        let relations = try Self.relations(archive, file: file)
        let parser = SheetListParser()
        try Self.parse(Self.contents(of: workbook, in: archive, file: file), with: parser, part: "xl/workbook.xml", file: file)
        sheets = parser.sheets.compactMap { entry in
            guard let target = relations[entry.relation] else { return nil }
            return Sheet(name: entry.name, path: target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target)
        }
    }

    /// `xl/_rels/workbook.xml.rels`: relationship id → target, relative to `xl/` unless absolute.
    private static func relations(_ archive: Archive, file: String) throws(XLSXError) -> [String: String] {
        guard let entry = archive["xl/_rels/workbook.xml.rels"] else { return [:] }
        let parser = RelationsParser()
        try parse(contents(of: entry, in: archive, file: file), with: parser, part: "xl/_rels/workbook.xml.rels", file: file)
        return parser.targets
    }

    /// The shared string table (`xl/sharedStrings.xml`), empty when the workbook has none.
    func sharedStrings() throws(XLSXError) -> [String] {
        guard let entry = archive["xl/sharedStrings.xml"] else { return [] }
        let parser = SharedStringsParser()
        try Self.parse(Self.contents(of: entry, in: archive, file: file), with: parser, part: "xl/sharedStrings.xml", file: file)
        return parser.strings
    }

    /// The cells of a sheet by row number and column.
    func rows(of sheet: Sheet, strings: [String]) throws(XLSXError) -> [Int: [Int: String]] {
        guard let entry = archive[sheet.path] else {
            throw XLSXError(file: file, "sheet \"\(sheet.name)\" names a part \(sheet.path) that the archive lacks")
        }
        let parser = SheetParser(strings: strings)
        try Self.parse(Self.contents(of: entry, in: archive, file: file), with: parser, part: sheet.path, file: file)
        if let problem = parser.problem { throw XLSXError(file: file, "sheet \"\(sheet.name)\": \(problem)") }
        return parser.rows
    }

    static func contents(of entry: Entry, in archive: Archive, file: String) throws(XLSXError) -> Data {
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw XLSXError(file: file, "cannot unpack \(entry.path): \(error)")
        }
        return data
    }

    static func parse(_ data: Data, with delegate: some XMLParserDelegate, part: String, file: String) throws(XLSXError) {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML"
            throw XLSXError(file: file, "\(part) line \(parser.lineNumber): \(reason)")
        }
    }
}

// MARK: - Parsers (FoundationXML's streaming XMLParser, SAX style)

/// `<sheet name="…" r:id="rId1"/>` entries of `xl/workbook.xml`, in order.
private final class SheetListParser: NSObject, XMLParserDelegate {
    var sheets: [(name: String, relation: String)] = []

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard local(element) == "sheet", let name = attributes["name"] else { return }
        let relation = attributes.first { local($0.key) == "id" && $0.key != "sheetId" }?.value ?? ""
        sheets.append((name, relation))
    }
}

/// `<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>`.
private final class RelationsParser: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard local(element) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = target
    }
}

/// `<si>` items: the text of their `<t>` elements (plain, or inside `<r>` runs), without `<rPh>` guides.
private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch local(element) {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(element) {
        case "si": strings.append(current)
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}

/// `<row r="n"><c r="B3" t="…"><v>…</v><is><t>…</t></is></c></row>`.
private final class SheetParser: NSObject, XMLParserDelegate {
    let strings: [String]
    var rows: [Int: [Int: String]] = [:]
    var problem: String?

    private var rowNumber = 0
    private var nextColumn = 0
    private var cellColumn = 0
    private var cellType = ""
    private var value = ""
    private var inline = ""
    private var collecting: Collecting = .none
    private var phonetic = 0

    private enum Collecting { case none, value, inlineText }

    init(strings: [String]) { self.strings = strings }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch local(element) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            nextColumn = 0
        case "c":
            cellColumn = attributes["r"].flatMap(columnIndex) ?? nextColumn
            nextColumn = cellColumn + 1
            cellType = attributes["t"] ?? "n"
            value = ""
            inline = ""
        case "v": collecting = .value
        case "rPh": phonetic += 1
        case "t": if cellType == "inlineStr", phonetic == 0 { collecting = .inlineText }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(element) {
        case "v", "t": collecting = .none
        case "rPh": phonetic -= 1
        case "c":
            let text: String
            switch cellType {
            case "s":
                guard let index = Int(value), strings.indices.contains(index) else {
                    problem = problem ?? "cell \(SpreadsheetCell.columnName(cellColumn))\(rowNumber) refers to shared string \(value), which the workbook lacks"
                    return
                }
                text = strings[index]
            case "inlineStr": text = inline
            case "b": text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
            case "n": text = XLSXReader.number(value)
            default: text = value  // "str" (a formula's text), "e" (#N/A), "d" (ISO 8601 date)
            }
            if !text.isEmpty { rows[rowNumber, default: [:]][cellColumn] = text }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch collecting {
        case .value: value += string
        case .inlineText: inline += string
        case .none: break
        }
    }
}

/// An element's name without its namespace prefix (`x:row` → `row`).
private func local(_ name: String) -> String {
    name.split(separator: ":").last.map(String.init) ?? name
}

/// The 0-based column of a cell reference: `B3` → 1, `AA10` → 26.
private func columnIndex(_ reference: String) -> Int? {
    var column = 0
    var letters = 0
    for ascii in reference.utf8 {
        if ascii >= 65 && ascii <= 90 {
            column = column * 26 + Int(ascii - 64)
            letters += 1
        } else if ascii >= 97 && ascii <= 122 {
            column = column * 26 + Int(ascii - 96)
            letters += 1
        } else {
            break
        }
    }
    return letters > 0 ? column - 1 : nil
}
