import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

/// What every command calls: reads inputs from files or the working database, computes, saves and
/// re-reads runs, and returns results as values. UI-free: it takes plain request values, reports
/// progress through the sink it is given, and prints nothing.
///
/// Owns one open store for its life, opened on first use (a one-shot run from CSV files never opens it).
/// Not Sendable: one command, one thread of control.
public final class CoverageSession {
    public let databasePath: String
    /// Where long phases (reading a large file, computing coverage) report progress; nil for none.
    public let progress: ProgressSink?
    /// The language of the lines the session returns for the user (load and validate summaries).
    public var language: Language = .en
    /// When true, a computation over loaded datasets reuses the latest saved run with the same datasets
    /// (checksums), profile and parameters instead of storing an identical one (`reusableRun`); the
    /// commands set it unless `--recompute` is given.
    public var reusesRuns = false
    private var openedStore: Store?

    public init(databasePath: String, progress: ProgressSink? = nil) {
        self.databasePath = databasePath
        self.progress = progress
    }

    /// The working database, opened once.
    public func store() throws -> Store {
        if let openedStore { return openedStore }
        let store = try Store(path: databasePath)
        openedStore = store
        return store
    }

    /// True when the database file exists (a command that only reads must not create it).
    public var databaseExists: Bool { FileManager.default.fileExists(atPath: databasePath) }

    // MARK: - Rule and inputs

    /// The parameters a rule request describes, with the profile read from disk.
    public func parameters(_ rule: RuleRequest) throws -> CoverageParameters {
        var profile = try DataFiles.profile(rule.profile)
        if let minutes = rule.minutes { profile = profile.with(minutes: minutes) }
        return CoverageParameters(profile: profile, kinds: rule.kinds ?? .all, areaCellSize: rule.cellSize)
    }

    /// Reads the inputs a source names: CSV files, each in its own coordinate system (every row must be
    /// valid; empty counties filled from the given boundaries), or loaded datasets with the latest stored
    /// boundaries; with what the coordinate-system check says about them (`readFiles`, `readDatasets`).
    public func inputs(_ source: InputSource, csv: CSVImportSettings = CSVImportSettings()) throws -> RunInputs {
        switch source {
        case .files(let pointsFile, let residencesFile, let boundariesFile):
            return try readFiles(points: pointsFile, residences: residencesFile, boundaries: boundariesFile, csv: csv)
        case .datasets(let pointsName, let residencesName):
            return try readDatasets(points: pointsName, residences: residencesName, strict: csv.systems.strictCheck)
        }
    }

    // MARK: - Runs

    /// The run a request names: re-read, or computed (and saved when its inputs are loaded datasets).
    public func run(_ request: RunRequest, csv: CSVImportSettings = CSVImportSettings()) throws -> CoverageRun {
        switch request {
        case .stored(let id):
            return try storedRun(id: id)
        case .latestStored:
            guard databaseExists, let latest = try store().runs().first?.id else {
                throw SessionError(
                    "no saved run in \(databasePath); compute one with `legalcircle report`, or pass --points and --residences")
            }
            return try storedRun(id: latest)
        case .compute(let source, let rule):
            let parameters = try parameters(rule)
            if let reused = try reusedRun(source, parameters: parameters) { return reused }
            return try compute(try inputs(source, csv: csv), parameters: parameters)
        }
    }

    /// Computes coverage and, when the inputs are loaded datasets and `save` is true, saves the run.
    /// With `save` false nothing is written (`what-if`): the run has no id.
    public func compute(_ inputs: RunInputs, parameters: CoverageParameters, save: Bool = true) throws -> CoverageRun {
        let analysis = try CoverageEngine.analyse(
            points: inputs.points, residences: inputs.residences, parameters: parameters, boundaries: inputs.boundaries,
            progress: progress)
        var runID: Int64?
        if save, let pointsDataset = inputs.pointsDataset, let residencesDataset = inputs.residencesDataset {
            runID = try store().saveRun(analysis: analysis, pointsDataset: pointsDataset, residencesDataset: residencesDataset)
        }
        let description = RunDescription(
            runID: runID, createdAt: nil, parameters: parameters, projectionDefinition: analysis.projectionDefinition,
            pointsDataset: inputs.pointsName, residencesDataset: inputs.residencesName)
        return CoverageRun(
            origin: .computed(inputs: inputs, analysis: analysis), description: Self.describing(description, inputs: inputs))
    }

    /// Re-reads a saved run without recomputing.
    public func storedRun(id: Int64) throws -> CoverageRun {
        let run = try store().run(id: id)
        return CoverageRun(origin: .stored(run), description: try describe(run))
    }

    /// The saved runs, newest first.
    public func runs() throws -> [RunSummary] {
        guard databaseExists else { return [] }
        return try store().runs()
    }

    /// What a report states about a saved run.
    static func description(of run: StoredRun) -> RunDescription {
        RunDescription(
            runID: run.id, createdAt: ISO8601DateFormatter().string(from: run.createdAt), parameters: run.parameters,
            projectionDefinition: run.projectionDefinition, pointsDataset: run.points.name,
            residencesDataset: run.residences.name)
    }
}
