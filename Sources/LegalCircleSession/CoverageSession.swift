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
    /// How the command may use the database: read-only commands never write to it (nor create it),
    /// only `load` creates one (`StoreAccess`).
    public let access: StoreAccess
    /// Where long phases (reading a large file, computing coverage) report progress; nil for none.
    public let progress: ProgressSink?
    /// Told what the user should know besides the command's own output (a rejects file left under its
    /// temporary name by a load that was killed after its commit).
    public let notice: (@Sendable (String) -> Void)?
    /// The language of the lines the session returns for the user (load and validate summaries).
    public var language: Language = .en
    /// When true, a computation over loaded datasets reuses the latest saved run with the same datasets
    /// (checksums), profile and parameters instead of storing an identical one (`reusableRun`); the
    /// commands set it unless `--recompute` is given.
    public var reusesRuns = false
    private var openedStore: Store?

    public init(
        databasePath: String, access: StoreAccess = .create, progress: ProgressSink? = nil,
        notice: (@Sendable (String) -> Void)? = nil
    ) {
        self.databasePath = databasePath
        self.access = access
        self.progress = progress
        self.notice = notice
    }

    /// The working database, opened once with the session's access. The first open also tells
    /// `notice` about rejects files that a committed load did not get to rename.
    public func store() throws -> Store {
        if let openedStore { return openedStore }
        let store = try Store(path: databasePath, access: access)
        openedStore = store
        reportPendingRenames(store)
        return store
    }

    /// Tells where the finished rejects files of an interrupted load lie; forgets those whose temporary
    /// file is gone (renamed or deleted by the user) when the store is writable.
    private func reportPendingRenames(_ store: Store) {
        guard let pending = try? store.pendingRenames(), !pending.isEmpty else { return }
        var gone: [String] = []
        for rename in pending {
            if FileManager.default.fileExists(atPath: rename.temporaryPath) {
                notice?(
                    "note: a load committed at \(ISO8601DateFormatter().string(from: rename.recordedAt)) was stopped before it "
                        + "renamed its rejects file: \(rename.what) are complete in \(rename.temporaryPath); "
                        + "rename it to \(rename.finalPath) (mv '\(rename.temporaryPath)' '\(rename.finalPath)')")
            } else {
                gone.append(rename.temporaryPath)
            }
        }
        if access != .readOnly { try? store.clearPendingRenames(gone) }
    }

    /// True when the database file exists (a command that only reads must not create it).
    public var databaseExists: Bool { FileManager.default.fileExists(atPath: databasePath) }

    // MARK: - Rule and inputs

    /// The parameters a rule request describes, with the profile read from disk.
    /// - Throws: `SessionError` when minutes or the cell size lie outside `InputBounds`.
    public func parameters(_ rule: RuleRequest) throws -> CoverageParameters {
        var profile = try DataFiles.profile(rule.profile)
        if let minutes = rule.minutes {
            if let problem = InputBounds.problem(minutes, in: InputBounds.minutes, what: "--minutes") { throw SessionError(problem) }
            profile = profile.with(minutes: minutes)
        }
        if let problem = InputBounds.problem(rule.cellSize, in: InputBounds.cellSizeMetres, what: "--cell-size", unit: "metres") {
            throw SessionError(problem)
        }
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
            guard databaseExists else {
                throw SessionError(
                    "no saved run: there is no database at \(databasePath) (--db); load data and compute a run with "
                        + "`legalcircle load` and `legalcircle report`, or pass --points and --residences")
            }
            guard let latest = try store().runs().first?.id else {
                throw SessionError(
                    "no saved run in \(databasePath); compute one with `legalcircle report`, or pass --points and --residences")
            }
            return try storedRun(id: latest)
        case .compute(let source, let rule):
            let parameters = try parameters(rule)
            let roads = try roadTravel(rule, profile: parameters.profile, source: source)
            if roads == nil, let reused = try reusedRun(source, parameters: parameters) {
                return try enforce(reused, systems: csv.systems)
            }
            return try compute(try inputs(source, csv: csv), parameters: parameters, roads: roads)
        }
    }

    /// The largest population per row a computation accepts: far above `InputBounds.population` (rows
    /// stored by earlier versions still compute), far below where sums of a billion rows times
    /// coordinates in metres overflow.
    static let computablePopulation = 1e15

    /// Computes coverage and, when the inputs are loaded datasets and `save` is true, saves the run.
    /// With `save` false nothing is written (`what-if`): the run has no id.
    /// With `roads`, minutes come from travel over the road network (`CoverageEngine.analyse`), and the
    /// description names the model and the residences that fell back to the straight-line estimate.
    public func compute(
        _ inputs: RunInputs, parameters: CoverageParameters, roads: (any RoadTravel)? = nil, save: Bool = true
    ) throws -> CoverageRun {
        if inputs.residences.isEmpty, let dataset = inputs.residencesDataset {
            throw SessionError(
                "the residences dataset \"\(dataset.name)\" in \(databasePath) holds no rows (every row of \(dataset.source) "
                    + "was rejected when it was loaded with --skip-bad-rows); fix the file (see its rejects file) and load it again")
        }
        // Rows stored before the input bounds may carry populations whose sums and weighted centroids
        // overflow: refused before computing (the engine would meet infinities in the projection).
        if let row = inputs.residences.populations.firstIndex(where: { !($0 >= 0 && $0 <= Self.computablePopulation) }) {
            throw SessionError(
                "residence \"\(inputs.residences.ids[row])\" of \(inputs.residencesName) has a population of "
                    + "\(inputs.residences.populations[row]), beyond what can be added up; nothing was saved. Load the "
                    + "residences again: populations must be \(InputBounds.text(InputBounds.population)) per row")
        }
        let analysis = try CoverageEngine.analyse(
            points: inputs.points, residences: inputs.residences, parameters: parameters, boundaries: inputs.boundaries,
            roads: roads, progress: progress)
        // Nothing that is not a finite number reaches an output or the store.
        if let figure = analysis.nonFiniteFigure {
            throw SessionError(
                "the results are not finite numbers (\(figure)): the populations of \(inputs.residencesName) are too large "
                    + "to add up; nothing was saved. Populations must be \(InputBounds.text(InputBounds.population)) per row")
        }
        var runID: Int64?
        if save, let pointsDataset = inputs.pointsDataset, let residencesDataset = inputs.residencesDataset {
            // The areas' named places go with the run: the service's county pages read them without the residences.
            let places = try UncoveredPlaces.areaNames(
                areas: analysis.areas, residences: inputs.residences, result: analysis.result, frame: analysis.frame,
                cellSize: parameters.areaCellSize)
            runID = try store().saveRun(
                analysis: analysis, pointsDataset: pointsDataset, residencesDataset: residencesDataset, areaPlaces: places)
        }
        var description = RunDescription(
            runID: runID, createdAt: nil, parameters: parameters, projectionDefinition: analysis.projectionDefinition,
            pointsDataset: inputs.pointsName, residencesDataset: inputs.residencesName)
        if let network = analysis.network {
            description.travelModel = network.modelName
            description.fallbackResidences = network.fallbackCount
            description.accessMaxMetres = parameters.profile.roads.accessMaxMetres
        }
        return CoverageRun(
            origin: .computed(inputs: inputs, analysis: analysis), description: Self.describing(description, inputs: inputs),
            roads: roads)
    }

    /// Re-reads a saved run without recomputing.
    public func storedRun(id: Int64) throws -> CoverageRun {
        let run = try store().run(id: id)
        return CoverageRun(origin: .stored(run), description: try describe(run))
    }

    /// The saved runs, newest first.
    public func runs() throws -> [RunSummary] {
        try store().runs()
    }

    /// What a report states about a saved run.
    static func description(of run: StoredRun) -> RunDescription {
        var description = RunDescription(
            runID: run.id, createdAt: ISO8601DateFormatter().string(from: run.createdAt), parameters: run.parameters,
            projectionDefinition: run.projectionDefinition, pointsDataset: run.points.name,
            residencesDataset: run.residences.name)
        if let travel = run.travel {
            description.travelModel = travel.travelModel
            description.fallbackResidences = travel.fallbackResidences
            description.accessMaxMetres = travel.accessMaxMetres
        }
        return description
    }
}
