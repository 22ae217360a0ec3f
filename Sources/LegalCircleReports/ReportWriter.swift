import Foundation
import LegalCircle

/// Writes the per-county coverage report.
public enum ReportWriter {
    /// The report in `format`: a terminal table, CSV, JSON or Markdown.
    ///
    /// - CSV: one header row, one row per county then the total row (county "total"), per-zone
    ///   residents, covered and coverage % columns, full precision, empty fields for missing values.
    /// - JSON: `{"run", "counties", "total"}`; the counties decode back to equal `CountyFigures`; a county
    ///   whose name is known has it as `countyName` after `county` (never the total).
    /// - Throws: `OutputFormatError` for GeoJSON (the report has no geometry) and HTML (see `HTMLReportWriter`),
    ///   `EncodingError` from JSON.
    /// - Parameters:
    ///   - language: of the table and Markdown headings, headers and values (CSV and JSON keys stay English).
    ///   - names: county names for a name column in the table and Markdown (none when empty), the CSV's
    ///     `county_name` column and the JSON's `countyName`.
    public static func render(
        _ report: CoverageReport, run: RunDescription, format: OutputFormat, language: Language = .en,
        names: PlaceNames = .none
    ) throws -> String {
        let labels = ReportLabels(language)
        let heading = [labels.tableSummary(run)] + labels.warningLines(run)
        switch format {
        case .table: return heading.joined(separator: "\n") + "\n\n" + table(report, labels: labels, names: names).render()
        case .markdown:
            return heading.map(TextTable.markdownEscaped).joined(separator: "  \n") + "\n\n"
                + table(report, labels: labels, names: names).markdown()
        case .csv: return csv(report, run: run, names: names)
        case .json:
            return try OutputFormat.json(
                ReportDocument(
                    run: run, counties: report.counties.map { CountyJSON($0, countyName: names.county($0.county)) },
                    total: CountyJSON(report.total, countyName: nil)))
                + "\n"
        case .geojson:
            throw OutputFormatError(
                format: .geojson, output: "the coverage report", reason: "it is a table without geometry (the areas of `gaps` have polygons)",
                supported: [.table, .csv, .json, .markdown])
        case .html:
            // The page needs maps and per-residence figures that this writer does not get.
            throw OutputFormatError(
                format: .html, output: "the coverage report", reason: "the HTML page is written by `HTMLReportWriter`",
                supported: [.table, .csv, .json, .markdown])
        }
    }

    // MARK: - Table

    private static func table(_ report: CoverageReport, labels: ReportLabels, names: PlaceNames) -> TextTable {
        let l = labels
        let withNames = names.hasCounties(report.counties.map(\.county))
        let byNetwork = report.total.networkComparison != nil
        let header = [l.pick("区县", "county")] + (withNames ? [l.pick("名称", "name")] : [])
            + [l.pick("常住人口", "residents"), l.pick("覆盖人口", "covered"), l.pick("覆盖率 %", "coverage %")]
            + Zone.allCases.map { "\(l.zoneName($0)) %" }
            + [l.pick("服务点", "points"), l.pick("每万人服务点", "points/10k"), l.pick("中位数 分钟", "median min"),
                l.pick("90%分位 分钟", "p90 min"), l.pick("未覆盖人口", "uncovered pop"), l.pick("未覆盖片区", "areas")]
            + (byNetwork ? comparisonHeader(labels: l) : [])
        func row(_ figures: CountyFigures, total: Bool) -> [String] {
            var cells = tableRow(figures, labels: l) + (byNetwork ? comparisonCells(figures.networkComparison) : [])
            if total { cells[0] = l.pick("合计", "total") }
            if withNames { cells.insert(total ? "" : names.county(figures.county) ?? "", at: 1) }
            return cells
        }
        return TextTable(
            header: header, rows: report.counties.map { row($0, total: false) }, footer: [row(report.total, total: true)],
            alignments: [.left] + (withNames ? [.left] : []) + Array(repeating: .right, count: header.count - (withNames ? 2 : 1)))
    }

    private static func tableRow(_ figures: CountyFigures, labels: ReportLabels) -> [String] {
        let oneDecimal = { (value: Double?) in TextTable.fixed(value, decimals: 1) }
        return [labels.countyCell(figures.county),
            TextTable.grouped(figures.residents), TextTable.grouped(figures.covered), oneDecimal(figures.coveragePercent)]
            + Zone.allCases.map { zone in oneDecimal(figures.zones.first { $0.zone == zone }?.coveragePercent) }
            + [TextTable.grouped(Double(figures.servicePoints)), TextTable.fixed(figures.pointsPer10k, decimals: 2),
                oneDecimal(figures.medianMinutes), oneDecimal(figures.p90Minutes), TextTable.grouped(figures.uncoveredPopulation),
                TextTable.grouped(Double(figures.uncoveredAreas))]
    }

    /// The side-by-side columns of a run by network travel: coverage by the straight-line estimate,
    /// residences covered only by the estimate (lost on the roads), only over the roads (gained), and
    /// residences off the roads that kept the estimate.
    private static func comparisonHeader(labels l: ReportLabels) -> [String] {
        [l.pick("直线估算 %", "straight-line %"), l.pick("路网下失去覆盖", "lost on roads"),
            l.pick("路网下新增覆盖", "gained on roads"), l.pick("按直线估算住所", "off-road fallback")]
    }

    private static func comparisonCells(_ comparison: TravelComparison?) -> [String] {
        guard let comparison else { return ["", "", "", ""] }
        return [TextTable.fixed(comparison.straightLineCoveragePercent, decimals: 1),
            TextTable.grouped(Double(comparison.coveredOnlyByStraightLine)),
            TextTable.grouped(Double(comparison.coveredOnlyByNetwork)), TextTable.grouped(Double(comparison.fallbackResidences))]
    }

    // MARK: - CSV

    /// Column names of the CSV report, in order.
    public static let csvHeader: [String] =
        ["county", "residents", "covered", "coverage_percent"]
        + Zone.allCases.flatMap { ["\($0.name)_residents", "\($0.name)_covered", "\($0.name)_coverage_percent"] }
        + ["service_points", "points_per_10k", "median_minutes", "p90_minutes", "uncovered_population", "uncovered_areas"]

    /// Column names of the CSV output: `csvHeader` with the county's name (`county_name`, empty for the
    /// total and for codes without a known name) after the code.
    public static let csvOutputHeader: [String] = ["county", "county_name"] + csvHeader.dropFirst()

    /// Columns a run by network travel adds after `csvOutputHeader`: the side-by-side figures (keys of
    /// JSON's `networkComparison` in snake_case) and the travel model, the same on every row.
    public static let csvNetworkHeader = [
        "straight_line_covered", "straight_line_coverage_percent", "covered_only_by_straight_line", "covered_only_by_network",
        "fallback_residences", "travel_model",
    ]

    private static func csv(_ report: CoverageReport, run: RunDescription, names: PlaceNames) -> String {
        let byNetwork = report.total.networkComparison != nil
        let rows = (report.counties + [report.total]).map { figures -> [String] in
            var row = csvRow(figures)
            row.insert(figures.county == report.total.county ? "" : names.county(figures.county) ?? "", at: 1)
            if byNetwork { row += csvComparison(figures.networkComparison) + [run.travelModel ?? ""] }
            return row
        }
        return ([csvOutputHeader + (byNetwork ? csvNetworkHeader : [])] + rows).map(OutputFormat.csvRecord).joined()
    }

    private static func csvComparison(_ comparison: TravelComparison?) -> [String] {
        guard let c = comparison else { return ["", "", "", "", ""] }
        let number = OutputFormat.csvNumber
        return [number(c.straightLineCovered), number(c.straightLineCoveragePercent), String(c.coveredOnlyByStraightLine),
            String(c.coveredOnlyByNetwork), String(c.fallbackResidences)]
    }

    private static func csvRow(_ figures: CountyFigures) -> [String] {
        let number = OutputFormat.csvNumber
        let zones = Zone.allCases.flatMap { zone -> [String] in
            let figures = figures.zones.first { $0.zone == zone }
            return [number(figures?.residents), number(figures?.covered), number(figures?.coveragePercent)]
        }
        return [figures.county, number(figures.residents), number(figures.covered), number(figures.coveragePercent)]
            + zones
            + [String(figures.servicePoints), number(figures.pointsPer10k), number(figures.medianMinutes),
                number(figures.p90Minutes), number(figures.uncoveredPopulation), String(figures.uncoveredAreas)]
    }
}

// MARK: - JSON

private struct ReportDocument: Encodable {
    let run: RunDescription
    let counties: [CountyJSON]
    let total: CountyJSON
}

/// `CountyFigures` with the keys of its synthesized Codable (so it decodes back), but null written for
/// missing values instead of leaving the key out, and the county's name (`countyName`) when known.
private struct CountyJSON: Encodable {
    let figures: CountyFigures
    let countyName: String?
    init(_ figures: CountyFigures, countyName: String?) {
        self.figures = figures
        self.countyName = countyName
    }

    enum CodingKeys: String, CodingKey {
        case county, countyName, residents, covered, coveragePercent, zones, servicePoints, pointsPer10k, medianMinutes
        case p90Minutes, uncoveredPopulation, uncoveredAreas, networkComparison
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(figures.county, forKey: .county)
        try container.encodeIfPresent(countyName, forKey: .countyName)
        try container.encode(figures.residents, forKey: .residents)
        try container.encode(figures.covered, forKey: .covered)
        try container.encode(OutputFormat.finite(figures.coveragePercent), forKey: .coveragePercent)
        try container.encode(figures.zones.map(ZoneJSON.init), forKey: .zones)
        try container.encode(figures.servicePoints, forKey: .servicePoints)
        try container.encode(OutputFormat.finite(figures.pointsPer10k), forKey: .pointsPer10k)
        try container.encode(OutputFormat.finite(figures.medianMinutes), forKey: .medianMinutes)
        try container.encode(OutputFormat.finite(figures.p90Minutes), forKey: .p90Minutes)
        try container.encode(figures.uncoveredPopulation, forKey: .uncoveredPopulation)
        try container.encode(figures.uncoveredAreas, forKey: .uncoveredAreas)
        // Only in a run by network travel: the straight-line estimate beside it and the flips.
        try container.encodeIfPresent(figures.networkComparison, forKey: .networkComparison)
    }
}

/// `ZoneFigures` with null for a missing percentage.
private struct ZoneJSON: Encodable {
    let figures: ZoneFigures
    init(_ figures: ZoneFigures) { self.figures = figures }

    enum CodingKeys: String, CodingKey { case zone, residents, covered, coveragePercent }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(figures.zone, forKey: .zone)
        try container.encode(figures.residents, forKey: .residents)
        try container.encode(figures.covered, forKey: .covered)
        try container.encode(OutputFormat.finite(figures.coveragePercent), forKey: .coveragePercent)
    }
}
