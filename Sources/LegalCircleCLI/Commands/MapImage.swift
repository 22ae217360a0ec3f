import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleStore
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports

/// `legalcircle map`: one county's map (or all counties shaded by coverage) as SVG or PNG.
struct MapImage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "A map image for slides: one county's service points, 15-minute reach and uncovered areas, as SVG or PNG.",
        discussion: """
            The same maps as in `report --format html`. Without --county, all counties shaded by coverage %.
            PNG is rendered from the SVG with rsvg-convert (Debian package librsvg2-bin).
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions

    @Option(name: .customLong("run"), help: "Draw this saved run instead of computing (see `legalcircle runs`).")
    var runID: Int64?

    @Option(help: "County code to draw (as in the report); omit for the map of all counties.")
    var county: String?

    @Option(help: "Output file, FILE.svg or FILE.png.")
    var out: String

    @Option(help: "Labels: zh (Chinese, default) or en.")
    var lang: ReportLanguage = .zh

    @Option(help: "PNG only: output pixels per SVG pixel (2 keeps the image sharp on a projector).")
    var zoom: Double = 2

    private var isPNG: Bool { out.lowercased().hasSuffix(".png") }

    func validate() throws {
        guard isPNG || out.lowercased().hasSuffix(".svg") else {
            throw ValidationError("--out must end in .svg or .png, got \"\(out)\"")
        }
        if let problem = InputBounds.problem(zoom, in: InputBounds.zoom, what: "--zoom") { throw ValidationError(problem) }
        if runID != nil, inputs.isOneShot { throw ValidationError("--run re-reads a saved run; it takes no input files") }
        try csv.requireFiles(inputs.fileSystems(systems), readsFiles: inputs.isOneShot)
    }

    func run() throws {
        try OutputGuard.check(out)
        let session = store.session(runID == nil ? .readWrite : .readOnly)
        let run = try session.run(runID.map { .stored($0) } ?? .compute(inputs.source, rule.request), csv: csv.settings(systems.own))
        let maps = try session.reportMaps(run)
        let labels = ReportLabels(lang)
        let svg: String
        if let county {
            guard let figures = maps.report.counties.first(where: { $0.county == county }) else {
                let known = maps.report.counties.map { $0.county.isEmpty ? "\"\"" : $0.county }
                throw CommandError("county \"\(county)\" is not in the run; its counties are \(known.joined(separator: ", "))")
            }
            svg = SVGMap.county(county, layers: maps.layers, figures: figures, labels: labels)
        } else {
            svg = SVGMap.province(report: maps.report, layers: maps.layers, labels: labels, title: labels.provinceHeading)
        }
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n"
        if isPNG {
            try SVGRasteriser.writePNG(svg: document, to: out, zoom: zoom)
        } else {
            try emit(document, to: out)
        }
        note("wrote \(out)")
    }
}
