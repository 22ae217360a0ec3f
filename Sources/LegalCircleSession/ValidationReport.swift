/// What `validate` found in one file: the lines to print and the counts a command's exit status
/// depends on (a file with rejected rows does not pass).
public struct ValidationReport: Sendable, Equatable {
    public var lines: [String] = []
    public var rowsRead = 0
    public var rowsRejected = 0

    public init(lines: [String] = [], rowsRead: Int = 0, rowsRejected: Int = 0) {
        self.lines = lines
        self.rowsRead = rowsRead
        self.rowsRejected = rowsRejected
    }

    /// True when every row was accepted.
    public var passed: Bool { rowsRejected == 0 }
}
