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
        abstract: tr(
            "用于幻灯片的地图图片：某区县的服务点、15分钟可达范围和未覆盖片区，SVG 或 PNG。",
            "A map image for slides: one county's service points, 15-minute reach and uncovered areas, as SVG or PNG."),
        discussion: prose(
            """
            与 `report --format html` 中的地图相同。不给 --county 时为按覆盖率着色的全部区县。
            PNG 由 SVG 经 rsvg-convert（Debian 软件包 librsvg2-bin）生成。图上文字默认中文（--lang en 为英文）。
            """,
            """
            The same maps as in `report --format html`. Without --county, all counties shaded by coverage %.
            PNG is rendered from the SVG with rsvg-convert (Debian package librsvg2-bin). Labels are Chinese
            unless --lang en.
            """))

    @OptionGroup var store: StoreOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions

    @Option(name: .customLong("run"), help: help("绘制这次已保存的运行，不重新计算（见 `legalcircle runs`）。", "Draw this saved run instead of computing (see `legalcircle runs`)."))
    var runID: Int64?

    @Option(help: help("要绘制的区县（代码或名称）；不给则绘制全部区县。", "County to draw (code as in the report, or its name); omit for the map of all counties."))
    var county: String?

    @Option(help: help("输出文件：FILE.svg 或 FILE.png。", "Output file, FILE.svg or FILE.png."))
    var out: String

    @OptionGroup var language: LanguageOptions
    @OptionGroup var reuse: RunReuseOptions
    @OptionGroup var decorations: MapDecorationOptions

    @Option(help: help("仅 PNG：每个 SVG 像素输出的像素数（2 在投影仪上保持清晰）。", "PNG only: output pixels per SVG pixel (2 keeps the image sharp on a projector)."))
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
        let session = store.session(runID == nil ? .readWrite : .readOnly, reuse: reuse)
        let run = try session.runSayingReuse(runID.map { .stored($0) } ?? .compute(inputs.source, rule.request), csv: csv.settings(systems.own))
        let maps = try session.reportMaps(run)
        let labels = ReportLabels(UI.pageLanguage)
        let svg: String
        let county = try self.county.map { try session.countyCode($0, among: Set(maps.report.counties.map(\.county))) }
        if let county {
            guard let figures = maps.report.counties.first(where: { $0.county == county }) else {
                let known = maps.report.counties.map { $0.county.isEmpty ? "\"\"" : $0.county }
                throw CommandError(
                    tr(
                        "区县“\(county)”不在本次运行中；其区县为 \(known.joined(separator: ", "))",
                        "county \"\(county)\" is not in the run; its counties are \(known.joined(separator: ", "))"))
            }
            svg = SVGMap.county(county, layers: maps.layers, figures: figures, labels: labels, decorations: decorations.decorations)
        } else {
            svg = SVGMap.province(
                report: maps.report, layers: maps.layers, labels: labels, title: decorations.title ?? labels.provinceHeading,
                decorations: decorations.decorations)
        }
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n"
        if isPNG {
            try OutputGuard.check(out)
            try SVGRasteriser.writePNG(svg: document, to: out, zoom: zoom)
        } else {
            try emit(document, to: out)
        }
        note(tr("已写入 \(out)", "wrote \(out)"))
    }
}
