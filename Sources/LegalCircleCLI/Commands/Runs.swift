import ArgumentParser
import LegalCircleSession
import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

/// `legalcircle runs`: the saved runs, newest first.
struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: tr("列出已保存的运行，最新的在前。", "List the saved runs, newest first."))

    @OptionGroup var store: DatabaseOptions
    @OptionGroup var language: LanguageOptions

    func run() throws {
        let runs = try store.session(.readOnly).runs()
        guard !runs.isEmpty else {
            try emit(
                tr(
                    "\(store.db) 中还没有运行；`legalcircle report` 会计算并保存一次",
                    "no runs in \(store.db) yet; `legalcircle report` computes and saves one"), to: nil)
            return
        }
        let l = UI.labels
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let rows = runs.map { run in
            [
                "\(run.id)", formatter.string(from: run.createdAt), run.pointsDatasetName, run.residencesDatasetName,
                run.profileName, String(format: "%g", run.minutes), run.kinds == .all ? l.pick("全部", "any") : l.kindList(run.kinds),
                String(format: "%.0f", run.residents), run.coveragePercent.map { String(format: "%.1f", $0) } ?? "–",
                run.isStale ? l.pick("是", "yes") : "",
            ]
        }
        let header = [
            l.pick("运行", "run"), l.pick("创建时间（北京时间 UTC+8）", "created (Asia/Shanghai, UTC+8)"), l.pick("服务点", "points"),
            l.pick("住所", "residences"), l.pick("配置", "profile"), l.pick("分钟", "minutes"), l.pick("服务类型", "kinds"),
            l.pick("常住人口", "residents"), l.pick("覆盖率 %", "coverage %"), l.pick("已过期", "stale"),
        ]
        // The travel model only where some run was computed over the roads (the list is unchanged otherwise).
        guard runs.contains(where: { $0.travelModel != nil }) else {
            return try emit(TextTable(header: header, rows: rows).render(), to: nil)
        }
        let travel = runs.map { $0.travelModel ?? l.pick("直线估算", "straight-line estimate") }
        try emit(
            TextTable(header: header + [l.pick("出行模型", "travel")], rows: zip(rows, travel).map { $0 + [$1] }).render(), to: nil)
    }
}
