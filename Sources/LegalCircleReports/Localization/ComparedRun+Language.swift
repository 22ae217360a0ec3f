import Foundation
import LegalCircle

extension ReportLabels {
    /// A comparison side's caption as the session words it ("run 3", "current datasets (not saved)",
    /// "what-if + 2 suggested sites (not saved)", "what-if + 5 points from FILE (not saved)"), in this
    /// language.
    public func caption(_ caption: String) -> String {
        guard language == .zh else { return caption }
        if caption.hasPrefix("run "), let id = Int(caption.dropFirst(4)) { return "运行 \(id)" }
        if caption == "current datasets (not saved)" { return "当前数据集（未保存）" }
        if caption.hasPrefix("what-if "), caption.hasSuffix(" (not saved)") {
            var middle = String(caption.dropFirst("what-if ".count).dropLast(" (not saved)".count))
            if let match = middle.firstMatch(of: /^\+ (\d+) suggested sites$/) {
                middle = "新增 \(match.1) 个建议站点"
            } else if let match = middle.firstMatch(of: /^\+ (\d+) points from (.*)$/) {
                middle = "新增 \(match.2) 中的 \(match.1) 个服务点"
            }
            return "假设情景 \(middle)（未保存）"
        }
        return caption
    }
}

extension ComparedRun {
    /// `summary` in a language: the caption and time, the datasets with their checksums, the rule.
    public func summary(_ labels: ReportLabels) -> String {
        guard labels.language == .zh else { return summary }
        func note(_ checksum: String?, rows: Int?) -> String {
            let items = [rows.map { "\(TextTable.grouped(Double($0))) 行" }, checksum.map { "sha256 \($0.prefix(12))…" }]
                .compactMap { $0 }
            return items.isEmpty ? "" : "（" + items.joined(separator: "，") + "）"
        }
        var parts = [labels.caption(caption) + (run.createdAt.map { "，\(labels.localTime($0))" } ?? "")]
        parts.append("服务点“\(run.pointsDataset ?? "?")”" + note(pointsChecksum, rows: nil))
        parts.append("住所“\(run.residencesDataset ?? "?")”" + note(residencesChecksum, rows: residenceCount))
        parts.append(
            "配置 \(run.profileName)，\(OutputFormat.plainNumber(run.minutes)) 分钟，服务类型 \(labels.kindNames(run.kinds))，"
                + "网格 \(OutputFormat.plainNumber(run.areaCellSize)) 米")
        if !run.inputSystems.isEmpty { parts.append("输入坐标系 \(labels.systemsList(run))") }
        return parts.joined(separator: "；") + labels.travelClause(run) + (isStale ? "（已过期：其数据集此后有变动）" : "")
    }
}

extension ReportLabels {
    /// An ISO 8601 time (as stored, UTC) shown in China Standard Time with its zone:
    /// "2026-05-01 16:00 (UTC+8)" / "2026-05-01 16:00（北京时间 UTC+8）". Text that is not such a time is
    /// returned as is.
    public func localTime(_ iso: String) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime]
        var date = parser.date(from: iso)
        if date == nil {
            parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            date = parser.date(from: iso)
        }
        guard let date else { return iso }
        return localTime(date)
    }

    /// A time in Asia/Shanghai with its zone.
    public func localTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + pick("（北京时间 UTC+8）", " (Asia/Shanghai, UTC+8)")
    }
}

extension ReportLabels {
    /// Column titles of a compared figure (by its CSV name): the figure and its change.
    func comparisonTitles(_ csvName: String, title: String, change: String) -> (String, String) {
        guard language == .zh else { return (title, change) }
        switch csvName {
        case "residents": return ("常住人口", "Δ 常住人口")
        case "covered": return ("覆盖人口", "Δ 覆盖人口")
        case "coverage_percent": return ("覆盖率 %", "Δ 百分点")
        case "service_points": return ("服务点", "Δ 服务点")
        case "uncovered_areas": return ("未覆盖片区", "Δ 片区")
        case "median_minutes": return ("中位数 分钟", "Δ 分钟")
        default: return (title, change)
        }
    }
}
