import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleReports
import LegalCircleSession

/// `--out-encoding` for the commands that write CSV.
struct OutputEncodingOptions: ParsableArguments {
    @Option(
        name: .customLong("out-encoding"),
        help: help(
            "CSV 输出的编码：utf8（默认）、utf8-bom（Excel 直接打开不乱码）或 gb18030（中文 Windows 上 Excel 的“CSV”）。",
            "Encoding of CSV output: utf8 (default), utf8-bom (Excel opens it without mojibake) or gb18030 (what Excel on Chinese Windows calls CSV)."))
    var outEncoding: CSVOutputEncoding = .utf8

    /// The encoding of an output in `format`: `--out-encoding` for CSV, UTF-8 for everything else.
    func encoding(for format: some CommandFormat) -> CSVOutputEncoding {
        format.rawValue == "csv" ? outEncoding : .utf8
    }
}

extension CSVOutputEncoding: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// Writes text in an encoding to a file (checked and renamed into place as `emit` does) or to standard output.
func emit(_ text: String, to path: String?, encoding: CSVOutputEncoding, option: String = "--out") throws {
    guard encoding != .utf8 else { return try emit(text, to: path, option: option) }
    let body = try encoding.encode(text.hasSuffix("\n") ? text : text + "\n")
    try emitData(body, to: path, option: option)
}

/// Writes bytes to a file, checked against the database and the inputs and renamed into place, or to
/// standard output.
func emitData(_ data: Data, to path: String?, option: String = "--out") throws {
    guard let path else {
        FileHandle.standardOutput.write(data)
        return
    }
    try OutputFile.write(data, to: path, option: option, protecting: OutputGuard.protected)
}

/// Writes a workbook to `--out` and says so.
func emitWorkbook(_ sheets: [XLSXSheet], to path: String?) throws {
    guard let path else { throw CommandError(tr("xlsx 需要 --out FILE.xlsx", "xlsx needs --out FILE.xlsx")) }
    try emitData(try XLSXWriter.workbook(sheets), to: path)
    note(tr("已写入 \(path)（\(sheets.count) 个工作表）", "wrote \(path) (\(sheets.count) sheets)"))
}

/// The language of a workbook: Chinese headers unless `--lang en` (like web pages).
var workbookLanguage: Language { UI.pageLanguage }

extension CommandFormat {
    /// xlsx is binary: it goes to a file.
    func requireFile(_ out: String?) throws {
        if isXLSX, out == nil {
            throw ValidationError(tr("--format xlsx 需要 --out FILE.xlsx", "--format xlsx needs --out FILE.xlsx"))
        }
    }
}
