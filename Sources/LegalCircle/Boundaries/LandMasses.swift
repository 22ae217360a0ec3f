import Foundation

/// The connected pieces of land in a set of boundary polygons, joined by fixed links.
///
/// Every polygon part (an exterior ring with its holes) is a piece. Two pieces are one land mass when
/// they touch or overlap: an edge of one comes within `touchTolerance` degrees of an edge of the other
/// (shared vertices and shared edges between neighbouring counties, as in data cut from one coverage),
/// or a vertex of one lies inside the other. Fixed links then join the land masses their two ends
/// stand on. Land masses are numbered by area, largest first, so the mainland is 0.
///
/// A point inside no piece (reclaimed land missing from the data, or a GPS fix slightly offshore) gets
/// the land mass of the nearest piece within `snappingDistance` metres, else `LandMasses.unknown`
/// (-1), which the coverage engine treats as "any land mass".
public struct LandMasses: Sendable {
    /// The mainland's number.
    public static let mainland: Int32 = 0
    /// A point on no land and not near any.
    public static let unknown: Int32 = -1
    /// Degrees within which two edges count as touching (about 1 cm): the data's shared vertices are
    /// equal to the last digit, so this only absorbs rounding in other files.
    public static let touchTolerance = PolygonIndex.margin

    /// Number of land masses after the links.
    public var count: Int { areas.count }
    /// Number of land masses in the geometry alone.
    public let naturalCount: Int
    /// Number of polygon parts.
    public var pieceCount: Int { pieceMass.count }
    /// Area of each land mass in m² on the WGS84 ellipsoid, by land mass number (descending).
    public let areas: [Double]
    /// The boundary codes with land on each land mass, by land mass number.
    public let codes: [[String]]
    /// One outcome per link given to `init`, in order.
    public let links: [FixedLinkOutcome]
    public let snappingDistance: Double

    let index: PolygonIndex
    let pieceMass: [Int32]

    /// Finds the land masses.
    /// - Parameters:
    ///   - boundaries: the county polygons (their union is the land).
    ///   - links: bridges, tunnels and causeways; each end is located like any point.
    ///   - snappingDistance: metres within which a point off every piece takes the nearest piece.
    /// - Complexity: O(e + c + k²) for e edges, c grid cells and k edges per crowded cell.
    public init(boundaries: [Boundary], links: [FixedLink] = [], snappingDistance: Double = 1_000) {
        var pieces: [[[GeoCoordinate]]] = []
        var pieceCode: [String] = []
        var pieceArea: [Double] = []
        for boundary in boundaries {
            for polygon in boundary.polygons {
                pieces.append(polygon.rings)
                pieceCode.append(boundary.code)
                pieceArea.append(polygon.area)
            }
        }
        let index = PolygonIndex(regions: pieces)
        self.index = index
        self.snappingDistance = snappingDistance
        var sets = UnionFind(count: pieces.count)

        // Touching edges: edges within the index's bucketing margin of each other share a cell.
        index.forEachCrowdedCell { slots in
            for i in 0..<slots.count {
                let a = index.edges[Int(slots[i])]
                for j in (i + 1)..<slots.count {
                    let b = index.edges[Int(slots[j])]
                    guard a.region != b.region, sets.find(a.region) != sets.find(b.region) else { continue }
                    if LandMasses.segmentsWithin(a, b, tolerance: LandMasses.touchTolerance) { sets.union(a.region, b.region) }
                }
            }
        }
        // A piece wholly inside another without touching it.
        for (piece, rings) in pieces.enumerated() {
            guard let vertex = rings.first?.first else { continue }
            for other in index.regions(containingLongitude: vertex.longitude, latitude: vertex.latitude)
            where other != Int32(piece) {
                sets.union(Int32(piece), other)
            }
        }

        // Number the natural land masses by area.
        func numbered(_ sets: inout UnionFind) -> (mass: [Int32], areas: [Double]) {
            var rootArea: [Int32: Double] = [:]
            for piece in pieces.indices { rootArea[sets.find(Int32(piece)), default: 0] += pieceArea[piece] }
            let roots = rootArea.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
            var numberOfRoot: [Int32: Int32] = [:]
            for (number, root) in roots.enumerated() { numberOfRoot[root] = Int32(number) }
            let mass = pieces.indices.map { numberOfRoot[sets.find(Int32($0))]! }
            return (mass, roots.map { rootArea[$0]! })
        }
        let natural = numbered(&sets)
        naturalCount = natural.areas.count

        // Links join what their ends stand on.
        var outcomes: [FixedLinkOutcome] = []
        for link in links {
            let fromPiece = LandMasses.piece(
                index: index, longitude: link.from.longitude, latitude: link.from.latitude, snapping: snappingDistance)
            let toPiece = LandMasses.piece(
                index: index, longitude: link.to.longitude, latitude: link.to.latitude, snapping: snappingDistance)
            var outcome = FixedLinkOutcome(
                link: link, status: .joined, fromArea: fromPiece.map { natural.areas[Int(natural.mass[Int($0)])] },
                toArea: toPiece.map { natural.areas[Int(natural.mass[Int($0)])] })
            if let fromPiece, let toPiece {
                if sets.find(fromPiece) == sets.find(toPiece) {
                    outcome.status = .alreadyJoined
                } else {
                    sets.union(fromPiece, toPiece)
                }
            } else {
                outcome.status = .offLand(end: fromPiece == nil ? "from" : "to")
            }
            outcomes.append(outcome)
        }
        self.links = outcomes

        let linked = numbered(&sets)
        pieceMass = linked.mass
        areas = linked.areas
        var codes = [[String]](repeating: [], count: linked.areas.count)
        for (piece, mass) in linked.mass.enumerated() where !codes[Int(mass)].contains(pieceCode[piece]) {
            codes[Int(mass)].append(pieceCode[piece])
        }
        self.codes = codes.map { $0.sorted() }
    }

    /// The land mass of a point: 0 for the mainland, 1… for islands by decreasing area, -1 unknown.
    /// - Complexity: as `PolygonIndex.locate`; off land, proportional to the edges within the
    ///   snapping distance.
    public func landMass(longitude: Double, latitude: Double) -> Int32 {
        guard let piece = LandMasses.piece(index: index, longitude: longitude, latitude: latitude, snapping: snappingDistance)
        else { return LandMasses.unknown }
        return pieceMass[Int(piece)]
    }

    /// The land mass of every point, in parallel chunks.
    public func landMasses(longitudes: [Double], latitudes: [Double]) -> [Int32] {
        let pieces = index.locate(longitudes: longitudes, latitudes: latitudes)
        let pieceMass = pieceMass
        let index = index
        let snappingDistance = snappingDistance
        return ParallelChunks(count: pieces.count, size: 32_768).fill { range, output in
            for i in range {
                if pieces[i] >= 0 {
                    output[i] = pieceMass[Int(pieces[i])]
                } else {
                    output[i] = LandMasses.nearestPiece(
                        index: index, longitude: longitudes[i], latitude: latitudes[i], within: snappingDistance
                    ).map { pieceMass[Int($0)] } ?? LandMasses.unknown
                }
            }
        }
    }

    /// For `load` output: the counts, the mainland's area, then one line per link.
    public var summaryLines: [String] {
        let joined = links.filter { $0.status == .joined }.count
        let mainland = areas.first.map { String(format: "%.0f km²", $0 / 1e6) } ?? "none"
        return [
            "\(naturalCount) land masses in \(pieceCount) polygon parts; \(count) after \(joined) of \(links.count) fixed links; "
                + "mainland \(mainland)"
        ] + links.map { "  \($0)" }
    }

    /// Whether a resident on land mass `a` can reach a station on land mass `b` without crossing
    /// open water: the same land mass, or either unknown.
    @inlinable
    public static func reachable(_ a: Int32, _ b: Int32) -> Bool { a == b || a < 0 || b < 0 }

    /// The piece containing the point, else the nearest within `snapping` metres.
    static func piece(index: PolygonIndex, longitude: Double, latitude: Double, snapping: Double) -> Int32? {
        if let region = index.locate(longitude: longitude, latitude: latitude) { return Int32(region) }
        return nearestPiece(index: index, longitude: longitude, latitude: latitude, within: snapping)
    }

    /// The piece with an edge nearest to the point, if within `metres`. Distances are measured in a
    /// local equirectangular plane scaled by the ellipsoid's radii of curvature at the point, exact to
    /// well under 0.1 % over a few kilometres.
    static func nearestPiece(index: PolygonIndex, longitude: Double, latitude: Double, within metres: Double) -> Int32? {
        guard metres > 0, longitude.isFinite, latitude.isFinite else { return nil }
        let scale = LandMasses.metresPerDegree(latitude: latitude)
        let dx = metres / scale.x
        let dy = metres / scale.y
        var best: (region: Int32, squared: Double)?
        index.forEachEdge(minX: longitude - dx, minY: latitude - dy, maxX: longitude + dx, maxY: latitude + dy) { edge in
            let ax = (edge.ax - longitude) * scale.x, ay = (edge.ay - latitude) * scale.y
            let bx = (edge.bx - longitude) * scale.x, by = (edge.by - latitude) * scale.y
            let squared = LandMasses.squaredDistanceToSegment(px: 0, py: 0, ax: ax, ay: ay, bx: bx, by: by)
            if squared <= metres * metres, squared < (best?.squared ?? .infinity) { best = (edge.region, squared) }
        }
        return best?.region
    }

    /// Metres per degree of longitude (x) and latitude (y) on WGS84 at `latitude`.
    static func metresPerDegree(latitude: Double) -> (x: Double, y: Double) {
        let a = EllipsoidalArea.semiMajorAxis
        let e2 = EllipsoidalArea.eccentricitySquared
        let phi = latitude * .pi / 180
        let w = 1 - e2 * sin(phi) * sin(phi)
        let meridional = a * (1 - e2) / (w * w.squareRoot())
        let primeVertical = a / w.squareRoot()
        return (primeVertical * cos(phi) * .pi / 180, meridional * .pi / 180)
    }

    static func squaredDistanceToSegment(px: Double, py: Double, ax: Double, ay: Double, bx: Double, by: Double) -> Double {
        let dx = bx - ax, dy = by - ay
        let length = dx * dx + dy * dy
        var t = length > 0 ? ((px - ax) * dx + (py - ay) * dy) / length : 0
        t = min(1, max(0, t))
        let x = ax + t * dx - px, y = ay + t * dy - py
        return x * x + y * y
    }

    /// Whether two segments intersect or come within `tolerance` of each other (degrees).
    static func segmentsWithin(_ a: PolygonIndex.Edge, _ b: PolygonIndex.Edge, tolerance: Double) -> Bool {
        guard min(a.ax, a.bx) - tolerance <= max(b.ax, b.bx), min(b.ax, b.bx) - tolerance <= max(a.ax, a.bx),
            a.ay - tolerance <= b.by, b.ay - tolerance <= a.by
        else { return false }
        // Proper crossing: each segment's ends on opposite sides of the other.
        func side(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double, _ rx: Double, _ ry: Double) -> Double {
            (qx - px) * (ry - py) - (qy - py) * (rx - px)
        }
        let d1 = side(a.ax, a.ay, a.bx, a.by, b.ax, b.ay), d2 = side(a.ax, a.ay, a.bx, a.by, b.bx, b.by)
        let d3 = side(b.ax, b.ay, b.bx, b.by, a.ax, a.ay), d4 = side(b.ax, b.ay, b.bx, b.by, a.bx, a.by)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        // Otherwise the nearest approach involves an endpoint.
        let squared = tolerance * tolerance
        return squaredDistanceToSegment(px: a.ax, py: a.ay, ax: b.ax, ay: b.ay, bx: b.bx, by: b.by) <= squared
            || squaredDistanceToSegment(px: a.bx, py: a.by, ax: b.ax, ay: b.ay, bx: b.bx, by: b.by) <= squared
            || squaredDistanceToSegment(px: b.ax, py: b.ay, ax: a.ax, ay: a.ay, bx: a.bx, by: a.by) <= squared
            || squaredDistanceToSegment(px: b.bx, py: b.by, ax: a.ax, ay: a.ay, bx: a.bx, by: a.by) <= squared
    }
}
