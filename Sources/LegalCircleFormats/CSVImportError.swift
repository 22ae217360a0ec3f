/// What a reader does when some rows are invalid.
public enum RowPolicy: Sendable, Equatable {
    /// Import nothing: throw a `CSVImportError` listing the first rejects and their total count.
    case allOrNothing
    /// Import the valid rows and return every reject.
    case skipBadRows
}

/// A data row that was not imported, with the row's original text so a rejects file can be written.
public struct RejectedRow: Sendable, Hashable, CustomStringConvertible {
    /// The file as the caller named it.
    public var file: String
    /// The 1-based physical line where the record starts.
    public var line: Int
    /// The header name of the offending column; nil when the row as a whole is wrong (field count).
    public var column: String?
    public var reason: String
    /// The record's bytes exactly as in the file (without the line break), decoded as UTF-8.
    public var rawText: String

    public init(file: String, line: Int, column: String?, reason: String, rawText: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.rawText = rawText
    }

    /// The location and reason without the file name: `line 17, column lat: "31.x" is not a number`.
    public var locatedReason: String {
        if let column { return "line \(line), column \(column): \(reason)" }
        return "line \(line): \(reason)"
    }

    /// `residences.csv line 17, column lat: "31.x" is not a number`.
    public var description: String { "\(file) \(locatedReason)" }
}

/// A CSV file that could not be imported at all.
public struct CSVImportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// The file could not be opened or read; the system's message.
        case unreadable(String)
        /// No bytes, or only line breaks.
        case empty
        /// A header and no data rows.
        case headerOnly
        /// Not text: NUL bytes, a ZIP (xlsx) or UTF-16 file. The associated text says which.
        case binary(String)
        /// The header lacks required columns; `expected` is the canonical header, `found` the file's.
        case missingColumns([String], expected: [String], found: [String])
        /// A column the reader uses appears more than once in the header.
        case duplicateColumn(String)
        /// The header line itself is malformed.
        case malformedHeader(String)
        /// Under `.allOrNothing`: the first rejects and how many rows were rejected in all.
        case rejectedRows(first: [RejectedRow], total: Int)
    }

    /// How many rejects `.rejectedRows` keeps for the message.
    public static let listedRejectLimit = 10

    /// The file as the caller named it.
    public var file: String
    public var problem: Problem

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .unreadable(let message):
            return "\(file): cannot be read: \(message)"
        case .empty:
            return "\(file): the file is empty"
        case .headerOnly:
            return "\(file): the file has a header but no data rows"
        case .binary(let what):
            return "\(file): not a CSV text file: \(what)"
        case .missingColumns(let missing, let expected, let found):
            return "\(file) line 1: missing required column\(missing.count == 1 ? "" : "s") "
                + "\(missing.joined(separator: ", ")); expected a header like "
                + "\"\(expected.joined(separator: ","))\", found \"\(found.joined(separator: ",").prefix(200))\""
        case .duplicateColumn(let name):
            return "\(file) line 1: column \(name) appears more than once in the header"
        case .malformedHeader(let reason):
            return "\(file) line 1: malformed header: \(reason)"
        case .rejectedRows(let first, let total):
            var lines = ["\(file): \(total) row\(total == 1 ? "" : "s") rejected, nothing imported:"]
            lines += first.map { "  \($0.description)" }
            if total > first.count { lines.append("  … and \(total - first.count) more") }
            return lines.joined(separator: "\n")
        }
    }
}
