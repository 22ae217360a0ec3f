import Foundation
import LegalCircle

/// The line and original text of one accepted row.
public struct CSVRowOrigin: Sendable, Hashable {
    /// The 1-based physical line where the record starts in the original file.
    public var line: Int
    /// The record as in the file, without the line break, as UTF-8.
    public var rawText: String
}

/// Where each accepted row came from, by row index: kept so that checks made later (after coordinate
/// conversion) can reject rows with their exact line and text.
///
/// Holds the file's text (memory-mapped for a UTF-8 file, converted for GB18030) and 16 bytes per row;
/// a row's text is decoded only when asked for.
public struct CSVRowOrigins: RandomAccessCollection, Sendable {
    private let text: Data
    private var lines: [Int32] = []
    private var starts: [Int] = []
    private var lengths: [Int32] = []

    init(text: Data, expectedCount: Int) {
        self.text = text
        lines.reserveCapacity(expectedCount)
        starts.reserveCapacity(expectedCount)
        lengths.reserveCapacity(expectedCount)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { lines.count }

    public subscript(index: Int) -> CSVRowOrigin {
        CSVRowOrigin(line: line(at: index), rawText: rawText(at: index))
    }

    public func line(at index: Int) -> Int { Int(lines[index]) }

    public func rawText(at index: Int) -> String {
        let start = starts[index]
        let end = start + Int(lengths[index])
        return text.withUnsafeBytes { raw in
            String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<end]), as: UTF8.self)
        }
    }

    @inline(__always)
    mutating func append(line: Int, start: Int, end: Int) {
        lines.append(Int32(clamping: line))
        starts.append(start)
        lengths.append(Int32(clamping: end - start))
    }

    /// Appends the origins of the rows that follow (a later part of the same text).
    mutating func append(contentsOf other: CSVRowOrigins) {
        lines.append(contentsOf: other.lines)
        starts.append(contentsOf: other.starts)
        lengths.append(contentsOf: other.lengths)
    }

    /// Removes the rows at `indices`, which are ascending.
    mutating func remove(atSortedIndices indices: [Int]) {
        lines.remove(atSortedIndices: indices)
        starts.remove(atSortedIndices: indices)
        lengths.remove(atSortedIndices: indices)
    }
}

extension Array {
    /// Removes the elements at ascending `indices` in one pass.
    /// - Complexity: O(count).
    mutating func remove(atSortedIndices indices: [Int]) {
        guard !indices.isEmpty else { return }
        var write = indices[0]
        var next = 0
        for read in indices[0]..<count {
            if next < indices.count && indices[next] == read {
                next += 1
                continue
            }
            swapAt(write, read)
            write += 1
        }
        removeLast(count - write)
    }
}

/// Rows a reader returns, as the post-conversion check needs them.
public protocol CSVReadableRows: Sendable {
    var rowCount: Int { get }
    /// Every row's longitude and latitude, in row order.
    func coordinateColumns() -> (longitudes: [Double], latitudes: [Double])
    /// Removes the rows at `indices`, which are ascending.
    mutating func removeRows(atSortedIndices indices: [Int])
}

extension Array: CSVReadableRows where Element == ServicePoint {
    public var rowCount: Int { count }

    public func coordinateColumns() -> (longitudes: [Double], latitudes: [Double]) {
        (map(\.location.longitude), map(\.location.latitude))
    }

    public mutating func removeRows(atSortedIndices indices: [Int]) { remove(atSortedIndices: indices) }
}

extension ResidenceTable: CSVReadableRows {
    public var rowCount: Int { count }

    public func coordinateColumns() -> (longitudes: [Double], latitudes: [Double]) { (longitudes, latitudes) }

    /// Rebuilds the table without those rows.
    /// - Complexity: O(count).
    public mutating func removeRows(atSortedIndices indices: [Int]) {
        guard !indices.isEmpty else { return }
        var kept = ResidenceTable()
        kept.reserveCapacity(count - indices.count)
        var next = 0
        for row in 0..<count {
            if next < indices.count && indices[next] == row {
                next += 1
                continue
            }
            kept.append(
                id: ids[row], longitude: longitudes[row], latitude: latitudes[row], population: populations[row],
                county: county(at: row), zone: zones[row], name: name(at: row))
        }
        self = kept
    }
}

/// What a reader made of a file: the accepted rows, the rejects, where each accepted row came from, and
/// what was detected (encoding, delimiter, columns).
///
/// Coordinates in `rows` are as written in the file, in the file's coordinate system. After converting
/// them to WGS84, call `rejectImplausibleLocations` so points outside China or far from the others become
/// rejects with their line numbers.
public struct CSVReadResult<Rows: CSVReadableRows>: Sendable {
    /// The accepted rows. The caller may replace them (e.g. with converted coordinates) as long as it keeps
    /// their count and order: `origins` is matched to them by index.
    public var rows: Rows
    /// Rejected rows in line order; empty under `.allOrNothing` (which throws instead).
    public private(set) var rejects: [RejectedRow]
    /// The line and text of each row of `rows`.
    public private(set) var origins: CSVRowOrigins
    public let file: String
    public let policy: RowPolicy
    /// The header record as in the file, as UTF-8: the `header` of `writeRejects`.
    public let headerLine: String
    public let encoding: CSVTextEncoding
    public let encodingWasForced: Bool
    /// The file has no byte above 0x7F, so every encoding reads it the same way.
    public let isASCII: Bool
    public let delimiter: CSVDelimiter
    public let delimiterWasForced: Bool
    /// The column found for each role the reader uses, in role order.
    public let columns: [CSVColumnMatch]
    public let coordinatesAreProjected: Bool
    /// Data records read (the header not counted).
    public let rowsRead: Int
    /// Remarks about the file as a whole.
    public private(set) var warnings: [String]
    /// Residences read with `zoneIsOptional`: whether each row gave its zone (false: placeholder).
    public internal(set) var zoneGiven: [Bool]?

    init(
        rows: Rows, rejects: [RejectedRow], origins: CSVRowOrigins, file: String, policy: RowPolicy,
        headerLine: String, input: CSVInput, columns: [CSVColumnMatch], coordinatesAreProjected: Bool,
        rowsRead: Int
    ) {
        self.rows = rows
        self.rejects = rejects
        self.origins = origins
        self.file = file
        self.policy = policy
        self.headerLine = headerLine
        encoding = input.encoding
        encodingWasForced = input.encodingWasForced
        isASCII = input.isASCII
        delimiter = input.delimiter
        delimiterWasForced = input.delimiterWasForced
        self.columns = columns
        self.coordinatesAreProjected = coordinatesAreProjected
        self.rowsRead = rowsRead
        warnings = []
    }

    /// The header name of a role's column, nil when the file has none.
    public func header(of role: CSVColumnRole) -> String? {
        columns.first { $0.role == role }?.header
    }

    // MARK: Post-conversion check

    /// Rejects rows whose WGS84 location is implausible (`CSVLocationCheck`): outside China, far from the
    /// other points of the file, or not finite. Removes them from `rows` and `origins` and adds them to
    /// `rejects` (kept in line order), naming the lon or lat column as found in the file.
    /// - Parameters:
    ///   - longitudes: WGS84 longitude of each row of `rows`, in order (after the caller's conversion).
    ///   - latitudes: WGS84 latitude of each row.
    /// - Returns: the indices of the removed rows, ascending, as they were before removal, so the caller
    ///   can drop the same rows from arrays of its own.
    /// - Throws: under `.allOrNothing`, `CSVImportError` with `.rejectedRows` when any row is implausible;
    ///   nothing is removed then.
    /// - Complexity: O(rows).
    @discardableResult
    public mutating func rejectImplausibleLocations(
        longitudes: [Double], latitudes: [Double], check: CSVLocationCheck = CSVLocationCheck()
    ) throws -> [Int] {
        precondition(
            longitudes.count == rows.rowCount && latitudes.count == rows.rowCount,
            "one WGS84 coordinate per accepted row")
        let outcome = check.check(longitudes: longitudes, latitudes: latitudes)
        for warning in outcome.warnings where !warnings.contains(warning) { warnings.append(warning) }
        guard !outcome.findings.isEmpty else { return [] }
        let newRejects = outcome.findings.map { finding in
            RejectedRow(
                file: file, line: origins.line(at: finding.index),
                column: header(of: finding.axis == .longitude ? .lon : .lat), reason: finding.reason,
                rawText: origins.rawText(at: finding.index), category: finding.category)
        }
        if policy == .allOrNothing {
            throw CSVImportError(
                file: file,
                problem: .rejectedRows(first: Array(newRejects.prefix(CSVImportError.listedRejectLimit)), total: newRejects.count))
        }
        let indices = outcome.findings.map(\.index)
        rows.removeRows(atSortedIndices: indices)
        origins.remove(atSortedIndices: indices)
        if zoneGiven != nil { zoneGiven!.remove(atSortedIndices: indices) }
        rejects = mergedByLine(rejects, newRejects)
        return indices
    }

    /// `rejectImplausibleLocations(longitudes:latitudes:check:)` with the coordinates in `rows`: for a
    /// file already in WGS84 (or CGCS2000), or after the caller stored converted coordinates in `rows`.
    @discardableResult
    public mutating func rejectImplausibleLocations(check: CSVLocationCheck = CSVLocationCheck()) throws -> [Int] {
        let columns = rows.coordinateColumns()
        return try rejectImplausibleLocations(longitudes: columns.longitudes, latitudes: columns.latitudes, check: check)
    }

    /// Rejects rows for a reason found after reading, such as an id that a stored dataset holds already
    /// (`load --append`): removes them from `rows` and `origins` and adds them to `rejects` (kept in line
    /// order), naming the `role` column as found in the file.
    /// - Parameters:
    ///   - indices: rows of `rows`, ascending.
    ///   - reason: the reason for the row at an index.
    /// - Throws: under `.allOrNothing`, `CSVImportError` with `.rejectedRows` when `indices` is not empty;
    ///   nothing is removed then.
    /// - Complexity: O(rows).
    public mutating func rejectRows(
        atSortedIndices indices: [Int], column role: CSVColumnRole, category: CSVRejectCategory,
        reason: (Int) -> String
    ) throws {
        guard !indices.isEmpty else { return }
        let newRejects = indices.map { index in
            RejectedRow(
                file: file, line: origins.line(at: index), column: header(of: role), reason: reason(index),
                rawText: origins.rawText(at: index), category: category)
        }
        if policy == .allOrNothing {
            throw CSVImportError(
                file: file,
                problem: .rejectedRows(first: Array(newRejects.prefix(CSVImportError.listedRejectLimit)), total: newRejects.count))
        }
        rows.removeRows(atSortedIndices: indices)
        origins.remove(atSortedIndices: indices)
        if zoneGiven != nil { zoneGiven!.remove(atSortedIndices: indices) }
        rejects = mergedByLine(rejects, newRejects)
    }

    // MARK: Output

    /// What happened, for a `validate` command.
    public var summary: CSVReadSummary {
        var groups: [CSVRejectCategory: CSVReadSummary.RejectGroup] = [:]
        for reject in rejects {
            var group = groups[reject.category] ?? CSVReadSummary.RejectGroup(category: reject.category, count: 0, examples: [])
            group.count += 1
            if group.examples.count < CSVReadSummary.examplesPerCategory { group.examples.append(reject) }
            groups[reject.category] = group
        }
        return CSVReadSummary(
            file: file, rowsRead: rowsRead, rowsAccepted: rows.rowCount, encoding: encoding,
            encodingWasForced: encodingWasForced, isASCII: isASCII, delimiter: delimiter,
            delimiterWasForced: delimiterWasForced, columns: columns, coordinatesAreProjected: coordinatesAreProjected,
            rejectGroups: groups.values.sorted { $0.category < $1.category }, warnings: warnings)
    }

    /// The rejects file in the input's encoding and delimiter, so that it opens like the input (in Excel
    /// on Chinese Windows for a GB18030 file): the header plus a `reason` column, then each rejected
    /// record unchanged plus its line, column and reason.
    /// - Parameter language: of the line and column words around each reason (the reasons are worded as read).
    public func rejectsCSV(_ language: Language = .en) -> Data {
        writeRejects(rejects, header: headerLine, delimiter: delimiter, encoding: encoding, language: language)
    }
}

/// A summary of one read for a `validate` command: counts, rejects by category with examples, and what was
/// detected. `lines()` renders it; the coordinate system and bounding box are the caller's to add.
public struct CSVReadSummary: Sendable, Equatable, CustomStringConvertible {
    /// The rejects of one category.
    public struct RejectGroup: Sendable, Equatable {
        public var category: CSVRejectCategory
        public var count: Int
        /// The first rejects of the category, in line order.
        public var examples: [RejectedRow]
    }

    /// How many examples each group keeps.
    public static let examplesPerCategory = 3

    public var file: String
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var encoding: CSVTextEncoding
    public var encodingWasForced: Bool
    public var isASCII: Bool
    public var delimiter: CSVDelimiter
    public var delimiterWasForced: Bool
    public var columns: [CSVColumnMatch]
    public var coordinatesAreProjected: Bool
    /// By category, in `CSVRejectCategory` order.
    public var rejectGroups: [RejectGroup]
    public var warnings: [String]

    public var rowsRejected: Int { rejectGroups.reduce(0) { $0 + $1.count } }

    /// The summary as text lines:
    /// ```
    /// file: points.csv
    /// encoding: GB18030 (detected)
    /// delimiter: "," (detected)
    /// columns: id ← 编号, name ← 名称, kind ← 服务类型, level ← 层级, lon ← 经度, lat ← 纬度
    /// rows: 120 read, 117 accepted, 3 rejected
    /// rejected, by reason:
    ///   non-numeric coordinate: 2
    ///     line 17, column 纬度: "31.x" is not a number
    /// ```
    public func lines() -> [String] {
        var lines = ["file: \(file)"]
        var encodingText = "\(encoding) (\(encodingWasForced ? "forced" : "detected"))"
        if isASCII { encodingText += "; plain ASCII, which reads the same in every encoding" }
        lines.append("encoding: \(encodingText)")
        lines.append("delimiter: \(delimiter) (\(delimiterWasForced ? "forced" : "detected"))")
        let mapped = columns.map { "\($0.role) ← \($0.header)\($0.mappedByUser ? " (mapped)" : "")" }
        lines.append("columns: " + (mapped.isEmpty ? "none" : mapped.joined(separator: ", ")))
        if coordinatesAreProjected { lines.append("coordinates: projected (metres), range checks after conversion only") }
        lines.append("rows: \(rowsRead) read, \(rowsAccepted) accepted, \(rowsRejected) rejected")
        if !rejectGroups.isEmpty {
            lines.append("rejected, by reason:")
            for group in rejectGroups {
                lines.append("  \(group.category.title): \(group.count)")
                for example in group.examples { lines.append("    \(example.locatedReason)") }
                if group.count > group.examples.count { lines.append("    … and \(group.count - group.examples.count) more") }
            }
        }
        for warning in warnings { lines.append("warning: \(warning)") }
        return lines
    }

    public var description: String { lines().joined(separator: "\n") }
}

/// Two line-ordered lists of rejects merged in line order (on equal lines, `first`'s come first).
func mergedByLine(_ first: [RejectedRow], _ second: [RejectedRow]) -> [RejectedRow] {
    var result: [RejectedRow] = []
    result.reserveCapacity(first.count + second.count)
    var i = 0
    var j = 0
    while i < first.count || j < second.count {
        if j == second.count || (i < first.count && first[i].line <= second[j].line) {
            result.append(first[i])
            i += 1
        } else {
            result.append(second[j])
            j += 1
        }
    }
    return result
}
