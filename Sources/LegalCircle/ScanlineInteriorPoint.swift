/// A point inside a polygon away from its edges, for labels: the middle of the widest inside stretch
/// of a horizontal line through the middle of its box (even-odd over all rings), trying two other
/// heights when the middle line misses. Shared by planar and geographic polygons.
enum ScanlineInteriorPoint {
    /// - Parameters:
    ///   - rings: the polygon's rings; rings of fewer than 3 vertices are skipped.
    ///   - minY: the bottom of the polygon's box; `height` its height (must be > 0).
    /// - Complexity: O(v log v) for v vertices.
    static func point<Vertex>(
        rings: [[Vertex]], minY: Double, height: Double, x: (Vertex) -> Double, y: (Vertex) -> Double
    ) -> (x: Double, y: Double)? {
        // Slightly off the exact middle so that the line is unlikely to pass through a vertex.
        for fraction in [0.5 + 1e-7 * .pi, 0.37 + 1e-7 * .pi, 0.63 + 1e-7 * .pi] {
            let lineY = minY + height * fraction
            var crossings: [Double] = []
            for ring in rings where ring.count >= 3 {
                var previous = ring[ring.count - 1]
                for vertex in ring {
                    let (x0, y0, x1, y1) = (x(previous), y(previous), x(vertex), y(vertex))
                    if (y0 > lineY) != (y1 > lineY) {
                        crossings.append(x0 + (lineY - y0) * (x1 - x0) / (y1 - y0))
                    }
                    previous = vertex
                }
            }
            crossings.sort()
            var best: (width: Double, middle: Double)?
            var i = 0
            while i + 1 < crossings.count {
                let width = crossings[i + 1] - crossings[i]
                if width > 0, width > (best?.width ?? 0) { best = (width, (crossings[i] + crossings[i + 1]) / 2) }
                i += 2
            }
            if let best { return (best.middle, lineY) }
        }
        return nil
    }
}
