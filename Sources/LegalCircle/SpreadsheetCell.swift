/// The one rule against CSV (formula) injection, for every CSV the tool writes and reads.
///
/// A spreadsheet reads a cell that begins with `=`, `+`, `-` or `@` (and, in some programs, tab or
/// carriage return) as a formula, so an id such as `=HYPERLINK(…)` from an input file would run when a
/// planner opens a report. As the OWASP "CSV Injection" page recommends, such a cell is written with a
/// leading apostrophe, which spreadsheets take as "text follows" and do not show; a number such as `-3.5`
/// is left alone. The CSV readers remove an apostrophe only where it precedes one of those characters,
/// so a file the tool wrote (a rejects file fixed in Excel, a `--sites-out` file) reads back unchanged.
public enum SpreadsheetCell {
    /// The characters that make a spreadsheet cell a formula: `=` `+` `-` `@` tab CR.
    public static func isTrigger(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 0x09 || byte == 0x0D
    }

    public static let apostrophe = UInt8(ascii: "'")

    /// True when a spreadsheet would take `text` as a formula: it begins with a trigger and is not a
    /// plain decimal number.
    public static func needsNeutralising(_ text: String) -> Bool {
        guard let first = text.utf8.first, isTrigger(first) else { return false }
        return !isDecimalNumber(text.utf8)
    }

    /// `text`, with a leading `'` when a spreadsheet would take it as a formula.
    public static func neutralised(_ text: String) -> String {
        needsNeutralising(text) ? "'" + text : text
    }

    /// `[+-]digits[.digits][(e|E)[+-]digits]` with digits on at least one side of the point.
    public static func isDecimalNumber(_ bytes: some Collection<UInt8>) -> Bool {
        var index = bytes.startIndex
        func digits() -> Int {
            var count = 0
            while index != bytes.endIndex, bytes[index] &- UInt8(ascii: "0") < 10 {
                count += 1
                index = bytes.index(after: index)
            }
            return count
        }
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            index = bytes.index(after: index)
        }
        var count = digits()
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            count += digits()
        }
        guard count > 0 else { return false }
        if index != bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index = bytes.index(after: index)
            if index != bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index = bytes.index(after: index)
            }
            guard digits() > 0 else { return false }
        }
        return index == bytes.endIndex
    }

    /// Whether a reader should skip the byte at `start`: an apostrophe followed by a trigger.
    @inline(__always)
    public static func isNeutralisingApostrophe(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        start + 1 < end && bytes[start] == apostrophe && isTrigger(bytes[start + 1])
    }
}
