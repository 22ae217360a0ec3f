import Foundation
import LegalCircle

/// Writes village and community coverage per county or township, with targets.
public enum VillageWriter {
    static let fieldNames = [
        "code", "county", "villages", "covered_villages", "village_coverage_percent", "residents", "covered",
        "population_coverage_percent", "meets_village_target", "meets_population_target", "shortfall_points",
    ]

    /// - Throws: `OutputFormatError` for GeoJSON and HTML.
    public static func render(_ table: VillageCoverage.Table, run: RunDescription, format: OutputFormat) throws -> String {
        switch format {
        case .table: return heading(table, run: run) + "\n\n" + textTable(table).render()
        case .markdown: return TextTable.markdownEscaped(heading(table, run: run)) + "\n\n" + textTable(table).markdown()
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

    private static func heading(_ table: VillageCoverage.Table, run: RunDescription) -> String {
        var lines = [run.summary, "Villages and communities (村/社区) covered, by \(table.level.rawValue)"]
        if let target = table.targets.villagesPercent, let meeting = table.meetingVillageTarget {
            lines.append(String(format: "village target %g %%: %d of %d meet it", target, meeting, table.rows.count))
        }
        if let target = table.targets.populationPercent, let meeting = table.meetingPopulationTarget {
            lines.append(String(format: "population target %g %%: %d of %d meet it", target, meeting, table.rows.count))
        }
        if table.codeCountyMismatches > 0 {
            lines.append("warning: \(table.codeCountyMismatches) villages lie in another county than their code says")
        }
        return lines.joined(separator: "\n")
    }

    private static func textTable(_ table: VillageCoverage.Table) -> TextTable {
        let header = [table.level.rawValue, "villages", "covered", "village %", "residents", "covered pop", "population %", "misses", "shortfall"]
        func cells(_ row: VillageCoverage.Row) -> [String] {
            var misses: [String] = []
            if row.meetsVillageTarget == false { misses.append("villages") }
            if row.meetsPopulationTarget == false { misses.append("population") }
            return [row.code.isEmpty ? OutputFormat.noCountyLabel : row.code, String(row.villages), String(row.coveredVillages),
                TextTable.fixed(row.villageCoveragePercent, decimals: 1), TextTable.grouped(row.residents),
                TextTable.grouped(row.covered), TextTable.fixed(row.populationCoveragePercent, decimals: 1),
                misses.joined(separator: ", "), row.shortfall > 0 ? TextTable.fixed(row.shortfall, decimals: 1) : ""]
        }
        return TextTable(
            header: header, rows: table.rows.map(cells), footer: [cells(table.total)],
            alignments: [.left, .right, .right, .right, .right, .right, .right, .left, .right])
    }
}
