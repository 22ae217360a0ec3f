import Foundation
import LegalCircle

/// Writes the per-county coverage report.
public enum ReportWriter {
    /// The report in `format`: a terminal table, CSV, JSON or Markdown.
    ///
    /// - CSV: one header row, one row per county then the total row (county "total"), per-zone
    ///   residents, covered and coverage % columns, full precision, empty fields for missing values.
    /// - JSON: `{"run", "counties", "total"}`; the counties decode back to equal `CountyFigures`.
    /// - Throws: `OutputFormatError` for GeoJSON (the report has no geometry) and HTML (see `HTMLReportWriter`),
    ///   `EncodingError` from JSON.
    public static func render(_ report: CoverageReport, run: RunDescription, format: OutputFormat) throws -> String {
        switch format {
        case .table: ([run.summary] + run.warningLines).joined(separator: "\n") + "\n\n" + table(report).render()
        case .markdown:
            ([run.summary] + run.warningLines).map(TextTable.markdownEscaped).joined(separator: "  \n") + "\n\n"
                + table(report).markdown()
        case .csv: csv(report)
        case .json:
            try OutputFormat.json(
                ReportDocument(run: run, counties: report.counties.map(CountyJSON.init), total: CountyJSON(report.total)))
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

    private static func table(_ report: CoverageReport) -> TextTable {
        let header = ["county", "residents", "covered", "coverage %"] + Zone.allCases.map { "\($0.name) %" }
            + ["points", "points/10k", "median min", "p90 min", "uncovered pop", "areas"]
        return TextTable(
            header: header, rows: report.counties.map(tableRow), footer: [tableRow(report.total)],
            alignments: [.left] + Array(repeating: .right, count: header.count - 1))
    }

    private static func tableRow(_ figures: CountyFigures) -> [String] {
        let oneDecimal = { (value: Double?) in TextTable.fixed(value, decimals: 1) }
        return [figures.county.isEmpty ? OutputFormat.noCountyLabel : figures.county,
            TextTable.grouped(figures.residents), TextTable.grouped(figures.covered), oneDecimal(figures.coveragePercent)]
            + Zone.allCases.map { zone in oneDecimal(figures.zones.first { $0.zone == zone }?.coveragePercent) }
            + [TextTable.grouped(Double(figures.servicePoints)), TextTable.fixed(figures.pointsPer10k, decimals: 2),
                oneDecimal(figures.medianMinutes), oneDecimal(figures.p90Minutes), TextTable.grouped(figures.uncoveredPopulation),
                TextTable.grouped(Double(figures.uncoveredAreas))]
    }

    // MARK: - CSV

    /// Column names of the CSV report, in order.
    public static let csvHeader: [String] =
        ["county", "residents", "covered", "coverage_percent"]
        + Zone.allCases.flatMap { ["\($0.name)_residents", "\($0.name)_covered", "\($0.name)_coverage_percent"] }
        + ["service_points", "points_per_10k", "median_minutes", "p90_minutes", "uncovered_population", "uncovered_areas"]

    private static func csv(_ report: CoverageReport) -> String {
        ([csvHeader] + (report.counties + [report.total]).map(csvRow)).map(OutputFormat.csvRecord).joined()
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
/// missing values instead of leaving the key out.
private struct CountyJSON: Encodable {
    let figures: CountyFigures
    init(_ figures: CountyFigures) { self.figures = figures }

    enum CodingKeys: String, CodingKey {
        case county, residents, covered, coveragePercent, zones, servicePoints, pointsPer10k, medianMinutes
        case p90Minutes, uncoveredPopulation, uncoveredAreas
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(figures.county, forKey: .county)
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
