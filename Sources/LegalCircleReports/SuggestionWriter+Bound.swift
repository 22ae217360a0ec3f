import Foundation
import LegalCircle

/// How close to the best possible a suggestion is: the certified bound in tables, CSV and Markdown.
extension SuggestionWriter {
    /// With a count: one line under the sites, e.g. "Best possible: any 25 of these 3000 candidates
    /// newly cover at most 12,400 people (certified upper bound); these sites cover 12,345, at least 99.55 %
    /// of the best possible". The percentage is rounded down, so it never claims more than is proven.
    static func boundText(_ suggestion: SiteSuggestion) -> String {
        guard case .count(let count) = suggestion.request.goal, let bound = suggestion.bound else { return "" }
        let covered = TextTable.grouped(suggestion.finalCovered)
        let scope = suggestion.request.county.map { " in county \($0)" } ?? ""
        let claim = "Best possible: any \(count) of these \(suggestion.candidateCount) candidates newly cover at most "
            + "\(TextTable.grouped(bound.value)) people\(scope) (certified upper bound); these sites cover \(covered)"
        if bound.value - suggestion.finalCovered <= 1e-6 * max(1, bound.value) { return "\n\(claim): the best possible\n" }
        let percent = TextTable.fixed(floor((suggestion.certifiedPercent ?? 0) * 100) / 100, decimals: 2)
        return "\n\(claim), at least \(percent) % of the best possible\n"
    }

    /// The CSV columns `upper_bound` and `bound_gap_percent` (the same on every row; empty with a target).
    static func boundColumns(_ suggestion: SiteSuggestion) -> [String] {
        [OutputFormat.csvNumber(suggestion.bound?.value), OutputFormat.csvNumber(suggestion.boundGapPercent)]
    }

    /// What the target table's "at least" column means.
    static func sitesLowerBoundNote(markdown: Bool) -> String {
        let note = "at least: a certified lower bound on the number of sites any choice of these candidates needs to reach the target"
        return (markdown ? "\n" + TextTable.markdownEscaped(note) : note) + "\n"
    }
}
