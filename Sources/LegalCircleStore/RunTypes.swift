import Foundation
import LegalCircle

/// The dataset a run read, as recorded when the run was saved.
public struct RunInput: Sendable, Hashable {
    /// nil once the dataset has been reloaded or removed: the run is then stale.
    public var datasetID: Int64?
    public var name: String
    /// The dataset's checksum when the run read it (a version in `Store.versions(datasetID:)`).
    public var checksum: String
    /// True when rows have been appended to the dataset since the run read it (`load --append`): the
    /// run is then stale, and the rows it read are the dataset's first rows
    /// (`Store.residences(datasetID:checksum:)`).
    public var appendedSince: Bool

    public init(datasetID: Int64?, name: String, checksum: String, appendedSince: Bool = false) {
        self.datasetID = datasetID
        self.name = name
        self.checksum = checksum
        self.appendedSince = appendedSince
    }

    /// The dataset is still exactly as the run read it.
    public var isCurrent: Bool { datasetID != nil && !appendedSince }
}

/// One line of `legalcircle runs`.
public struct RunSummary: Sendable, Equatable {
    public var id: Int64
    public var createdAt: Date
    public var pointsDatasetName: String
    public var residencesDatasetName: String
    public var profileName: String
    /// Target minutes, with any `--minutes` override applied.
    public var minutes: Double
    public var kinds: ServiceKinds
    /// Residents and coverage of the report's total row.
    public var residents: Double
    public var coveragePercent: Double?
    /// True when a dataset the run read has since been reloaded, removed or appended to.
    public var isStale: Bool
    /// "network (roads NAME)" for a run by network travel; nil for the straight-line estimate.
    public var travelModel: String? = nil
}

/// A saved run: everything `CoverageAnalysis` held except the per-residence columns, which
/// `Store.runResidences(runID:)` reads on demand.
public struct StoredRun: Sendable, Equatable {
    public var id: Int64
    public var createdAt: Date
    public var points: RunInput
    public var residences: RunInput
    /// Rows of the per-residence result (the residences dataset's row count at the time).
    public var residenceCount: Int
    public var parameters: CoverageParameters
    /// The PROJ definition of the local projection used for distances.
    public var projectionDefinition: String
    /// Origin of that projection (`PlanarFrame.centralMeridian`, `.originLatitude`), degrees.
    public var centralMeridian: Double
    public var originLatitude: Double
    public var timings: PhaseTimings
    public var report: CoverageReport
    /// In the order they were saved.
    public var areas: [UncoveredArea]
    /// Set for a run computed by network travel: its model, fallback residences and side-by-side
    /// figures (already put back on `report`'s rows); nil for the straight-line estimate.
    public var travel: RunTravel? = nil

    /// True when a dataset the run read has since been reloaded, removed or appended to.
    public var isStale: Bool { !points.isCurrent || !residences.isCurrent }

    /// The run's local projection, rebuilt from its origin (the area cells are in its grid).
    /// - Throws: `ProjError` from PROJ.
    public func frame() throws -> PlanarFrame {
        try PlanarFrame(
            centralMeridian: centralMeridian, originLatitude: originLatitude,
            approximate: projectionDefinition.contains("+approx"))
    }
}
