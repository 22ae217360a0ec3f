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
    static let configuration = CommandConfiguration(abstract: "List the saved runs, newest first.")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let runs = try store.session(.readOnly).runs()
        guard !runs.isEmpty else {
            try emit("no runs in \(store.db) yet; `legalcircle report` computes and saves one", to: nil)
            return
        }
        let formatter = ISO8601DateFormatter()
        let rows = runs.map { run in
            [
                "\(run.id)", formatter.string(from: run.createdAt), run.pointsDatasetName, run.residencesDatasetName,
                run.profileName, String(format: "%g", run.minutes), run.kinds == .all ? "any" : run.kinds.list,
                String(format: "%.0f", run.residents), run.coveragePercent.map { String(format: "%.1f", $0) } ?? "–",
                run.isStale ? "yes" : "",
            ]
        }
        let header = ["run", "created (UTC)", "points", "residences", "profile", "minutes", "kinds", "residents", "coverage %", "stale"]
        try emit(TextTable(header: header, rows: rows).render(), to: nil)
    }
}
