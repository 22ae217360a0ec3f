import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

extension Workbench {
    /// Two sides and their county-by-county comparison, ready for `ComparisonWriter`.
    public struct Comparison {
        public var comparison: RunComparison
        public var a: ComparedRun
        public var b: ComparedRun

        /// The comparison in `format` (table, csv, json or markdown).
        public func render(_ format: OutputFormat) throws -> String {
            try ComparisonWriter.render(comparison, a: a, b: b, format: format)
        }
    }

    /// Compares stored runs `a` and `b` from their saved reports (nothing is recomputed, so stale runs
    /// compare as they were computed).
    /// - Throws: `StoreError.unknownRun`.
    public func compareRuns(_ a: Int64, _ b: Int64) throws -> Comparison {
        let store = try openStore()
        let runA = try store.run(id: a)
        let runB = try store.run(id: b)
        return Comparison(
            comparison: RunComparison(a: runA.report, b: runB.report), a: Self.comparedRun(runA),
            b: Self.comparedRun(runB))
    }

    /// A stored run as one side of a comparison.
    static func comparedRun(_ run: StoredRun) -> ComparedRun {
        ComparedRun(
            caption: "run \(run.id)", run: description(of: run), pointsChecksum: run.points.checksum,
            residencesChecksum: run.residences.checksum, residenceCount: run.residenceCount, isStale: run.isStale)
    }

    // MARK: - What-if

    /// What a what-if starts from: the inputs and rule to recompute with, and the base side.
    public struct WhatIfBase {
        public var inputs: Inputs
        public var parameters: CoverageParameters
        public var report: CoverageReport
        public var side: ComparedRun
    }

    /// `whatIfBase(runID:pointsDataset:residencesDataset:rule:)` with the datasets parsed options name.
    public func whatIfBase(runID: Int64?, inputs options: InputOptions, rule: RuleOptions) throws -> WhatIfBase {
        try whatIfBase(
            runID: runID, pointsDataset: options.pointsDataset, residencesDataset: options.residencesDataset, rule: rule)
    }

    /// The base of a what-if: the stored run `runID` with its rule and datasets (which must not have
    /// changed since), or else the loaded datasets named (the latest when nil), computed with `rule` and
    /// not saved.
    /// - Throws: `CommandError` when the run is stale.
    public func whatIfBase(
        runID: Int64?, pointsDataset: String? = nil, residencesDataset: String? = nil, rule: RuleOptions
    ) throws -> WhatIfBase {
        guard let runID else {
            let inputs = try self.inputs(pointsDataset: pointsDataset, residencesDataset: residencesDataset)
            let parameters = try rule.parameters()
            let base = try compute(inputs, parameters: parameters, save: false)
            let side = ComparedRun(
                caption: "current datasets (not saved)", run: base.description,
                pointsChecksum: inputs.pointsDataset?.checksum, residencesChecksum: inputs.residencesDataset?.checksum,
                residenceCount: inputs.residences.count)
            return WhatIfBase(inputs: inputs, parameters: parameters, report: base.report, side: side)
        }
        let store = try openStore()
        let run = try store.run(id: runID)
        guard run.points.isCurrent, run.residences.isCurrent, let pointsID = run.points.datasetID,
            let residencesID = run.residences.datasetID
        else {
            throw CommandError(
                "run \(runID) is stale: its datasets have been reloaded or appended to since; "
                    + "leave out --run to start from the current datasets")
        }
        let datasets = try store.datasets()
        let inputs = Inputs(
            points: try store.servicePoints(datasetID: pointsID), residences: try store.residences(datasetID: residencesID),
            pointsDataset: datasets.first { $0.id == pointsID }, residencesDataset: datasets.first { $0.id == residencesID },
            pointsName: run.points.name, residencesName: run.residences.name,
            boundaries: try store.latestBoundaries()?.boundaries)
        return WhatIfBase(inputs: inputs, parameters: run.parameters, report: run.report, side: Self.comparedRun(run))
    }

    /// Recomputes the base with `added` points after its own, with the base's rule, and saves nothing.
    /// - Parameters:
    ///   - label: what was added, for the caption: "+ 12 points from extra.csv".
    ///   - addedChecksum: SHA-256 of the added file; the what-if's points checksum is then the one
    ///     `load --append` of that file would give the dataset (`DatasetInfo.appendedChecksum`).
    public func whatIf(_ base: WhatIfBase, adding added: [ServicePoint], label: String, addedChecksum: String?) throws -> Comparison {
        var inputs = base.inputs
        inputs.points += added
        inputs.pointsName = "\(base.inputs.pointsName) \(label)"
        let outcome = try compute(inputs, parameters: base.parameters, save: false)
        let pointsChecksum = base.side.pointsChecksum.flatMap { previous in
            addedChecksum.map { DatasetInfo.appendedChecksum(previous: previous, appended: $0) }
        }
        let side = ComparedRun(
            caption: "what-if \(label) (not saved)", run: outcome.description, pointsChecksum: pointsChecksum,
            residencesChecksum: base.side.residencesChecksum, residenceCount: inputs.residences.count)
        return Comparison(comparison: RunComparison(a: base.report, b: outcome.report), a: base.side, b: side)
    }
}
