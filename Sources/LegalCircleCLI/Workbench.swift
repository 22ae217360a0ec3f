import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
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
        return try inputs(pointsDataset: options.pointsDataset, residencesDataset: options.residencesDataset)
    }

    /// Reads the loaded datasets with these names (the latest loaded of each kind when nil).
    public func inputs(pointsDataset pointsName: String?, residencesDataset residencesName: String?) throws -> Inputs {
        let store = try openStore()
        let pointsDataset = try store.dataset(named: pointsName, kind: .points)
        let residencesDataset = try store.dataset(named: residencesName, kind: .residences)
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

    /// Computes coverage and, when the inputs are loaded datasets and `save` is true, saves the run.
    /// With `save` false nothing is written (`what-if`): the outcome has no run id.
    public func compute(_ inputs: Inputs, parameters: CoverageParameters, save: Bool = true) throws -> RunOutcome {
        var assignment: LandMassAssignment?
        if let boundaries = inputs.boundaries {
            let masses = LandMasses(boundaries: boundaries, links: parameters.profile.links)
            assignment = LandMassAssignment(
                residences: masses.landMasses(longitudes: inputs.residences.longitudes, latitudes: inputs.residences.latitudes),
                points: masses.landMasses(
                    longitudes: inputs.points.map(\.location.longitude), latitudes: inputs.points.map(\.location.latitude)))
        }
        let analysis = try CoverageEngine.analyse(
            points: inputs.points, residences: inputs.residences, parameters: parameters, landMasses: assignment,
            progress: TerminalProgress.sink)
        var runID: Int64?
        if save, let pointsDataset = inputs.pointsDataset, let residencesDataset = inputs.residencesDataset {
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
    /// store for a saved one (whose residences dataset must not have been reloaded since; after an
    /// append, the rows the run read are the dataset's first rows, found by the run's checksum).
    public func perResidence(_ outcome: RunOutcome) throws -> (ResidenceTable, CoverageResult) {
        if let analysis = outcome.analysis, let inputs = outcome.inputs { return (inputs.residences, analysis.result) }
        guard let runID = outcome.description.runID else { throw CommandError("no per-residence results") }
        let store = try openStore()
        let run = try store.run(id: runID)
        guard let datasetID = run.residences.datasetID else {
            throw CommandError(
                "run \(runID) used residences \"\(run.residences.name)\", which has been reloaded since; compute a new run")
        }
        return (
            try store.residences(datasetID: datasetID, checksum: run.residences.checksum),
            try store.runResidences(runID: runID)
        )
    }

    /// Re-reads a stored run without recomputing.
    public func storedRun(id: Int64) throws -> RunOutcome {
        let run = try openStore().run(id: id)
        return RunOutcome(
            report: run.report, areas: run.areas, frame: try run.frame(), description: Self.description(of: run),
            analysis: nil, inputs: nil)
    }

    /// What a report states about a stored run.
    static func description(of run: StoredRun) -> RunDescription {
        RunDescription(
            runID: run.id, createdAt: ISO8601DateFormatter().string(from: run.createdAt), parameters: run.parameters,
            projectionDefinition: run.projectionDefinition, pointsDataset: run.points.name,
            residencesDataset: run.residences.name)
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
