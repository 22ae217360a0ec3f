import LegalCircle

/// Fills empty county codes from county boundaries, for `load` and for one-shot runs alike.
public struct CountyFiller {
    let index: CountyIndex
    /// The language of the summary lines.
    public var language: Language = .en

    public init(boundaries: [Boundary], language: Language = .en) {
        index = CountyIndex(boundaries: boundaries)
        self.language = language
    }

    /// - Returns: summary lines: how many were filled, then the warnings (outside, contradictions).
    @discardableResult
    public func fill(points: inout [ServicePoint]) -> [String] {
        lines(language == .zh ? "服务点" : "service points", CountyAssignment.assign(points: &points, index: index))
    }

    @discardableResult
    public func fill(residences: inout ResidenceTable) -> [String] {
        lines(language == .zh ? "住所" : "residences", CountyAssignment.assign(residences: &residences, index: index))
    }

    private func lines(_ what: String, _ report: CountyAssignmentReport) -> [String] {
        [language == .zh ? "\(what)：由边界补全 \(report.filled) 个区县" : "\(what): \(report.filled) counties filled from the boundaries"]
            + report.warnings.map { "  " + $0 }
    }
}
