import Foundation
import LegalCircle

/// Optional lines a planner puts on a map or report for the bureau: a title, where the data came from
/// and the map approval number (审图号) that published maps of China must carry.
public struct MapDecorations: Sendable, Equatable {
    public var title: String?
    public var sourceNote: String?
    public var approvalNumber: String?

    public init(title: String? = nil, sourceNote: String? = nil, approvalNumber: String? = nil) {
        self.title = title
        self.sourceNote = sourceNote
        self.approvalNumber = approvalNumber
    }

    public static let none = MapDecorations()

    /// The source and approval lines, in the order maps print them.
    func lines(_ labels: ReportLabels) -> [String] {
        [sourceNote.map { labels.pick("数据来源：", "Source: ") + $0 },
            approvalNumber.map { labels.pick("审图号：", "Map approval number: ") + $0 }].compactMap { $0 }
    }
}

/// The assessment view as a page to hand upward (`report --by county|township --format html`): the
/// targets and how many meet them, a map shaded by village share against the village target, the
/// counties or townships that miss a target sorted by shortfall, and every uncovered village by name.
/// One self-contained file like the coverage report: inline CSS and SVG, no script, no network.
public enum AssessmentReportWriter {
    public struct Input: Sendable {
        public var table: VillageCoverage.Table
        public var run: RunDescription
        /// County outlines (and the projection) for the map.
        public var layers: MapLayers
        public var names: PlaceNames
        /// Most populous first.
        public var uncovered: [UncoveredVillage]
        /// Where each uncovered village lies in the run's projection, in `uncovered` order.
        public var uncoveredPositions: [PlanarPoint]
        /// For a township table: each township's population-weighted village centroid in the projection.
        public var townshipPositions: [String: PlanarPoint]

        public init(
            table: VillageCoverage.Table, run: RunDescription, layers: MapLayers, names: PlaceNames,
            uncovered: [UncoveredVillage], uncoveredPositions: [PlanarPoint], townshipPositions: [String: PlanarPoint]
        ) {
            self.table = table
            self.run = run
            self.layers = layers
            self.names = names
            self.uncovered = uncovered
            self.uncoveredPositions = uncoveredPositions
            self.townshipPositions = townshipPositions
        }
    }

    /// Classes of village share against the target: met, then the shortfall in percentage points.
    static let classes: [(label: @Sendable (ReportLabels) -> String, colour: String)] = [
        ({ $0.pick("达到目标", "meets the target") }, "#1a9850"),
        ({ $0.pick("差距 < 10 个百分点", "short by < 10 points") }, "#fee08b"),
        ({ $0.pick("差距 10–30 个百分点", "short by 10–30 points") }, "#fc8d59"),
        ({ $0.pick("差距 ≥ 30 个百分点", "short by ≥ 30 points") }, "#d73027"),
    ]
    static let noVillagesColour = "#d9d9d9"

    /// The class of a share against a target (without a target, the share against 100 %).
    static func classIndex(share: Double?, target: Double?) -> Int? {
        guard let share else { return nil }
        let shortfall = (target ?? 100) - share
        if shortfall <= 0 { return 0 }
        if shortfall < 10 { return 1 }
        if shortfall < 30 { return 2 }
        return 3
    }

    public static func render(_ input: Input, language: Language = .zh, decorations: MapDecorations = .none) -> String {
        let l = ReportLabels(language)
        let table = input.table
        let level = l.villageLevel(table.level)
        let title = decorations.title ?? l.pick("15分钟公共法律服务圈村/社区覆盖考核（按\(level)）", "15-minute legal service circle: village assessment by \(level)")
        var html = "<!DOCTYPE html>\n<html lang=\"\(l.htmlLanguage)\"><head><meta charset=\"utf-8\">\n"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(MarkupText.escaped(title))</title>\n<style>\(css)</style></head>\n<body>\n"
        html += "<header><h1>\(MarkupText.escaped(title))</h1>\n"
        html += "<p class=\"run\">\(MarkupText.escaped(l.runSummary(input.run)))</p>\n"
        for line in decorations.lines(l) { html += "<p class=\"run\">\(MarkupText.escaped(line))</p>\n" }
        html += "</header>\n"

        // Targets and how many meet them.
        html += "<section id=\"targets\"><h2>\(l.pick("目标", "Targets"))</h2><ul>\n"
        let count = table.rows.count
        if let target = table.targets.villagesPercent, let meeting = table.meetingVillageTarget {
            html += "<li>" + MarkupText.escaped(
                l.pick(
                    "村/社区覆盖率目标 \(OutputFormat.plainNumber(target)) %：\(count) 个\(level)中 \(meeting) 个达标，\(count - meeting) 个未达标",
                    "village target \(OutputFormat.plainNumber(target)) %: \(meeting) of \(count) meet it, \(count - meeting) miss it")) + "</li>\n"
        }
        if let target = table.targets.populationPercent, let meeting = table.meetingPopulationTarget {
            html += "<li>" + MarkupText.escaped(
                l.pick(
                    "人口覆盖率目标 \(OutputFormat.plainNumber(target)) %：\(count) 个\(level)中 \(meeting) 个达标",
                    "population target \(OutputFormat.plainNumber(target)) %: \(meeting) of \(count) meet it")) + "</li>\n"
        }
        let total = table.total
        html += "<li>" + MarkupText.escaped(
            l.pick(
                "全部：村/社区 \(total.villages) 个，已覆盖 \(total.coveredVillages) 个（\(TextTable.fixed(total.villageCoveragePercent, decimals: 1)) %）；常住人口覆盖率 \(TextTable.fixed(total.populationCoveragePercent, decimals: 1)) %",
                "all: \(total.villages) villages, \(total.coveredVillages) covered (\(TextTable.fixed(total.villageCoveragePercent, decimals: 1)) %); population covered \(TextTable.fixed(total.populationCoveragePercent, decimals: 1)) %"))
            + "</li>\n"
        if table.codeCountyMismatches > 0 {
            html += "<li>" + MarkupText.escaped(
                l.pick(
                    "注意：\(table.codeCountyMismatches) 个村/社区位于其代码所示区县之外",
                    "note: \(table.codeCountyMismatches) villages lie in another county than their code says")) + "</li>\n"
        }
        html += "</ul></section>\n"

        html += "<section id=\"map\"><h2>\(l.pick("地图", "Map"))</h2>\n" + map(input, labels: l, title: title, decorations: decorations) + "\n</section>\n"

        // Those that miss a target, by shortfall (the table's order), then those that meet them.
        let missing = table.rows.filter { $0.meetsVillageTarget == false || $0.meetsPopulationTarget == false }
        html += "<section id=\"missing\"><h2>" + MarkupText.escaped(l.pick("未达标的\(level)（按差距排序）", "Missing a target (by shortfall)"))
            + "</h2>\n"
        html += missing.isEmpty
            ? "<p>\(MarkupText.escaped(l.pick("全部达标。", "All meet the targets.")))</p>\n"
            : rowsTable(missing, input: input, labels: l, total: nil)
        html += "</section>\n"
        html += "<section id=\"all\"><h2>" + MarkupText.escaped(l.pick("全部\(level)", "All")) + "</h2>\n"
        html += rowsTable(table.rows, input: input, labels: l, total: table.total)
        html += "</section>\n"
        html += uncoveredSection(input, labels: l)
        html += "<footer><p class=\"run\">" + MarkupText.escaped(l.pick("生成时间：", "Written: ") + l.localTime(Date()))
            + "</p><details><summary>\(MarkupText.escaped(l.pick("投影", "Projection")))</summary><p class=\"run\">"
            + MarkupText.escaped(input.run.projection) + "</p></details></footer>\n"
        return html + "</body></html>\n"
    }

    // MARK: - Tables

    private static func rowsTable(_ rows: [VillageCoverage.Row], input: Input, labels l: ReportLabels, total: VillageCoverage.Row?) -> String {
        let level = l.villageLevel(input.table.level)
        let header = [l.pick("\(level)代码", "code"), l.pick("名称", "name")]
            + (input.table.level == .township ? [l.pick("区县", "county")] : [])
            + [l.pick("村/社区", "villages"), l.pick("已覆盖", "covered"), l.pick("村/社区覆盖率 %", "village %"),
                l.pick("常住人口", "residents"), l.pick("人口覆盖率 %", "population %"), l.pick("未达标项", "misses"),
                l.pick("差距 百分点", "shortfall")]
        func cells(_ row: VillageCoverage.Row, isTotal: Bool) -> String {
            let county = [row.county, input.names.county(row.county) ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
            var values: [(String, Bool)] = [
                (isTotal ? l.pick("合计", "total") : l.countyCell(row.code), true),
                (isTotal ? "" : input.names.place(row.code) ?? "", true),
            ]
            if input.table.level == .township { values.append((isTotal ? "" : county, true)) }
            values += [
                (String(row.villages), false), (String(row.coveredVillages), false),
                (TextTable.fixed(row.villageCoveragePercent, decimals: 1), false), (TextTable.grouped(row.residents), false),
                (TextTable.fixed(row.populationCoveragePercent, decimals: 1), false),
                (VillageWriter.misses(row, labels: l), true), (row.shortfall > 0 ? TextTable.fixed(row.shortfall, decimals: 1) : "", false),
            ]
            let miss = row.meetsVillageTarget == false || row.meetsPopulationTarget == false
            return "<tr\(miss && !isTotal ? " class=\"miss\"" : "")>"
                + values.map { "<td\($0.1 ? " class=\"text\"" : "")>\(MarkupText.escaped($0.0))</td>" }.joined() + "</tr>"
        }
        let textColumns = input.table.level == .township ? 3 : 2
        var html = "<div class=\"table-wrap\"><table><thead><tr>"
            + header.enumerated().map { index, title in
                "<th\(index < textColumns || index == header.count - 2 ? " class=\"text\"" : "")>\(MarkupText.escaped(title))</th>"
            }.joined() + "</tr></thead><tbody>\n"
        html += rows.map { cells($0, isTotal: false) }.joined(separator: "\n")
        html += "</tbody>"
        if let total { html += "<tfoot>\(cells(total, isTotal: true))</tfoot>" }
        return html + "</table></div>\n"
    }

    private static func uncoveredSection(_ input: Input, labels l: ReportLabels) -> String {
        var html = "<section id=\"uncovered\"><h2>" + MarkupText.escaped(
            l.pick("未覆盖的村/社区（\(input.uncovered.count) 个，按人口排序）", "Uncovered villages (\(input.uncovered.count), most populous first)"))
            + "</h2>\n"
        guard !input.uncovered.isEmpty else {
            return html + "<p>\(MarkupText.escaped(l.pick("没有未覆盖的村/社区。", "No village is uncovered.")))</p></section>\n"
        }
        if !input.uncovered.contains(where: { !$0.name.isEmpty }) {
            html += "<p class=\"hint\">" + MarkupText.escaped(
                l.pick(
                    "住所文件没有名称列（名称），下表只列代码；导入带名称列的文件即可显示村名。",
                    "The residences file has no name column (名称): codes only; load a file with names to see them.")) + "</p>\n"
        }
        let header = [l.pick("序号", "no."), l.pick("统计用区划代码", "code"), l.pick("名称", "name"), l.pick("乡镇（街道）", "township"),
            l.pick("区县", "county"), l.pick("人口", "population"), l.pick("区域类型", "zone"), l.pick("到最近服务点 分钟", "minutes to nearest"),
            l.pick("最近服务点", "nearest point")]
        html += "<div class=\"table-wrap\"><table><thead><tr>" + header.map { "<th>\(MarkupText.escaped($0))</th>" }.joined()
            + "</tr></thead><tbody>\n"
        for (index, village) in input.uncovered.enumerated() {
            let county = [village.county ?? "", input.names.county(village.county) ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
            let cells: [(String, Bool)] = [
                (String(index + 1), false), (village.code, true), (village.name, true), (input.names.township(village.code) ?? "", true),
                (county, true), (TextTable.grouped(village.population), false), (l.zoneName(village.zone), true),
                (TextTable.fixed(village.minutes, decimals: 1), false), (village.nearestPointName ?? village.nearestPointID ?? "–", true),
            ]
            html += "<tr>" + cells.map { "<td\($0.1 ? " class=\"text\"" : "")>\(MarkupText.escaped($0.0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody></table></div></section>\n"
    }

    // MARK: - Map

    /// Counties shaded by their village share against the target (county table), or township dots so
    /// shaded over grey counties (township table); every uncovered village a small red dot, numbered
    /// in the order of the list below for the 30 most populous.
    static func map(_ input: Input, labels l: ReportLabels, title: String, decorations: MapDecorations) -> String {
        let layers = input.layers
        // The counties the table covers (and the villages), not the whole boundary set: a county's
        // assessment shows that county.
        let codes = Set(input.table.rows.map { input.table.level == .county ? $0.code : $0.county })
        var content = PlanarBounds()
        for code in codes where layers.counties[code] != nil { content.include(layers.bounds(county: code)) }
        for position in input.uncoveredPositions { content.include(position) }
        let view = SVGViewport(
            content: content.isEmpty ? layers.fullBounds : content, maxWidth: SVGMap.maximumWidth, maxHeight: SVGMap.maximumHeight)
        let target = input.table.targets.villagesPercent
        let rows = Dictionary(input.table.rows.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var svg = "<g class=\"counties\" stroke=\"#ffffff\" stroke-width=\"\(view.pixels(0.7))\" fill-rule=\"evenodd\">"
        for (code, county) in layers.counties.sorted(by: { $0.key < $1.key }) {
            let shapes = view.drawable(county.polygons.filter { $0.bounds.intersects(view.bounds) })
            guard !shapes.isEmpty else { continue }
            let row = input.table.level == .county ? rows[code] : nil
            let index = classIndex(share: row?.villageCoveragePercent, target: target)
            let fill = input.table.level == .county ? index.map { classes[$0].colour } ?? noVillagesColour : "#eeeeee"
            let name = [code, input.names.county(code) ?? county.name ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
            let share = row.map { "\(TextTable.fixed($0.villageCoveragePercent, decimals: 1)) %" } ?? ""
            svg += "<path data-county=\"\(MarkupText.escaped(code))\" fill=\"\(fill)\""
                + (input.table.level == .township ? " stroke=\"#999\"" : "") + " d=\""
            view.appendPathData(shapes, to: &svg)
            svg += "\"><title>\(MarkupText.escaped(name + (share.isEmpty ? "" : "：" + share)))</title></path>"
        }
        svg += "</g>"
        // County names on the counties the table covers.
        var countyLabels = ""
        for code in codes.sorted() {
            guard let county = layers.counties[code], let name = input.names.county(code) ?? county.name, !name.isEmpty,
                let largest = view.drawable(county.polygons).max(by: { $0.exteriorArea < $1.exteriorArea }), let anchor = largest.interiorPoint
            else { continue }
            countyLabels += "<text x=\"\(view.x(anchor.x))\" y=\"\(view.y(anchor.y))\">\(MarkupText.escaped(name))</text>"
        }
        if input.table.level == .township {
            svg += "<g class=\"townships\" stroke=\"#333\" stroke-width=\"\(view.pixels(0.6))\">"
            for row in input.table.rows.sorted(by: { $0.code < $1.code }) {
                guard let position = input.townshipPositions[row.code] else { continue }
                let index = classIndex(share: row.villageCoveragePercent, target: target)
                let radius = 3 + min(6, Double(row.villages).squareRoot())
                let name = [row.code, input.names.place(row.code) ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
                svg += "<circle cx=\"\(view.x(position.x))\" cy=\"\(view.y(position.y))\" r=\"\(view.pixels(radius))\" "
                    + "fill=\"\(index.map { classes[$0].colour } ?? noVillagesColour)\"><title>"
                    + MarkupText.escaped("\(name)：\(TextTable.fixed(row.villageCoveragePercent, decimals: 1)) %") + "</title></circle>"
            }
            svg += "</g>"
        }
        if !countyLabels.isEmpty {
            svg += "<g class=\"county-labels\" font-size=\"\(view.pixels(13))\" font-weight=\"bold\" fill=\"#333\" stroke=\"#ffffff\" "
                + "stroke-width=\"\(view.pixels(3))\" paint-order=\"stroke\" text-anchor=\"middle\" opacity=\"0.8\">" + countyLabels + "</g>"
        }
        // Uncovered villages: visible at any zoom (a minimum size in pixels), the first 30 numbered.
        svg += "<g class=\"uncovered-villages\" fill=\"#b2182b\" stroke=\"#ffffff\" stroke-width=\"\(view.pixels(0.8))\">"
        for (index, position) in input.uncoveredPositions.enumerated().reversed() {
            let village = input.uncovered[index]
            svg += "<circle cx=\"\(view.x(position.x))\" cy=\"\(view.y(position.y))\" r=\"\(view.pixels(index < 30 ? 4 : 2.5))\">"
                + "<title>\(MarkupText.escaped("\(index + 1). \(village.name.isEmpty ? village.code : village.name)"))</title></circle>"
        }
        svg += "</g>"
        let numbered = Array(input.uncoveredPositions.prefix(30).enumerated())
        if !numbered.isEmpty {
            svg += "<g class=\"village-numbers\" font-size=\"\(view.pixels(9))\" font-weight=\"bold\" fill=\"#67001f\" stroke=\"#ffffff\" "
                + "stroke-width=\"\(view.pixels(2.5))\" paint-order=\"stroke\">"
            var placed: [(x: Double, y: Double)] = []
            for (index, position) in numbered {
                // Skip a label that would overlap one already placed (the dot and the list still show it).
                let x = position.x + 5 * view.metresPerPixel, y = position.y + 5 * view.metresPerPixel
                let box = 9 * view.metresPerPixel
                if placed.contains(where: { abs($0.x - x) < box * 1.6 && abs($0.y - y) < box }) { continue }
                placed.append((x, y))
                svg += "<text x=\"\(view.x(x))\" y=\"\(view.y(y))\">\(index + 1)</text>"
            }
            svg += "</g>"
        }
        var legend = SVGLegend()
        for entry in classes { legend.swatch(fill: entry.colour, l.pick("村/社区覆盖率：", "village share: ") + entry.label(l)) }
        legend.swatch(fill: noVillagesColour, l.pick("无村/社区", "no villages"))
        legend.marker(radius: 4, fill: "#b2182b", l.pick("未覆盖的村/社区（编号同下表）", "uncovered village (numbers as in the list)"))
        for line in decorations.lines(l) { legend.note(line) }
        SVGMap.scaleAndProjection(view: view, layers: layers, labels: l, into: &legend)
        let subtitle = l.pick(
            "村/社区覆盖率目标 \(target.map(OutputFormat.plainNumber) ?? "–") %", "village target \(target.map(OutputFormat.plainNumber) ?? "–") %")
        return SVGDocument.wrap(
            width: Int(SVGMap.maximumWidth), title: title, subtitle: subtitle, viewport: view, drawing: svg, legend: legend,
            className: "map assessment-map")
    }

    private static let css = """
        body{font-family:\(SVGStyle.fontFamily);max-width:1180px;margin:0 auto;padding:12px 18px;color:#222;background:#fff;font-size:14px}
        h1{font-size:22px}h2{font-size:18px;margin-top:28px}p.run,p.hint{color:#444;margin:4px 0}
        .table-wrap{overflow-x:auto}table{border-collapse:collapse;font-size:13px;margin:6px 0}
        th,td{border-bottom:1px solid #ddd;padding:3px 7px;text-align:right;white-space:nowrap}th{background:#f2f2f2}
        th.text,td.text{text-align:left}tr.miss td:first-child{border-left:4px solid #d73027}
        tfoot td{font-weight:bold;border-top:2px solid #999}svg{max-width:100%;height:auto;display:block}
        footer{margin-top:30px;border-top:1px solid #ccc}
        """
}
