import Foundation
import LegalCircle

/// Writes the sites `suggest` chose, and the chosen sites as a service-points file.
public enum SuggestionWriter {
    /// The suggestion in `format`.
    ///
    /// - Table and Markdown: the run line, what was asked and how many candidates were used, one row per
    ///   site in order and (with a count) how close to the best possible they are, then (with a target) one
    ///   row per county with a lower bound on the sites any choice needs.
    /// - CSV: one row per site (`csvHeader`), full precision; `county_name` is the county's name (empty when
    ///   unknown); `upper_bound` and `bound_gap_percent` repeat the run's certified bound on every row (empty
    ///   with a target).
    /// - JSON: `{"run", "crs", "request", "before", "candidates", "method", "sites", "targets"}`, full precision;
    ///   sites and targets have `countyName` when the county's name is known.
    /// - Locations are in `output` (WGS84 when nil), named in the heading, the CSV's `crs` column and
    ///   the JSON's `crs` member.
    /// - Throws: `OutputFormatError` for GeoJSON and HTML, `EncodingError` from JSON.
    public static func render(
        _ suggestion: SiteSuggestion, run: RunDescription, format: OutputFormat, output: OutputCoordinates? = nil,
        language: Language = .en, names: PlaceNames = .none, places: [Int: [String]] = [:]
    ) throws -> String {
        let output = output ?? .wgs84
        let l = ReportLabels(language)
        switch format {
        case .table:
            return heading(suggestion, run: run, output: output, labels: l) + "\n"
                + siteTable(suggestion, output: output, labels: l, names: names, places: places).render()
                + boundText(suggestion, labels: l)
                + targetText(suggestion, markdown: false, labels: l, names: names)
        case .markdown:
            return TextTable.markdownEscaped(heading(suggestion, run: run, output: output, labels: l)) + "\n"
                + siteTable(suggestion, output: output, labels: l, names: names, places: places).markdown()
                + TextTable.markdownEscaped(boundText(suggestion, labels: l))
                + targetText(suggestion, markdown: true, labels: l, names: names)
        case .csv:
            return ([csvHeader] + suggestion.sites.map { csvRow($0, output: output, names: names) + boundColumns(suggestion) })
                .map(OutputFormat.csvRecord).joined()
        case .json: return try OutputFormat.json(SuggestionDocument(suggestion, run: run, output: output, names: names)) + "\n"
        case .geojson, .html:
            throw OutputFormatError(
                format: format, output: "the suggested sites", reason: "they are a table (write them as points with --sites-out)",
                supported: [.table, .csv, .json, .markdown])
        }
    }

    /// Column names of the CSV, in order. Not the points layout: `--sites-out` writes that
    /// (`servicePointsCSV`).
    public static let csvHeader = [
        "rank", "longitude", "latitude", "county", "county_name", "candidate_id", "candidate_name", "origin", "newly_covered",
        "newly_covered_in_county", "county_covered", "county_residents", "county_coverage_percent", "region_covered",
        "region_residents", "region_coverage_percent", "crs", "upper_bound", "bound_gap_percent",
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

    static func origin(_ candidate: SiteCandidate, labels l: ReportLabels = ReportLabels(.en)) -> String {
        switch candidate.origin {
        case .file: l.pick("文件", "file")
        case .residence(let id): l.pick("住所 \(id)", "residence \(id)")
        case .area(let id): l.pick("片区 \(id)", "area \(id)")
        }
    }

    /// How tables label a candidate: its name (a file row), else where it stands with the place's name
    /// when known: "residence 330127100003 枫树岭村", "area 658 (枫树岭村、下姜村)".
    /// - Parameter places: the most populous named places of each uncovered area, by area id.
    static func label(_ candidate: SiteCandidate, labels l: ReportLabels, places: [Int: [String]] = [:]) -> String {
        if let name = candidate.name ?? candidate.id { return name }
        let origin = origin(candidate, labels: l)
        switch candidate.origin {
        case .residence: return candidate.place.map { "\(origin) \($0)" } ?? origin
        case .area(let id):
            guard let names = places[id].map({ $0.joined(separator: "、") }) ?? candidate.place, !names.isEmpty else { return origin }
            return "\(origin)（\(names)）"
        case .file: return origin
        }
    }

    private static func heading(
        _ suggestion: SiteSuggestion, run: RunDescription, output: OutputCoordinates, labels l: ReportLabels
    ) -> String {
        let before = suggestion.regionResidents > 0 ? suggestion.regionCoveredBefore / suggestion.regionResidents * 100 : nil
        var lines = [l.tableSummary(run)]
        lines.append(
            l.pick(
                "建议新增站点：\(goal(suggestion.request, labels: l))；候选点 \(suggestion.candidateCount) 个；"
                    + "新增前全域覆盖率 \(TextTable.fixed(before, decimals: 1)) %；\(l.axesIn(output))",
                "Suggested sites: \(goal(suggestion.request)); \(suggestion.candidateCount) candidates; "
                    + "region coverage before \(TextTable.fixed(before, decimals: 1)) %; \(output.axes) in \(output.label)"))
        if suggestion.travelModel != nil {
            lines.append(
                l.pick(
                    "按路网规划：每个候选点覆盖哪些住所，由从它出发、沿各出行方式道路的有界搜索得出（与 `report` 按路网的计算一致）；距道路过远的住所按直线估算",
                    "planned over the roads: the residences each candidate covers come from a bounded search from it over each mode's "
                        + "roads (as `report` computes over the roads); residences too far from a road by the straight-line estimate"))
        }
        if suggestion.projectionMoves > 0 {
            lines.append(
                l.pick(
                    "\(suggestion.projectionMoves) 个站点在数据范围外、移动了本次运行的投影；从该站点起的指标均为完整重算所得",
                    "\(suggestion.projectionMoves) sites lie outside the data and move the run's projection; "
                        + "the figures from each on come from a full recomputation"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func goal(_ request: SuggestionRequest, labels l: ReportLabels = ReportLabels(.en)) -> String {
        let scope = request.county.map { l.pick("区县 \($0)", "county \($0)") } ?? l.pick("全域", "whole region")
        let method = request.localSearch ? l.pick("贪心 + 交换优化", "greedy + swaps") : l.pick("贪心", "greedy")
        switch request.goal {
        case .count(let count): return l.pick("至多 \(count) 个站点，\(scope)，\(method)", "up to \(count) sites, \(scope), \(method)")
        case .target(let percent):
            let percent = OutputFormat.plainNumber(percent)
            return l.pick(
                "每个区县达到 \(percent) % 所需最少站点，\(request.county == nil ? "所有区县" : scope)，\(method)",
                "fewest sites for \(percent) % per county, \(request.county == nil ? "every county" : scope), \(method)")
        }
    }

    private static func siteTable(
        _ suggestion: SiteSuggestion, output: OutputCoordinates, labels l: ReportLabels, names: PlaceNames,
        places: [Int: [String]]
    ) -> TextTable {
        let withNames = names.hasCounties(suggestion.sites.compactMap(\.county))
        let header = [
            l.pick("序号", "rank"), output.isProjected ? "x" : l.pick("经度", "lon"), output.isProjected ? "y" : l.pick("纬度", "lat"),
            l.pick("区县", "county"),
        ] + (withNames ? [l.pick("区县名称", "county name")] : []) + [
            l.pick("候选点", "candidate"), l.pick("新覆盖人口", "new covered"), l.pick("其中本县", "in county"),
            l.pick("本县覆盖率 %", "county %"), l.pick("全域覆盖率 %", "region %"),
        ]
        let decimals = output.isProjected ? 2 : 6
        let rows = suggestion.sites.map { site -> [String] in
            let location = output.convert(site.location)
            return [String(site.rank), TextTable.fixed(location.x, decimals: decimals), TextTable.fixed(location.y, decimals: decimals),
                l.countyCell(site.county)] + (withNames ? [names.county(site.county) ?? ""] : [])
                + [label(site.candidate, labels: l, places: places),
                    TextTable.grouped(site.newlyCovered), TextTable.grouped(site.newlyCoveredInCounty),
                    TextTable.fixed(site.countyCoveragePercent, decimals: 1), TextTable.fixed(site.regionCoveragePercent, decimals: 1)]
        }
        return TextTable(
            header: header, rows: rows,
            alignments: [.right, .right, .right, .left] + (withNames ? [.left] : []) + [.left, .right, .right, .right, .right])
    }

    private static func targetText(_ suggestion: SiteSuggestion, markdown: Bool, labels l: ReportLabels, names: PlaceNames) -> String {
        guard !suggestion.targets.isEmpty else { return "" }
        let withNames = names.hasCounties(suggestion.targets.map(\.county))
        let rows = suggestion.targets.map { target -> [String] in
            [target.county] + (withNames ? [names.county(target.county) ?? ""] : [])
                + [TextTable.grouped(target.residents), TextTable.fixed(target.percentBefore, decimals: 1),
                    TextTable.fixed(target.percentAfter, decimals: 1), String(target.sites),
                    target.sitesLowerBound.map(String.init) ?? "–", status(target.status, labels: l)]
        }
        let header = [l.pick("区县", "county")] + (withNames ? [l.pick("名称", "name")] : [])
            + [l.pick("常住人口", "residents"), l.pick("新增前 %", "before %"), l.pick("新增后 %", "after %"),
                l.pick("站点数", "sites"), l.pick("至少需", "at least"), l.pick("目标", "target")]
        let table = TextTable(
            header: header, rows: rows,
            alignments: [.left] + (withNames ? [.left] : []) + [.right, .right, .right, .right, .right, .left])
        return "\n" + (markdown ? table.markdown() : table.render()) + sitesLowerBoundNote(markdown: markdown, labels: l)
    }

    static func status(_ status: CountyTargetOutcome.Status, labels l: ReportLabels = ReportLabels(.en)) -> String {
        switch status {
        case .alreadyMet: l.pick("已达到", "already met")
        case .reached: l.pick("可达到", "reached")
        case .notReachable(let best, let sites):
            l.pick(
                "候选点无法达到：\(sites) 个站点至多 \(TextTable.fixed(best, decimals: 1)) %",
                "not reachable from the candidates: at most \(TextTable.fixed(best, decimals: 1)) % with \(sites) sites")
        }
    }

    private static func csvRow(_ site: SuggestedSite, output: OutputCoordinates, names: PlaceNames) -> [String] {
        let number = OutputFormat.csvNumber
        let location = output.convert(site.location)
        return [String(site.rank), number(OutputFormat.finite(location.x)), number(OutputFormat.finite(location.y)), site.county ?? "",
            names.county(site.county) ?? "", site.candidate.id ?? "", site.candidate.name ?? "", origin(site.candidate), number(site.newlyCovered),
            number(site.newlyCoveredInCounty), number(site.countyCovered), number(site.countyResidents),
            number(site.countyCoveragePercent), number(site.regionCovered), number(site.regionResidents),
            number(site.regionCoveragePercent), output.name]
    }
}
