import Foundation
import LegalCircle

/// The bytes a reader parses for a user's file: the file itself, or for an Excel workbook (.xlsx, found by
/// its content, not its name) the CSV text of its sheet (`XLSXReader`), behind a UTF-8 byte-order mark so
/// that a rejects file written "in the input's encoding" opens in Excel without mojibake.
enum XLSXInput {
    /// - Returns: the data to parse and the options to parse it with (UTF-8 and `,` for a workbook).
    ///   `options.sheet` applies to workbooks only; a CSV file given with it is read as CSV.
    /// - Throws: `XLSXError` for a broken workbook or a sheet it lacks.
    static func prepare(_ data: Data, file: String, options: CSVReadOptions) throws -> (Data, CSVReadOptions) {
        guard XLSXReader.isWorkbook(data) else { return (data, options) }
        let (text, _) = try XLSXReader.csvText(data, file: file, sheet: options.sheet)
        var options = options
        options.encoding = .auto
        options.delimiter = .fixed(.comma)
        return (Data([0xEF, 0xBB, 0xBF]) + text, options)
    }
}

/// The sheet a workbook file is read from: `sheet`, or its first; nil when the file is not a workbook.
public func xlsxSheetName(ofFile path: String, sheet: String?) -> String? {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped), XLSXReader.isWorkbook(data)
    else { return nil }
    return sheet ?? (try? XLSXReader.sheetNames(data, file: path))?.first
}

/// A `validate` summary of a workbook: its sheet instead of the encoding and delimiter of the CSV text
/// the sheet was turned into.
public func workbookSummary(_ lines: [String], sheet: String, language: Language) -> [String] {
    var replaced = false
    return lines.flatMap { line -> [String] in
        let isText = ["encoding: ", "delimiter: ", "编码：", "分隔符："].contains { line.hasPrefix($0) }
        guard isText else { return [line] }
        defer { replaced = true }
        return replaced ? [] : [language == .zh ? "工作表：\(sheet)（Excel .xlsx 工作簿）" : "sheet: \(sheet) (Excel .xlsx workbook)"]
    }
}
