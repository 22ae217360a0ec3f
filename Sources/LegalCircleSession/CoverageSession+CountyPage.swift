import LegalCircle
import LegalCircleReports
import LegalCircleStore

extension CoverageSession {
    /// What one county's page draws (`HTMLReportWriter.countyPage`), from the saved run alone: its report,
    /// the county's uncovered areas with their cells, the run's service points and the latest county
    /// boundaries. Never the residences nor the run's per-residence results, which take seconds to read
    /// at 10 M residences; so two layers of the full report are left out here, because they are drawn from
    /// the residences: the footprint outline of a county without a boundary, and the minutes chart.
    /// - Parameter code: a county code of the run's report.
    public func countyPage(_ run: CoverageRun, county code: String) throws -> HTMLReportWriter.Input {
        let (kinds, radius) = try mapRule(run)
        let areas = run.areas.filter { ($0.county ?? "") == code }
        let boundaries = try boundaries(of: run)
        let layers = try MapLayers.build(
            frame: try run.frame(),
            points: try points(
                of: run, near: code, outline: boundaries?.boundaries.first { $0.code == code }?.polygons ?? [], areas: areas,
                reach: radius.values.max() ?? 0),
            kinds: kinds, areas: areas,
            areaCellSize: run.description.areaCellSize, boundaries: boundaries?.boundaries, boundarySetName: boundaries?.name,
            radius: radius)
        var input = HTMLReportWriter.Input(report: run.report, run: run.description, areas: areas, layers: layers, histograms: [:])
        input.names = placeNames(for: [code])
        input.areaPlaces = try savedAreaPlaces(run, areas: areas)
        return input
    }

    /// The points a county's map can show: the county's own and those near it (`GeoBox.countyMap`). For a
    /// saved run SQLite picks them, so a page does not decode a province's 40,000 points.
    func points(of run: CoverageRun, near code: String, outline: [GeoPolygon], areas: [UncoveredArea], reach: Double) throws -> [ServicePoint] {
        switch run.origin {
        case .computed:
            let all = try points(of: run)
            let own = all.filter { $0.county == code }
            guard let box = GeoBox.countyMap(outline: outline, areas: areas, points: own.map(\.location), reach: reach) else { return own }
            return all.filter { $0.county == code || box.contains($0.location) }
        case .stored(let stored):
            let datasetID = try datasetAsRead(stored.points, of: stored, kind: .points)
            let store = try store()
            let own = try store.servicePoints(datasetID: datasetID, checksum: stored.points.checksum, county: code, orIn: nil)
            guard let box = GeoBox.countyMap(outline: outline, areas: areas, points: own.map(\.location), reach: reach) else { return own }
            return try store.servicePoints(datasetID: datasetID, checksum: stored.points.checksum, county: code, orIn: box)
        }
    }

    /// The named places of `areas` of a run: as saved with a stored run (none for a run saved before they
    /// were), from the residences in memory for a computed one.
    func savedAreaPlaces(_ run: CoverageRun, areas: [UncoveredArea]) throws -> [Int: [String]] {
        switch run.origin {
        case .computed:
            return try areaPlaces(run).filter { id, _ in areas.contains { $0.id == id } }
        case .stored(let stored):
            return try store().areaPlaces(runID: stored.id, areaIDs: Set(areas.map(\.id)))
        }
    }
}
