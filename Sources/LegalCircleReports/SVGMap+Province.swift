import LegalCircle

extension SVGMap {
    /// Every county outline shaded by its coverage %, with a legend; no points or reach (a province has
    /// thousands: they are drawn in the county maps).
    /// - Parameter linkCounties: wrap each county in a link to its section `#county-CODE` (HTML report).
    public static func province(
        report: CoverageReport, layers: MapLayers, labels: ReportLabels, title: String, linkCounties: Bool = false,
        decorations: MapDecorations = .none
    ) -> String {
        let view = SVGViewport(content: layers.fullBounds, maxWidth: maximumWidth, maxHeight: maximumHeight)
        let figures = Dictionary(report.counties.map { ($0.county, $0) }, uniquingKeysWith: { first, _ in first })
        var svg = "<g class=\"counties\" stroke=\"#ffffff\" stroke-width=\"\(view.pixels(0.7))\" fill-rule=\"evenodd\">"
        var labelled: [(point: PlanarPoint, text: String)] = []
        for (code, county) in layers.counties.sorted(by: { $0.key < $1.key }) {
            let row = figures[code]
            let percent = row.flatMap { $0.residents > 0 ? $0.coveragePercent : nil }
            let name = countyTitle(code, layers: layers, labels: labels)
            let coverage = percent.map { "\(TextTable.fixed($0, decimals: 1)) %" } ?? labels.noResidents
            let shapes = view.drawable(county.polygons)
            guard !shapes.isEmpty else { continue }
            if linkCounties, row != nil { svg += "<a href=\"#\(MarkupText.countyAnchor(code))\">" }
            svg += "<path data-county=\"\(MarkupText.escaped(code))\" fill=\"\(SVGStyle.coverageColour(percent))\" d=\""
            view.appendPathData(shapes, to: &svg)
            svg += "\"><title>\(MarkupText.escaped(name)): \(coverage)</title></path>"
            if linkCounties, row != nil { svg += "</a>" }
            if row != nil, let largest = shapes.max(by: { $0.exteriorArea < $1.exteriorArea }), let anchor = largest.interiorPoint {
                labelled.append((anchor, county.name.flatMap { $0.isEmpty ? nil : $0 } ?? (code.isEmpty ? "–" : code)))
            }
        }
        svg += "</g>"
        if !labelled.isEmpty {
            svg += "<g class=\"county-labels\" font-size=\"\(view.pixels(10))\" fill=\"#222\" stroke=\"#ffffff\" "
                + "stroke-width=\"\(view.pixels(2.5))\" paint-order=\"stroke\" text-anchor=\"middle\">"
            for (point, text) in labelled {
                svg += "<text x=\"\(view.x(point.x))\" y=\"\(view.y(point.y))\">\(MarkupText.escaped(text))</text>"
            }
            svg += "</g>"
        }

        var legend = SVGLegend()
        for index in SVGStyle.coverageClasses.indices {
            legend.swatch(
                fill: SVGStyle.coverageClasses[index].colour,
                "\(labels.coverageLegend) \(SVGStyle.coverageClassLabel(index))")
        }
        legend.swatch(fill: SVGStyle.noResidentsColour, labels.noResidents)
        let fromBoundaries = layers.counties.values.contains { $0.fromBoundary }
        let fromFootprints = layers.counties.values.contains { !$0.fromBoundary }
        if fromBoundaries { legend.note(labels.boundaryOutline(layers.boundarySetName ?? "")) }
        if fromFootprints { legend.note(labels.footprintOutline(cellSize: layers.footprintCellSize)) }
        for line in decorations.lines(labels) { legend.note(line) }
        scaleAndProjection(view: view, layers: layers, labels: labels, into: &legend)
        let subtitle = labels.mapSubtitle(
            coverage: report.total.coveragePercent, residents: report.total.residents, points: report.total.servicePoints)
        return SVGDocument.wrap(
            width: Int(maximumWidth), title: title, subtitle: subtitle, viewport: view, drawing: svg, legend: legend,
            className: "map province-map")
    }
}
