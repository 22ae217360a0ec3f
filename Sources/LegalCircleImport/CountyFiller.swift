import LegalCircle

/// Fills empty county codes from county boundaries, for `load` and for one-shot runs alike.
public struct CountyFiller {
    let index: CountyIndex

    public init(boundaries: [Boundary]) {
        index = CountyIndex(boundaries: boundaries)
    }

    /// - Returns: summary lines: how many were filled, then the warnings (outside, contradictions).
    @discardableResult
    public func fill(points: inout [ServicePoint]) -> [String] {
        lines("service points", CountyAssignment.assign(points: &points, index: index))
    }

    @discardableResult
    public func fill(residences: inout ResidenceTable) -> [String] {
        lines("residences", CountyAssignment.assign(residences: &residences, index: index))
    }

    private func lines(_ what: String, _ report: CountyAssignmentReport) -> [String] {
        ["\(what): \(report.filled) counties filled from the boundaries"] + report.warnings.map { "  " + $0 }
    }
}
