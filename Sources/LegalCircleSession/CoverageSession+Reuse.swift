import Foundation
import LegalCircle
import LegalCircleReports
import LegalCircleStore

extension CoverageSession {
    /// The latest saved run by the straight-line estimate that read exactly these datasets (same checksums, neither reloaded nor
    /// appended to since) with exactly these parameters (profile, minutes, kinds, cell size), computed
    /// after the latest county boundaries were loaded (they decide land masses and filled counties):
    /// computing again would store an identical run. nil when there is none, or no database yet.
    /// - Complexity: reads the summaries of the saved runs, and in full only those whose datasets and
    ///   rule match by name.
    public func reusableRun(points pointsName: String?, residences residencesName: String?, parameters: CoverageParameters)
        throws -> StoredRun?
    {
        guard databaseExists else { return nil }
        let store = try store()
        let pointsDataset = try store.dataset(named: pointsName, kind: .points)
        let residencesDataset = try store.dataset(named: residencesName, kind: .residences)
        let boundariesLoaded = try store.boundarySets().map(\.loadedAt).max()
        let candidates = try store.runs().filter { summary in
            !summary.isStale && summary.pointsDatasetName == pointsDataset.name
                && summary.residencesDatasetName == residencesDataset.name && summary.profileName == parameters.profile.name
                && summary.minutes == parameters.profile.minutes && summary.kinds == parameters.kinds
                && boundariesLoaded.map { summary.createdAt >= $0 } ?? true
        }
        for summary in candidates {
            let run = try store.run(id: summary.id)
            if run.points.datasetID == pointsDataset.id, run.points.checksum == pointsDataset.checksum,
                run.residences.datasetID == residencesDataset.id, run.residences.checksum == residencesDataset.checksum,
                run.parameters == parameters, run.travel == nil
            {
                return run
            }
        }
        return nil
    }

    /// `run(_:)` for a computation over loaded datasets when `reusesRuns` is set: the identical saved run
    /// if there is one (`reusableRun`), nil otherwise. The run comes back as `.stored`, so a caller that
    /// asked to compute knows it was reused (and says so: `CoverageRun.wasReused(requested:)`).
    func reusedRun(_ source: InputSource, parameters: CoverageParameters) throws -> CoverageRun? {
        guard reusesRuns, case .datasets(let points, let residences) = source,
            let run = try reusableRun(points: points, residences: residences, parameters: parameters)
        else { return nil }
        return CoverageRun(origin: .stored(run), description: try describe(run))
    }
}

extension CoverageRun {
    /// The saved run's id when a computation (`RunRequest.compute`) gave back a saved run: it was reused.
    public func reusedRunID(for request: RunRequest) -> Int64? {
        guard case .compute = request, case .stored(let stored) = origin else { return nil }
        return stored.id
    }
}

extension ReportLabels {
    /// What a command says when it reuses a run instead of computing an identical one.
    public func reusingRun(_ id: Int64) -> String {
        pick(
            "沿用运行 \(id)：数据集（校验和相同）、配置和参数都与之相同；--recompute 强制重新计算",
            "reusing run \(id): same datasets (checksums), profile and parameters; --recompute computes a new run")
    }
}
