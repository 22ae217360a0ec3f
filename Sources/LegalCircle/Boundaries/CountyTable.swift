/// The county-level units of a province with their names, prefectures and the crosswalk from older
/// codes to today's: the table shipped as `data/zhejiang/counties.csv` (its rules are in
/// `data/SOURCES.md`).
///
/// It lists every current code and every older code found in the shipped data: the 2016 codes of the
/// township and village points (NBS 统计用区划代码 2016-07-31) and the 2020 census codes. An older
/// code maps to today's codes its area went to: one code for a rename, a merge or a statistical unit
/// inside one county; several for a split. Some current codes changed area since (萧山区 330109 gave
/// townships to 钱塘区), so what a code means depends on the vintage of the data it comes from; see
/// `successor(of:in:)`.
public struct CountyTable: Sendable, Equatable {
    /// The code's standing today.
    public enum Status: String, Sendable, CaseIterable {
        /// One of today's county-level units (its area may have changed; see the note).
        case current
        /// Abolished by a change of name and code, same area.
        case renamed
        /// Abolished by joining another unit wholly.
        case merged
        /// Abolished by dividing its area among several units.
        case split
        /// A statistical unit without a boundary of its own (a development zone), inside one county.
        case statistical
        /// A grouping row of a code list (市辖区), not an area.
        case virtual
    }

    /// The code lists older data may use.
    public enum Vintage: String, Sendable, CaseIterable {
        /// NBS 统计用区划代码 of 2016-07-31: the Vonng/adcode township and village points.
        case nbs2016
        /// The 2020 (seventh) population census tables.
        case census2020
    }

    /// Where the area of an older code lies today.
    public enum Successor: Sendable, Hashable {
        /// The code is a current code with the same meaning.
        case same
        /// The whole area is in one other current unit (renamed, merged, or a statistical unit inside it).
        case renamedOrMerged(String)
        /// The area was divided among these current units (ascending codes).
        case split([String])
        /// Not a code of the table (or of that vintage), or a grouping row without an area.
        case unknown
    }

    public struct Entry: Sendable, Hashable {
        public var code: String
        public var name: String
        public var prefectureCode: String
        public var prefectureName: String
        public var status: Status
        /// Today's codes holding the area this code had in the 2016 codes; nil when not a 2016 code.
        public var successors2016: [String]?
        /// The same for the 2020 census codes.
        public var successors2020: [String]?
        /// What changed, in a sentence; empty when nothing did.
        public var note: String

        public init(
            code: String, name: String, prefectureCode: String, prefectureName: String, status: Status,
            successors2016: [String]?, successors2020: [String]?, note: String
        ) {
            self.code = code
            self.name = name
            self.prefectureCode = prefectureCode
            self.prefectureName = prefectureName
            self.status = status
            self.successors2016 = successors2016
            self.successors2020 = successors2020
            self.note = note
        }

        public func successors(in vintage: Vintage) -> [String]? {
            switch vintage {
            case .nbs2016: successors2016
            case .census2020: successors2020
            }
        }
    }

    /// Columns of the CSV form, in order.
    public static let columns = [
        "code", "name", "prefecture_code", "prefecture_name", "status", "successors_2016", "successors_2020", "note",
    ]

    /// In the order of the file.
    public let entries: [Entry]
    private let positionOfCode: [String: Int]

    /// Checks and indexes the entries.
    /// - Throws: `CSVTableError` (line 0) for a repeated code, a status its successors contradict, or a
    ///   successor that is not a current code of the table.
    public init(entries: [Entry], source: String = "county table") throws(CSVTableError) {
        self.entries = entries
        positionOfCode = try Self.checked(entries, source: source, lines: nil)
    }

    /// The position of every code, after checking each entry against the others.
    /// - Parameter lines: the line of each entry in its file, for messages.
    private static func checked(_ entries: [Entry], source: String, lines: [Int]?) throws(CSVTableError) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (position, entry) in entries.enumerated() {
            guard positions.updateValue(position, forKey: entry.code) == nil else {
                throw CSVTableError(source: source, line: lines?[position] ?? 0, "county code \(entry.code) is listed twice")
            }
        }
        for (position, entry) in entries.enumerated() {
            if let problem = problem(with: entry, statusOf: { positions[$0].map { entries[$0].status } }) {
                throw CSVTableError(source: source, line: lines?[position] ?? 0, "county \(entry.code) \(entry.name): \(problem)")
            }
        }
        return positions
    }

    /// Parses the CSV form (`columns`, successor codes separated by `;`, an empty cell for a vintage
    /// the code is not part of).
    /// - Throws: `CSVTableError` naming the line and column at fault.
    /// - Complexity: O(n) for n bytes.
    public init(csv text: String, source: String = "counties.csv") throws(CSVTableError) {
        let table = try CSVTable(text: text, source: source)
        let at = try Self.columns.map { name throws(CSVTableError) in try table.column(name) }
        var entries: [Entry] = []
        for (row, line) in zip(table.rows, table.lines) {
            func fail(_ column: Int, _ message: String) -> CSVTableError {
                CSVTableError(source: source, line: line, column: at[column] + 1, message)
            }
            let code = row[at[0]]
            guard Self.isCountyCode(code) else { throw fail(0, "\"\(code)\" is not a 6-digit county code") }
            guard !row[at[1]].isEmpty else { throw fail(1, "county \(code) has no name") }
            guard Self.isCountyCode(row[at[2]]) else { throw fail(2, "\"\(row[at[2]])\" is not a 6-digit prefecture code") }
            guard let status = Status(rawValue: row[at[4]]) else {
                throw fail(4, "unknown status \"\(row[at[4]])\"; statuses are \(Status.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var lists: [[String]?] = []
            for column in [5, 6] {
                let cell = row[at[column]]
                if cell.isEmpty {
                    lists.append(nil)
                    continue
                }
                let codes = cell.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                guard codes.allSatisfy(Self.isCountyCode) else { throw fail(column, "\"\(cell)\" is not a ;-separated list of 6-digit codes") }
                lists.append(codes.sorted())
            }
            entries.append(
                Entry(
                    code: code, name: row[at[1]], prefectureCode: row[at[2]], prefectureName: row[at[3]], status: status,
                    successors2016: lists[0], successors2020: lists[1], note: row[at[7]]))
        }
        self.entries = entries
        positionOfCode = try Self.checked(entries, source: source, lines: table.lines)
    }

    /// A 6-digit administrative code (GB/T 2260), the form every county code takes.
    public static func isCountyCode(_ text: String) -> Bool {
        text.utf8.count == 6 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func problem(with entry: Entry, statusOf: (String) -> Status?) -> String? {
        let lists = [entry.successors2016, entry.successors2020].compactMap { $0 }
        for list in lists {
            for code in list where statusOf(code) != .current {
                return "successor \(code) is not a current code of the table"
            }
            guard Set(list).count == list.count else { return "a successor is listed twice" }
        }
        switch entry.status {
        case .current:
            if lists.contains(where: { !$0.contains(entry.code) }) { return "a current code must be among its own successors" }
        case .renamed, .merged, .statistical:
            if lists.isEmpty || lists.contains(where: { $0.count != 1 || $0[0] == entry.code }) {
                return "a \(entry.status.rawValue) code needs exactly one other successor in each vintage it belongs to"
            }
        case .split:
            if lists.isEmpty || lists.contains(where: { $0.count < 2 || $0.contains(entry.code) }) {
                return "a split code needs at least two other successors in each vintage it belongs to"
            }
        case .virtual:
            if !lists.isEmpty { return "a virtual (grouping) row has no successors" }
        }
        if entry.status != .current, lists.count == 2, lists[0] != lists[1] {
            return "an abolished code must have the same successors in both vintages"
        }
        return nil
    }

    /// The entry of a code, nil when the table lacks it.
    /// - Complexity: O(1).
    public func entry(for code: String) -> Entry? { positionOfCode[code].map { entries[$0] } }

    /// Today's codes, in the order of the file.
    public var currentCodes: [String] { entries.filter { $0.status == .current }.map(\.code) }

    /// The name of a code (its name in its own vintage for an abolished code).
    public func name(of code: String) -> String? { entry(for: code)?.name }

    /// The prefecture a code belongs (or belonged) to.
    public func prefecture(of code: String) -> (code: String, name: String)? {
        entry(for: code).map { ($0.prefectureCode, $0.prefectureName) }
    }

    public func status(of code: String) -> Status? { entry(for: code)?.status }

    /// Today's unit(s) for a code of any vintage: `.same` for every current code (data carrying today's
    /// codes needs no crosswalk); for an abolished code, where its area went.
    public func successor(of code: String) -> Successor {
        guard let entry = entry(for: code) else { return .unknown }
        if entry.status == .current { return .same }
        return Self.successor(code: code, list: entry.successors2016 ?? entry.successors2020)
    }

    /// Today's unit(s) for a code as used in data of `vintage`: a current code whose area changed since
    /// is reported as split (the 2020 census's 余杭区 330110 is today's 余杭区 and 临平区).
    public func successor(of code: String, in vintage: Vintage) -> Successor {
        Self.successor(code: code, list: entry(for: code)?.successors(in: vintage))
    }

    private static func successor(code: String, list: [String]?) -> Successor {
        guard let list, !list.isEmpty else { return .unknown }
        if list == [code] { return .same }
        if list.count == 1 { return .renamedOrMerged(list[0]) }
        return .split(list)
    }
}
