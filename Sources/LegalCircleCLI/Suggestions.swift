import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports

extension Workbench {
    /// The inputs and rule a suggestion starts from: a saved run's datasets (unchanged since) and rule
    /// with `runID`, else the CSV files or loaded datasets the options name, with `rule`.
    public func suggestionInputs(
        runID: Int64?, inputs options: InputOptions, csv: CSVInputOptions = CSVInputOptions(), rule: RuleOptions
    ) throws -> (inputs: Inputs, parameters: CoverageParameters) {
        if let runID {
            let base = try whatIfBase(runID: runID, inputs: options, rule: rule)
            return (base.inputs, base.parameters)
        }
        return (try inputs(options, csv: csv), try rule.parameters())
    }

    /// Candidate sites from a CSV in the service-points layout (`id,name,kind,level,lon,lat,county`), read
    /// as `load --points` reads it (`--crs`, `--encoding`, `--column`; every row must be valid); empty
    /// counties are filled later, from the boundaries or the nearest residence.
    public func candidates(fromFile path: String, csv: CSVInputOptions = CSVInputOptions()) throws -> [SiteCandidate] {
        try Importer.servicePoints(path, csv: csv, policy: .allOrNothing).result.rows.map(SiteCandidate.init(point:))
    }

    /// Suggests new service points for the inputs (see `SiteSuggester`).
    /// - Parameter candidatesFile: candidates CSV; nil to make candidates from the uncovered residences
    ///   and areas.
    public func suggest(
        _ inputs: Inputs, parameters: CoverageParameters, request: SuggestionRequest, candidatesFile: String? = nil,
        csv: CSVInputOptions = CSVInputOptions()
    ) throws -> SiteSuggestion {
        let candidates = try candidatesFile.map { try self.candidates(fromFile: $0, csv: csv) }
        do {
            return try SiteSuggester.suggest(
                points: inputs.points, residences: inputs.residences, parameters: parameters,
                boundaries: inputs.boundaries, candidates: candidates, request: request)
        } catch let error as SuggestionError {
            throw CommandError(error.description)
        }
    }

    /// The `count` sites that cover the most uncovered population (greedy with swaps), as service points
    /// to add to `inputs.points` (ids distinct from theirs, the rule's kinds): what
    /// `what-if --add-suggested` adds.
    public func suggestedPoints(
        _ inputs: Inputs, parameters: CoverageParameters, count: Int, county: String? = nil,
        candidatesFile: String? = nil, csv: CSVInputOptions = CSVInputOptions()
    ) throws -> [ServicePoint] {
        let suggestion = try suggest(
            inputs, parameters: parameters, request: SuggestionRequest(goal: .count(count), county: county),
            candidatesFile: candidatesFile, csv: csv)
        return suggestion.servicePoints(joining: inputs.points)
    }
}
