import Foundation
import LegalCircle
import LegalCircleFormats
import LegalCircleStore

/// The library frontend the commands hand their work to: reads inputs from CSV files or the store,
/// computes, and saves runs. Commands only parse arguments and print.
public struct Workbench {
    public let databasePath: String

    public init(databasePath: String) {
        self.databasePath = databasePath
    }

    /// The inputs of one computation and where they came from.
    public struct Inputs {
        public var points: [ServicePoint]
        public var residences: ResidenceTable
        /// nil for a one-shot run from CSV files (nothing is stored).
        public var pointsDataset: DatasetInfo?
        public var residencesDataset: DatasetInfo?
        public var pointsName: String
        public var residencesName: String
        /// County boundaries, when known: islands are then served only from their own land mass.
        public var boundaries: [Boundary]?
    }

    public func openStore() throws -> Store {
        try Store(path: databasePath)
    }

    /// Reads the inputs the options name: CSV files (all rows must be valid) or loaded datasets.
    public func inputs(_ options: InputOptions, csv: CSVInputOptions = CSVInputOptions()) throws -> Inputs {
        if let pointsFile = options.points, let residencesFile = options.residences {
            var points = try Importer.servicePoints(pointsFile, csv: csv, policy: .allOrNothing).result.rows
            var residences = try Importer.residences(residencesFile, csv: csv, policy: .allOrNothing).result.rows
            let boundaries = try options.boundaries.map { try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: $0).boundaries }
            if let boundaries {
                let filler = CountyFiller(boundaries: boundaries)
                filler.fill(points: &points)
                filler.fill(residences: &residences)
            }
            return Inputs(
                points: points, residences: residences, pointsDataset: nil, residencesDataset: nil,
                pointsName: pointsFile, residencesName: residencesFile, boundaries: boundaries)
        }
        let store = try openStore()
        let pointsDataset = try store.dataset(named: options.pointsDataset, kind: .points)
        let residencesDataset = try store.dataset(named: options.residencesDataset, kind: .residences)
        return Inputs(
            points: try store.servicePoints(datasetID: pointsDataset.id),
            residences: try store.residences(datasetID: residencesDataset.id),
            pointsDataset: pointsDataset, residencesDataset: residencesDataset,
            pointsName: pointsDataset.name, residencesName: residencesDataset.name,
            boundaries: try store.latestBoundaries()?.boundaries)
    }

    /// A computed or re-read run, with what a report states about it.
    public struct RunOutcome {
        public var report: CoverageReport
        public var areas: [UncoveredArea]
        public var frame: PlanarFrame
        public var description: RunDescription
        /// Present when the run was just computed (absent when re-read from the store).
        public var analysis: CoverageAnalysis?
        public var inputs: Inputs?
    }

    /// Computes coverage and, when the inputs are loaded datasets, saves the run.
    public func compute(_ inputs: Inputs, parameters: CoverageParameters) throws -> RunOutcome {
        var assignment: LandMassAssignment?
        if let boundaries = inputs.boundaries {
            let masses = LandMasses(boundaries: boundaries, links: parameters.profile.links)
            assignment = LandMassAssignment(
                residences: masses.landMasses(longitudes: inputs.residences.longitudes, latitudes: inputs.residences.latitudes),
                points: masses.landMasses(
                    longitudes: inputs.points.map(\.location.longitude), latitudes: inputs.points.map(\.location.latitude)))
        }
        let analysis = try CoverageEngine.analyse(
            points: inputs.points, residences: inputs.residences, parameters: parameters, landMasses: assignment)
        var runID: Int64?
        if let pointsDataset = inputs.pointsDataset, let residencesDataset = inputs.residencesDataset {
            runID = try openStore().saveRun(
                analysis: analysis, pointsDataset: pointsDataset, residencesDataset: residencesDataset)
        }
        let description = RunDescription(
            runID: runID, createdAt: nil, parameters: parameters, projectionDefinition: analysis.projectionDefinition,
            pointsDataset: inputs.pointsName, residencesDataset: inputs.residencesName)
        return RunOutcome(
            report: analysis.report, areas: analysis.areas, frame: analysis.frame, description: description,
            analysis: analysis, inputs: inputs)
    }

    /// The residences and per-residence results behind an outcome: in memory for a new run, from the
    /// store for a saved one (whose residences dataset must not have been reloaded since).
    public func perResidence(_ outcome: RunOutcome) throws -> (ResidenceTable, CoverageResult) {
        if let analysis = outcome.analysis, let inputs = outcome.inputs { return (inputs.residences, analysis.result) }
        guard let runID = outcome.description.runID else { throw CommandError("no per-residence results") }
        let store = try openStore()
        let run = try store.run(id: runID)
        guard let datasetID = run.residences.datasetID else {
            throw CommandError(
                "run \(runID) used residences \"\(run.residences.name)\", which has been reloaded since; compute a new run")
        }
        return (try store.residences(datasetID: datasetID), try store.runResidences(runID: runID))
    }

    /// Re-reads a stored run without recomputing.
    public func storedRun(id: Int64) throws -> RunOutcome {
        let run = try openStore().run(id: id)
        let description = RunDescription(
            runID: run.id, createdAt: ISO8601DateFormatter().string(from: run.createdAt), parameters: run.parameters,
            projectionDefinition: run.projectionDefinition, pointsDataset: run.points.name,
            residencesDataset: run.residences.name)
        return RunOutcome(
            report: run.report, areas: run.areas, frame: try run.frame(), description: description, analysis: nil,
            inputs: nil)
    }

    /// Computes from the options, or re-reads `runID` when given.
    public func outcome(
        runID: Int64?, inputs: InputOptions, csv: CSVInputOptions = CSVInputOptions(), rule: RuleOptions
    ) throws -> RunOutcome {
        if let runID { return try storedRun(id: runID) }
        let parameters = try rule.parameters()
        return try compute(try self.inputs(inputs, csv: csv), parameters: parameters)
    }
}
