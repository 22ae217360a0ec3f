import Foundation

/// Locates points among polygonal regions (counties, land pieces, zone areas) with an edge-bucketed
/// uniform grid in longitude/latitude degrees.
///
/// **The rule.** A point is in a region when a ray from it towards +longitude crosses the region's
/// edges an odd number of times (crossing number, even-odd over all rings, so holes are respected),
/// with the half-open convention of W. R. Franklin's PNPOLY: an edge counts when
/// `min(lat) ≤ y < max(lat)` and its crossing longitude is strictly greater than the point's. Each
/// edge is evaluated with its endpoints in a fixed order, so an edge shared by two neighbouring
/// counties gives both the same answer. The result is the same as moving the point an infinitesimal
/// step east and then a still smaller step north: a point on a shared edge or vertex belongs to the
/// county on its east side (north side for an east–west edge), so in a seamless partition every point
/// of the covered area is in exactly one county; a point on the outer boundary is inside when the
/// polygon lies east (or north) of it.
///
/// **Why degrees.** RFC 7946 §3.1.1 defines polygon edges as straight lines in longitude/latitude, so
/// testing in degrees is exactly what the file means; no projection is needed and no edge bends.
///
/// **The grid.** Each cell lists the edges that touch it (with a 1e-7° margin). A cell that no edge
/// touches lies wholly inside one region or outside all, and stores that answer. Locating a point in
/// such a cell is one array read; otherwise the ray is followed cell by cell to the east, counting
/// crossings, until it enters an edge-free cell, whose stored answer accounts for the rest of the ray.
/// The answer is identical to the crossing test over all edges (tested against brute force).
///
/// Regions should not overlap. Where they do, `locate` gives the lowest region index that contains
/// the point.
public struct PolygonIndex: Sendable {
    struct Edge {
        /// Endpoints ordered so that (ay, ax) ≤ (by, bx): the same for both regions sharing the edge.
        var ax, ay, bx, by: Double
        var region: Int32
    }

    /// Number of regions given to `init`.
    public let regionCount: Int
    /// Grid origin, cell size and shape in degrees.
    let minX, minY, cellWidth, cellHeight, inverseCellWidth, inverseCellHeight: Double
    let columns, rows: Int
    /// Cells in row-major order; `cellStart[c]..<cellStart[c + 1]` indexes `cellEdges`.
    let cellStart: [Int32]
    let cellEdges: [Int32]
    /// For a cell without edges, the region containing it or -1 (outside every region), or
    /// `passThrough` when it lies in several overlapping regions; `hasEdges` for the others.
    let cellState: [Int32]
    let edges: [Edge]

    static let hasEdges: Int32 = -3
    static let passThrough: Int32 = -2
    /// Edges are bucketed into every cell they come within this many degrees of (about 1 cm).
    static let margin = 1e-7

    /// Builds the index.
    /// - Parameters:
    ///   - regions: for each region, its rings (open or closed; exteriors and holes alike).
    ///   - cellsPerEdge: grid cells per edge; about 4 keeps most cells edge-free.
    /// - Complexity: O(e + c) for e edges and c cells, with c ≈ 4e capped at 4 million.
    public init(regions: [[[GeoCoordinate]]], cellsPerEdge: Double = 4) {
        regionCount = regions.count
        var edges: [Edge] = []
        var box = GeoBounds([])
        for (region, rings) in regions.enumerated() {
            for ring in rings {
                var ring = ring
                if ring.count > 1, ring.first == ring.last { ring.removeLast() }
                guard ring.count >= 3 else { continue }
                var previous = ring[ring.count - 1]
                for vertex in ring {
                    box.include(vertex)
                    if previous != vertex { edges.append(PolygonIndex.edge(previous, vertex, region: Int32(region))) }
                    previous = vertex
                }
            }
        }
        self.edges = edges
        if box.isEmpty { box = GeoBounds(minLongitude: 0, minLatitude: 0, maxLongitude: 1, maxLatitude: 1) }

        // Cells about square on the ground.
        let pad = 1e-6
        let width = box.maxLongitude - box.minLongitude + 2 * pad
        let height = box.maxLatitude - box.minLatitude + 2 * pad
        let cosine = max(0.01, cos((box.minLatitude + box.maxLatitude) / 2 * .pi / 180))
        let target = min(4_000_000, max(1, Double(edges.count) * cellsPerEdge))
        let side = max(1e-6, (width * cosine * height / target).squareRoot())
        let columns = max(1, min(4096, Int((width / (side / cosine)).rounded(.up))))
        let rows = max(1, min(4096, Int((height / side).rounded(.up))))
        self.columns = columns
        self.rows = rows
        minX = box.minLongitude - pad
        minY = box.minLatitude - pad
        // Exactly `columns` × `rows` cells over the padded box.
        cellWidth = width / Double(columns)
        cellHeight = height / Double(rows)
        inverseCellWidth = Double(columns) / width
        inverseCellHeight = Double(rows) / height

        // Two passes over the edges: count per cell, then fill (compressed sparse rows).
        let cellCount = columns * rows
        var counts = [Int32](repeating: 0, count: cellCount + 1)
        let grid = Grid(
            minX: minX, minY: minY, inverseCellWidth: inverseCellWidth, inverseCellHeight: inverseCellHeight,
            columns: columns, rows: rows)
        for edge in edges { grid.forEachCell(of: edge) { counts[$0] += 1 } }
        var start = [Int32](repeating: 0, count: cellCount + 1)
        for cell in 0..<cellCount { start[cell + 1] = start[cell] + counts[cell] }
        var fill = Array(start.dropLast())
        var cellEdges = [Int32](repeating: 0, count: Int(start[cellCount]))
        for (index, edge) in edges.enumerated() {
            grid.forEachCell(of: edge) { cell in
                cellEdges[Int(fill[cell])] = Int32(index)
                fill[cell] += 1
            }
        }
        cellStart = start
        self.cellEdges = cellEdges

        // States of edge-free cells, each row from east to west: a cell's state is that of the ray
        // from its centre, which runs east to the next edge-free cell, already known.
        var state = [Int32](repeating: PolygonIndex.hasEdges, count: cellCount)
        var toggles: [Int32] = []
        for row in 0..<rows {
            let y = minY + (Double(row) + 0.5) * cellHeight
            for column in stride(from: columns - 1, through: 0, by: -1) {
                let cell = row * columns + column
                guard start[cell] == start[cell + 1] else { continue }
                toggles.removeAll(keepingCapacity: true)
                let x = minX + (Double(column) + 0.5) * cellWidth
                PolygonIndex.walk(
                    x: x, y: y, row: row, fromColumn: column + 1, columns: columns, grid: grid, cellStart: start,
                    cellEdges: cellEdges, cellState: state, edges: edges, toggles: &toggles)
                state[cell] = toggles.count <= 1 ? (toggles.first ?? -1) : PolygonIndex.passThrough
            }
        }
        cellState = state
    }

    private static func edge(_ p: GeoCoordinate, _ q: GeoCoordinate, region: Int32) -> Edge {
        if (p.latitude, p.longitude) <= (q.latitude, q.longitude) {
            return Edge(ax: p.longitude, ay: p.latitude, bx: q.longitude, by: q.latitude, region: region)
        }
        return Edge(ax: q.longitude, ay: q.latitude, bx: p.longitude, by: p.latitude, region: region)
    }

    /// The region containing the point, nil when it is in none.
    /// - Complexity: O(1) in edge-free cells; otherwise proportional to the edges met on the way east
    ///   to the next edge-free cell.
    public func locate(longitude: Double, latitude: Double) -> Int? {
        var toggles: [Int32] = []
        let region = locate(x: longitude, y: latitude, toggles: &toggles)
        return region < 0 ? nil : Int(region)
    }

    /// The region of every point (-1 for none), in parallel chunks.
    /// - Complexity: O(n) for n points, as `locate(longitude:latitude:)` each.
    public func locate(longitudes: [Double], latitudes: [Double]) -> [Int32] {
        precondition(longitudes.count == latitudes.count, "longitudes and latitudes must have the same length")
        return ParallelChunks(count: longitudes.count, size: 32_768).fill { range, output in
            var toggles: [Int32] = []
            toggles.reserveCapacity(8)
            for i in range {
                output[i] = locate(x: longitudes[i], y: latitudes[i], toggles: &toggles)
            }
        }
    }

    /// Every region containing the point, ascending (several only where regions overlap).
    public func regions(containingLongitude x: Double, latitude y: Double) -> [Int32] {
        var toggles: [Int32] = []
        guard let (row, column) = grid.cell(x: x, y: y) else { return [] }
        let cell = row * columns + column
        let state = cellState[cell]
        if state >= 0 { return [state] }
        if state == -1 { return [] }
        PolygonIndex.walk(
            x: x, y: y, row: row, fromColumn: column, columns: columns, grid: grid, cellStart: cellStart,
            cellEdges: cellEdges, cellState: cellState, edges: edges, toggles: &toggles)
        return toggles.sorted()
    }

    @inline(__always)
    func locate(x: Double, y: Double, toggles: inout [Int32]) -> Int32 {
        guard let (row, column) = grid.cell(x: x, y: y) else { return -1 }
        let cell = row * columns + column
        let state = cellState[cell]
        if state >= -1 { return state }
        toggles.removeAll(keepingCapacity: true)
        PolygonIndex.walk(
            x: x, y: y, row: row, fromColumn: column, columns: columns, grid: grid, cellStart: cellStart,
            cellEdges: cellEdges, cellState: cellState, edges: edges, toggles: &toggles)
        return toggles.min() ?? -1
    }

    var grid: Grid {
        Grid(
            minX: minX, minY: minY, inverseCellWidth: inverseCellWidth, inverseCellHeight: inverseCellHeight,
            columns: columns, rows: rows)
    }

    /// Follows the ray east from (x, y) starting in `fromColumn`, toggling the region of every edge it
    /// crosses, until it enters an edge-free cell with a single state (whose region it toggles) or
    /// leaves the grid. Each crossing is counted in the one cell its longitude falls in.
    @inline(__always)
    static func walk(
        x: Double, y: Double, row: Int, fromColumn: Int, columns: Int, grid: Grid, cellStart: [Int32],
        cellEdges: [Int32], cellState: [Int32], edges: [Edge], toggles: inout [Int32]
    ) {
        var column = fromColumn
        while column < columns {
            let cell = row * columns + column
            let state = cellState[cell]
            if state >= -1 {
                if state >= 0 { toggle(state, in: &toggles) }
                return
            }
            for slot in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                let edge = edges[Int(cellEdges[slot])]
                guard edge.ay <= y, y < edge.by else { continue }
                let crossing = edge.ax + (y - edge.ay) * (edge.bx - edge.ax) / (edge.by - edge.ay)
                if crossing > x, grid.column(crossing) == column { toggle(edge.region, in: &toggles) }
            }
            column += 1
        }
    }

    @inline(__always)
    static func toggle(_ region: Int32, in toggles: inout [Int32]) {
        if let at = toggles.firstIndex(of: region) {
            toggles.swapAt(at, toggles.count - 1)
            toggles.removeLast()
        } else {
            toggles.append(region)
        }
    }

    /// Calls `body` with the edges of every cell that has at least two (for touch tests).
    func forEachCrowdedCell(_ body: (UnsafeBufferPointer<Int32>) -> Void) {
        cellEdges.withUnsafeBufferPointer { all in
            for cell in 0..<(columns * rows) {
                let range = Int(cellStart[cell])..<Int(cellStart[cell + 1])
                if range.count >= 2 { body(UnsafeBufferPointer(rebasing: all[range])) }
            }
        }
    }

    /// Calls `body` with every edge bucketed in the cells overlapping the box (an edge may come
    /// several times).
    func forEachEdge(minX boxMinX: Double, minY boxMinY: Double, maxX boxMaxX: Double, maxY boxMaxY: Double, _ body: (Edge) -> Void) {
        let grid = grid
        let firstColumn = grid.clampedColumn(boxMinX), lastColumn = grid.clampedColumn(boxMaxX)
        let firstRow = grid.clampedRow(boxMinY), lastRow = grid.clampedRow(boxMaxY)
        guard firstColumn <= lastColumn, firstRow <= lastRow else { return }
        for row in firstRow...lastRow {
            for column in firstColumn...lastColumn {
                let cell = row * columns + column
                for slot in Int(cellStart[cell])..<Int(cellStart[cell + 1]) { body(edges[Int(cellEdges[slot])]) }
            }
        }
    }

    /// Cell arithmetic, shared by the build and the queries so that both round the same way.
    struct Grid {
        let minX, minY, inverseCellWidth, inverseCellHeight: Double
        let columns, rows: Int

        /// The column of longitude `x`, unclamped (monotonic in x).
        @inline(__always)
        func column(_ x: Double) -> Int { Int(((x - minX) * inverseCellWidth).rounded(.down)) }

        @inline(__always)
        func row(_ y: Double) -> Int { Int(((y - minY) * inverseCellHeight).rounded(.down)) }

        func clampedColumn(_ x: Double) -> Int {
            guard x.isFinite else { return x > 0 ? columns - 1 : 0 }
            let value = ((x - minX) * inverseCellWidth).rounded(.down)
            return Int(min(Double(columns - 1), max(0, value)))
        }

        func clampedRow(_ y: Double) -> Int {
            guard y.isFinite else { return y > 0 ? rows - 1 : 0 }
            let value = ((y - minY) * inverseCellHeight).rounded(.down)
            return Int(min(Double(rows - 1), max(0, value)))
        }

        /// The cell of a point, nil outside the grid (and for NaN).
        @inline(__always)
        func cell(x: Double, y: Double) -> (row: Int, column: Int)? {
            let u = (x - minX) * inverseCellWidth
            let v = (y - minY) * inverseCellHeight
            guard u >= 0, v >= 0, u < Double(columns), v < Double(rows) else { return nil }
            return (Int(v), Int(u))
        }

        /// Every cell the edge comes within `margin` of: per row, the edge's longitude span within
        /// the row's latitude band, widened by the margin.
        func forEachCell(of edge: Edge, _ body: (Int) -> Void) {
            let margin = PolygonIndex.margin
            let firstRow = clampedRow(edge.ay - margin)
            let lastRow = clampedRow(edge.by + margin)
            let cellHeight = 1 / inverseCellHeight
            for row in firstRow...lastRow {
                let bandLow = minY + Double(row) * cellHeight - margin
                let bandHigh = minY + Double(row + 1) * cellHeight + margin
                var low = min(edge.ax, edge.bx)
                var high = max(edge.ax, edge.bx)
                if edge.by > edge.ay {
                    let y0 = max(edge.ay, bandLow)
                    let y1 = min(edge.by, bandHigh)
                    let slope = (edge.bx - edge.ax) / (edge.by - edge.ay)
                    let x0 = edge.ax + (y0 - edge.ay) * slope
                    let x1 = edge.ax + (y1 - edge.ay) * slope
                    low = max(low, min(x0, x1))
                    high = min(high, max(x0, x1))
                }
                let firstColumn = clampedColumn(low - margin)
                let lastColumn = clampedColumn(high + margin)
                guard firstColumn <= lastColumn else { continue }
                for column in firstColumn...lastColumn { body(row * columns + column) }
            }
        }
    }
}
