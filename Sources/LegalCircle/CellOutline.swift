import Projection

/// A corner of the area grid: the point (column · cellSize, row · cellSize) in the run's projection.
public struct GridVertex: Hashable, Sendable, Comparable {
    public var column: Int
    public var row: Int

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Row first, then column: the lowest-leftmost vertex comes first.
    public static func < (a: GridVertex, b: GridVertex) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

/// Dissolves grid cells into polygons for drawing uncovered areas (GeoJSON, GeoPackage, SVG).
///
/// Each polygon is `[exterior, hole, hole, ...]`; every ring is closed (first == last), simple (no
/// vertex repeated apart from the closure), without collinear vertices, the exterior counter-clockwise
/// and holes clockwise (the RFC 7946 right-hand rule). Where cells touch only at a corner the outline is
/// cut there: two separate polygons, or a hole touching its exterior at one point, both valid in the
/// OGC Simple Features model (GEOS `isValid`), never a figure-8 ring.
public enum CellOutline {
    /// The dissolved outline of `cells`, in corner coordinates; duplicate cells are ignored.
    ///
    /// Method: every cell contributes its four counter-clockwise edges except those shared with a
    /// neighbour, so the filled side is always on the left. The edges are chained into closed walks,
    /// turning left at corners where cells touch diagonally; a walk that still visits a vertex twice is
    /// cut there into simple loops. Counter-clockwise loops are exteriors, clockwise ones holes, and each
    /// hole goes to the smallest exterior containing it (ray casting).
    /// - Returns: polygons ordered by their exterior's lowest-leftmost vertex.
    /// - Complexity: O(n log n) for n cells (vertices are visited in sorted order so the output does not
    ///   depend on hashing), plus O(h · e) to place h holes among exteriors of e edges.
    public static func polygons(cells: [GridCell]) -> [[[GridVertex]]] {
        let filled = Set(cells.map { GridVertex(column: Int($0.column), row: Int($0.row)) })
        var exteriors: [[GridVertex]] = []
        var holes: [[GridVertex]] = []
        for walk in boundaryWalks(filled: filled) {
            for loop in simpleLoops(walk) {
                let ring = withoutCollinear(loop)
                if twiceSignedArea(ring) > 0 { exteriors.append(ring) } else { holes.append(ring) }
            }
        }
        return assemble(exteriors: exteriors, holes: holes)
    }

    /// The dissolved outline of `cells` in longitude/latitude, through the frame's projection.
    /// - Throws: `ProjError` from PROJ.
    public static func geoPolygons(cells: [GridCell], cellSize: Double, frame: PlanarFrame) throws -> [[[GeoCoordinate]]] {
        try geoPolygons(cellSets: [cells], cellSize: cellSize, frame: frame)[0]
    }

    /// The outlines of several cell sets (one per area) with one projection and one batch inverse.
    /// - Throws: `ProjError` from PROJ.
    public static func geoPolygons(
        cellSets: [[GridCell]], cellSize: Double, frame: PlanarFrame
    ) throws -> [[[[GeoCoordinate]]]] {
        let outlines = cellSets.map { polygons(cells: $0) }
        var x: [Double] = []
        var y: [Double] = []
        for ring in outlines.joined().joined() {
            for vertex in ring {
                x.append(Double(vertex.column) * cellSize)
                y.append(Double(vertex.row) * cellSize)
            }
        }
        try frame.makeProjection().inverse(x: &x, y: &y)
        var next = 0
        func take(_ count: Int) -> [GeoCoordinate] {
            defer { next += count }
            return (next..<next + count).map { GeoCoordinate(longitude: x[$0], latitude: y[$0]) }
        }
        return outlines.map { polygons in polygons.map { rings in rings.map { take($0.count) } } }
    }

    // MARK: - Tracing

    /// Unit steps for the directions east, north, west, south; a left turn is `+1 mod 4`.
    private static let steps: [(dx: Int, dy: Int)] = [(1, 0), (0, 1), (-1, 0), (0, -1)]

    /// Closed walks along the boundary, each as its vertex sequence without the closing repeat.
    private static func boundaryWalks(filled: Set<GridVertex>) -> [[GridVertex]] {
        // Outgoing boundary directions per vertex, as bits 0...3.
        var outgoing: [GridVertex: UInt8] = [:]
        func add(_ column: Int, _ row: Int, _ direction: Int) {
            outgoing[GridVertex(column: column, row: row), default: 0] |= 1 << direction
        }
        for cell in filled {
            let (c, r) = (cell.column, cell.row)
            if !filled.contains(GridVertex(column: c, row: r - 1)) { add(c, r, 0) }
            if !filled.contains(GridVertex(column: c + 1, row: r)) { add(c + 1, r, 1) }
            if !filled.contains(GridVertex(column: c, row: r + 1)) { add(c + 1, r + 1, 2) }
            if !filled.contains(GridVertex(column: c - 1, row: r)) { add(c, r + 1, 3) }
        }
        var unused = outgoing
        var walks: [[GridVertex]] = []
        for start in outgoing.keys.sorted() {
            while let mask = unused[start], mask != 0 {
                let startDirection = mask.trailingZeroBitCount
                var walk: [GridVertex] = []
                var vertex = start
                var direction = startDirection
                repeat {
                    walk.append(vertex)
                    unused[vertex]! &= ~(1 << direction)
                    vertex = GridVertex(
                        column: vertex.column + steps[direction].dx, row: vertex.row + steps[direction].dy)
                    direction = turn(arriving: direction, available: outgoing[vertex]!)
                } while vertex != start || direction != startDirection
                walks.append(walk)
            }
        }
        return walks
    }

    /// Left, else straight, else right: a fixed pairing of incoming with outgoing edges at every
    /// vertex, which keeps diagonally touching cells apart.
    private static func turn(arriving direction: Int, available: UInt8) -> Int {
        for candidate in [(direction + 1) % 4, direction, (direction + 3) % 4] where available & (1 << candidate) != 0 {
            return candidate
        }
        preconditionFailure("boundary walk reached a dead end at a grid vertex")
    }

    /// Cuts a closed walk into loops that visit each vertex once (stack of the current path).
    private static func simpleLoops(_ walk: [GridVertex]) -> [[GridVertex]] {
        var path: [GridVertex] = []
        var position: [GridVertex: Int] = [:]
        var loops: [[GridVertex]] = []
        for vertex in walk {
            if let index = position[vertex] {
                loops.append(Array(path[index...]))
                for removed in path[(index + 1)...] { position[removed] = nil }
                path.removeSubrange((index + 1)...)
            } else {
                position[vertex] = path.count
                path.append(vertex)
            }
        }
        loops.append(path)
        return loops
    }

    /// The loop without collinear vertices, starting at its lowest-leftmost vertex and closed.
    private static func withoutCollinear(_ loop: [GridVertex]) -> [GridVertex] {
        let n = loop.count
        var corners: [GridVertex] = []
        for i in 0..<n {
            let (previous, vertex, next) = (loop[(i + n - 1) % n], loop[i], loop[(i + 1) % n])
            let cross = (vertex.column - previous.column) * (next.row - vertex.row)
                - (vertex.row - previous.row) * (next.column - vertex.column)
            if cross != 0 { corners.append(vertex) }
        }
        let first = corners.indices.min { corners[$0] < corners[$1] }!
        return Array(corners[first...] + corners[..<first]) + [corners[first]]
    }

    // MARK: - Assembly

    /// Twice the signed (shoelace) area of a closed ring: positive when counter-clockwise.
    static func twiceSignedArea(_ ring: [GridVertex]) -> Int {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0.column * $1.1.row - $1.1.column * $1.0.row }
    }

    private static func assemble(exteriors: [[GridVertex]], holes: [[GridVertex]]) -> [[[GridVertex]]] {
        let bySize = exteriors.indices.sorted { twiceSignedArea(exteriors[$0]) < twiceSignedArea(exteriors[$1]) }
        let boxes = exteriors.map(BoundingBox.init)
        var polygons = exteriors.map { [$0] }
        for hole in holes {
            // The midpoint of a vertical hole edge: never on another ring, since every boundary unit
            // edge belongs to exactly one ring, and never level with a vertex.
            let edge = zip(hole, hole.dropFirst()).first { $0.0.column == $0.1.column }!
            let probe = (x: edge.0.column, y: min(edge.0.row, edge.1.row))
            guard let owner = bySize.first(where: { boxes[$0].contains(probe) && encloses(exteriors[$0], probe) }) else {
                assertionFailure("a hole outside every exterior")
                continue
            }
            polygons[owner].append(hole)
        }
        for index in polygons.indices { polygons[index][1...].sort { $0[0] < $1[0] } }
        return polygons.sorted { $0[0][0] < $1[0][0] }
    }

    /// Ray casting towards +x from (x, y + 0.5), so the ray passes no vertex.
    private static func encloses(_ ring: [GridVertex], _ probe: (x: Int, y: Int)) -> Bool {
        var inside = false
        for (a, b) in zip(ring, ring.dropFirst())
        where a.column == b.column && a.column > probe.x && min(a.row, b.row) <= probe.y && probe.y < max(a.row, b.row) {
            inside.toggle()
        }
        return inside
    }

    private struct BoundingBox {
        var minColumn = Int.max, maxColumn = Int.min, minRow = Int.max, maxRow = Int.min

        init(_ ring: [GridVertex]) {
            for vertex in ring {
                minColumn = min(minColumn, vertex.column)
                maxColumn = max(maxColumn, vertex.column)
                minRow = min(minRow, vertex.row)
                maxRow = max(maxRow, vertex.row)
            }
        }

        func contains(_ probe: (x: Int, y: Int)) -> Bool {
            minColumn <= probe.x && probe.x <= maxColumn && minRow <= probe.y && probe.y < maxRow
        }
    }
}
