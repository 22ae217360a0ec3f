import ArgumentParser
import LegalCircleReports

/// The output formats one command offers, so that its help lists exactly those (`--format` of `nearest`
/// does not offer geojson). `xlsx` is an Excel workbook; the others map to `OutputFormat`.
protocol CommandFormat: RawRepresentable, CaseIterable, ExpressibleByArgument where RawValue == String {}

extension CommandFormat {
    /// The text writers' format, nil for xlsx.
    var text: OutputFormat? { OutputFormat(rawValue: rawValue) }
    var isXLSX: Bool { rawValue == "xlsx" }
    /// "table, csv, json or markdown".
    static var list: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + tr(" 或 ", " or ") + (names.last ?? "")
    }
}

/// `report`: the coverage table, the HTML page, or the assessment view.
enum ReportFormat: String, CommandFormat { case table, csv, json, markdown, html, xlsx }

/// `gaps`: the uncovered areas, with polygons in GeoJSON.
enum GapsFormat: String, CommandFormat { case table, csv, json, markdown, geojson, xlsx }

/// `nearest`: a short list of points.
enum NearestFormat: String, CommandFormat { case table, csv, json }

/// `suggest`: the suggested sites.
enum SuggestFormat: String, CommandFormat { case table, csv, json, markdown, xlsx }

/// `compare` and `what-if`: a table of figures per county, or one page.
enum ComparisonFormat: String, CommandFormat { case table, csv, json, markdown, html, xlsx }
