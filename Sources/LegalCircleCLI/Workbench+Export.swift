import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

extension Workbench {
    /// The id of the most recently saved run, nil when none is saved.
    public func latestRunID() throws -> Int64? {
        try openStore().runs().first?.id
    }

    /// The GIS layers of a computed or saved run (see `RunLayers`).
    ///
    /// A saved run takes its service points from its points dataset as the run read it (the dataset
    /// must not have been reloaded since) and the county polygons from the latest loaded boundaries; a
    /// one-shot run takes both from its inputs.
    /// - Throws: `CommandError` when a dataset of the run has been reloaded, `StoreError`, `ProjError`.
    public func layers(_ outcome: RunOutcome) throws -> RunLayers {
        let (residences, result) = try perResidence(outcome)
        let points: [ServicePoint]
        let boundaries: [Boundary]?
        let kinds: ServiceKinds
        if let analysis = outcome.analysis, let inputs = outcome.inputs {
            points = inputs.points
            boundaries = inputs.boundaries
            kinds = analysis.parameters.kinds
        } else {
            guard let runID = outcome.description.runID else { throw CommandError("the run has no service points") }
            let store = try openStore()
            let run = try store.run(id: runID)
            guard let datasetID = run.points.datasetID else {
                throw CommandError(
                    "run \(runID) used service points \"\(run.points.name)\", which have been reloaded since; compute a new run")
            }
            // The points as the run read them (a later `load --append` adds rows after them).
            points = try store.servicePoints(datasetID: datasetID, checksum: run.points.checksum)
            boundaries = try store.latestBoundaries()?.boundaries
            kinds = run.parameters.kinds
        }
        return try RunLayers(
            points: points, kinds: kinds, residences: residences, result: result, report: outcome.report,
            areas: outcome.areas, frame: outcome.frame, cellSize: outcome.description.areaCellSize,
            boundaries: boundaries)
    }
}
