import LegalCircle
import LegalCircleReports
import LegalCircleStore

/// The inputs of one computation and where they came from.
public struct RunInputs: Sendable {
    public var points: [ServicePoint]
    public var residences: ResidenceTable
    /// nil for a one-shot run from CSV files (nothing is stored).
    public var pointsDataset: DatasetInfo?
    public var residencesDataset: DatasetInfo?
    public var pointsName: String
    public var residencesName: String
    /// County boundaries, when known: islands are then served only from their own land mass.
    public var boundaries: [Boundary]?
    /// The name of the boundary set (a file name for one-shot runs), for map captions.
    public var boundarySetName: String?
    /// The coordinate system each input was given in ("points", "residences", "boundaries" →
    /// "GCJ-02"); everything here is WGS84.
    public var inputSystems: [String: String] = [:]
    /// What the coordinate-system check found wrong with the inputs, one sentence each.
    public var coordinateWarnings: [String] = []
}

/// A run a command works on: either just computed, with its inputs and analysis in memory, or re-read
/// from the store without recomputing.
public struct CoverageRun: Sendable {
    public enum Origin: Sendable {
        /// Computed now; `runID` in the description is set when it was saved.
        case computed(inputs: RunInputs, analysis: CoverageAnalysis)
        /// Re-read from the store.
        case stored(StoredRun)
    }

    public var origin: Origin
    /// What a report states about the run (id, time, rule, datasets, projection).
    public var description: RunDescription
    /// The roads a computed run travelled over; nil for a stored run or the straight-line estimate.
    public var roads: (any RoadTravel)? = nil

    public var report: CoverageReport {
        switch origin {
        case .computed(_, let analysis): analysis.report
        case .stored(let run): run.report
        }
    }

    public var areas: [UncoveredArea] {
        switch origin {
        case .computed(_, let analysis): analysis.areas
        case .stored(let run): run.areas
        }
    }

    public var parameters: CoverageParameters {
        switch origin {
        case .computed(_, let analysis): analysis.parameters
        case .stored(let run): run.parameters
        }
    }

    /// The planar frame the run projected with.
    public func frame() throws -> PlanarFrame {
        switch origin {
        case .computed(_, let analysis): analysis.frame
        case .stored(let run): try run.frame()
        }
    }
}
