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
/// box touches; a query scans rings of cells outwards until the best distance found is within the
/// scanned radius, or the radius passes the access limit.
public struct SegmentIndex: Sendable {
    public let frame: LocalMetres
    public let cellSize: Double
    private let originX: Double
    private let originY: Double
    private let columns: Int
    private let rows: Int
    private let cellStarts: [Int32]
    private let cellSegments: [Int32]
    private let ax: [Double], ay: [Double], bx: [Double], by: [Double]

    /// - Complexity: O(S + cells) for S segments.
    public init(graph: ModeGraph, ways: RoadWays, frame: LocalMetres, cellSize: Double = 200) {
        self.frame = frame
        self.cellSize = cellSize
        let count = graph.segmentCount
        var ax = [Double](repeating: 0, count: count), ay = ax, bx = ax, by = ax
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for s in 0..<count {
            let a = Int(graph.segmentA[s]), b = Int(graph.segmentB[s])
            (ax[s], ay[s]) = frame.project(longitude: ways.longitudes[a], latitude: ways.latitudes[a])
            (bx[s], by[s]) = frame.project(longitude: ways.longitudes[b], latitude: ways.latitudes[b])
            minX = min(minX, ax[s], bx[s]); maxX = max(maxX, ax[s], bx[s])
            minY = min(minY, ay[s], by[s]); maxY = max(maxY, ay[s], by[s])
        }
        if count == 0 { minX = 0; minY = 0; maxX = 0; maxY = 0 }
        originX = minX
        originY = minY
        columns = max(1, Int(((maxX - minX) / cellSize).rounded(.down)) + 1)
        rows = max(1, Int(((maxY - minY) / cellSize).rounded(.down)) + 1)
        var starts = [Int32](repeating: 0, count: columns * rows + 1)
        func cellRange(_ s: Int) -> (ClosedRange<Int>, ClosedRange<Int>) {
            let x0 = Int((min(ax[s], bx[s]) - minX) / cellSize), x1 = Int((max(ax[s], bx[s]) - minX) / cellSize)
            let y0 = Int((min(ay[s], by[s]) - minY) / cellSize), y1 = Int((max(ay[s], by[s]) - minY) / cellSize)
            return (x0...x1, y0...y1)
        }
        for s in 0..<count {
            let (xs, ys) = cellRange(s)
            for y in ys { for x in xs { starts[y * columns + x + 1] += 1 } }
        }
        for c in 0..<(columns * rows) { starts[c + 1] += starts[c] }
        var segments = [Int32](repeating: 0, count: Int(starts[columns * rows]))
        var fill = starts
        for s in 0..<count {
            let (xs, ys) = cellRange(s)
            for y in ys {
                for x in xs {
                    segments[Int(fill[y * columns + x])] = Int32(s)
                    fill[y * columns + x] += 1
                }
            }
        }
        cellStarts = starts
        cellSegments = segments
        self.ax = ax; self.ay = ay; self.bx = bx; self.by = by
    }

    /// The nearest attachable segment within `maxMetres` of the point, or `.none`.
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
        var ring = 0
        while true {
            // Cells at Chebyshev distance `ring` from (cx, cy).
            for y in (cy - ring)...(cy + ring) where y >= 0 && y < rows {
                let edge = y == cy - ring || y == cy + ring
                var x = cx - ring
                while x <= cx + ring {
                    if x >= 0, x < columns {
                        let cell = y * columns + x
                        for k in Int(cellStarts[cell])..<Int(cellStarts[cell + 1]) {
                            let s = Int(cellSegments[k])
                            let dx = bx[s] - ax[s], dy = by[s] - ay[s]
                            let lengthSquared = dx * dx + dy * dy
                            var t = lengthSquared > 0 ? ((px - ax[s]) * dx + (py - ay[s]) * dy) / lengthSquared : 0
                            t = min(1, max(0, t))
                            let qx = ax[s] + t * dx - px, qy = ay[s] + t * dy - py
                            let d = qx * qx + qy * qy
                            if d < bestSquared || (d == bestSquared && best.segment >= 0 && Int32(s) < best.segment) {
                                bestSquared = d
                                best = Attachment(segment: Int32(s), fraction: Float(t), metres: Float(d.squareRoot()))
                            }
                        }
                    }
                    x += edge || ring == 0 ? 1 : 2 * ring
                }
            }
            // A segment not yet scanned lies wholly outside the cells scanned (each segment is listed in
            // every cell its bounding box touches), so at least this far away; strictly farther than the
            // best, so that an equally near segment with a lower index is still found.
            let reach = Double(ring) * cellSize + inside
            if reach * reach > bestSquared || reach > maxMetres { break }
            ring += 1
            if ring > columns + rows + 2 { break }
        }
        return best
    }
}
