import LegalCircle

extension HTMLReportWriter {
    /// One county's page: the run's summary line, then the county's section of the report (its figures,
    /// map and largest uncovered areas) drawn by the same code, with the report's style, policy and script.
    ///
    /// `input` may hold only what this county needs: its areas, and layers with its points and areas.
    /// Its minutes chart shows only when `input.histograms` has the county (it needs the per-residence minutes).
    /// - Parameter county: a county code of `input.report`.
    /// - Returns: nil when the report has no such county.
    public static func countyPage(_ input: Input, county: String, language: ReportLanguage = .zh) -> String? {
        guard let figures = input.report.counties.first(where: { $0.county == county }) else { return nil }
        let labels = ReportLabels(language)
        let name = SVGMap.countyTitle(county, layers: input.layers, labels: labels)
        var html = head(title: "\(name) · \(input.decorations.title ?? labels.title)", labels: labels)
        html += "<header><p class=\"run\">\(MarkupText.escaped(labels.runSummary(input.run)))</p>\n"
        for warning in input.run.warningLines {
            html += "<p class=\"run\"><strong>\(MarkupText.escaped(warning))</strong></p>\n"
        }
        html += "</header>\n"
        html += countySection(figures, input: input, labels: labels)
        return html + "<script>\(script)</script>\n</body></html>\n"
    }
}
