import Foundation
import LegalCircle

/// How close to the best possible a suggestion is: the certified bound in tables, CSV and Markdown.
extension SuggestionWriter {
    /// With a count: one line under the sites, e.g. "Best possible: any 25 of these 3000 candidates
    /// newly cover at most 12,400 people (certified upper bound); these sites cover 12,345, at least 99.55 %
    /// of the best possible". The percentage is rounded down, so it never claims more than is proven.
    static func boundText(_ suggestion: SiteSuggestion, labels l: ReportLabels = ReportLabels(.en)) -> String {
        guard case .count(let count) = suggestion.request.goal, let bound = suggestion.bound else { return "" }
        let covered = TextTable.grouped(suggestion.finalCovered)
        let best = TextTable.grouped(bound.value)
        let scope = suggestion.request.county.map { l.pick("区县 \($0) ", " in county \($0)") } ?? ""
        let claim = l.pick(
            "最优上界：这 \(suggestion.candidateCount) 个候选点中任选 \(count) 个，\(scope)新覆盖人口至多 \(best)（经证明的上界）；"
                + "所选站点覆盖 \(covered)",
            "Best possible: any \(count) of these \(suggestion.candidateCount) candidates newly cover at most "
                + "\(best) people\(scope) (certified upper bound); these sites cover \(covered)")
        if bound.value - suggestion.finalCovered <= 1e-6 * max(1, bound.value) {
            return "\n\(claim)\(l.pick("，已是最优", ": the best possible"))\n"
        }
        let percent = TextTable.fixed(floor((suggestion.certifiedPercent ?? 0) * 100) / 100, decimals: 2)
        return "\n\(claim)\(l.pick("，至少达到最优的 \(percent) %", ", at least \(percent) % of the best possible"))\n"
    }

    /// The CSV columns `upper_bound` and `bound_gap_percent` (the same on every row; empty with a target).
    static func boundColumns(_ suggestion: SiteSuggestion) -> [String] {
        [OutputFormat.csvNumber(suggestion.bound?.value), OutputFormat.csvNumber(suggestion.boundGapPercent)]
    }

    /// What the target table's "at least" column means.
    static func sitesLowerBoundNote(markdown: Bool, labels l: ReportLabels = ReportLabels(.en)) -> String {
        let note = l.pick(
            "至少需：这些候选点中任何选法达到目标所需站点数的下界（经证明）",
            "at least: a certified lower bound on the number of sites any choice of these candidates needs to reach the target")
        return (markdown ? "\n" + TextTable.markdownEscaped(note) : note) + "\n"
    }
}
