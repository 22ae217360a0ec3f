import LegalCircle

/// Map images as SVG: one county with its service points, their 15-minute reach per zone and its
/// uncovered areas, or the whole run with counties shaded by coverage (`SVGMap.province`).
///
/// Drawn in the run's own transverse Mercator (`MapLayers.projection`), north up, in whole metres,
/// so every layer lines up and distances on the image are true to well under 0.1 %. Every name from
/// the input files is escaped.
public enum SVGMap {
    /// Largest drawing size of a map, pixels.
    public static let maximumWidth = 960.0
    public static let maximumHeight = 760.0
    /// Areas labelled with their population in a county map; the others carry it as a tooltip.
    public static let labelledAreas = 20

    /// The map of county `code` ("" for residences without a county).
    /// - Parameter figures: the county's report row; its zones with residents decide which reach
    ///   circles are drawn. nil draws none.
    /// - Parameter decorations: a title instead of the county's name, and the source and approval lines.
    public static func county(
        _ code: String, layers: MapLayers, figures: CountyFigures?, labels: ReportLabels, decorations: MapDecorations = .none
    ) -> String {
        let zones = Zone.allCases.filter { zone in (figures?.zones.first { $0.zone == zone }?.residents ?? 0) > 0 }
        let maxReach = zones.map { layers.radius[$0] ?? 0 }.max() ?? 0
        var content = layers.bounds(county: code)
        for point in layers.points where (point.county ?? "") == code {
            content.include(PlanarBounds(minX: point.position.x, minY: point.position.y, maxX: point.position.x, maxY: point.position.y)
                .expanded(by: maxReach))
        }
        let view = SVGViewport(content: content, maxWidth: maximumWidth, maxHeight: maximumHeight)
        let own = layers.points.filter { ($0.county ?? "") == code }
        let others = layers.points.filter { point in
            (point.county ?? "") != code && view.bounds.expanded(by: maxReach * point.scale).contains(point.position)
        }

        var svg = ""
        outlines(code, layers: layers, view: view, into: &svg)
        // Widest reach first, so the narrower ones stay visible on top.
        for zone in zones.sorted(by: { (layers.radius[$0] ?? 0) > (layers.radius[$1] ?? 0) }) {
            reach(own + others, zone: zone, layers: layers, view: view, into: &svg)
        }
        let areas = layers.areas.filter { ($0.county ?? "") == code }.sorted { $0.population > $1.population }
        var placer = SVGLabelPlacer(view: view)
        var badges = ""
        holes(areas, numbered: labelledAreas, view: view, labels: labels, placer: &placer, into: &badges)
        markers(others, own: false, view: view, labels: labels, into: &svg)
        markers(own.sorted { $0.level.drawOrder < $1.level.drawOrder }, own: true, view: view, labels: labels, into: &svg)
        // The holes above the points, numbered as in the tables; then the township seats' names around them.
        svg += badges
        townshipLabels(own, view: view, placer: &placer, into: &svg)

        var legend = SVGLegend()
        outlineLegend(layers.counties[code], layers: layers, labels: labels, into: &legend)
        if !own.isEmpty { legend.note(labels.pointsLegend) }
        for level in ServiceLevel.allCases where own.contains(where: { $0.level == level }) {
            let style = SVGStyle.marker(level)
            legend.marker(radius: style.radius, fill: style.fill, labels.level(level))
        }
        if !others.isEmpty { legend.marker(radius: 4, fill: "#ffffff", stroke: "#777", labels.otherCountyPoints) }
        for zone in zones {
            legend.swatch(
                fill: SVGStyle.zoneColour(zone), opacity: 0.2, stroke: SVGStyle.zoneColour(zone),
                labels.reachLegend(zone, radius: layers.radius[zone] ?? 0))
        }
        if !areas.isEmpty {
            legend.swatch(
                fill: SVGStyle.areaFill, opacity: 0.6, stroke: SVGStyle.areaStroke,
                labels.areasLegend + (areas.count > labelledAreas ? "; " + labels.labelledAreas(labelledAreas) : ""))
        }
        for line in decorations.lines(labels) { legend.note(line) }
        scaleAndProjection(view: view, layers: layers, labels: labels, into: &legend)

        let name = decorations.title ?? countyTitle(code, layers: layers, labels: labels)
        let subtitle = figures.map { labels.mapSubtitle(coverage: $0.coveragePercent, residents: $0.residents, points: $0.servicePoints) } ?? ""
        return SVGDocument.wrap(
            width: Int(maximumWidth), title: name, subtitle: subtitle, viewport: view, drawing: svg, legend: legend,
            className: "map county-map")
    }

    /// "330102 上城区", or the no-county label.
    static func countyTitle(_ code: String, layers: MapLayers, labels: ReportLabels) -> String {
        guard !code.isEmpty else { return labels.noCounty }
        guard let name = layers.counties[code]?.name, !name.isEmpty, name != code else { return code }
        return "\(code) \(name)"
    }

    // MARK: - Layers

    private static func outlines(_ code: String, layers: MapLayers, view: SVGViewport, into svg: inout String) {
        svg += "<g class=\"neighbours\" fill=\"#f0f0f0\" stroke=\"#b5b5b5\" stroke-width=\"\(view.pixels(0.8))\" fill-rule=\"evenodd\"><path d=\""
        for (other, county) in layers.counties.sorted(by: { $0.key < $1.key }) where other != code {
            let visible = county.polygons.filter { $0.bounds.intersects(view.bounds) }
            view.appendPathData(view.drawable(visible), to: &svg)
        }
        svg += "\"/></g>"
        guard let county = layers.counties[code] else { return }
        svg += "<g class=\"outline\" fill=\"#fbf8ef\" stroke=\"#444\" stroke-width=\"\(view.pixels(1.5))\" fill-rule=\"evenodd\"><path d=\""
        view.appendPathData(view.drawable(county.polygons), to: &svg)
        svg += "\"/></g>"
    }

    private static func reach(_ points: [MapLayers.Point], zone: Zone, layers: MapLayers, view: SVGViewport, into svg: inout String) {
        // Opaque circles in a translucent group: the group is composited once, so the union of the
        // circles gets one even tint instead of darkening where many overlap.
        svg += "<g class=\"reach reach-\(zone.name)\" fill=\"\(SVGStyle.zoneColour(zone))\" opacity=\"0.2\">"
        for point in points {
            let radius = Int(saturating: layers.reachRadius(point, zone: zone).rounded())
            svg += "<circle cx=\"\(view.x(point.position.x))\" cy=\"\(view.y(point.position.y))\" r=\"\(radius)\"/>"
        }
        svg += "</g>"
    }

    private static func areaShapes(_ areas: [MapLayers.Area], view: SVGViewport, labels: ReportLabels, into svg: inout String) {
        svg += "<g class=\"areas\" fill=\"\(SVGStyle.areaFill)\" fill-opacity=\"0.6\" stroke=\"\(SVGStyle.areaStroke)\" "
            + "stroke-width=\"\(view.pixels(0.8))\" fill-rule=\"evenodd\">"
        for area in areas {
            svg += "<path data-area=\"\(area.id)\" d=\""
            view.appendPathData(area.polygons, to: &svg)
            svg += "\"><title>#\(area.id) \(labels.zone(area.zone)): \(TextTable.grouped(area.population)) \(labels.residentsWord)</title></path>"
        }
        svg += "</g>"
    }

    private static func markers(_ points: [MapLayers.Point], own: Bool, view: SVGViewport, labels: ReportLabels, into svg: inout String) {
        svg += own
            ? "<g class=\"points\" stroke=\"#222\" stroke-width=\"\(view.pixels(0.8))\">"
            : "<g class=\"points other-points\" fill=\"#ffffff\" stroke=\"#777\" stroke-width=\"\(view.pixels(0.8))\">"
        // Neighbours' points carry no tooltip: their own county's map names them, and a province has
        // thousands (tooltips are most of a map's bytes).
        let otherRadius = view.pixels(3)
        for point in points {
            let position = "cx=\"\(view.x(point.position.x))\" cy=\"\(view.y(point.position.y))\""
            guard own else {
                svg += "<circle \(position) r=\"\(otherRadius)\"/>"
                continue
            }
            let style = SVGStyle.marker(point.level)
            svg += "<circle \(position) r=\"\(view.pixels(style.radius))\" fill=\"\(style.fill)\"><title>"
                + "\(MarkupText.escaped(point.name)) (\(MarkupText.escaped(point.id))) · \(labels.level(point.level))</title></circle>"
        }
        svg += "</g>"
    }

    private static func areaLabels(_ areas: ArraySlice<MapLayers.Area>, view: SVGViewport, into svg: inout String) {
        guard !areas.isEmpty else { return }
        svg += "<g class=\"area-labels\" font-size=\"\(view.pixels(11))\" font-weight=\"bold\" fill=\"\(SVGStyle.areaStroke)\" "
            + "stroke=\"#ffffff\" stroke-width=\"\(view.pixels(3))\" paint-order=\"stroke\" text-anchor=\"middle\">"
        for area in areas {
            svg += "<text data-area=\"\(area.id)\" x=\"\(view.x(area.label.x))\" y=\"\(view.y(area.label.y))\">"
                + "\(TextTable.grouped(area.population))</text>"
        }
        svg += "</g>"
    }

    // MARK: - Legend pieces

    static func outlineLegend(_ county: MapLayers.County?, layers: MapLayers, labels: ReportLabels, into legend: inout SVGLegend) {
        if let county, county.fromBoundary {
            legend.note(labels.boundaryOutline(layers.boundarySetName ?? ""))
        } else if county != nil {
            legend.note(labels.footprintOutline(cellSize: layers.footprintCellSize))
        }
        // No outline at all: a county page's county without a boundary (its footprint needs the residences).
    }

    static func scaleAndProjection(view: SVGViewport, layers: MapLayers, labels: ReportLabels, into legend: inout SVGLegend) {
        let metres = view.scaleBarMetres
        legend.scaleBar(pixels: metres / view.metresPerPixel, labels.distance(metres))
        // The PROJ definition goes in the page's details line (`HTMLReportWriter`), not on the image.
        legend.note(labels.projectionNote)
    }
}

extension ServiceLevel {
    /// Lower levels first, so the larger markers of higher levels are drawn on top.
    var drawOrder: Int { -(ServiceLevel.allCases.firstIndex(of: self) ?? 0) }
}
