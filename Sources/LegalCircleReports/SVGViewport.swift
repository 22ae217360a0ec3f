import LegalCircle

/// Maps a box of the run's projection onto an SVG drawing: user units are metres of the projection,
/// rounded to whole metres, with x growing east and y growing south (north up).
struct SVGViewport {
    /// The drawn box (the content box with a margin).
    let bounds: PlanarBounds
    /// Projection metres per output pixel.
    let metresPerPixel: Double
    let pixelWidth: Int
    let pixelHeight: Int

    /// The largest drawing of `content` that fits `maxWidth` × `maxHeight` pixels with `margin` pixels
    /// around it; a degenerate box (one point) is drawn 2 km wide.
    init(content: PlanarBounds, maxWidth: Double, maxHeight: Double, margin: Double = 16) {
        var box = content.isEmpty ? PlanarBounds(minX: 0, minY: 0, maxX: 0, maxY: 0) : content
        if box.width < 1 && box.height < 1 { box = box.expanded(by: 1_000) }
        let scale = max(box.width / (maxWidth - 2 * margin), box.height / (maxHeight - 2 * margin))
        metresPerPixel = scale
        bounds = box.expanded(by: margin * scale)
        // Saturating: a stored run from before the input bounds may hold any figure.
        pixelWidth = Int(saturating: (bounds.width / scale).rounded())
        pixelHeight = Int(saturating: (bounds.height / scale).rounded())
    }

    /// Width and height in user units (metres).
    var width: Int { Int(saturating: bounds.width.rounded()) }
    var height: Int { Int(saturating: bounds.height.rounded()) }

    func x(_ value: Double) -> Int { Int(saturating: (value - bounds.minX).rounded()) }
    func y(_ value: Double) -> Int { Int(saturating: (bounds.maxY - value).rounded()) }

    /// `pixels` screen pixels in user units, for stroke widths, marker sizes and fonts.
    func pixels(_ pixels: Double) -> String { MarkupText.number(pixels * metresPerPixel) }

    /// `<svg>` opening tag of the map drawing, placed at (`left`, `top`) pixels in its parent.
    func openTag(left: Int, top: Int) -> String {
        "<svg x=\"\(left)\" y=\"\(top)\" width=\"\(pixelWidth)\" height=\"\(pixelHeight)\" viewBox=\"0 0 \(width) \(height)\">"
    }

    /// Path data of polygons: absolute first vertex, then relative moves between the rounded positions
    /// (exact, since the differences are of integers), repeated positions dropped, each ring closed.
    func appendPathData(_ polygons: [PlanarPolygon], to out: inout String) {
        for polygon in polygons {
            for ring in polygon.rings {
                guard let first = ring.first else { continue }
                var previousX = x(first.x)
                var previousY = y(first.y)
                out += "M\(previousX) \(previousY)"
                var started = false
                for point in ring.dropFirst() {
                    let (px, py) = (x(point.x), y(point.y))
                    if px == previousX, py == previousY { continue }
                    out += started ? " " : "l"
                    started = true
                    out += "\(px - previousX) \(py - previousY)"
                    previousX = px
                    previousY = py
                }
                out += "z"
            }
        }
    }

    /// The polygons simplified to half a pixel, dropping parts smaller than that.
    func drawable(_ polygons: [PlanarPolygon]) -> [PlanarPolygon] {
        polygons.compactMap { $0.simplified(tolerance: metresPerPixel / 2) }
    }

    /// A scale bar length: the largest 1-2-5 × 10ⁿ metres at most a quarter of the drawing's width.
    var scaleBarMetres: Double {
        let limit = bounds.width / 4
        var best = 1.0
        var magnitude = 1.0
        while magnitude <= limit {
            for step in [1.0, 2.0, 5.0] where step * magnitude <= limit { best = step * magnitude }
            magnitude *= 10
        }
        return best
    }
}
