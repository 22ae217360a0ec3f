import Foundation
import LegalCircle

/// Writes a comparison of two runs (`legalcircle compare`, `legalcircle what-if`).
public enum ComparisonWriter {
    /// The formats a comparison can be written in: it is a table.
    public static let formats: [OutputFormat] = [.table, .csv, .json, .markdown, .html]

    /// The comparison in `format`. Per county and the total: residents, covered population, coverage %,
    /// service points, uncovered areas and median minutes in A, in B, and the change B − A (coverage in
    /// percentage points). A county in one run only has the other side and the changes blank.
    ///
    /// - Table and Markdown: a header naming both sides and the notes, then the table.
    /// - CSV: one header row (`county,county_name,residents_a,residents_b,residents_change,…`), one row per
    ///   county then the total (county "total"); full precision; empty fields where a value is missing;
    ///   `county_name` is the county's name from `names` (empty for the total and unknown codes).
    /// - JSON: `{"a", "b", "notes", "counties", "total"}`; each line has `county`, `countyName` (only when
    ///   known: never for the total), then `a`, `b` (the figures under the report's JSON keys, or null) and
    ///   `change`.
    /// - HTML: one self-contained page (no network, like the HTML report) with the header lines and the
    ///   table's cells exactly as the table format prints them, every text escaped.
    /// - Throws: `OutputFormatError` for any format not in `formats`, `EncodingError` from JSON.
    public static func render(
        _ comparison: RunComparison, a: ComparedRun, b: ComparedRun, format: OutputFormat, language: Language = .en,
        names: PlaceNames = .none
    ) throws -> String {
        let l = ReportLabels(language)
        // JSON keeps English notes: scripts read them.
        let notes = ComparedRun.notes(a: a, b: b, comparison: comparison, labels: format == .json ? ReportLabels(.en) : l)
        let makeTable = { table(comparison, labels: l, names: names) }
        switch format {
        case .table: return header(a: a, b: b, notes: notes, labels: l) + "\n\n" + makeTable().render()
        case .markdown:
            let lines = header(a: a, b: b, notes: notes, labels: l).split(separator: "\n").map { TextTable.markdownEscaped(String($0)) }
            return lines.joined(separator: "  \n") + "\n\n" + makeTable().markdown()
        case .csv: return csv(comparison, a: a, b: b, names: names)
        case .html: return html(header: header(a: a, b: b, notes: notes, labels: l), table: makeTable(), labels: l)
        case .json:
            return try OutputFormat.json(
                ComparisonDocument(
                    a: a, b: b, notes: notes,
                    counties: comparison.counties.map { LineJSON($0, countyName: names.county($0.county)) },
                    total: LineJSON(comparison.total, countyName: nil))) + "\n"
        default:
            throw OutputFormatError(
                format: format, output: "the comparison", reason: "it is a table of figures per county", supported: formats)
        }
    }

    private static func header(a: ComparedRun, b: ComparedRun, notes: [String], labels l: ReportLabels) -> String {
        ([
            l.pick(
                "对比：A = \(l.caption(a.caption))，B = \(l.caption(b.caption))；变化 = B − A",
                "Comparison of A = \(a.caption) and B = \(b.caption); change = B − A"),
            "A: \(a.summary(l))", "B: \(b.summary(l))",
        ] + notes.map { l.pick("注：\($0)", "note: \($0)") }).joined(separator: "\n")
    }

    private static func html(header: String, table: TextTable, labels l: ReportLabels) -> String {
        func row(_ cells: [String], tag: String) -> String {
            "<tr>" + cells.enumerated().map { index, cell in
                "<\(tag)\(table.alignments[index] == .right ? " class=\"n\"" : "")>\(MarkupText.escaped(cell))</\(tag)>"
            }.joined() + "</tr>"
        }
        let paragraphs = header.split(separator: "\n").map { "<p>\(MarkupText.escaped(String($0)))</p>" }
        return """
            <!DOCTYPE html>
            <html lang="\(l.htmlLanguage)"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>\(l.pick("legalcircle：两次运行对比", "legalcircle: comparison of two runs"))</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd}.n{text-align:right}tfoot{font-weight:bold}</style>
            </head><body>
            \(paragraphs.joined(separator: "\n"))
            <table><thead>\(row(table.header, tag: "th"))</thead>
            <tbody>\(table.rows.map { row($0, tag: "td") }.joined(separator: "\n"))</tbody>
            <tfoot>\(table.footer.map { row($0, tag: "td") }.joined(separator: "\n"))</tfoot></table>
            </body></html>

            """
    }

    // MARK: - Table

    /// One figure of the comparison: its column titles, and how to read and print it.
    struct Figure: Sendable {
        var title: String
        var changeTitle: String
        var csvName: String
        var decimals: Int
        var value: @Sendable (CountyFigures) -> Double?
        var change: @Sendable (RunComparison.Line) -> Double?
    }

    static let figures: [Figure] = [
        Figure(title: "residents", changeTitle: "Δ residents", csvName: "residents", decimals: 0, value: { $0.residents }, change: { $0.residentsChange }),
        Figure(title: "covered", changeTitle: "Δ covered", csvName: "covered", decimals: 0, value: { $0.covered }, change: { $0.coveredChange }),
        Figure(
            title: "coverage %", changeTitle: "Δ pp", csvName: "coverage_percent", decimals: 1, value: { $0.coveragePercent },
            change: { $0.coverageChange }),
        Figure(
            title: "points", changeTitle: "Δ points", csvName: "service_points", decimals: 0, value: { Double($0.servicePoints) },
            change: { $0.servicePointsChange.map(Double.init) }),
        Figure(
            title: "areas", changeTitle: "Δ areas", csvName: "uncovered_areas", decimals: 0, value: { Double($0.uncoveredAreas) },
            change: { $0.uncoveredAreasChange.map(Double.init) }),
        Figure(
            title: "median min", changeTitle: "Δ min", csvName: "median_minutes", decimals: 1, value: { $0.medianMinutes },
            change: { $0.medianMinutesChange }),
    ]

    private static func table(_ comparison: RunComparison, labels l: ReportLabels, names: PlaceNames) -> TextTable {
        let withNames = names.hasCounties(comparison.counties.map(\.county))
        let header = [l.pick("区县", "county")] + (withNames ? [l.pick("名称", "name")] : [])
            + figures.flatMap { figure in
                let (title, change) = l.comparisonTitles(figure.csvName, title: figure.title, change: figure.changeTitle)
                return ["\(title) A", "\(title) B", change]
            }
        func row(_ line: RunComparison.Line, total: Bool) -> [String] {
            var cells = tableRow(line, labels: l)
            if total { cells[0] = l.pick("合计", cells[0]) }
            if withNames { cells.insert(total ? "" : names.county(line.county) ?? "", at: 1) }
            return cells
        }
        return TextTable(
            header: header, rows: comparison.counties.map { row($0, total: false) }, footer: [row(comparison.total, total: true)],
            alignments: [.left] + (withNames ? [.left] : []) + Array(repeating: .right, count: header.count - (withNames ? 2 : 1)))
    }

    private static func tableRow(_ line: RunComparison.Line, labels l: ReportLabels) -> [String] {
        [l.countyCell(line.county)] + figures.flatMap { figure in
            [line.a.map { cell(figure.value($0), decimals: figure.decimals) } ?? "",
                line.b.map { cell(figure.value($0), decimals: figure.decimals) } ?? "",
                line.a == nil || line.b == nil ? "" : signed(figure.change(line), decimals: figure.decimals)]
        }
    }

    private static func cell(_ value: Double?, decimals: Int) -> String {
        guard let value else { return "–" }
        return decimals == 0 ? TextTable.grouped(value) : TextTable.fixed(value, decimals: decimals)
    }

    /// A change with its sign ("+1,204", "-0.3"); "0" or "0.0" without one.
    static func signed(_ value: Double?, decimals: Int) -> String {
        let text = cell(value, decimals: decimals)
        // `cell` already prints a change that rounds to zero without a minus sign.
        guard let value, value.isFinite, Double(text.replacingOccurrences(of: ",", with: "")) != 0 else { return text }
        return value > 0 ? "+" + text : text
    }

    // MARK: - CSV

    /// Column names of the CSV comparison, in order: the county's code and name, then A, B and the change
    /// of each figure.
    public static let csvHeader: [String] =
        ["county", "county_name"] + figures.flatMap { ["\($0.csvName)_a", "\($0.csvName)_b", "\($0.csvName)_change"] }

    /// When either side was computed over the roads, `travel_model_a` and `travel_model_b` follow (the
    /// straight-line estimate named as such), the same on every row.
    private static func csv(_ comparison: RunComparison, a: ComparedRun, b: ComparedRun, names: PlaceNames) -> String {
        let number = OutputFormat.csvNumber
        let byNetwork = a.run.travelModel != nil || b.run.travelModel != nil
        let models = byNetwork ? [a, b].map { $0.run.travelModel ?? "straight-line estimate" } : []
        let rows = (comparison.counties + [comparison.total]).map { line in
            [line.county, line.isTotal ? "" : names.county(line.county) ?? ""] + figures.flatMap { figure in
                [number(line.a.flatMap { OutputFormat.finite(figure.value($0)) }),
                    number(line.b.flatMap { OutputFormat.finite(figure.value($0)) }), number(figure.change(line))]
            } + models
        }
        return ([csvHeader + (byNetwork ? ["travel_model_a", "travel_model_b"] : [])] + rows).map(OutputFormat.csvRecord).joined()
    }
}

// MARK: - JSON

private struct ComparisonDocument: Encodable {
    let a: ComparedRun
    let b: ComparedRun
    let notes: [String]
    let counties: [LineJSON]
    let total: LineJSON
}

/// The compared figures under the keys of the report's JSON, null where missing or infinite.
private struct FiguresJSON: Encodable {
    var residents: Double?
    var covered: Double?
    var coveragePercent: Double?
    var servicePoints: Int?
    var uncoveredAreas: Int?
    var medianMinutes: Double?

    enum CodingKeys: String, CodingKey {
        case residents, covered, coveragePercent, servicePoints, uncoveredAreas, medianMinutes
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(residents, forKey: .residents)
        try container.encode(covered, forKey: .covered)
        try container.encode(OutputFormat.finite(coveragePercent), forKey: .coveragePercent)
        try container.encode(servicePoints, forKey: .servicePoints)
        try container.encode(uncoveredAreas, forKey: .uncoveredAreas)
        try container.encode(OutputFormat.finite(medianMinutes), forKey: .medianMinutes)
    }
}

private struct LineJSON: Encodable {
    let county: String
    let countyName: String?
    let a: FiguresJSON?
    let b: FiguresJSON?
    let change: FiguresJSON

    init(_ line: RunComparison.Line, countyName: String?) {
        county = line.county
        self.countyName = countyName
        a = line.a.map(Self.figures)
        b = line.b.map(Self.figures)
        change = FiguresJSON(
            residents: line.residentsChange, covered: line.coveredChange, coveragePercent: line.coverageChange,
            servicePoints: line.servicePointsChange, uncoveredAreas: line.uncoveredAreasChange,
            medianMinutes: line.medianMinutesChange)
    }

    private static func figures(_ figures: CountyFigures) -> FiguresJSON {
        FiguresJSON(
            residents: figures.residents, covered: figures.covered, coveragePercent: figures.coveragePercent,
            servicePoints: figures.servicePoints, uncoveredAreas: figures.uncoveredAreas,
            medianMinutes: figures.medianMinutes)
    }

    enum CodingKeys: String, CodingKey { case county, countyName, a, b, change }

    /// null for a missing side, so every line has the same keys (but `countyName`, only when known).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(county, forKey: .county)
        try container.encodeIfPresent(countyName, forKey: .countyName)
        try container.encode(a, forKey: .a)
        try container.encode(b, forKey: .b)
        try container.encode(change, forKey: .change)
    }
}
