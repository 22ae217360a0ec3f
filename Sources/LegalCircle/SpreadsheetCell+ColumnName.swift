extension SpreadsheetCell {
    /// The letters of a 0-based column: 0 → A, 26 → AA; for the workbooks the tool reads and writes.
    public static func columnName(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }
}
