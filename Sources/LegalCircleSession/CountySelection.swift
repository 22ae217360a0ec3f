import LegalCircle

/// The one check of a `--county` value: it must name a county the run (or the data) has; otherwise the
/// command fails and lists the codes it could have named, instead of printing an empty selection that
/// reads as "no gaps".
public enum CountySelection {
    /// - Parameters:
    ///   - county: the value given; nil (no `--county`) always passes; "" selects residences without a county.
    ///   - known: the county codes there are ("" for residences without a county).
    ///   - context: what the codes belong to, for the message ("run 3").
    /// - Throws: `SessionError` listing the valid codes.
    ///   - language: of the message (`context` is given in it).
    public static func check(_ county: String?, among known: [String], in context: String, language: Language = .en) throws {
        guard let county, !known.contains(county) else { return }
        let codes = Array(Set(known.filter { !$0.isEmpty })).sorted()
        var listed = codes.prefix(120).joined(separator: ", ")
        if codes.count > 120 { listed += ", … (\(codes.count) in all)" }
        if language == .zh {
            var listed = codes.prefix(120).joined(separator: "、")
            if codes.count > 120 { listed += "……（共 \(codes.count) 个）" }
            throw SessionError(
                "未知的区县“\(county)”：" + (CountyTable.isCountyCode(county) ? "\(context)中没有 \(county) 的住所" : "请给出 6 位区县代码，而不是名称或前缀")
                    + "；\(context)的区县为 " + (listed.isEmpty ? "无" : listed)
                    + (known.contains("") ? "（以及表示无区县住所的 \"\"）" : ""))
        }
        let hint: String
        if CountyTable.isCountyCode(county) {
            hint = "\(county) has no residences in \(context)"
        } else {
            hint = "give a 6-digit county code, not a name or a prefix"
        }
        throw SessionError(
            "unknown county \"\(county)\": \(hint); the counties of \(context) are "
                + (listed.isEmpty ? "none" : listed) + (known.contains("") ? " (and \"\" for residences without a county)" : ""))
    }

    /// The counties of a report (its rows, "" for residences without a county).
    public static func counties(of report: CoverageReport) -> [String] { report.counties.map(\.county) }
}
