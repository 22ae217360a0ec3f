import Foundation
import LegalCircle

/// Writes the sites `suggest` chose, and the chosen sites as a service-points file.
public enum SuggestionWriter {
    /// The suggestion in `format`.
    ///
    /// - Table and Markdown: the run line, what was asked and how many candidates were used, one row per
    ///   site in order, then (with a target) one row per county.
    /// - CSV: one row per site (`csvHeader`), full precision.
    /// - JSON: `{"run", "crs", "request", "before", "candidates", "method", "sites", "targets"}`, full precision.
    /// - Locations are in `output` (WGS84 when nil), named in the heading, the CSV's `crs` column and
    ///   the JSON's `crs` member.
    /// - Throws: `OutputFormatError` for GeoJSON and HTML, `EncodingError` from JSON.
    public static func render(
        _ suggestion: SiteSuggestion, run: RunDescription, format: OutputFormat, output: OutputCoordinates? = nil
    ) throws -> String {
        let output = output ?? .wgs84
        switch format {
        case .table:
            return heading(suggestion, run: run, output: output) + "\n" + siteTable(suggestion, output: output).render()
                + targetText(suggestion, markdown: false)
        case .markdown:
            return TextTable.markdownEscaped(heading(suggestion, run: run, output: output)) + "\n"
                + siteTable(suggestion, output: output).markdown() + targetText(suggestion, markdown: true)
        case .csv:
            return ([csvHeader] + suggestion.sites.map { csvRow($0, output: output) }).map(OutputFormat.csvRecord).joined()
        case .json: return try OutputFormat.json(SuggestionDocument(suggestion, run: run, output: output)) + "\n"
        case .geojson, .html:
            throw OutputFormatError(
                format: format, output: "the suggested sites", reason: "they are a table (write them as points with --sites-out)",
                supported: [.table, .csv, .json, .markdown])
        }
    }

    /// Column names of the CSV, in order.
    public static let csvHeader = [
        "rank", "longitude", "latitude", "county", "candidate_id", "candidate_name", "origin", "newly_covered",
        "newly_covered_in_county", "county_covered", "county_residents", "county_coverage_percent", "region_covered",
        "region_residents", "region_coverage_percent", "crs",
    ]

    /// The chosen sites as a service-points CSV (`id,name,kind,level,lon,lat,county`) that `load` and
    /// `report --points` accept, coordinates with full precision (the shortest text that reads back to the
    /// same number). In WGS84 (`output` nil or WGS84) it has exactly the points layout, so its rows can be
    /// appended to a points file, and a recomputation places the sites exactly where they were evaluated.
    /// In another system a last column `crs` names it (`load` ignores extra columns): read back with
    /// `--points-crs gcj02` (`bd09`), the sites land within a µm of the WGS84 ones.
    public static func servicePointsCSV(_ points: [ServicePoint], output: OutputCoordinates? = nil) -> String {
        let output = output ?? .wgs84
        let named = !output.isWGS84
        return ([["id", "name", "kind", "level", "lon", "lat", "county"] + (named ? ["crs"] : [])]
            + points.map { point in
                let location = output.convert(point.location)
                return [point.id, point.name, point.kinds.list, point.level.rawValue, "\(location.x)", "\(location.y)",
                    point.county ?? ""] + (named ? [output.name] : [])
            }).map(OutputFormat.csvRecord).joined()
    }

    static func origin(_ candidate: SiteCandidate) -> String {
        switch candidate.origin {
        case .file: "file"
        case .residence(let id): "residence \(id)"
        case .area(let id): "area \(id)"
        }
    }

    private static func heading(_ suggestion: SiteSuggestion, run: RunDescription, output: OutputCoordinates) -> String {
        let before = suggestion.regionResidents > 0 ? suggestion.regionCoveredBefore / suggestion.regionResidents * 100 : nil
        var lines = [run.summary]
        lines.append(
            "Suggested sites: \(goal(suggestion.request)); \(suggestion.candidateCount) candidates; "
                + "region coverage before \(TextTable.fixed(before, decimals: 1)) %; \(output.axes) in \(output.label)")
        if suggestion.projectionMoves > 0 {
            lines.append(
                "\(suggestion.projectionMoves) sites lie outside the data and move the run's projection; "
                    + "the figures from each on come from a full recomputation")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func goal(_ request: SuggestionRequest) -> String {
        let scope = request.county.map { "county \($0)" } ?? "whole region"
        let method = request.localSearch ? "greedy + swaps" : "greedy"
        switch request.goal {
        case .count(let count): return "up to \(count) sites, \(scope), \(method)"
        case .target(let percent):
            return "fewest sites for \(OutputFormat.plainNumber(percent)) % per county, \(request.county == nil ? "every county" : scope), \(method)"
        }
    }

    private static func siteTable(_ suggestion: SiteSuggestion, output: OutputCoordinates) -> TextTable {
        let header = [
            "rank", output.isProjected ? "x" : "lon", output.isProjected ? "y" : "lat", "county", "candidate", "new covered",
            "in county", "county %", "region %",
        ]
        let decimals = output.isProjected ? 2 : 6
        let rows = suggestion.sites.map { site -> [String] in
            let location = output.convert(site.location)
            return [String(site.rank), TextTable.fixed(location.x, decimals: decimals), TextTable.fixed(location.y, decimals: decimals),
                site.county ?? OutputFormat.noCountyLabel, site.candidate.name ?? site.candidate.id ?? origin(site.candidate),
                TextTable.grouped(site.newlyCovered), TextTable.grouped(site.newlyCoveredInCounty),
                TextTable.fixed(site.countyCoveragePercent, decimals: 1), TextTable.fixed(site.regionCoveragePercent, decimals: 1)]
        }
        return TextTable(
            header: header, rows: rows,
            alignments: [.right, .right, .right, .left, .left, .right, .right, .right, .right])
    }

    private static func targetText(_ suggestion: SiteSuggestion, markdown: Bool) -> String {
        guard !suggestion.targets.isEmpty else { return "" }
        let rows = suggestion.targets.map { target -> [String] in
            [target.county, TextTable.grouped(target.residents), TextTable.fixed(target.percentBefore, decimals: 1),
                TextTable.fixed(target.percentAfter, decimals: 1), String(target.sites), status(target.status)]
        }
        let table = TextTable(
            header: ["county", "residents", "before %", "after %", "sites", "target"], rows: rows,
            alignments: [.left, .right, .right, .right, .right, .left])
        return "\n" + (markdown ? table.markdown() : table.render())
    }

    static func status(_ status: CountyTargetOutcome.Status) -> String {
        switch status {
        case .alreadyMet: "already met"
        case .reached: "reached"
        case .notReachable(let best, let sites):
            "not reachable from the candidates: at most \(TextTable.fixed(best, decimals: 1)) % with \(sites) sites"
        }
    }

    private static func csvRow(_ site: SuggestedSite, output: OutputCoordinates) -> [String] {
        let number = OutputFormat.csvNumber
        let location = output.convert(site.location)
        return [String(site.rank), number(OutputFormat.finite(location.x)), number(OutputFormat.finite(location.y)), site.county ?? "",
            site.candidate.id ?? "", site.candidate.name ?? "", origin(site.candidate), number(site.newlyCovered),
            number(site.newlyCoveredInCounty), number(site.countyCovered), number(site.countyResidents),
            number(site.countyCoveragePercent), number(site.regionCovered), number(site.regionResidents),
            number(site.regionCoveragePercent), output.name]
    }
}
