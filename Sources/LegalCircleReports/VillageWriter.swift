import Foundation
import LegalCircle

/// Writes village and community coverage per county or township, with targets.
public enum VillageWriter {
    static let fieldNames = [
        "code", "county", "villages", "covered_villages", "village_coverage_percent", "residents", "covered",
        "population_coverage_percent", "meets_village_target", "meets_population_target", "shortfall_points",
    ]

    /// - Throws: `OutputFormatError` for GeoJSON and HTML.
    /// - Parameters:
    ///   - language: of the table and Markdown (CSV and JSON keys stay English).
    ///   - names: county and township names for a name column.
    public static func render(
        _ table: VillageCoverage.Table, run: RunDescription, format: OutputFormat, language: Language = .en,
        names: PlaceNames = .none
    ) throws -> String {
        let l = ReportLabels(language)
        switch format {
        case .table: return heading(table, run: run, labels: l) + "\n\n" + textTable(table, labels: l, names: names).render()
        case .markdown:
            return TextTable.markdownEscaped(heading(table, run: run, labels: l)) + "\n\n"
                + textTable(table, labels: l, names: names).markdown()
        case .csv:
            let rows = (table.rows + [table.total]).map { row -> [String] in
                [row.code, row.county, String(row.villages), String(row.coveredVillages),
                    OutputFormat.csvNumber(row.villageCoveragePercent), OutputFormat.csvNumber(row.residents),
                    OutputFormat.csvNumber(row.covered), OutputFormat.csvNumber(row.populationCoveragePercent),
                    row.meetsVillageTarget.map { String($0) } ?? "", row.meetsPopulationTarget.map { String($0) } ?? "",
                    OutputFormat.csvNumber(row.shortfall)]
            }
            return ([fieldNames] + rows).map(OutputFormat.csvRecord).joined()
        case .json:
            struct Document: Encodable {
                let run: RunDescription
                let villages: VillageCoverage.Table
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: try encoder.encode(Document(run: run, villages: table)), as: UTF8.self) + "\n"
        case .geojson:
            throw OutputFormatError(
                format: .geojson, output: "the village coverage table", reason: "it has no geometry",
                supported: [.table, .csv, .json, .markdown])
        case .html:
            throw OutputFormatError.htmlOnlyForReport(
                output: "the village coverage table", supported: [.table, .csv, .json, .markdown])
        }
    }

    static func heading(_ table: VillageCoverage.Table, run: RunDescription, labels l: ReportLabels) -> String {
        let level = l.villageLevel(table.level)
        var lines = [l.tableSummary(run), l.pick("村/社区覆盖情况，按\(level)", "Villages and communities (村/社区) covered, by \(level)")]
        if let target = table.targets.villagesPercent, let meeting = table.meetingVillageTarget {
            lines.append(
                l.pick(
                    "村/社区覆盖目标 \(OutputFormat.plainNumber(target)) %：\(table.rows.count) 个中 \(meeting) 个达标",
                    String(format: "village target %g %%: %d of %d meet it", target, meeting, table.rows.count)))
        }
        if let target = table.targets.populationPercent, let meeting = table.meetingPopulationTarget {
            lines.append(
                l.pick(
                    "人口覆盖目标 \(OutputFormat.plainNumber(target)) %：\(table.rows.count) 个中 \(meeting) 个达标",
                    String(format: "population target %g %%: %d of %d meet it", target, meeting, table.rows.count)))
        }
        if table.codeCountyMismatches > 0 {
            lines.append(
                l.pick(
                    "警告：\(table.codeCountyMismatches) 个村/社区位于其代码所示区县之外",
                    "warning: \(table.codeCountyMismatches) villages lie in another county than their code says"))
        }
        return lines.joined(separator: "\n")
    }

    /// What a row misses: "villages, population" / "村/社区、人口".
    static func misses(_ row: VillageCoverage.Row, labels l: ReportLabels) -> String {
        var misses: [String] = []
        if row.meetsVillageTarget == false { misses.append(l.pick("村/社区", "villages")) }
        if row.meetsPopulationTarget == false { misses.append(l.pick("人口", "population")) }
        return misses.joined(separator: l.pick("、", ", "))
    }

    private static func textTable(_ table: VillageCoverage.Table, labels l: ReportLabels, names: PlaceNames) -> TextTable {
        let withNames = names.hasPlaces(table.rows.map(\.code))
        let header = [l.villageLevel(table.level)] + (withNames ? [l.pick("名称", "name")] : [])
            + [l.pick("村/社区数", "villages"), l.pick("已覆盖", "covered"), l.pick("村/社区覆盖率 %", "village %"),
                l.pick("常住人口", "residents"), l.pick("覆盖人口", "covered pop"), l.pick("人口覆盖率 %", "population %"),
                l.pick("未达标项", "misses"), l.pick("差距 百分点", "shortfall")]
        func cells(_ row: VillageCoverage.Row, total: Bool) -> [String] {
            [total ? l.pick("合计", row.code) : l.countyCell(row.code)] + (withNames ? [total ? "" : names.place(row.code) ?? ""] : [])
                + [String(row.villages), String(row.coveredVillages),
                    TextTable.fixed(row.villageCoveragePercent, decimals: 1), TextTable.grouped(row.residents),
                    TextTable.grouped(row.covered), TextTable.fixed(row.populationCoveragePercent, decimals: 1),
                    misses(row, labels: l), row.shortfall > 0 ? TextTable.fixed(row.shortfall, decimals: 1) : ""]
        }
        return TextTable(
            header: header, rows: table.rows.map { cells($0, total: false) }, footer: [cells(table.total, total: true)],
            alignments: [.left] + (withNames ? [.left] : []) + [.right, .right, .right, .right, .right, .right, .left, .right])
    }
}
