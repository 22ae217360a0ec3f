import Foundation
import LegalCircle

/// The tables of each command as workbook sheets (`--format xlsx`): the same figures as the CSV output at
/// full precision, numbers as numbers, headers in the workbook's language (Chinese unless `--lang en`),
/// names beside codes, and a last sheet saying how the figures were produced.
extension ReportLabels {
    /// The sheet that states the run: its summary line, the warnings, what else the caller adds, and when
    /// the workbook was written (Asia/Shanghai).
    public func aboutSheet(_ run: RunDescription, extra: [String] = [], written: Date = Date()) -> XLSXSheet {
        let lines = [tableSummary(run)] + warningLines(run) + extra
            + [pick("投影：", "Projection: ") + run.projection, pick("生成时间：", "Written: ") + localTime(written)]
        return .notes(pick("说明", "About"), title: pick("说明", "About"), lines: lines)
    }
}

extension ReportWriter {
    /// The per-county report: one row per county (code, name, figures, per-zone figures), the total in bold.
    public static func sheets(
        _ report: CoverageReport, run: RunDescription, language: Language, names: PlaceNames = .none
    ) -> [XLSXSheet] {
        let l = ReportLabels(language)
        let byNetwork = report.total.networkComparison != nil
        let header = [l.pick("区县代码", "county"), l.pick("区县名称", "name"), l.pick("常住人口", "residents"),
            l.pick("覆盖人口", "covered"), l.pick("覆盖率 %", "coverage %")]
            + Zone.allCases.flatMap { zone in
                let z = l.zoneName(zone)
                return [l.pick("\(z)常住人口", "\(z) residents"), l.pick("\(z)覆盖人口", "\(z) covered"), "\(z) %"]
            }
            + [l.pick("服务点", "service points"), l.pick("每万人服务点", "points per 10k"), l.pick("中位数 分钟", "median minutes"),
                l.pick("90%分位 分钟", "p90 minutes"), l.pick("未覆盖人口", "uncovered population"), l.pick("未覆盖片区", "uncovered areas")]
            + (byNetwork ? networkHeader(l) : [])
        func row(_ figures: CountyFigures, total: Bool) -> [XLSXCell] {
            let zones = Zone.allCases.flatMap { zone -> [XLSXCell] in
                let z = figures.zones.first { $0.zone == zone }
                return [.number(z?.residents), .number(z?.covered), .number(z?.coveragePercent)]
            }
            return [.text(total ? l.pick("合计", "total") : l.countyCell(figures.county)), .text(total ? nil : names.county(figures.county)),
                .number(figures.residents), .number(figures.covered), .number(figures.coveragePercent)]
                + zones
                + [.integer(figures.servicePoints), .number(figures.pointsPer10k), .number(figures.medianMinutes),
                    .number(figures.p90Minutes), .number(figures.uncoveredPopulation), .integer(figures.uncoveredAreas)]
                + (byNetwork ? networkCells(figures.networkComparison) : [])
        }
        return [
            XLSXSheet(
                name: l.pick("各区县覆盖", "Coverage"), header: header, rows: report.counties.map { row($0, total: false) },
                footer: [row(report.total, total: true)]),
            l.aboutSheet(run),
        ]
    }
}

extension ReportWriter {
    /// The side-by-side columns of a run by network travel, as in the CSV (`csvNetworkHeader`); the
    /// travel model is on the About sheet.
    static func networkHeader(_ l: ReportLabels) -> [String] {
        [l.pick("直线估算覆盖人口", "straight-line covered"), l.pick("直线估算覆盖率 %", "straight-line coverage %"),
            l.pick("路网下失去覆盖的住所", "residences lost on roads"), l.pick("路网下新增覆盖的住所", "residences gained on roads"),
            l.pick("按直线估算的住所（距道路过远）", "off-road fallback residences")]
    }

    static func networkCells(_ comparison: TravelComparison?) -> [XLSXCell] {
        guard let c = comparison else { return [.empty, .empty, .empty, .empty, .empty] }
        return [.number(c.straightLineCovered), .number(c.straightLineCoveragePercent), .integer(c.coveredOnlyByStraightLine),
            .integer(c.coveredOnlyByNetwork), .integer(c.fallbackResidences)]
    }
}

extension GapsWriter {
    /// The uncovered areas (selected as `render` selects them) with every field, county names and the
    /// most populous named places of each area.
    public static func sheets(
        _ areas: [UncoveredArea], run: RunDescription, county: String?, top: Int?, output: OutputCoordinates? = nil,
        language: Language, names: PlaceNames = .none, places: [Int: [String]] = [:]
    ) -> [XLSXSheet] {
        let output = output ?? .wgs84
        let l = ReportLabels(language)
        let chosen = select(areas, county: county, top: top)
        let (x, y) = output.isProjected ? ("x", "y") : (l.pick("经度", "lon"), l.pick("纬度", "lat"))
        let header = [l.pick("编号", "id"), l.pick("区县代码", "county"), l.pick("区县名称", "county name"),
            l.pick("主要村/社区", "main places"), l.pick("主要类型", "zone"), l.pick("人口", "population"),
            l.pick("住所数", "residences"), l.pick("中心", "centroid ") + x, l.pick("中心", "centroid ") + y,
            l.pick("最近服务点编号", "nearest point id"), l.pick("最近服务点名称", "nearest point name"),
            l.pick("距离 米", "distance m"), l.pick("分钟", "minutes"), l.pick("超出目标 分钟", "minutes beyond target"),
            l.pick("网格数", "cells"), l.pick("最近服务点隔水", "nearest point across water"), l.pick("坐标系", "crs")]
        let rows = chosen.map { area -> [XLSXCell] in
            let centroid = output.convert(area.centroid)
            return [.integer(area.id), .text(l.countyCell(area.county)), .text(names.county(area.county)),
                .text((places[area.id] ?? []).joined(separator: l.pick("、", ", "))), .text(l.zoneName(area.dominantZone)),
                .number(area.population), .integer(area.residenceCount), .number(centroid.x), .number(centroid.y),
                .text(area.nearestPointID), .text(area.nearestPointName), .number(area.nearestDistance),
                .number(area.nearestMinutes), .number(area.minutesBeyondTarget), .integer(area.cells.count),
                .text(area.nearestAcrossWater ? l.yesNo(true) : ""), .text(output.name)]
        }
        let scope = county.map { code in
            l.pick("区县 \(code) \(names.county(code) ?? "")", "county \(code) \(names.county(code) ?? "")")
        }
        return [
            XLSXSheet(name: l.pick("未覆盖片区", "Uncovered areas"), header: header, rows: rows),
            l.aboutSheet(run, extra: scope.map { [$0] } ?? []),
        ]
    }
}

extension SuggestionWriter {
    /// The suggested sites in order, and with a target the per-county outcome.
    public static func sheets(
        _ suggestion: SiteSuggestion, run: RunDescription, output: OutputCoordinates? = nil, language: Language,
        names: PlaceNames = .none, places: [Int: [String]] = [:]
    ) -> [XLSXSheet] {
        let output = output ?? .wgs84
        let l = ReportLabels(language)
        let (x, y) = output.isProjected ? ("x", "y") : (l.pick("经度", "lon"), l.pick("纬度", "lat"))
        let header = [l.pick("序号", "rank"), x, y, l.pick("区县代码", "county"), l.pick("区县名称", "county name"),
            l.pick("候选点", "candidate"), l.pick("来源", "origin"), l.pick("新覆盖人口", "newly covered"),
            l.pick("其中本县", "newly covered in county"), l.pick("本县覆盖人口", "county covered"),
            l.pick("本县常住人口", "county residents"), l.pick("本县覆盖率 %", "county coverage %"),
            l.pick("全域覆盖人口", "region covered"), l.pick("全域常住人口", "region residents"),
            l.pick("全域覆盖率 %", "region coverage %"), l.pick("坐标系", "crs")]
        let rows = suggestion.sites.map { site -> [XLSXCell] in
            let location = output.convert(site.location)
            return [.integer(site.rank), .number(location.x), .number(location.y), .text(l.countyCell(site.county)),
                .text(names.county(site.county)), .text(label(site.candidate, labels: l, places: places)),
                .text(origin(site.candidate, labels: l)), .number(site.newlyCovered), .number(site.newlyCoveredInCounty),
                .number(site.countyCovered), .number(site.countyResidents), .number(site.countyCoveragePercent),
                .number(site.regionCovered), .number(site.regionResidents), .number(site.regionCoveragePercent),
                .text(output.name)]
        }
        var sheets = [XLSXSheet(name: l.pick("建议站点", "Suggested sites"), header: header, rows: rows)]
        if !suggestion.targets.isEmpty {
            sheets.append(
                XLSXSheet(
                    name: l.pick("各区县目标", "County targets"),
                    header: [l.pick("区县代码", "county"), l.pick("区县名称", "name"), l.pick("常住人口", "residents"),
                        l.pick("新增前 %", "before %"), l.pick("新增后 %", "after %"), l.pick("站点数", "sites"),
                        l.pick("至少需", "at least"), l.pick("目标", "target")],
                    rows: suggestion.targets.map { target in
                        [.text(target.county), .text(names.county(target.county)), .number(target.residents),
                            .number(target.percentBefore), .number(target.percentAfter), .integer(target.sites),
                            target.sitesLowerBound.map { .integer($0) } ?? .empty, .text(status(target.status, labels: l))]
                    }))
        }
        let before = suggestion.regionResidents > 0 ? suggestion.regionCoveredBefore / suggestion.regionResidents * 100 : nil
        sheets.append(
            l.aboutSheet(
                run,
                extra: [
                    l.pick("要求：", "Asked: ") + goal(suggestion.request, labels: l),
                    l.pick("候选点：\(suggestion.candidateCount) 个", "Candidates: \(suggestion.candidateCount)"),
                    l.pick("新增前全域覆盖率：", "Region coverage before: ") + TextTable.fixed(before, decimals: 1) + " %",
                ] + [boundText(suggestion, labels: l).trimmingCharacters(in: .whitespacesAndNewlines)].filter { !$0.isEmpty }))
        return sheets
    }
}

extension ComparisonWriter {
    /// The comparison: per county the figures of A, of B and the change, the total in bold; the sides and
    /// notes on a second sheet.
    public static func sheets(
        _ comparison: RunComparison, a: ComparedRun, b: ComparedRun, language: Language, names: PlaceNames = .none
    ) -> [XLSXSheet] {
        let l = ReportLabels(language)
        let header = [l.pick("区县代码", "county"), l.pick("区县名称", "name")]
            + figures.flatMap { column in
                let (title, change) = l.comparisonTitles(column.csvName, title: column.title, change: column.changeTitle)
                return ["\(title) A", "\(title) B", change]
            }
        func row(_ line: RunComparison.Line, total: Bool) -> [XLSXCell] {
            [.text(total ? l.pick("合计", "total") : l.countyCell(line.county)), .text(total ? nil : names.county(line.county))]
                + figures.flatMap { column in
                    [.number(line.a.flatMap(column.value)), .number(line.b.flatMap(column.value)), .number(column.change(line))]
                }
        }
        let notes = ComparedRun.notes(a: a, b: b, comparison: comparison, labels: l)
        return [
            XLSXSheet(
                name: l.pick("对比", "Comparison"), header: header, rows: comparison.counties.map { row($0, total: false) },
                footer: [row(comparison.total, total: true)]),
            .notes(
                l.pick("说明", "About"), title: l.pick("说明", "About"),
                lines: [l.pick("变化 = B − A；覆盖率变化以百分点计", "change = B − A; coverage in percentage points"),
                    "A: \(a.summary(l))", "B: \(b.summary(l))"] + notes.map { l.pick("注：", "note: ") + $0 }),
        ]
    }
}

extension VillageWriter {
    /// The assessment table: per county or township its villages and population covered against the
    /// targets, those that miss first by shortfall; the uncovered villages by name on a second sheet.
    public static func sheets(
        _ table: VillageCoverage.Table, run: RunDescription, language: Language, names: PlaceNames = .none,
        uncovered: [UncoveredVillage] = []
    ) -> [XLSXSheet] {
        let l = ReportLabels(language)
        let level = l.villageLevel(table.level)
        let header = [l.pick("\(level)代码", "\(level) code"), l.pick("名称", "name"), l.pick("所属区县", "county"),
            l.pick("村/社区数", "villages"), l.pick("已覆盖村/社区", "villages covered"), l.pick("村/社区覆盖率 %", "village coverage %"),
            l.pick("常住人口", "residents"), l.pick("覆盖人口", "covered"), l.pick("人口覆盖率 %", "population coverage %"),
            l.pick("村/社区目标达标", "meets village target"), l.pick("人口目标达标", "meets population target"),
            l.pick("差距 百分点", "shortfall points"), l.pick("未达标项", "misses")]
        func flag(_ value: Bool?) -> XLSXCell { value.map { .text(l.yesNo($0)) } ?? .empty }
        func row(_ row: VillageCoverage.Row, total: Bool) -> [XLSXCell] {
            [.text(total ? l.pick("合计", "total") : l.countyCell(row.code)), .text(total ? nil : names.place(row.code)),
                .text(total || table.level == .county ? nil : row.county), .integer(row.villages), .integer(row.coveredVillages),
                .number(row.villageCoveragePercent), .number(row.residents), .number(row.covered),
                .number(row.populationCoveragePercent), flag(row.meetsVillageTarget), flag(row.meetsPopulationTarget),
                .number(row.shortfall), .text(misses(row, labels: l))]
        }
        var sheets = [
            XLSXSheet(
                name: l.pick("考核（按\(level)）", "Assessment by \(table.level.rawValue)"), header: header,
                rows: table.rows.map { row($0, total: false) }, footer: [row(table.total, total: true)])
        ]
        if !uncovered.isEmpty {
            sheets.append(
                XLSXSheet(
                    name: l.pick("未覆盖村社区", "Uncovered villages"),
                    header: [l.pick("统计用区划代码", "code"), l.pick("名称", "name"), l.pick("乡镇（街道）", "township"),
                        l.pick("区县", "county"), l.pick("人口", "population"), l.pick("区域类型", "zone"),
                        l.pick("到最近服务点 分钟", "minutes to nearest point"), l.pick("最近服务点", "nearest point")],
                    rows: uncovered.map { village in
                        [.text(village.code), .text(village.name), .text(names.township(village.code)),
                            .text([village.county, names.county(village.county)].compactMap { $0 }.joined(separator: " ")),
                            .number(village.population), .text(l.zoneName(village.zone)), .number(village.minutes),
                            .text(village.nearestPointName ?? village.nearestPointID)]
                    }))
        }
        sheets.append(l.aboutSheet(run, extra: heading(table, run: run, labels: l).split(separator: "\n").dropFirst().map(String.init)))
        return sheets
    }
}
