import ArgumentParser
import LegalCircleSession
import LegalCircleStore
import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports

/// `legalcircle suggest`: where new service points close the most gaps.
struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Choose new service point locations that cover the most uncovered population under the same rule.",
        discussion: """
            Each candidate covers the residences for which it would become the nearest eligible point within
            their zone's radius, on their own land mass (as `report` computes coverage). Sites are chosen by
            lazy greedy maximum coverage, then improved by swaps (--greedy-only skips the swaps). Per site, in
            the order to add them: its location, county, the population it newly covers (in the region and
            in its county), and the cumulative coverage % of its county and of the region after adding it:
            exactly what `report` gives with the sites added (--sites-out writes them as a points file).

            Candidates come from --candidates (the service-points CSV layout, read like `load --points`),
            or else from the uncovered residences (one per grid cell of a quarter of the zone radius) and
            the centroids of the uncovered areas. With --county only that county's residences count and
            only candidates in it are used. --target P gives, county by county in code order, the fewest
            sites that bring each county to P % (after the sites of the counties before it), or says that
            P % is not reachable from the candidates (no sites are then suggested for that county).
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions
    @OptionGroup var output: OutputSystemOptions

    @Option(name: .customLong("run"), help: "Start from this saved run: its datasets (unchanged since) and its rule.")
    var runID: Int64?

    @Option(help: "Choose up to this many sites.")
    var count: Int?

    @Option(help: "Fewest sites per county to reach this coverage %, instead of --count.")
    var target: Double?

    @Option(help: "Only residences of this county (6-digit code) count, and only candidates in it are used.")
    var county: String?

    @Option(help: "Candidate sites CSV (id,name,kind,level,lon,lat,county, as for `load --points`).")
    var candidates: String?

    @Option(name: .customLong("candidates-crs"), help: "Coordinate system of the --candidates file (overrides --crs).")
    var candidatesCRS: String?

    @Flag(name: .customLong("greedy-only"), help: "Plain greedy, without the swap improvement.")
    var greedyOnly = false

    @Option(name: .customLong("sites-out"), help: "Also write the chosen sites as a service-points CSV to this file (in the --out-crs system, WGS84 by default).")
    var sitesOut: String?

    @Option(help: "Output format: table, csv, json or markdown.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        OutputGuard.protect(input: candidates, option: "--candidates")
        if (count == nil) == (target == nil) { throw ValidationError("give either --count K or --target P") }
        if let count, let problem = InputBounds.problem(count, in: InputBounds.count, what: "--count") { throw ValidationError(problem) }
        if let target, !(target > 0 && target <= 100) { throw ValidationError("--target must be a percentage above 0 and at most 100") }
        if format == .geojson || format == .html { throw ValidationError("the suggestion is a table; use table, csv, json or markdown") }
        if runID != nil, inputs.isOneShot { throw ValidationError("--run starts from that run's datasets; it takes no input files") }
        try csv.requireFiles(
            inputs.fileSystems(systems) + [(.candidates, candidatesCRS, candidates, "--candidates")],
            readsFiles: inputs.isOneShot || candidates != nil)
    }

    private var ownSystems: [CoordinateInput: String] {
        var own = systems.own
        own[.candidates] = candidatesCRS
        return own
    }

    func run() throws {
        let request = SuggestionRequest(
            goal: count.map { .count($0) } ?? .target(percent: target ?? 100), county: county, localSearch: !greedyOnly)
        let outcome = try store.session(.readOnly).suggest(
            run: runID, source: inputs.source, rule: rule.request, request: request, candidatesFile: candidates,
            csv: csv.settings(ownSystems))
        let coordinates = try output.coordinates()
        outcome.run.warningLines.forEach(note)
        if let sitesOut {
            if sitesOut == out { throw CommandError("--sites-out and --out name the same file; give two files") }
            try emit(SuggestionWriter.servicePointsCSV(outcome.sites, output: coordinates), to: sitesOut, option: "--sites-out")
            note("wrote \(outcome.suggestion.sites.count) sites to \(sitesOut)")
        }
        try emit(try SuggestionWriter.render(outcome.suggestion, run: outcome.run, format: format, output: coordinates), to: out)
    }
}
