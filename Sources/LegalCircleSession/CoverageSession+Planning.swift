import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// Two sides and their county-by-county comparison, ready for `ComparisonWriter`.
public struct Comparison: Sendable {
    public var comparison: RunComparison
    public var a: ComparedRun
    public var b: ComparedRun
    /// What the command noticed on the way, for the user (e.g. counties filled for added points).
    public var notes: [String] = []
}

/// What a what-if adds to its base.
public enum WhatIfAddition: Sendable, Equatable {
    /// A service-points CSV, read like `load --points`.
    case file(String)
    /// The sites `suggest --count K` chooses for the same base, optionally from a candidates CSV.
    case suggested(count: Int, candidatesFile: String?)
}

/// A suggestion and what it was computed from.
public struct SuggestionOutcome: Sendable {
    public var suggestion: SiteSuggestion
    public var run: RunDescription
    /// The chosen sites as service points joining the base's (ids distinct, the rule's kinds).
    public var sites: [ServicePoint]
    /// What the user should know besides the sites.
    public var notes: [String] = []
}

extension CoverageSession {
    /// Compares saved runs `a` and `b` from their saved reports (nothing is recomputed, so stale runs
    /// compare as they were computed).
    public func compare(_ a: Int64, _ b: Int64) throws -> Comparison {
        let runA = try store().run(id: a)
        let runB = try store().run(id: b)
        return Comparison(
            comparison: RunComparison(a: runA.report, b: runB.report), a: try comparedRun(runA), b: try comparedRun(runB))
    }

    func comparedRun(_ run: StoredRun) throws -> ComparedRun {
        ComparedRun(
            caption: "run \(run.id)", run: try describe(run), pointsChecksum: run.points.checksum,
            residencesChecksum: run.residences.checksum, residenceCount: run.residenceCount, isStale: run.isStale)
    }

    /// What a what-if or a suggestion starts from: the inputs and rule to recompute with, and the base side.
    struct PlanningBase {
        var inputs: RunInputs
        var parameters: CoverageParameters
        var report: CoverageReport?
        var side: ComparedRun?
        /// The travel model to recompute with: the roads when the base is by network travel.
        var roads: (any RoadTravel)? = nil
    }

    /// The saved run `runID` with its rule and datasets, which must be current (neither reloaded nor
    /// appended to since: the recomputation reads the datasets as they are now).
    func planningBase(run runID: Int64) throws -> PlanningBase {
        let store = try store()
        let run = try store.run(id: runID)
        guard run.points.isCurrent, run.residences.isCurrent, let pointsID = run.points.datasetID,
            let residencesID = run.residences.datasetID
        else {
            throw SessionError(
                "run \(runID) is stale: its datasets have been reloaded or appended to since; "
                    + "leave out --run to start from the current datasets")
        }
        let datasets = try store.datasets()
        let boundaries = try store.latestBoundaries()
        let described = try describe(run)
        let inputs = RunInputs(
            points: try store.servicePoints(datasetID: pointsID), residences: try store.residences(datasetID: residencesID),
            pointsDataset: datasets.first { $0.id == pointsID }, residencesDataset: datasets.first { $0.id == residencesID },
            pointsName: run.points.name, residencesName: run.residences.name, boundaries: boundaries?.boundaries,
            boundarySetName: boundaries?.info.name, inputSystems: described.inputSystems,
            coordinateWarnings: described.coordinateWarnings)
        return PlanningBase(inputs: inputs, parameters: run.parameters, report: run.report, side: try comparedRun(run))
    }

    /// Recomputes a base with extra service points and saves nothing: the saved run `runID` (with its
    /// rule; its datasets must be unchanged since), or else the loaded datasets computed with `rule`.
    public func whatIf(
        run runID: Int64?, datasets: InputSource = .latest, rule: RuleRequest, adding addition: WhatIfAddition,
        csv: CSVImportSettings = CSVImportSettings()
    ) throws -> Comparison {
        var base: PlanningBase
        if let runID {
            base = try planningBase(run: runID)
            // A run by network travel is recomputed over the roads stored with the datasets.
            if base.side?.run.travelModel != nil {
                base.roads = try roadTravel(RuleRequest(travel: .network), profile: base.parameters.profile, source: .latest)
            }
        } else {
            let inputs = try inputs(datasets, csv: csv)
            let parameters = try parameters(rule)
            let roads = try roadTravel(rule, profile: parameters.profile, source: datasets)
            let computed = try compute(inputs, parameters: parameters, roads: roads, save: false)
            base = PlanningBase(
                inputs: inputs, parameters: parameters, report: computed.report,
                side: ComparedRun(
                    caption: "current datasets (not saved)", run: computed.description,
                    pointsChecksum: inputs.pointsDataset?.checksum, residencesChecksum: inputs.residencesDataset?.checksum,
                    residenceCount: inputs.residences.count),
                roads: roads)
        }
        var notes: [String] = []
        var addedSystem: String?
        let added: [ServicePoint]
        let label: String
        let addedChecksum: String
        switch addition {
        case .file(let path):
            var file = try Importer.servicePoints(path, settings: csv, policy: .allOrNothing, as: .added, progress: progress)
            try file.rejectIDs(file.result.rows.map(\.id), existing: Set(base.inputs.points.map(\.id)), dataset: base.inputs.pointsName, language: language)
            let finding = checkCoordinates(
                points: file.result.rows, system: file.system, input: .added, file: path, boundaries: base.inputs.boundaries,
                boundarySetName: base.inputs.boundarySetName)
            try enforce([finding], systems: csv.systems)
            notes += finding.warningLine(language).map { [$0] } ?? []
            addedSystem = file.system.canonicalName
            if let boundaries = base.inputs.boundaries {
                notes += CountyFiller(boundaries: boundaries).fill(points: &file.result.rows)
            }
            added = file.result.rows
            label = "+ \(added.count) points from \(path)"
            addedChecksum = try SHA256.hexDigest(ofFile: path)
        case .suggested(let count, let candidatesFile):
            let outcome = try suggest(
                base, request: SuggestionRequest(goal: .count(count)), candidatesFile: candidatesFile, csv: csv)
            added = outcome.sites
            label = "+ \(added.count) suggested sites"
            // The checksum of the file `suggest --sites-out` writes for these sites.
            addedChecksum = SHA256.hexDigest(Array(SuggestionWriter.servicePointsCSV(added).utf8))
        }
        var inputs = base.inputs
        inputs.points += added
        inputs.pointsName = "\(base.inputs.pointsName) \(label)"
        inputs.inputSystems["added points"] = addedSystem
        let outcome = try compute(inputs, parameters: base.parameters, roads: base.roads, save: false)
        let baseSide = base.side!
        // The checksum `load --append` of the added rows would give the dataset.
        let pointsChecksum = baseSide.pointsChecksum.map {
            DatasetInfo.appendedChecksum(previous: $0, appended: addedChecksum)
        }
        let side = ComparedRun(
            caption: "what-if \(label) (not saved)", run: outcome.description, pointsChecksum: pointsChecksum,
            residencesChecksum: baseSide.residencesChecksum, residenceCount: inputs.residences.count)
        return Comparison(comparison: RunComparison(a: base.report!, b: outcome.report), a: baseSide, b: side, notes: notes)
    }

    /// Suggests new service points (see `SiteSuggester`): from a saved run's datasets (unchanged since)
    /// and rule with `runID`, else from the inputs `source` names with `rule`.
    /// - Parameter candidatesFile: candidates CSV in the service-points layout, read like `load
    ///   --points`; nil to make candidates from the uncovered residences and areas.
    public func suggest(
        run runID: Int64?, source: InputSource = .latest, rule: RuleRequest, request: SuggestionRequest,
        candidatesFile: String? = nil, csv: CSVImportSettings = CSVImportSettings()
    ) throws -> SuggestionOutcome {
        var base: PlanningBase
        if let runID {
            base = try planningBase(run: runID)
            // A run by network travel is planned over the roads stored with the datasets, as what-if does.
            if base.side?.run.travelModel != nil {
                base.roads = try roadTravel(RuleRequest(travel: .network), profile: base.parameters.profile, source: .latest)
            }
        } else {
            let parameters = try parameters(rule)
            base = PlanningBase(
                inputs: try inputs(source, csv: csv), parameters: parameters,
                roads: try roadTravel(rule, profile: parameters.profile, source: source))
        }
        return try suggest(base, request: request, candidatesFile: candidatesFile, csv: csv)
    }

    func suggest(
        _ base: PlanningBase, request: SuggestionRequest, candidatesFile: String?, csv: CSVImportSettings
    ) throws -> SuggestionOutcome {
        // A county may be named (淳安县 → 330127) where the name is unambiguous.
        var request = request
        let known = Set(base.inputs.residences.counties.codes + (base.inputs.boundaries ?? []).map(\.code))
        request.county = try request.county.map { try countyCode($0, among: known) }
        // Before anything is computed: a county that is in neither the residences nor the boundaries.
        try CountySelection.check(
            request.county,
            among: base.inputs.residences.counties.codes + (base.inputs.boundaries ?? []).map(\.code)
                + (base.inputs.residences.countyIndices.contains(-1) ? [""] : []),
            in: ReportLabels(language).pick("住所数据“\(base.inputs.residencesName)”", "the residences \"\(base.inputs.residencesName)\""),
            language: language)
        var warnings = base.inputs.coordinateWarnings
        var systems = base.inputs.inputSystems
        let candidates = try candidatesFile.map { path in
            let file = try Importer.servicePoints(path, settings: csv, policy: .allOrNothing, as: .candidates, progress: progress)
            let finding = checkCoordinates(
                points: file.result.rows, system: file.system, input: .candidates, file: path, boundaries: base.inputs.boundaries,
                boundarySetName: base.inputs.boundarySetName)
            try enforce([finding], systems: csv.systems)
            warnings += finding.warning.map { [$0] } ?? []
            systems["candidates"] = file.system.canonicalName
            return file.result.rows.map(SiteCandidate.init(point:))
        }
        let suggestion: SiteSuggestion
        do {
            suggestion = try SiteSuggester.suggest(
                points: base.inputs.points, residences: base.inputs.residences, parameters: base.parameters,
                boundaries: base.inputs.boundaries, candidates: candidates, roads: base.roads, request: request)
        } catch let error as SuggestionError {
            throw SessionError(error.description)
        }
        var run = RunDescription(
            parameters: base.parameters, projectionDefinition: suggestion.projectionDefinition,
            pointsDataset: base.inputs.pointsName, residencesDataset: base.inputs.residencesName)
        run.inputSystems = systems
        run.coordinateWarnings = warnings
        if let model = suggestion.travelModel {
            run.travelModel = model
            run.fallbackResidences = suggestion.fallbackResidences
            run.accessMaxMetres = base.parameters.profile.roads.accessMaxMetres
        }
        return SuggestionOutcome(suggestion: suggestion, run: run, sites: suggestion.servicePoints(joining: base.inputs.points))
    }
}
