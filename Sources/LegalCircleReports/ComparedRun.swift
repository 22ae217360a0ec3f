import Foundation
import LegalCircle

/// One side of a comparison: a stored run or an unsaved computation, and exactly which data it read.
public struct ComparedRun: Sendable, Equatable, Encodable {
    /// How headers name this side: "run 3", "current datasets (not saved)", "what-if (not saved)".
    public var caption: String
    public var run: RunDescription
    /// SHA-256 of the datasets as read (`DatasetInfo.checksum`); nil when unknown.
    public var pointsChecksum: String?
    public var residencesChecksum: String?
    /// Residences read.
    public var residenceCount: Int?
    /// A stored run whose datasets have been reloaded or appended to since: its figures are as computed then.
    public var isStale: Bool

    public init(
        caption: String, run: RunDescription, pointsChecksum: String?, residencesChecksum: String?,
        residenceCount: Int?, isStale: Bool = false
    ) {
        self.caption = caption
        self.run = run
        self.pointsChecksum = pointsChecksum
        self.residencesChecksum = residencesChecksum
        self.residenceCount = residenceCount
        self.isStale = isStale
    }

    /// One line for a header: `run 1, 2026-05-01T08:00:00Z; points "points" (sha256 0123456789ab…);
    /// residences "residences" (3,000 rows, sha256 …); profile default, 15 min, kinds any`.
    public var summary: String {
        var parts = [caption + (run.createdAt.map { ", \($0)" } ?? "")]
        parts.append("points \"\(run.pointsDataset ?? "?")\"" + Self.checksumNote(pointsChecksum, rows: nil))
        parts.append("residences \"\(run.residencesDataset ?? "?")\"" + Self.checksumNote(residencesChecksum, rows: residenceCount))
        parts.append("\(ruleSummary)")
        if !run.inputSystems.isEmpty { parts.append("input coordinates \(run.systemsList)") }
        return parts.joined(separator: "; ") + run.travelClause + (isStale ? " (stale: its datasets have changed since)" : "")
    }

    /// Profile, minutes, kinds and area cell size.
    var ruleSummary: String {
        "profile \(run.profileName), \(OutputFormat.plainNumber(run.minutes)) min, kinds "
            + (run.kinds.count == ServiceKinds.names.count ? "any" : run.kinds.joined(separator: ";"))
            + ", cells \(OutputFormat.plainNumber(run.areaCellSize)) m"
    }

    private static func checksumNote(_ checksum: String?, rows: Int?) -> String {
        let items = [rows.map { "\(TextTable.grouped(Double($0))) rows" }, checksum.map { "sha256 \($0.prefix(12))…" }]
            .compactMap { $0 }
        return items.isEmpty ? "" : " (" + items.joined(separator: ", ") + ")"
    }

    /// What a reader must know before reading the changes: whether the two sides read the same data
    /// with the same rule, which are stale, and which counties only one side has.
    /// - Parameter labels: the language of the notes (English by default, as in JSON).
    public static func notes(
        a: ComparedRun, b: ComparedRun, comparison: RunComparison, labels l: ReportLabels = ReportLabels(.en)
    ) -> [String] {
        var notes: [String] = []
        func same(_ x: String?, _ y: String?) -> Bool? { x.flatMap { x in y.map { x == $0 } } }
        switch same(a.residencesChecksum, b.residencesChecksum) {
        case true?: notes.append(l.pick("两次读取的住所相同", "both read the same residences"))
        case false?:
            let rows = { (side: ComparedRun) in side.residenceCount.map { TextTable.grouped(Double($0)) } ?? "?" }
            notes.append(
                l.pick(
                    "住所不同：A 读取 \(rows(a)) 行，B 读取 \(rows(b)) 行（数据不同，或追加了行）"
                        + (comparison.residentsDiffer ? "；常住人口列显示差异所在" : ""),
                    "the residences differ: A read \(rows(a)) rows, B read \(rows(b)) rows (other data, or rows appended)"
                        + (comparison.residentsDiffer ? "; the residents columns show where" : "")))
        case nil:
            if comparison.residentsDiffer {
                notes.append(l.pick("常住人口不同，见常住人口列", "the residents differ, see the residents columns"))
            }
        }
        if same(a.pointsChecksum, b.pointsChecksum) == false { notes.append(l.pick("服务点不同", "the service points differ")) }
        if a.ruleSummary != b.ruleSummary || a.run.radiusMetres != b.run.radiusMetres {
            notes.append(l.pick("规则不同：A \(a.ruleSummary)；B \(b.ruleSummary)", "the rule differs: A \(a.ruleSummary); B \(b.ruleSummary)"))
        }
        if a.run.travelModel != b.run.travelModel {
            let model = { (side: ComparedRun) in side.run.travelModel ?? l.pick("直线估算", "the straight-line estimate") }
            notes.append(
                l.pick(
                    "出行模型不同：A \(model(a))，B \(model(b))；差异部分来自出行时间的算法",
                    "the travel model differs: A \(model(a)), B \(model(b)); part of the change comes from how minutes are measured"))
        }
        for (label, side) in [("A", a), ("B", b)] where side.isStale {
            notes.append(
                l.pick(
                    "\(label)（\(l.caption(side.caption))）已过期：其数据集此后有变动；其指标为当时计算所得",
                    "\(label) (\(side.caption)) is stale: its datasets have changed since; its figures are as computed then"))
        }
        let unmatched = comparison.unmatchedCounties
        if !unmatched.isEmpty {
            let onlyA = unmatched.filter { $0.b == nil }.count
            notes.append(
                l.pick(
                    "\(unmatched.count) 个区县只在一次运行中（仅 A \(onlyA) 个，仅 B \(unmatched.count - onlyA) 个）：另一侧为空",
                    "\(unmatched.count) count\(unmatched.count == 1 ? "y is" : "ies are") in one run only "
                        + "(\(onlyA) in A only, \(unmatched.count - onlyA) in B only): the other side is blank"))
        }
        return notes
    }

    enum CodingKeys: String, CodingKey {
        case caption, run, pointsChecksum, residencesChecksum, residenceCount, isStale
    }

    /// Writes every key, with null for missing values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(caption, forKey: .caption)
        try container.encode(run, forKey: .run)
        try container.encode(pointsChecksum, forKey: .pointsChecksum)
        try container.encode(residencesChecksum, forKey: .residencesChecksum)
        try container.encode(residenceCount, forKey: .residenceCount)
        try container.encode(isStale, forKey: .isStale)
    }
}
