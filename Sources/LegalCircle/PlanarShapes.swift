/// A polygon in the run's projection (metres): an exterior ring and any holes, each ring open (the
/// first vertex is not repeated at the end). Used for drawing maps, never for coverage figures.
public struct PlanarPolygon: Sendable, Equatable {
    public var rings: [[PlanarPoint]]

    public init(rings: [[PlanarPoint]]) {
        self.rings = rings
    }

    public var bounds: PlanarBounds {
        var box = PlanarBounds()
        for ring in rings { for point in ring { box.include(point) } }
        return box
    }

    /// The area enclosed by the exterior ring (shoelace, absolute value), m²; holes not subtracted.
    public var exteriorArea: Double {
        guard let ring = rings.first, ring.count >= 3 else { return 0 }
        var sum = 0.0
        var previous = ring[ring.count - 1]
        for point in ring {
            sum += previous.x * point.y - point.x * previous.y
            previous = point
        }
        return abs(sum) / 2
    }

    /// A point inside the polygon away from its edges, for a label: the middle of the widest inside
    /// stretch of a horizontal line through the middle of its box (even-odd over all rings, as
    /// `GeoPolygon.interiorPoint`); nil for a degenerate polygon.
    /// - Complexity: O(v) for v vertices.
    public var interiorPoint: PlanarPoint? {
        let box = bounds
        guard !box.isEmpty, box.height > 0 else { return nil }
        return ScanlineInteriorPoint.point(rings: rings, minY: box.minY, height: box.height, x: \.x, y: \.y)
            .map { PlanarPoint(x: $0.x, y: $0.y) }
    }

    /// The polygon with every ring simplified (Douglas–Peucker) to `tolerance` metres; rings whose box
    /// is smaller than the tolerance on both sides are dropped, and the polygon is nil when its
    /// exterior is. At drawing scale such rings would be under a pixel.
    /// - Complexity: O(v log v) typical, O(v²) worst case, for v vertices.
    public func simplified(tolerance: Double) -> PlanarPolygon? {
        var kept: [[PlanarPoint]] = []
        for (index, ring) in rings.enumerated() {
            var box = PlanarBounds()
            for point in ring { box.include(point) }
            let visible = box.width >= tolerance || box.height >= tolerance
            let simple = visible ? PlanarSimplification.ring(ring, tolerance: tolerance) : []
            if simple.count < 3 {
                if index == 0 { return nil }
                continue
            }
            kept.append(simple)
        }
        return PlanarPolygon(rings: kept)
    }
}

/// An axis-aligned box in metres; empty (min > max) until a point is included.
public struct PlanarBounds: Sendable, Equatable {
    public var minX = Double.infinity
    public var minY = Double.infinity
    public var maxX = -Double.infinity
    public var maxY = -Double.infinity

    public init() {}

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public var isEmpty: Bool { minX > maxX || minY > maxY }
    public var width: Double { isEmpty ? 0 : maxX - minX }
    public var height: Double { isEmpty ? 0 : maxY - minY }

    public mutating func include(_ point: PlanarPoint) {
        minX = Swift.min(minX, point.x)
        maxX = Swift.max(maxX, point.x)
        minY = Swift.min(minY, point.y)
        maxY = Swift.max(maxY, point.y)
    }

    public mutating func include(_ other: PlanarBounds) {
        guard !other.isEmpty else { return }
        include(PlanarPoint(x: other.minX, y: other.minY))
        include(PlanarPoint(x: other.maxX, y: other.maxY))
    }

    /// The box grown by `margin` metres on every side.
    public func expanded(by margin: Double) -> PlanarBounds {
        isEmpty ? self : PlanarBounds(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }

    public func contains(_ point: PlanarPoint) -> Bool {
        point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
    }

    /// True when the two boxes overlap or touch.
    public func intersects(_ other: PlanarBounds) -> Bool {
        !isEmpty && !other.isEmpty && minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }
}

/// Douglas–Peucker line simplification (D. H. Douglas and T. K. Peucker, "Algorithms for the reduction
/// of the number of points required to represent a digitized line or its caricature", The Canadian
/// Cartographer 10(2), 1973): keeps a vertex when it is farther than the tolerance from the chord of
/// the stretch it sits in. For drawing only: it may make a ring touch itself.
public enum PlanarSimplification {
    /// A closed ring (open form) simplified to `tolerance` metres; fewer than 3 vertices when the ring
    /// collapses. The vertex farthest from the first is kept as an anchor so the ring cannot vanish
    /// into its first chord.
    public static func ring(_ ring: [PlanarPoint], tolerance: Double) -> [PlanarPoint] {
        guard ring.count > 3, tolerance > 0 else { return ring }
        var far = 0
        var farDistance = -1.0
        for (index, point) in ring.enumerated() {
            let distance = squaredDistance(point, ring[0])
            if distance > farDistance {
                farDistance = distance
                far = index
            }
        }
        let closed = ring + [ring[0]]
        var keep = [Bool](repeating: false, count: closed.count)
        keep[0] = true
        keep[far] = true
        keep[closed.count - 1] = true
        mark(closed, from: 0, to: far, tolerance: tolerance, keep: &keep)
        mark(closed, from: far, to: closed.count - 1, tolerance: tolerance, keep: &keep)
        var result: [PlanarPoint] = []
        for index in 0..<(closed.count - 1) where keep[index] { result.append(closed[index]) }
        return result
    }

    /// An explicit stack instead of recursion: county outlines have stretches of 10⁵ vertices.
    private static func mark(_ line: [PlanarPoint], from start: Int, to end: Int, tolerance: Double, keep: inout [Bool]) {
        let limit = tolerance * tolerance
        var stack = [(start, end)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var worst = -1
            var worstDistance = limit
            for index in (first + 1)..<last {
                let distance = squaredSegmentDistance(line[index], line[first], line[last])
                if distance > worstDistance {
                    worstDistance = distance
                    worst = index
                }
            }
            guard worst >= 0 else { continue }
            keep[worst] = true
            stack.append((first, worst))
            stack.append((worst, last))
        }
    }

    private static func squaredDistance(_ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)
    }

    /// Squared distance from `p` to the segment `a`–`b`.
    static func squaredSegmentDistance(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = dx * dx + dy * dy
        guard length > 0 else { return squaredDistance(p, a) }
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
        return squaredDistance(p, PlanarPoint(x: a.x + t * dx, y: a.y + t * dy))
    }
}
