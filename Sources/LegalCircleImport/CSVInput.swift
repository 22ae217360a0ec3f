import Foundation
import LegalCircle

/// A CSV file made ready for scanning: checked not to be binary, converted to UTF-8 when it is GB18030,
/// and its delimiter chosen. Line numbers in `text` are those of the original file.
struct CSVInput {
    /// UTF-8 text: the original bytes (a UTF-8 file, or an all-ASCII one in any encoding), or the
    /// conversion of a GB18030 file.
    let text: Data
    let encoding: CSVTextEncoding
    let encodingWasForced: Bool
    /// No byte above 0x7F: every supported encoding reads the file the same way.
    let isASCII: Bool
    let delimiter: CSVDelimiter
    let delimiterWasForced: Bool

    /// - Throws: `CSVImportError` for binary content or a failed conversion.
    /// - Complexity: O(bytes): one pass to tell the encoding (skipped for forced UTF-8), one for a GB18030
    ///   conversion.
    init(data: Data, file: String, options: CSVReadOptions) throws {
        let prepared = try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> (Data?, CSVTextEncoding, Bool) in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let what = Self.binaryContent(bytes) {
                throw CSVImportError(file: file, problem: .binary(what))
            }
            if let (line, length) = Self.firstLongLine(bytes) {
                throw CSVImportError(file: file, problem: .lineTooLong(line: line, length: length))
            }
            let hasBOM = bytes.starts(with: Self.utf8BOM)
            // Excel and some converters put a UTF-8 byte-order mark even before GB18030 text: the body
            // decides the encoding, and the mark is dropped before a conversion.
            let body = hasBOM ? UnsafeBufferPointer(rebasing: bytes[Self.utf8BOM.count...]) : bytes
            let census = options.encoding == .utf8 ? nil : UTF8Census(body)
            let encoding: CSVTextEncoding
            switch options.encoding {
            case .utf8: encoding = hasBOM ? .utf8WithBOM : .utf8
            case .gb18030: encoding = .gb18030
            case .auto:
                if census!.isValid {
                    encoding = hasBOM ? .utf8WithBOM : .utf8
                } else {
                    // Line by line, so that one line in another encoding cannot turn the whole file into
                    // mojibake: UTF-8 unless more lines are not UTF-8 than are (those lines are then
                    // rejected one by one as invalid text); GB18030 otherwise, and a UTF-8 line in it
                    // is an error naming that line.
                    let lines = LineCensus(body)
                    if lines.favoursUTF8 {
                        encoding = hasBOM ? .utf8WithBOM : .utf8
                    } else if let utf8Line = lines.firstUTF8Line {
                        throw CSVImportError(
                            file: file, problem: .mixedEncodings(utf8Line: utf8Line, otherLine: lines.firstOtherLine ?? 1))
                    } else {
                        encoding = .gb18030
                    }
                }
            }
            let isASCII = census?.isASCII ?? false
            guard encoding == .gb18030, !isASCII else { return (nil, encoding, isASCII) }
            do {
                return (try Transcoder.utf8(fromGB18030: body), encoding, false)
            } catch {
                throw CSVImportError(file: file, problem: .transcodingFailed("\(error)"))
            }
        }
        text = prepared.0 ?? data
        encoding = prepared.1
        isASCII = prepared.2
        encodingWasForced = options.encoding != .auto
        if case .fixed(let delimiter) = options.delimiter {
            self.delimiter = delimiter
            delimiterWasForced = true
        } else {
            delimiter = text.withUnsafeBytes { Self.detectDelimiter($0.bindMemory(to: UInt8.self)) }
            delimiterWasForced = false
        }
    }

    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The longest line (or quoted record) a file may have: a row of a points or residences table is
    /// well under 1 KB; a 50 MB "line" is not a table and took a minute and 2 GB to be refused.
    static let maximumLineBytes = 1 << 20
    /// The longest field: no id, name or kind list comes near it, and a report of every station's name
    /// stays small.
    static let maximumFieldBytes = 64 << 10

    /// The first physical line longer than `maximumLineBytes` and its length, found before anything is
    /// parsed, so such a file fails at once.
    ///
    /// Jumps a window of `maximumLineBytes + 1` bytes at a time to the last line feed in it (found by a
    /// short backward scan): every line inside the window is shorter than the limit; a window without
    /// a line feed is a line that is too long. Line numbers are counted only then.
    /// - Complexity: O(bytes / maximumLineBytes) windows of a few bytes each, O(bytes) on failure.
    static func firstLongLine(_ bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, length: Int)? {
        guard let base = bytes.baseAddress else { return nil }
        var start = 0
        while bytes.count - start > maximumLineBytes {
            // A line ends at LF, CRLF or a lone CR, as the scanner reads them.
            var index = start + maximumLineBytes
            while index >= start, base[index] != 0x0A, base[index] != 0x0D { index -= 1 }
            if index >= start {
                start = index + 1
                continue
            }
            var end = start
            while end < bytes.count, base[end] != 0x0A, base[end] != 0x0D { end += 1 }
            var line = 1
            for offset in 0..<start
            where base[offset] == 0x0A || (base[offset] == 0x0D && (offset + 1 == bytes.count || base[offset + 1] != 0x0A)) {
                line += 1
            }
            return (line, end - start)
        }
        return nil
    }

    /// How the file would read in another encoding, for a hint when its header does not match: nil
    /// when the choice made cannot be the problem.
    static func encodingHint(_ data: Data, used: CSVTextEncoding, forced: Bool, language: Language = .en) -> String? {
        let zh = language == .zh
        let census = data.withUnsafeBytes { UTF8Census($0.bindMemory(to: UInt8.self)) }
        if census.isASCII { return nil }
        switch used {
        case .gb18030 where census.isValid:
            if zh { return "文件是有效的 UTF-8 文本，却按 GB18030 读取\(forced ? "（指定的编码）" : "")；请用 --encoding auto 或 utf8 读取" }
            return "the file is valid UTF-8 text but was read as GB18030\(forced ? " (forced)" : ""); "
                + "read it with encoding auto or utf8"
        case .utf8, .utf8WithBOM:
            guard !census.isValid else { return nil }
            if zh {
                return "文件不是有效的 UTF-8 文本\(census.looksLikeUTF8 ? "" : "，像是 GB18030/GBK")；"
                    + "请用 --encoding \(forced ? "auto 或 " : "")gb18030 读取，或在 Excel 中另存为“CSV UTF-8”"
            }
            return "the file is not valid UTF-8 text\(census.looksLikeUTF8 ? "" : " and looks like GB18030/GBK"); "
                + "read it with encoding \(forced ? "auto or " : "")gb18030, or save it as \"CSV UTF-8\""
        default:
            return nil
        }
    }

    // MARK: Binary content

    /// Why the bytes are not CSV text, or nil when they may be.
    static func binaryContent(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let signatures: [([UInt8], String)] = [
            ([0x50, 0x4B, 0x03, 0x04], "it is a ZIP archive (an .xlsx workbook?); export the sheet as \"CSV UTF-8\""),
            ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "it is an old Excel .xls workbook (or another OLE2 file); save the sheet as \"CSV UTF-8\""),
            ([0xFF, 0xFE], "it is UTF-16 text (\"Unicode text\" in Excel); save it as UTF-8"),
            ([0xFE, 0xFF], "it is UTF-16 text (\"Unicode text\" in Excel); save it as UTF-8"),
            (Array("%PDF".utf8), "it is a PDF document"),
            ([0x89, 0x50, 0x4E, 0x47], "it is a PNG image"),
            ([0xFF, 0xD8, 0xFF], "it is a JPEG image"),
            ([0x1F, 0x8B], "it is a gzip archive; decompress it first"),
            ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "it is a 7-Zip archive; extract it first"),
            (Array("Rar!".utf8), "it is a RAR archive; extract it first"),
            (Array("SQLite format 3".utf8), "it is an SQLite database"),
        ]
        for (signature, what) in signatures where bytes.starts(with: signature) { return what }
        guard let base = bytes.baseAddress else { return nil }
        if let nul = memchr(base, 0, bytes.count) {
            let offset = UnsafeRawPointer(nul) - UnsafeRawPointer(base)
            var line = 1
            var lineStart = 0
            for index in 0..<offset where base[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            return "it contains NUL bytes (the first on line \(line), byte \(offset - lineStart + 1) of the line), "
                + "so it is a binary file; if it is text, remove the NUL bytes"
        }
        // Control characters other than tab, line breaks, vertical tab, form feed and Ctrl-Z in the first
        // 64 KiB: text files have none, binary files plenty.
        let sample = min(bytes.count, 65_536)
        var controls = 0
        for index in 0..<sample {
            let byte = base[index]
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0B && byte != 0x0C && byte != 0x0D
                && byte != 0x1A
            {
                controls += 1
            }
        }
        if controls > max(8, sample / 100) {
            return "it contains \(controls) control characters in its first \(sample) bytes, so it is a binary file"
        }
        return nil
    }

    // MARK: Delimiter

    /// The delimiter among `,` `;` tab that splits the header into the most fields, preferring one that
    /// gives the same field count on the first 20 data records; `,` when none splits the header.
    /// - Complexity: O(length of the first 21 records).
    static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> CSVDelimiter {
        var best = CSVDelimiter.comma
        var bestScore = (consistentRows: -1, headerFields: 1)
        var fields = CSVFieldList()
        for candidate in CSVDelimiter.allCases {
            var scanner = CSVScanner(bytes: bytes, delimiter: candidate.byte)
            guard scanner.nextRecord(into: &fields) != nil else { return .comma }
            let headerFields = fields.count
            guard headerFields > 1 else { continue }
            var consistent = 0
            for _ in 0..<20 {
                guard scanner.nextRecord(into: &fields) != nil else { break }
                if fields.count == headerFields { consistent += 1 }
            }
            if consistent > bestScore.consistentRows
                || (consistent == bestScore.consistentRows && headerFields > bestScore.headerFields)
            {
                best = candidate
                bestScore = (consistent, headerFields)
            }
        }
        return best
    }
}
