import Foundation
import LegalCircle

/// Planar metres for attaching points to segments: a sinusoidal projection about the network's mean
/// longitude (x = R·Δλ·cos φ, y = R·φ), whose scale error at a point 2.5° from the central meridian
/// is under 3 %, small against a 500 m access limit; segment lengths for travel times are haversine.
public struct LocalMetres: Sendable {
    public let centralLongitude: Double
    private static let radius = 6_371_008.8

    public init(centralLongitude: Double) { self.centralLongitude = centralLongitude }

    @inline(__always)
    public func project(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        let phi = latitude * .pi / 180
        return ((longitude - centralLongitude) * .pi / 180 * cos(phi) * Self.radius, phi * Self.radius)
    }
}

/// Where a point meets a mode's network: the nearest point of an attachable segment.
public struct Attachment: Sendable, Equatable {
    /// Segment index in the `ModeGraph`, −1 when no segment lies within the access limit.
    public var segment: Int32
    /// Fraction along the segment from its node a (0) to b (1).
    public var fraction: Float
    /// Straight-line metres from the point to the segment (the access leg).
    public var metres: Float

    public static let none = Attachment(segment: -1, fraction: 0, metres: .infinity)
    public var isAttached: Bool { segment >= 0 }
}

/// A uniform grid over a mode's attachable segments: each segment is listed in every cell its bounding
/// box touches; a query scans rings of cells outwards, skipping cells farther than the best distance
/// found, until the best distance is within the scanned radius or the radius passes the access limit.
///
/// Segments are kept in the order of their cells, each with its four coordinates in one 32-byte slot,
/// so the segments of neighbouring cells lie together in memory (perf: attaching was bound on loading
/// the coordinates of segments scattered in the graph's way order, four arrays, four misses).
public struct SegmentIndex: Sendable {
    public let frame: LocalMetres
    public let cellSize: Double
    private let originX: Double
    private let originY: Double
    private let columns: Int
    private let rows: Int
    private let cellStarts: [Int32]
    /// Positions in `ends`, per cell.
    private let cellSegments: [Int32]
    /// (ax, ay, bx, by) in cell order.
    private let ends: [SIMD4<Double>]
    /// The `ModeGraph` segment at each position of `ends`.
    private let graphSegment: [Int32]

    /// - Complexity: O(S + cells) for S segments.
    public init(graph: ModeGraph, ways: RoadWays, frame: LocalMetres, cellSize: Double = 200) {
        self.init(graph: graph, nodes: Self.project(ways, frame), frame: frame, cellSize: cellSize)
    }

    /// Every node of the ways in `frame`, once for all three modes' indexes, in parallel.
    static func project(_ ways: RoadWays, _ frame: LocalMetres) -> [SIMD2<Double>] {
        ParallelChunks(count: ways.nodeCount, size: 1 << 18).fill { range, nodes in
            for v in range {
                let (x, y) = frame.project(longitude: ways.longitudes[v], latitude: ways.latitudes[v])
                nodes[v] = SIMD2(x, y)
            }
        }
    }

    /// - Parameter nodes: the ways' nodes in `frame` (`project`).
    init(graph: ModeGraph, nodes: [SIMD2<Double>], frame: LocalMetres, cellSize: Double = 200) {
        self.frame = frame
        self.cellSize = cellSize
        let count = graph.segmentCount
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for s in 0..<count {
            let a = nodes[Int(graph.segmentA[s])], b = nodes[Int(graph.segmentB[s])]
            minX = min(minX, a.x, b.x); maxX = max(maxX, a.x, b.x)
            minY = min(minY, a.y, b.y); maxY = max(maxY, a.y, b.y)
        }
        if count == 0 { minX = 0; minY = 0; maxX = 0; maxY = 0 }
        originX = minX
        originY = minY
        let columns = max(1, Int(((maxX - minX) / cellSize).rounded(.down)) + 1)
        let rows = max(1, Int(((maxY - minY) / cellSize).rounded(.down)) + 1)
        self.columns = columns
        self.rows = rows
        func cellRange(_ p: SIMD4<Double>) -> (ClosedRange<Int>, ClosedRange<Int>) {
            let x0 = Int((min(p.x, p.z) - minX) / cellSize), x1 = Int((max(p.x, p.z) - minX) / cellSize)
            let y0 = Int((min(p.y, p.w) - minY) / cellSize), y1 = Int((max(p.y, p.w) - minY) / cellSize)
            return (x0...x1, y0...y1)
        }
        func ends(_ s: Int) -> SIMD4<Double> {
            let a = nodes[Int(graph.segmentA[s])], b = nodes[Int(graph.segmentB[s])]
            return SIMD4(a.x, a.y, b.x, b.y)
        }
        // Segments ordered by the first cell they touch (a counting sort, stable: graph order within a
        // cell); their coordinates gathered once, in that order (a copy in graph order first was 32 bytes
        // a segment of fresh memory more, and fresh pages cost here: perf, page clearing).
        let cellCount = columns * rows
        var firstCellStarts = [Int32](repeating: 0, count: cellCount + 1)
        var firstCell = [Int32](repeating: 0, count: count)
        for s in 0..<count {
            let (xs, ys) = cellRange(ends(s))
            firstCell[s] = Int32(ys.lowerBound * columns + xs.lowerBound)
            firstCellStarts[Int(firstCell[s]) + 1] += 1
        }
        for c in 0..<cellCount { firstCellStarts[c + 1] += firstCellStarts[c] }
        var graphSegment = [Int32](repeating: 0, count: count)
        for s in 0..<count {
            graphSegment[Int(firstCellStarts[Int(firstCell[s])])] = Int32(s)
            firstCellStarts[Int(firstCell[s])] += 1
        }
        firstCell = []
        firstCellStarts = []
        let ends = graphSegment.map { ends(Int($0)) }

        var starts = [Int32](repeating: 0, count: cellCount + 1)
        for k in 0..<count {
            let (xs, ys) = cellRange(ends[k])
            for y in ys { for x in xs { starts[y * columns + x + 1] += 1 } }
        }
        for c in 0..<cellCount { starts[c + 1] += starts[c] }
        var segments = [Int32](repeating: 0, count: Int(starts[cellCount]))
        var fill = starts
        for k in 0..<count {
            let (xs, ys) = cellRange(ends[k])
            for y in ys {
                for x in xs {
                    segments[Int(fill[y * columns + x])] = Int32(k)
                    fill[y * columns + x] += 1
                }
            }
        }
        cellStarts = starts
        cellSegments = segments
        self.ends = ends
        self.graphSegment = graphSegment
    }

    /// The nearest attachable segment within `maxMetres` of the point, or `.none`; of segments equally
    /// near, the lowest graph index.
    public func attach(longitude: Double, latitude: Double, maxMetres: Double) -> Attachment {
        let (px, py) = frame.project(longitude: longitude, latitude: latitude)
        let cx = Int(((px - originX) / cellSize).rounded(.down))
        let cy = Int(((py - originY) / cellSize).rounded(.down))
        var best = Attachment.none
        var bestSquared = maxMetres * maxMetres
        // How far the point lies inside its own cell: with it, a near segment found in that cell ends
        // the search without the ring around it (in a city, most queries).
        let cellX = originX + Double(cx) * cellSize, cellY = originY + Double(cy) * cellSize
        let inside = max(0, min(px - cellX, cellX + cellSize - px, py - cellY, cellY + cellSize - py))
        // Cell edges recomputed here may differ from the cell index's by rounding: a micrometre spare.
        let slack = 1e-6
        var ring = 0
        ends.withUnsafeBufferPointer { ends in
            cellSegments.withUnsafeBufferPointer { cellSegments in
                while true {
                    // Cells at Chebyshev distance `ring` from (cx, cy).
                    for y in (cy - ring)...(cy + ring) where y >= 0 && y < rows {
                        let edge = y == cy - ring || y == cy + ring
                        let cellBottom = originY + Double(y) * cellSize
                        let gapY = max(0, cellBottom - py - slack, py - cellBottom - cellSize - slack)
                        var x = cx - ring
                        while x <= cx + ring {
                            defer { x += edge || ring == 0 ? 1 : 2 * ring }
                            guard x >= 0, x < columns else { continue }
                            // A segment's nearest point to P lies in a cell the segment is listed in, so a
                            // cell strictly farther than the best holds nothing nearer or equally near.
                            let cellLeft = originX + Double(x) * cellSize
                            let gapX = max(0, cellLeft - px - slack, px - cellLeft - cellSize - slack)
                            if gapX * gapX + gapY * gapY > bestSquared { continue }
                            let cell = y * columns + x
                            for k in Int(cellStarts[cell])..<Int(cellStarts[cell + 1]) {
                                let position = Int(cellSegments[k])
                                let p = ends[position]
                                let dx = p.z - p.x, dy = p.w - p.y
                                let lengthSquared = dx * dx + dy * dy
                                var t = lengthSquared > 0 ? ((px - p.x) * dx + (py - p.y) * dy) / lengthSquared : 0
                                t = min(1, max(0, t))
                                let qx = p.x + t * dx - px, qy = p.y + t * dy - py
                                let d = qx * qx + qy * qy
                                if d < bestSquared || (d == bestSquared && best.segment >= 0) {
                                    let s = graphSegment[position]
                                    if d == bestSquared && s >= best.segment { continue }
                                    bestSquared = d
                                    best = Attachment(segment: s, fraction: Float(t), metres: Float(d.squareRoot()))
                                }
                            }
                        }
                    }
                    // A segment not yet scanned lies wholly outside the cells scanned (each segment is listed
                    // in every cell its bounding box touches), so at least this far away; strictly farther
                    // than the best, so that an equally near segment with a lower index is still found.
                    let reach = Double(ring) * cellSize + inside
                    if reach * reach > bestSquared || reach > maxMetres { break }
                    ring += 1
                    if ring > columns + rows + 2 { break }
                }
            }
        }
        return best
    }
}
