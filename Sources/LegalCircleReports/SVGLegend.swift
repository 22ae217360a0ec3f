import LegalCircle

/// Colours and sizes shared by the maps and their legends.
enum SVGStyle {
    /// CJK-capable fonts first (Debian's fonts-wqy-microhei, then Noto and the Windows/macOS fonts).
    static let fontFamily = "'WenQuanYi Micro Hei','Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif"

    /// Coverage classes of the province map, best first: ColorBrewer OrRd (sequential, readable by
    /// colour-blind readers and in greyscale), darker where coverage is worse.
    static let coverageClasses: [(atLeast: Double, colour: String)] = [
        (95, "#fef0d9"), (85, "#fdcc8a"), (70, "#fc8d59"), (50, "#e34a33"), (0, "#b30000"),
    ]
    static let noResidentsColour = "#d9d9d9"

    static func coverageColour(_ percent: Double?) -> String {
        guard let percent else { return noResidentsColour }
        return coverageClasses.first { percent >= $0.atLeast }?.colour ?? coverageClasses.last!.colour
    }

    static func coverageClassLabel(_ index: Int) -> String {
        let lower = coverageClasses[index].atLeast
        if index == 0 { return "≥ \(MarkupText.number(lower)) %" }
        let upper = coverageClasses[index - 1].atLeast
        return index == coverageClasses.count - 1
            ? "< \(MarkupText.number(upper)) %" : "\(MarkupText.number(lower)) – \(MarkupText.number(upper)) %"
    }

    /// Reach circles per zone (ColorBrewer Paired, dark members).
    static func zoneColour(_ zone: Zone) -> String {
        switch zone {
        case .urban: "#1f78b4"
        case .rural: "#33a02c"
        case .mountain: "#b15928"
        case .island: "#6a3d9a"
        }
    }

    /// Marker radius (pixels) and fill by level: higher levels larger and darker.
    static func marker(_ level: ServiceLevel) -> (radius: Double, fill: String) {
        switch level {
        case .province: (6.5, "#000000")
        case .city: (6, "#525252")
        case .county: (5.5, "#e7298a")
        case .township: (4.5, "#ff7f00")
        case .village: (3.5, "#ffd92f")
        case .grid: (3, "#a6cee3")
        }
    }

    static let areaFill = "#d7301f"
    static let areaStroke = "#67000d"
}

/// The legend under a map, in pixels: one row per entry.
struct SVGLegend {
    private var rows: [String] = []
    private let rowHeight = 20
    private let left = 16

    var height: Int { rows.count * rowHeight + 8 }

    mutating func swatch(fill: String, opacity: Double = 1, stroke: String = "#555", _ text: String) {
        let y = rows.count * rowHeight
        rows.append(
            "<g><rect x=\"\(left)\" y=\"\(y + 3)\" width=\"22\" height=\"13\" fill=\"\(fill)\" fill-opacity=\"\(MarkupText.number(opacity, decimals: 2))\" stroke=\"\(stroke)\"/>"
                + label(text, y: y) + "</g>")
    }

    mutating func marker(radius: Double, fill: String, stroke: String = "#222", _ text: String) {
        let y = rows.count * rowHeight
        rows.append(
            "<circle cx=\"\(left + 11)\" cy=\"\(y + 10)\" r=\"\(MarkupText.number(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>"
                + label(text, y: y))
    }

    mutating func scaleBar(pixels: Double, _ text: String) {
        let y = rows.count * rowHeight + 10
        let end = Double(left) + pixels
        rows.append(
            "<path d=\"M\(left) \(y - 4)v8h\(MarkupText.number(pixels))v-8\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/>"
                + "<text x=\"\(MarkupText.number(end + 8))\" y=\"\(y + 4)\">\(MarkupText.escaped(text))</text>")
    }

    mutating func note(_ text: String) {
        rows.append("<text x=\"\(left)\" y=\"\(rows.count * rowHeight + 14)\" fill=\"#444\">\(MarkupText.escaped(text))</text>")
    }

    private func label(_ text: String, y: Int) -> String {
        "<text x=\"\(left + 32)\" y=\"\(y + 14)\">\(MarkupText.escaped(text))</text>"
    }

    /// The rows as a group placed at `top` pixels.
    func render(top: Int) -> String {
        "<g class=\"legend\" transform=\"translate(0 \(top))\" font-size=\"12\">" + rows.joined() + "</g>"
    }
}

/// The frame every map image shares: white page, title lines, the drawing, the legend.
enum SVGDocument {
    static func wrap(
        width: Int, title: String, subtitle: String, viewport: SVGViewport, drawing: String, legend: SVGLegend,
        className: String
    ) -> String {
        let top = 52
        let legendTop = top + viewport.pixelHeight + 10
        let height = legendTop + legend.height
        let pageWidth = max(width, viewport.pixelWidth + 16)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(className)\" width=\"\(pageWidth)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(pageWidth) \(height)\" font-family=\"\(SVGStyle.fontFamily)\" role=\"img\">"
            + "<title>\(MarkupText.escaped(title))</title>"
            + "<rect width=\"\(pageWidth)\" height=\"\(height)\" fill=\"#ffffff\"/>"
            + "<text x=\"16\" y=\"22\" font-size=\"16\" font-weight=\"bold\">\(MarkupText.escaped(title))</text>"
            + "<text x=\"16\" y=\"42\" font-size=\"12\" fill=\"#444\">\(MarkupText.escaped(subtitle))</text>"
            + viewport.openTag(left: 8, top: top) + drawing + "</svg>"
            + "<rect x=\"8.5\" y=\"\(top).5\" width=\"\(viewport.pixelWidth - 1)\" height=\"\(viewport.pixelHeight - 1)\" fill=\"none\" stroke=\"#999\"/>"
            + legend.render(top: legendTop) + "</svg>"
    }
}
