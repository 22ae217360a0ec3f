import LegalCircle

/// Places text labels on a map without overlaps: each label tries a few positions around its anchor
/// (right, left, above, below, then the diagonals) and takes the first whose box, in screen pixels, meets
/// no label placed before it; a label with no free position is left out (its feature keeps a tooltip).
/// Earlier labels win, so callers place the most important first.
struct SVGLabelPlacer {
    struct Box {
        var minX, minY, maxX, maxY: Double
        func intersects(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    let view: SVGViewport
    private(set) var boxes: [Box] = []

    init(view: SVGViewport) { self.view = view }

    /// Reserves a box around a point (a marker the labels must not cover), `radius` pixels.
    mutating func reserve(x: Double, y: Double, radius: Double) {
        let (px, py) = pixel(x, y)
        boxes.append(Box(minX: px - radius, minY: py - radius, maxX: px + radius, maxY: py + radius))
    }

    /// Reserves the box like `reserve` unless it meets one already placed; true when reserved.
    mutating func reserveIfFree(x: Double, y: Double, radius: Double) -> Bool {
        let (px, py) = pixel(x, y)
        let box = Box(minX: px - radius, minY: py - radius, maxX: px + radius, maxY: py + radius)
        guard !boxes.contains(where: { $0.intersects(box) }) else { return false }
        boxes.append(box)
        return true
    }

    /// The position (user units) and anchor of a label of `text` at `fontSize` pixels next to the point
    /// (`x`, `y`) in projection metres, `gap` pixels away; nil when every position collides.
    mutating func place(_ text: String, x: Double, y: Double, fontSize: Double, gap: Double = 4) -> (x: Int, y: Int, anchor: String)? {
        let width = Double(TextTable.displayWidth(text)) * fontSize * 0.55
        let height = fontSize
        let (px, py) = pixel(x, y)
        // (dx, dy) of the label's reference point from the anchor, and its text-anchor.
        let candidates: [(Double, Double, String)] = [
            (gap, height / 3, "start"), (-gap, height / 3, "end"), (0, -gap - 2, "middle"), (0, height + gap, "middle"),
            (gap, -gap, "start"), (-gap, -gap, "end"), (gap, height + gap / 2, "start"), (-gap, height + gap / 2, "end"),
        ]
        for (dx, dy, anchor) in candidates {
            let left = anchor == "start" ? px + dx : anchor == "end" ? px + dx - width : px + dx - width / 2
            let box = Box(minX: left - 1, minY: py + dy - height, maxX: left + width + 1, maxY: py + dy + 2)
            guard box.minX >= 0, box.maxX <= Double(view.pixelWidth), box.minY >= 0, box.maxY <= Double(view.pixelHeight) else {
                continue
            }
            guard !boxes.contains(where: { $0.intersects(box) }) else { continue }
            boxes.append(box)
            return (view.x(x) + Int((dx * view.metresPerPixel).rounded()), view.y(y) + Int((dy * view.metresPerPixel).rounded()), anchor)
        }
        return nil
    }

    private func pixel(_ x: Double, _ y: Double) -> (Double, Double) {
        (Double(view.x(x)) / view.metresPerPixel, Double(view.y(y)) / view.metresPerPixel)
    }
}

extension SVGMap {
    /// Smallest marker of an uncovered area on screen, pixels: a hole of one 500 m cell in a county
    /// drawn 900 px wide is under a pixel, so every area gets at least this ring around its label point.
    static let minimumHoleRadius = 6.0

    /// The uncovered areas: their cells filled and outlined, a ring of at least `minimumHoleRadius`
    /// pixels around each (so the smallest hole shows), and for the `numbered` most populous a numbered
    /// badge with the area's id, the id of the gaps table and the report's area table.
    static func holes(
        _ areas: [MapLayers.Area], numbered: Int, view: SVGViewport, labels: ReportLabels, placer: inout SVGLabelPlacer,
        into svg: inout String
    ) {
        guard !areas.isEmpty else { return }
        svg += "<g class=\"areas\" fill=\"\(SVGStyle.areaFill)\" fill-opacity=\"0.75\" stroke=\"\(SVGStyle.areaStroke)\" "
            + "stroke-width=\"\(view.pixels(1.2))\" fill-rule=\"evenodd\">"
        for area in areas {
            let tooltip = "#\(area.id) \(labels.zone(area.zone)): \(TextTable.grouped(area.population)) \(labels.residentsWord)"
            svg += "<path data-area=\"\(area.id)\" d=\""
            view.appendPathData(area.polygons, to: &svg)
            svg += "\"><title>\(MarkupText.escaped(tooltip))</title></path>"
        }
        svg += "</g>"
        // Rings: visible whatever the area's size, drawn under the badges.
        // Inside a group of class "areas", so the layer switch hides them with the areas.
        svg += "<g class=\"areas\"><g class=\"hole-rings\" fill=\"none\" stroke=\"\(SVGStyle.areaStroke)\" stroke-width=\"\(view.pixels(2))\">"
        for area in areas {
            svg += "<circle data-area=\"\(area.id)\" cx=\"\(view.x(area.label.x))\" cy=\"\(view.y(area.label.y))\" "
                + "r=\"\(view.pixels(minimumHoleRadius))\"/>"
        }
        svg += "</g></g>"
        let badges = areas.prefix(numbered)
        guard !badges.isEmpty else { return }
        svg += "<g class=\"areas\"><g class=\"area-labels\" font-size=\"\(view.pixels(10))\" font-weight=\"bold\" text-anchor=\"middle\">"
        for area in badges {
            let text = String(area.id)
            let radius = max(7.0, 3.5 * Double(text.count) + 2)
            // A badge that would cover another is left out: the ring still shows the hole, the tooltip its id.
            guard placer.reserveIfFree(x: area.label.x, y: area.label.y, radius: radius) else { continue }
            let cx = view.x(area.label.x), cy = view.y(area.label.y)
            svg += "<g data-area=\"\(area.id)\"><circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(view.pixels(radius))\" fill=\"\(SVGStyle.areaStroke)\" "
                + "stroke=\"#ffffff\" stroke-width=\"\(view.pixels(1.5))\"/>"
                + "<text data-area=\"\(area.id)\" x=\"\(cx)\" y=\"\(cy)\" dy=\"0.35em\" fill=\"#ffffff\">\(text)</text></g>"
        }
        svg += "</g></g>"
    }

    /// Names of the township-level points (司法所 at township seats) of the county, placed without
    /// overlapping each other or the area badges; the higher levels (county centres) first.
    static func townshipLabels(_ points: [MapLayers.Point], view: SVGViewport, placer: inout SVGLabelPlacer, into svg: inout String) {
        let named = points.filter { [.province, .city, .county, .township].contains($0.level) && !$0.name.isEmpty }
            .sorted { $0.level.drawOrder != $1.level.drawOrder ? $0.level.drawOrder > $1.level.drawOrder : $0.name < $1.name }
        guard !named.isEmpty else { return }
        var placed = ""
        for point in named {
            let text = shortName(point.name)
            guard let spot = placer.place(text, x: point.position.x, y: point.position.y, fontSize: 10, gap: 5) else { continue }
            placed += "<text x=\"\(spot.x)\" y=\"\(spot.y)\" text-anchor=\"\(spot.anchor)\">\(MarkupText.escaped(text))</text>"
        }
        guard !placed.isEmpty else { return }
        svg += "<g class=\"points\"><g class=\"point-labels\" font-size=\"\(view.pixels(10))\" fill=\"#1b3a5c\" stroke=\"#ffffff\" "
            + "stroke-width=\"\(view.pixels(2.5))\" paint-order=\"stroke\">" + placed + "</g></g>"
    }

    /// A station's name without the generic tail, for a map label: "千岛湖镇司法所" → "千岛湖镇",
    /// "上城区公共法律服务中心 P000001" → "上城区".
    static func shortName(_ name: String) -> String {
        var text = name.split(separator: " ").first.map(String.init) ?? name
        for tail in ["公共法律服务中心", "公共法律服务站", "公共法律服务工作站", "公共法律服务室", "公共法律服务点", "法律服务点", "司法所"]
        where text.hasSuffix(tail) && text.count > tail.count {
            text = String(text.dropLast(tail.count))
            break
        }
        return text
    }
}
