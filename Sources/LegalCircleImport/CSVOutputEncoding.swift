import Foundation

/// The encoding of a CSV output (`--out-encoding`): Excel on Chinese Windows reads a CSV file without a
/// byte-order mark as GB18030 (its ANSI code page 936), so a UTF-8 file shows 千岛湖镇司法所 as mojibake
/// unless it starts with a BOM or is written in GB18030.
public enum CSVOutputEncoding: String, CaseIterable, Sendable {
    /// UTF-8 without a BOM (scripts, pandas, GIS tools).
    case utf8
    /// UTF-8 with a byte-order mark: Excel on any system opens it correctly.
    case utf8BOM = "utf8-bom"
    /// GB18030 (a superset of GBK): what Excel and WPS on Chinese Windows write as plain "CSV".
    case gb18030

    /// `utf8`, `utf-8`, `utf8-bom`, `utf-8-bom`, `bom`, `gb18030`, `gbk`.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "utf8", "utf-8": self = .utf8
        case "utf8-bom", "utf-8-bom", "utf8bom", "bom": self = .utf8BOM
        case "gb18030", "gbk", "gb2312": self = .gb18030
        default: return nil
        }
    }

    /// The text's bytes in this encoding.
    /// - Throws: `ImportError` when the system's iconv cannot encode GB18030.
    public func encode(_ text: String) throws -> Data {
        switch self {
        case .utf8: return Data(text.utf8)
        case .utf8BOM: return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .gb18030:
            var utf8 = Array(text.utf8)
            do {
                return try utf8.withUnsafeMutableBufferPointer { buffer throws(TranscodingError) in
                    try Transcoder.gb18030(fromUTF8: UnsafeBufferPointer(buffer))
                }
            } catch {
                throw ImportError("cannot write GB18030 (\(error)); use --out-encoding utf8-bom, which Excel also opens")
            }
        }
    }
}
