import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

extension ReportLanguage: ExpressibleByArgument {}

extension Workbench {
    /// Everything the HTML report and the map images draw for a run: its report and areas, the map
    /// layers (outlines, eligible points, areas) in the run's projection, and the minutes histograms.
    /// - Parameter options: the input options of the command, to name a one-shot `--boundaries` file.
    /// - Throws: `CommandError` when a saved run's datasets have been reloaded or changed since.
    public func reportMaps(_ outcome: RunOutcome, options: InputOptions) throws -> HTMLReportWriter.Input {
        let (residences, result) = try perResidence(outcome)
        let points = try runPoints(outcome)
        let boundaries = try drawingBoundaries(outcome, options: options)
        let run = outcome.description
        guard let kinds = ServiceKinds(list: run.kinds.joined(separator: ";")) else {
            throw CommandError("run has no service kinds to draw")
        }
        let radius = Dictionary(uniqueKeysWithValues: Zone.allCases.compactMap { zone in run.radiusMetres[zone.name].map { (zone, $0) } })
        let layers = try MapLayers.build(
            frame: outcome.frame, residences: residences, points: points, kinds: kinds, areas: outcome.areas,
            areaCellSize: run.areaCellSize, boundaries: boundaries?.boundaries, boundarySetName: boundaries?.name,
            radius: radius)
        let bins = HTMLReportWriter.histogramBins(targetMinutes: run.minutes)
        let histograms = MinuteHistogram.byCounty(
            residences: residences, minutes: result.minutes, binWidth: bins.width, binCount: bins.count)
        return HTMLReportWriter.Input(
            report: outcome.report, run: run, areas: outcome.areas, layers: layers, histograms: histograms)
    }

    /// The service points a run used: in memory for a new run, from the store for a saved one (as the
    /// dataset was when the run read it, before any later append).
    func runPoints(_ outcome: RunOutcome) throws -> [ServicePoint] {
        if let inputs = outcome.inputs { return inputs.points }
        guard let runID = outcome.description.runID else { throw CommandError("no service points for this run") }
        let store = try openStore()
        let run = try store.run(id: runID)
        guard let datasetID = run.points.datasetID else {
            throw CommandError(
                "run \(runID) used service points \"\(run.points.name)\", which have been reloaded since; compute a new run")
        }
        return try store.servicePoints(datasetID: datasetID, checksum: run.points.checksum)
    }

    /// The county boundaries to draw and the name of their set: the one-shot `--boundaries` file, or
    /// the latest set in the store; nil when the run had none (outlines are then residence footprints).
    func drawingBoundaries(_ outcome: RunOutcome, options: InputOptions) throws -> (name: String, boundaries: [Boundary])? {
        if let inputs = outcome.inputs {
            guard let boundaries = inputs.boundaries else { return nil }
            if let file = options.boundaries { return (URL(fileURLWithPath: file).lastPathComponent, boundaries) }
            return (try openStore().latestBoundaries()?.info.name ?? "", boundaries)
        }
        return try openStore().latestBoundaries().map { ($0.info.name, $0.boundaries) }
    }
}
