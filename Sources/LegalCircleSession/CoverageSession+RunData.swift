import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleReports
import LegalCircleStore

extension CoverageSession {
    /// The residences and per-residence results behind a run: in memory for a computed run, from the
    /// store for a saved one, as the run read them.
    public func perResidence(_ run: CoverageRun) throws -> (residences: ResidenceTable, result: CoverageResult) {
        switch run.origin {
        case .computed(let inputs, let analysis):
            return (inputs.residences, analysis.result)
        case .stored(let stored):
            let store = try store()
            let datasetID = try datasetAsRead(stored.residences, of: stored, kind: .residences)
            return (
                try store.residences(datasetID: datasetID, checksum: stored.residences.checksum),
                try store.runResidences(runID: stored.id)
            )
        }
    }

    /// The service points a run used: in memory for a computed run, from the store for a saved one
    /// (as the dataset was when the run read it, before any later append).
    public func points(of run: CoverageRun) throws -> [ServicePoint] {
        switch run.origin {
        case .computed(let inputs, _):
            return inputs.points
        case .stored(let stored):
            let datasetID = try datasetAsRead(stored.points, of: stored, kind: .points)
            return try store().servicePoints(datasetID: datasetID, checksum: stored.points.checksum)
        }
    }

    /// The county boundaries of a run and the name of their set: the computed run's own, or for a saved
    /// run the latest stored set; nil when there are none.
    public func boundaries(of run: CoverageRun) throws -> (name: String, boundaries: [Boundary])? {
        switch run.origin {
        case .computed(let inputs, _):
            return inputs.boundaries.map { (inputs.boundarySetName ?? "", $0) }
        case .stored:
            return try store().latestBoundaries().map { ($0.info.name, $0.boundaries) }
        }
    }

    /// The stale-dataset rule, once: a saved run's rows are read back by the checksum it recorded, which
    /// works after an append (the rows stay first) but not after a reload (the rows are gone).
    /// - Returns: the id of the dataset holding the rows the run read.
    func datasetAsRead(_ input: RunInput, of run: StoredRun, kind: DatasetKind) throws -> Int64 {
        guard let datasetID = input.datasetID else {
            throw SessionError(
                "run \(run.id) used \(kind == .points ? "service points" : "residences") \"\(input.name)\", "
                    + "which \(kind == .points ? "have" : "has") been reloaded since; compute a new run")
        }
        return datasetID
    }

    /// The GIS layers of a run (see `RunLayers`).
    public func layers(_ run: CoverageRun) throws -> RunLayers {
        let (residences, result) = try perResidence(run)
        var layers = try RunLayers(
            points: try points(of: run), kinds: run.parameters.kinds, residences: residences, result: result,
            report: run.report, areas: run.areas, frame: try run.frame(), cellSize: run.description.areaCellSize,
            boundaries: try boundaries(of: run)?.boundaries)
        // The areas' county names, as `gaps` writes them (the shipped tables, then the boundaries).
        layers.uncoveredAreas.countyNames = placeNames(for: run.report.counties.map(\.county))
        layers.roadReach = try roadReach(run)
        return layers
    }

    /// Everything the HTML report and the map images draw for a run: its report and areas, the map
    /// layers (outlines, eligible points, areas) in the run's projection, and the minutes histograms.
    public func reportMaps(_ run: CoverageRun) throws -> HTMLReportWriter.Input {
        let (residences, result) = try perResidence(run)
        let description = run.description
        let (kinds, radius) = try mapRule(run)
        let boundaries = try boundaries(of: run)
        let layers = try MapLayers.build(
            frame: try run.frame(), residences: residences, points: try points(of: run), kinds: kinds, areas: run.areas,
            areaCellSize: description.areaCellSize, boundaries: boundaries?.boundaries, boundarySetName: boundaries?.name,
            radius: radius)
        let bins = HTMLReportWriter.histogramBins(targetMinutes: description.minutes)
        let histograms = MinuteHistogram.byCounty(
            residences: residences, minutes: result.minutes, binWidth: bins.width, binCount: bins.count)
        return HTMLReportWriter.Input(
            report: run.report, run: description, areas: run.areas, layers: layers, histograms: histograms)
    }

    /// The kinds of point a run's maps draw and their straight-line reach per zone, metres.
    func mapRule(_ run: CoverageRun) throws -> (kinds: ServiceKinds, radius: [Zone: Double]) {
        let description = run.description
        guard let kinds = ServiceKinds(list: description.kinds.joined(separator: ";")) else {
            throw SessionError("run has no service kinds to draw")
        }
        let radius = Dictionary(
            uniqueKeysWithValues: Zone.allCases.compactMap { zone in description.radiusMetres[zone.name].map { (zone, $0) } })
        return (kinds, radius)
    }

    /// Village and community coverage of a run by county or township.
    public func villageTable(
        _ run: CoverageRun, level: VillageCoverage.Level, targets: VillageCoverage.Targets
    ) throws -> VillageCoverage.Table {
        let (residences, result) = try perResidence(run)
        return VillageCoverage.table(residences: residences, result: result, level: level, targets: targets)
    }
}
