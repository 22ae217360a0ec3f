import Foundation

/// A table of text cells, rendered with aligned columns for a terminal or as a Markdown table.
///
/// Widths count East Asian wide characters (汉字, full-width forms) as two terminal columns, so tables
/// with Chinese names stay aligned.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var header: [String]
    public var rows: [[String]]
    /// Rows set apart after a rule, such as the total.
    public var footer: [[String]]
    public var alignments: [Alignment]

    /// - Parameter alignments: per column; by default numeric columns are right-aligned, others left.
    public init(header: [String], rows: [[String]], footer: [[String]] = [], alignments: [Alignment]? = nil) {
        self.header = header
        self.rows = rows
        self.footer = footer
        self.alignments = alignments ?? header.indices.map { column in
            let cells = (rows + footer).compactMap { column < $0.count ? $0[column] : nil }.filter { !$0.isEmpty }
            return !cells.isEmpty && cells.allSatisfy(Self.looksNumeric) ? .right : .left
        }
    }

    /// Aligned columns two spaces apart, a dashed rule under the header and before the footer; every
    /// line has the same display width and ends with a newline.
    public func render() -> String {
        let table = ([header] + rows + footer).map { $0.map(Self.terminalSafe) }
        let widths = columnWidths(table)
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * max(widths.count - 1, 0))
        var lines = table.map { line(cells: $0, widths: widths, separator: "  ") }
        if !footer.isEmpty { lines.insert(rule, at: 1 + rows.count) }
        lines.insert(rule, at: 1)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A GitHub-flavoured Markdown table; footer cells are bold; Markdown punctuation is escaped.
    public func markdown() -> String {
        let bold = footer.map { $0.map { $0.isEmpty ? $0 : "**\(Self.markdownEscaped($0))**" } }
        let table = [header.map(Self.markdownEscaped)] + rows.map { $0.map(Self.markdownEscaped) } + bold
        let widths = columnWidths(table).map { max($0, 3) }
        let ruleCells = widths.indices.map { column in
            alignment(column) == .right ? String(repeating: "-", count: widths[column] - 1) + ":" : String(repeating: "-", count: widths[column])
        }
        var lines = table.map { "| " + line(cells: $0, widths: widths, separator: " | ") + " |" }
        lines.insert("| " + ruleCells.joined(separator: " | ") + " |", at: 1)
        return lines.joined(separator: "\n") + "\n"
    }

    private func alignment(_ column: Int) -> Alignment { column < alignments.count ? alignments[column] : .left }

    private func columnWidths(_ table: [[String]]) -> [Int] {
        header.indices.map { column in
            table.map { column < $0.count ? Self.displayWidth($0[column]) : 0 }.max() ?? 0
        }
    }

    private func line(cells: [String], widths: [Int], separator: String) -> String {
        widths.indices.map { column in
            let cell = column < cells.count ? cells[column] : ""
            let padding = String(repeating: " ", count: widths[column] - Self.displayWidth(cell))
            return alignment(column) == .right ? padding + cell : cell + padding
        }.joined(separator: separator)
    }

    // MARK: - Cells

    /// Terminal columns taken by `text`: 2 for East Asian wide and full-width characters, 0 for
    /// combining marks and format characters, 1 otherwise (the ranges of Markus Kuhn's `wcwidth.c`,
    /// with ambiguous-width characters such as "–" counted as 1).
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format, .control: width
            default: width + (isWide(scalar.value) ? 2 : 1)
            }
        }
    }

    private static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || v == 0x2329 || v == 0x232A
            || ((0x2E80...0xA4CF).contains(v) && v != 0x303F)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE10...0xFE19).contains(v)
            || (0xFE30...0xFE6F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x2FFFD).contains(v) || (0x30000...0x3FFFD).contains(v)
    }

    /// Control characters (newlines, tabs, escape sequences) become spaces and bidirectional overrides
    /// are dropped, so a name cannot break the layout or drive the terminal.
    static func terminalSafe(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                scalars.append(" ")
            } else if !(0x202A...0x202E).contains(scalar.value) && !(0x2066...0x2069).contains(scalar.value) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Backslash-escapes the ASCII punctuation Markdown would interpret (CommonMark allows escaping any
    /// of it); line breaks become spaces since a table row is one line.
    static func markdownEscaped(_ text: String) -> String {
        var result = ""
        for character in terminalSafe(text) {
            if "\\|`*_[]<>&#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    private static func looksNumeric(_ cell: String) -> Bool {
        // ASCII digits only: `Character.isNumber` also accepts Han numerals such as 七.
        cell == "–" || (cell.first.map { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") } ?? false)
            && cell.allSatisfy { ($0.isASCII && $0.isNumber) || ",.%+-–".contains($0) }
    }

    // MARK: - Numbers

    /// A rounded integer with thousands separators: 1234567.4 → "1,234,567".
    public static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "-∞") }
        let rounded = value.rounded()
        // Beyond Int64 (a stored figure from before the input bounds) the digits come from printf.
        let digits = abs(rounded) < 9e18 ? String(Int64(abs(rounded))) : String(format: "%.0f", abs(rounded))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return rounded < 0 ? "-" + result : result
    }

    /// `value` with `decimals` decimals, or "–" when missing or not finite.
    public static func fixed(_ value: Double?, decimals: Int) -> String {
        guard let value, value.isFinite else { return "–" }
        let text = String(format: "%.\(decimals)f", value)
        // "-0.0" reads as a negative figure; it is zero.
        return Double(text) == 0 ? String(format: "%.\(decimals)f", 0.0) : text
    }
}
