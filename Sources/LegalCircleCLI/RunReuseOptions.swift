import ArgumentParser
import LegalCircleImport
import LegalCircleSession
import LegalCircleReports
import LegalCircleStore

/// `--recompute`, for the commands that compute and save a run (`report`, `gaps`, `map`): without it they
/// reuse the latest saved run when the datasets (checksums), profile and parameters are the same, and say so.
struct RunReuseOptions: ParsableArguments {
    @Flag(
        help: help(
            "即使已有数据集、配置和参数都相同的运行，也重新计算并保存一次新的运行。",
            "Compute and save a new run even when a saved run has the same datasets, profile and parameters."))
    var recompute = false
}

extension StoreOptions {
    /// The session of a command that may compute a run: it reuses an identical saved run unless `--recompute`.
    func session(_ access: StoreAccess, reuse: RunReuseOptions) -> CoverageSession {
        let session = session(access)
        session.reusesRuns = !reuse.recompute
        return session
    }
}

/// `--title`, `--source-note` and `--approval-number` (审图号), printed on maps and report pages.
struct MapDecorationOptions: ParsableArguments {
    @Option(help: help("地图和报告的标题（默认为内置标题）。", "Title of the map and report (default: the built-in one)."))
    var title: String?

    @Option(name: .customLong("source-note"), help: help("数据来源说明，印在地图和报告上。", "Data source line printed on the map and report."))
    var sourceNote: String?

    @Option(
        name: .customLong("approval-number"),
        help: help("审图号（公开地图须标注），印在地图和报告上。", "Map approval number (审图号, required on published maps), printed on the map and report."))
    var approvalNumber: String?

    var decorations: MapDecorations { MapDecorations(title: title, sourceNote: sourceNote, approvalNumber: approvalNumber) }
}

extension CoverageSession {
    /// `run(_:csv:)`, saying so when a computation reused an identical saved run.
    func runSayingReuse(_ request: RunRequest, csv: CSVImportSettings) throws -> CoverageRun {
        let run = try run(request, csv: csv)
        if let id = run.reusedRunID(for: request) { note(UI.labels.reusingRun(id)) }
        return run
    }
}
