import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

extension CoverageSession {
    /// A one-shot run's inputs: each file read in its own coordinate system (`csv.systems`), checked
    /// against the boundaries (when given) before their empty counties are filled from them.
    /// - Throws: `SessionError` when `--strict` and the check flags a file.
    func readFiles(points pointsFile: String, residences residencesFile: String, boundaries boundariesFile: String?, csv: CSVImportSettings)
        throws -> RunInputs
    {
        let pointsRead = try Importer.servicePoints(pointsFile, settings: csv, policy: .allOrNothing, as: .points, progress: progress)
        let residencesRead = try Importer.residences(residencesFile, settings: csv, policy: .allOrNothing, progress: progress)
        let boundaryFile = try boundariesFile.map {
            try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: $0, system: try boundarySystem($0, csv.systems))
        }
        var points = pointsRead.result.rows
        var residences = residencesRead.result.rows
        let boundaries = boundaryFile?.boundaries
        let boundarySetName = boundariesFile.map { URL(fileURLWithPath: $0).lastPathComponent }
        let findings = [
            checkCoordinates(
                points: points, system: pointsRead.system, input: .points, file: pointsFile, boundaries: boundaries,
                boundarySetName: boundarySetName),
            checkCoordinates(
                residences: residences, system: residencesRead.system, file: residencesFile, boundaries: boundaries,
                boundarySetName: boundarySetName),
        ]
        try enforce(findings, systems: csv.systems)
        if let boundaries {
            let filler = CountyFiller(boundaries: boundaries)
            _ = filler.fill(points: &points)
            _ = filler.fill(residences: &residences)
        }
        var systems = ["points": pointsRead.system.canonicalName, "residences": residencesRead.system.canonicalName]
        systems["boundaries"] = boundaryFile?.system.canonicalName
        return RunInputs(
            points: points, residences: residences, pointsDataset: nil, residencesDataset: nil,
            pointsName: pointsFile, residencesName: residencesFile, boundaries: boundaries,
            boundarySetName: boundarySetName, inputSystems: systems, coordinateWarnings: findings.compactMap(\.warning))
    }

    /// Loaded datasets with the latest stored boundaries, the systems they were loaded in and what the
    /// coordinate check found (recorded at load, or checked now for files loaded before boundaries were).
    /// - Throws: `SessionError` when `strict` and a dataset is flagged.
    func readDatasets(points pointsName: String?, residences residencesName: String?, strict: Bool) throws -> RunInputs {
        let store = try store()
        let pointsDataset = try store.dataset(named: pointsName, kind: .points)
        let residencesDataset = try store.dataset(named: residencesName, kind: .residences)
        let boundaries = try store.latestBoundaries()
        let points = try store.servicePoints(datasetID: pointsDataset.id)
        let residences = try store.residences(datasetID: residencesDataset.id)
        let pointsCoordinates = try datasetCoordinates(
            pointsDataset, upTo: nil, boundaries: boundaries?.boundaries, boundarySetName: boundaries?.info.name, points: points)
        let residencesCoordinates = try datasetCoordinates(
            residencesDataset, upTo: nil, boundaries: boundaries?.boundaries, boundarySetName: boundaries?.info.name,
            residences: residences)
        let warnings = pointsCoordinates.warnings + residencesCoordinates.warnings
        if strict, let first = warnings.first { throw SessionError("\(first) (--strict makes this an error)") }
        var systems = ["points": pointsCoordinates.system, "residences": residencesCoordinates.system]
        systems["boundaries"] = boundaries?.info.crs
        return RunInputs(
            points: points, residences: residences, pointsDataset: pointsDataset, residencesDataset: residencesDataset,
            pointsName: pointsDataset.name, residencesName: residencesDataset.name,
            boundaries: boundaries?.boundaries, boundarySetName: boundaries?.info.name, inputSystems: systems,
            coordinateWarnings: warnings)
    }

    /// What a report states about a saved run, with the systems its datasets were loaded in (as the run
    /// read them), the findings recorded when they were loaded (versions loaded before any boundaries are
    /// checked now against the latest), and the system of the latest boundaries.
    func describe(_ run: StoredRun) throws -> RunDescription {
        var description = Self.description(of: run)
        let store = try store()
        let datasets = try store.datasets()
        let boundaries = try store.latestBoundaries()
        var warnings: [String] = []
        for (key, input) in [("points", run.points), ("residences", run.residences)] {
            guard let id = input.datasetID, let dataset = datasets.first(where: { $0.id == id }) else {
                description.inputSystems[key] = "unknown (dataset reloaded since)"
                continue
            }
            let coordinates = try datasetCoordinates(
                dataset, upTo: input.checksum, boundaries: boundaries?.boundaries, boundarySetName: boundaries?.info.name)
            description.inputSystems[key] = coordinates.system
            warnings += coordinates.warnings
        }
        description.inputSystems["boundaries"] = boundaries?.info.crs
        description.coordinateWarnings = warnings
        return description
    }

    /// Adds what the inputs say about coordinates to a run's description.
    static func describing(_ description: RunDescription, inputs: RunInputs) -> RunDescription {
        var description = description
        description.inputSystems = inputs.inputSystems
        description.coordinateWarnings = inputs.coordinateWarnings
        return description
    }
}
