import LegalCircle

extension HTMLReportWriter {
    /// One column of the county table: its key in the report JSON (a dotted path for zones, such as
    /// `zones.urban.coveragePercent`), its value and how it is shown.
    struct CountyColumn: Sendable {
        enum Display: Sendable { case text, grouped, decimals(Int) }
        let key: String
        let display: Display
        let number: @Sendable (CountyFigures) -> Double?
    }

    /// The numeric columns, in table order after the code and name.
    static let countyColumns: [CountyColumn] =
        [
            CountyColumn(key: "residents", display: .grouped) { $0.residents },
            CountyColumn(key: "covered", display: .grouped) { $0.covered },
            CountyColumn(key: "coveragePercent", display: .decimals(1)) { $0.coveragePercent },
        ]
        + Zone.allCases.map { zone in
            CountyColumn(key: "zones.\(zone.name).coveragePercent", display: .decimals(1)) { figures in
                figures.zones.first { $0.zone == zone }?.coveragePercent
            }
        }
        + [
            CountyColumn(key: "servicePoints", display: .grouped) { Double($0.servicePoints) },
            CountyColumn(key: "pointsPer10k", display: .decimals(2)) { $0.pointsPer10k },
            CountyColumn(key: "medianMinutes", display: .decimals(1)) { $0.medianMinutes },
            CountyColumn(key: "p90Minutes", display: .decimals(1)) { $0.p90Minutes },
            CountyColumn(key: "uncoveredPopulation", display: .grouped) { $0.uncoveredPopulation },
            CountyColumn(key: "uncoveredAreas", display: .grouped) { Double($0.uncoveredAreas) },
        ]

    /// The side-by-side columns of a run by network travel (`TravelComparison`), after `countyColumns`.
    static let comparisonColumns: [CountyColumn] = [
        CountyColumn(key: "networkComparison.straightLineCoveragePercent", display: .decimals(1)) {
            $0.networkComparison?.straightLineCoveragePercent
        },
        CountyColumn(key: "networkComparison.coveredOnlyByStraightLine", display: .grouped) {
            $0.networkComparison.map { Double($0.coveredOnlyByStraightLine) }
        },
        CountyColumn(key: "networkComparison.coveredOnlyByNetwork", display: .grouped) {
            $0.networkComparison.map { Double($0.coveredOnlyByNetwork) }
        },
        CountyColumn(key: "networkComparison.fallbackResidences", display: .grouped) {
            $0.networkComparison.map { Double($0.fallbackResidences) }
        },
    ]

    /// The numeric columns of this report with their headers: the comparison columns only in a run by
    /// network travel, so the pages of other runs are unchanged.
    static func columns(_ report: CoverageReport, labels: ReportLabels) -> [(CountyColumn, String)] {
        let byNetwork = report.total.networkComparison != nil
        return Array(zip(countyColumns, labels.countyColumns.dropFirst(2)))
            + (byNetwork ? Array(zip(comparisonColumns, labels.comparisonColumns)) : [])
    }

    /// A numeric cell: full precision in `data-value` (empty when missing or not finite), rounded text.
    static func numberCell(_ value: Double?, display: CountyColumn.Display) -> String {
        let finite = OutputFormat.finite(value)
        let text: String
        switch display {
        case .text, .grouped: text = finite.map(TextTable.grouped) ?? "–"
        case .decimals(let decimals): text = TextTable.fixed(finite, decimals: decimals)
        }
        return "<td data-value=\"\(finite.map(OutputFormat.plainNumber) ?? "")\">\(text)</td>"
    }

    static func textCell(_ value: String, display: String? = nil, className: String = "text") -> String {
        "<td class=\"\(className)\" data-value=\"\(MarkupText.escaped(value))\">\(display ?? MarkupText.escaped(value))</td>"
    }

    // MARK: - County table

    static func countyTable(_ input: Input, labels: ReportLabels) -> String {
        let headers = labels.countyColumns
        let columns = columns(input.report, labels: labels)
        var html = "<div class=\"table-wrap\"><table class=\"sortable\" id=\"county-table\"><thead><tr>"
        html += "<th class=\"text\" data-key=\"county\" data-type=\"text\">\(MarkupText.escaped(headers[0]))</th>"
        html += "<th class=\"text\" data-key=\"name\" data-type=\"text\">\(MarkupText.escaped(headers[1]))</th>"
        for (column, header) in columns {
            html += "<th data-key=\"\(column.key)\" data-type=\"number\">\(MarkupText.escaped(header))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for figures in input.report.counties {
            html += "<tr data-county=\"\(MarkupText.escaped(figures.county))\">"
            let code = figures.county.isEmpty ? labels.noCounty : figures.county
            html += textCell(
                figures.county,
                display: "<a href=\"#\(MarkupText.countyAnchor(figures.county))\">\(MarkupText.escaped(code))</a>")
            let name = input.layers.counties[figures.county]?.name ?? ""
            if let page = input.countyPage, !figures.county.isEmpty {
                // The name links to the county's own page; the code stays the link to its section here.
                let label = name.isEmpty ? labels.pick("区县页面", "county page") : name
                html += textCell(name, display: "<a class=\"county-page\" href=\"\(MarkupText.escaped(page(figures.county)))\">\(MarkupText.escaped(label))</a>")
            } else {
                html += textCell(name)
            }
            for (column, _) in columns { html += numberCell(column.number(figures), display: column.display) }
            html += "</tr>\n"
        }
        html += "</tbody>\n<tfoot><tr data-county=\"\(CountyFigures.totalKey)\">"
        html += textCell(CountyFigures.totalKey, display: MarkupText.escaped(labels.total)) + textCell("")
        for (column, _) in columns { html += numberCell(column.number(input.report.total), display: column.display) }
        return html + "</tr></tfoot></table></div>\n"
    }

    // MARK: - County section

    static func countySection(_ figures: CountyFigures, input: Input, labels: ReportLabels) -> String {
        let code = figures.county
        let title = SVGMap.countyTitle(code, layers: input.layers, labels: labels)
        var html = "<section class=\"county\" id=\"\(MarkupText.countyAnchor(code))\" data-county=\"\(MarkupText.escaped(code))\">"
        html += "<h2>\(MarkupText.escaped(title))</h2>\n"

        // Figures: one row per column of the county table, the same values.
        html += "<h3>\(MarkupText.escaped(labels.figuresHeading))</h3><table class=\"figures\"><tbody>"
        for (column, header) in columns(input.report, labels: labels) {
            html += "<tr data-key=\"\(column.key)\"><th class=\"text\">\(MarkupText.escaped(header))</th>"
                + numberCell(column.number(figures), display: column.display) + "</tr>"
        }
        html += "</tbody></table>\n"

        // Map with its layer switches.
        html += "<h3>\(MarkupText.escaped(labels.mapHeading))</h3><figure class=\"county-figure\"><div class=\"toggles\">"
        html += MarkupText.escaped(labels.layers)
        for zone in Zone.allCases where (figures.zones.first { $0.zone == zone }?.residents ?? 0) > 0 {
            html += toggle("reach-\(zone.name)", labels.reachLegend(zone, radius: input.layers.radius[zone] ?? 0))
        }
        html += toggle("points", labels.pointsLayer) + toggle("areas", labels.areasLayer) + "</div>\n"
        html += SVGMap.county(
            code, layers: input.layers, figures: figures, labels: labels,
            decorations: MapDecorations(sourceNote: input.decorations.sourceNote, approvalNumber: input.decorations.approvalNumber))
        html += "</figure>\n"

        html += areaTable(code, input: input, labels: labels)

        if let histogram = input.histograms[code] {
            html += "<h3>\(MarkupText.escaped(labels.chartHeading))</h3>\n"
            html += SVGChart.minutes(histogram, target: input.run.minutes, labels: labels) + "\n"
        }
        return html + "</section>\n"
    }

    private static func toggle(_ layer: String, _ text: String) -> String {
        "<label><input type=\"checkbox\" checked data-layer=\"\(layer)\"> \(MarkupText.escaped(text))</label>"
    }

    private static func areaTable(_ code: String, input: Input, labels: ReportLabels) -> String {
        let all = GapsWriter.select(input.areas, county: code, top: nil)
        let shown = Array(all.prefix(topAreas))
        var html = "<h3>\(MarkupText.escaped(labels.topAreasHeading(shown: shown.count, of: all.count)))</h3>\n"
        guard !shown.isEmpty else { return html + "<p>\(MarkupText.escaped(labels.noAreas))</p>\n" }
        html += "<div class=\"table-wrap\"><table class=\"sortable areas-table\"><thead><tr>"
        let withPlaces = shown.contains { !(input.areaPlaces[$0.id] ?? []).isEmpty }
        let textColumns: Set = [1, 6, 7, 11, 12]
        let headers = labels.areaColumns + (withPlaces ? [labels.pick("主要村/社区", "main places")] : [])
        for (index, header) in headers.enumerated() {
            let isText = textColumns.contains(index)
            html += "<th\(isText ? " class=\"text\"" : "") data-type=\"\(isText ? "text" : "number")\">\(MarkupText.escaped(header))</th>"
        }
        html += "</tr></thead><tbody>\n"
        for area in shown {
            html += "<tr data-area=\"\(area.id)\">"
            html += numberCell(Double(area.id), display: .grouped)
            html += textCell(area.dominantZone.name, display: MarkupText.escaped(labels.zone(area.dominantZone)))
            html += numberCell(area.population, display: .grouped) + numberCell(Double(area.residenceCount), display: .grouped)
            html += numberCell(area.centroid.longitude, display: .decimals(5)) + numberCell(area.centroid.latitude, display: .decimals(5))
            html += textCell(area.nearestPointID ?? "") + textCell(area.nearestPointName ?? "", className: "text name")
            html += numberCell(area.nearestDistance, display: .grouped) + numberCell(area.nearestMinutes, display: .decimals(1))
            html += numberCell(area.minutesBeyondTarget, display: .decimals(1))
            html += textCell(area.nearestAcrossWater ? labels.acrossWater : "")
            if withPlaces { html += textCell((input.areaPlaces[area.id] ?? []).joined(separator: labels.pick("、", ", ")), className: "text name") }
            html += "</tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }
}
