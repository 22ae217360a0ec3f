import Foundation

/// What a reader does when some rows are invalid.
public enum RowPolicy: Sendable, Equatable {
    /// Import nothing: throw a `CSVImportError` listing the first rejects and their total count.
    case allOrNothing
    /// Import the valid rows and return every reject.
    case skipBadRows
}

/// Why a row was rejected, as a category for summaries; `RejectedRow.reason` has the details.
public enum CSVRejectCategory: String, CaseIterable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A quoted field not closed, or text after its closing quote.
    case malformedQuotes
    case wrongFieldCount
    /// Bytes that are not valid text in the file's encoding.
    case invalidText
    case missingID
    case duplicateID
    case missingCoordinate
    case nonNumericCoordinate
    /// Longitude outside [-180, 180] or latitude outside [-90, 90].
    case coordinateOutOfRange
    /// Longitude and latitude that fall in China once exchanged.
    case swappedCoordinates
    /// After conversion to WGS84: outside China's bounding box (`CSVLocationCheck`).
    case outsideChina
    /// After conversion to WGS84: far from the median point of the file (`CSVLocationCheck`).
    case farFromOtherPoints
    /// The conversion to WGS84 gave no finite coordinate.
    case unconvertibleCoordinate
    case negativePopulation
    /// More people in one row than `InputBounds.population` allows.
    case populationOutOfRange
    case nonNumericPopulation
    /// A kind missing or not among the accepted names.
    case unknownKind
    case unknownLevel
    case unknownZone
    case invalidCountyCode
    /// A reject made by other code with `RejectedRow.init` and no category.
    case other

    /// Lower-case words for summaries: `non-numeric coordinate`.
    public var title: String {
        switch self {
        case .malformedQuotes: "malformed quotes"
        case .wrongFieldCount: "wrong number of fields"
        case .invalidText: "text not valid in the file's encoding"
        case .missingID: "missing id"
        case .duplicateID: "duplicate id"
        case .missingCoordinate: "missing coordinate"
        case .nonNumericCoordinate: "non-numeric coordinate"
        case .coordinateOutOfRange: "coordinate out of range"
        case .swappedCoordinates: "longitude and latitude swapped"
        case .outsideChina: "outside China"
        case .farFromOtherPoints: "far from the other points"
        case .unconvertibleCoordinate: "coordinate not convertible to WGS84"
        case .negativePopulation: "negative population"
        case .populationOutOfRange: "population out of range"
        case .nonNumericPopulation: "non-numeric population"
        case .unknownKind: "unknown kind"
        case .unknownLevel: "unknown level"
        case .unknownZone: "unknown zone"
        case .invalidCountyCode: "invalid county code"
        case .other: "other"
        }
    }

    public var description: String { title }

    /// In declaration order.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A data row that was not imported, with the row's original text so a rejects file can be written.
public struct RejectedRow: Sendable, Hashable, CustomStringConvertible {
    /// The file as the caller named it.
    public var file: String
    /// The 1-based physical line where the record starts in the original file (whatever its encoding).
    public var line: Int
    /// The header name of the offending column as written in the file; nil when the row as a whole is
    /// wrong (field count).
    public var column: String?
    public var reason: String
    /// The record's text exactly as in the file (without the line break), as UTF-8: a GB18030 file's
    /// record is converted, and bytes invalid in the file's encoding show as U+FFFD.
    public var rawText: String
    public var category: CSVRejectCategory

    public init(
        file: String, line: Int, column: String?, reason: String, rawText: String,
        category: CSVRejectCategory = .other
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.rawText = rawText
        self.category = category
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
        /// Several columns have names of one role (e.g. `lon` and `经度`); the user must map one.
        case ambiguousColumns(role: String, headers: [String])
        /// A header the user mapped to a role is not in the file.
        case mappedColumnNotFound(role: String, header: String, found: [String])
        /// The text could not be converted from the file's encoding; the system's message.
        case transcodingFailed(String)
        /// The header line itself is malformed.
        case malformedHeader(String)
        /// The file mixes encodings: most lines are GB18030 but `utf8Line` is UTF-8 (`LineCensus`).
        case mixedEncodings(utf8Line: Int, otherLine: Int)
        /// A line or record longer than `CSVInput.maximumLineBytes`.
        case lineTooLong(line: Int, length: Int)
        /// A field (1-based position) longer than `CSVInput.maximumFieldBytes`.
        case fieldTooLong(line: Int, field: Int, length: Int)
        /// Under `.allOrNothing`: the first rejects and how many rows were rejected in all.
        case rejectedRows(first: [RejectedRow], total: Int)
    }

    /// "64 KB", "1 MB", "3.2 MB".
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 {
            let megabytes = Double(bytes) / Double(1 << 20)
            return megabytes == megabytes.rounded() ? "\(Int(megabytes)) MB" : String(format: "%.1f MB", megabytes)
        }
        return "\((bytes + 1023) >> 10) KB"
    }

    /// How many rejects `.rejectedRows` keeps for the message.
    public static let listedRejectLimit = 10

    /// The file as the caller named it.
    public var file: String
    public var problem: Problem

    /// What the user may do about it, added to the description (e.g. choose another encoding).
    public var hint: String?

    public init(file: String, problem: Problem, hint: String? = nil) {
        self.file = file
        self.problem = problem
        self.hint = hint
    }

    public var description: String {
        guard let hint else { return problemDescription }
        return problemDescription + "\n  " + hint
    }

    private var problemDescription: String {
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
        case .ambiguousColumns(let role, let headers):
            return "\(file) line 1: columns \(headers.map { "\"\($0)\"" }.joined(separator: " and ")) all look like "
                + "\(role); map the right one with \(role)=HEADER"
        case .mappedColumnNotFound(let role, let header, let found):
            return "\(file) line 1: no column \"\(header)\" (mapped to \(role)); the header has "
                + "\"\(found.joined(separator: ",").prefix(200))\""
        case .transcodingFailed(let message):
            return "\(file): cannot convert the text: \(message)"
        case .malformedHeader(let reason):
            return "\(file) line 1: malformed header: \(reason)"
        case .lineTooLong(let line, let length):
            return "\(file) line \(line): the line is \(Self.size(length)) long, more than the \(Self.size(CSVInput.maximumLineBytes)) "
                + "a line may have; the file is not a table of points or residences (a quote left open? the wrong file?)"
        case .fieldTooLong(let line, let field, let length):
            return "\(file) line \(line), field \(field): the field is \(Self.size(length)) long, more than the "
                + "\(Self.size(CSVInput.maximumFieldBytes)) a field may have; no id or name is that long (a quote left open? "
                + "the wrong file?)"
        case .mixedEncodings(let utf8Line, let otherLine):
            return "\(file) line \(utf8Line): this line is UTF-8 text while the file is GB18030 (as on line \(otherLine)); "
                + "the file mixes two encodings and one of them would be read as garbled text: save the whole file in one "
                + "encoding (\"CSV UTF-8\" in Excel), or force one with --encoding utf8|gb18030"
        case .rejectedRows(let first, let total):
            var lines = ["\(file): \(total) row\(total == 1 ? "" : "s") rejected, nothing imported:"]
            lines += first.map { "  \($0.description)" }
            if total > first.count { lines.append("  … and \(total - first.count) more") }
            return lines.joined(separator: "\n")
        }
    }
}
