/// What the maps of a report draw, in the run's own projection (the transverse Mercator of its
/// `PlanarFrame`, metres): county outlines, eligible service points with their reach, and the
/// uncovered areas. Every layer goes through the same frame, so they line up exactly; the area grid
/// cells are squares of that frame.
public struct MapLayers: Sendable {
    /// A county outline: its boundary polygons when boundaries are known, else its residence footprint.
    public struct County: Sendable {
        public var code: String
        /// From the boundaries; nil without them.
        public var name: String?
        public var polygons: [PlanarPolygon]
        /// True for a loaded boundary, false for the footprint of the county's residences.
        public var fromBoundary: Bool
    }

    /// An eligible service point (one of the requested kinds).
    public struct Point: Sendable {
        public var id: String
        public var name: String
        public var level: ServiceLevel
        public var kinds: ServiceKinds
        public var county: String?
        public var position: PlanarPoint
        /// Point scale factor of the projection here: planar metres per ellipsoidal metre.
        public var scale: Double
    }

    /// An uncovered area: its dissolved grid cells and where its label goes.
    public struct Area: Sendable {
        public var id: Int
        public var county: String?
        public var population: Double
        public var zone: Zone
        public var polygons: [PlanarPolygon]
        /// The projected population-weighted centroid.
        public var label: PlanarPoint
    }

    /// The PROJ definition of the projection (`PlanarFrame.definition`).
    public var projection: String
    /// By county code ("" for residences without a county).
    public var counties: [String: County]
    /// Name of the boundary set the outlines come from; nil when none was loaded.
    public var boundarySetName: String?
    /// Side of the cells of residence footprints, metres.
    public var footprintCellSize: Double
    public var points: [Point]
    public var areas: [Area]
    /// Straight-line 15-minute reach per zone, ellipsoidal metres.
    public var radius: [Zone: Double]

    /// The default side of footprint cells: coarse enough that villages a kilometre apart join into one
    /// outline, fine enough to show the shape of a county.
    public static let defaultFootprintCellSize = 2_000.0

    /// The radius in projected metres of a point's reach for residents of `zone`.
    public func reachRadius(_ point: Point, zone: Zone) -> Double {
        (radius[zone] ?? 0) * point.scale
    }

    /// The box of a county's outline, its own points and its areas; empty when it has none of them.
    public func bounds(county code: String) -> PlanarBounds {
        var box = PlanarBounds()
        for polygon in counties[code]?.polygons ?? [] { box.include(polygon.bounds) }
        for point in points where (point.county ?? "") == code { box.include(point.position) }
        for area in areas where (area.county ?? "") == code {
            for polygon in area.polygons { box.include(polygon.bounds) }
        }
        return box
    }

    /// The box of every outline and point.
    public var fullBounds: PlanarBounds {
        var box = PlanarBounds()
        for county in counties.values { for polygon in county.polygons { box.include(polygon.bounds) } }
        for point in points { box.include(point.position) }
        return box
    }
}

extension MapLayers {
    /// Projects and assembles the layers of one run.
    /// - Parameters:
    ///   - residences: for the footprints of counties without a boundary.
    ///   - points: all points; only those offering one of `kinds` are kept.
    ///   - areaCellSize: side of the area grid cells of the run, metres.
    ///   - boundaries: county boundaries (code, name, polygons), nil when none are known.
    /// - Throws: `ProjError` from PROJ.
    /// - Complexity: O(n) for n residences (one projection pass and one hash insert each, only when a
    ///   county lacks a boundary), plus O(v) for the boundary vertices and O(c log c) for the cells.
    public static func build(
        frame: PlanarFrame, residences: ResidenceTable, points: [ServicePoint], kinds: ServiceKinds,
        areas: [UncoveredArea], areaCellSize: Double, boundaries: [Boundary]?, boundarySetName: String?,
        radius: [Zone: Double], footprintCellSize: Double = defaultFootprintCellSize
    ) throws -> MapLayers {
        var layers = try build(
            frame: frame, points: points, kinds: kinds, areas: areas, areaCellSize: areaCellSize, boundaries: boundaries,
            boundarySetName: boundarySetName, radius: radius, footprintCellSize: footprintCellSize)
        for (code, polygons) in try footprints(
            residences: residences, frame: frame, cellSize: footprintCellSize, skipping: Set(layers.counties.keys))
        {
            layers.counties[code] = County(code: code, name: nil, polygons: polygons, fromBoundary: false)
        }
        return layers
    }

    /// The layers that need no residences: boundary outlines, points and areas. A county without a
    /// boundary has no outline (its footprint is drawn from the residences, which the county pages of
    /// the service do not read).
    /// - Complexity: O(v) for the boundary vertices, O(p) for the points, O(c log c) for the cells.
    public static func build(
        frame: PlanarFrame, points: [ServicePoint], kinds: ServiceKinds, areas: [UncoveredArea], areaCellSize: Double,
        boundaries: [Boundary]?, boundarySetName: String?, radius: [Zone: Double],
        footprintCellSize: Double = defaultFootprintCellSize
    ) throws -> MapLayers {
        var counties: [String: County] = [:]
        for boundary in boundaries ?? [] {
            counties[boundary.code] = County(
                code: boundary.code, name: boundary.name, polygons: try project(boundary.polygons, frame: frame),
                fromBoundary: true)
        }

        let eligible = points.filter { $0.isEligible(for: kinds) }
        let projected = try frame.project(
            longitudes: eligible.map(\.location.longitude), latitudes: eligible.map(\.location.latitude))
        let mapPoints = eligible.indices.map { i in
            Point(
                id: eligible[i].id, name: eligible[i].name, level: eligible[i].level, kinds: eligible[i].kinds,
                county: eligible[i].county, position: PlanarPoint(x: projected.x[i], y: projected.y[i]),
                scale: projected.scale[i])
        }

        let centroids = try frame.project(
            longitudes: areas.map(\.centroid.longitude), latitudes: areas.map(\.centroid.latitude))
        let mapAreas = areas.indices.map { i in
            Area(
                id: areas[i].id, county: areas[i].county, population: areas[i].population, zone: areas[i].dominantZone,
                polygons: gridPolygons(areas[i].cells, cellSize: areaCellSize),
                label: PlanarPoint(x: centroids.x[i], y: centroids.y[i]))
        }
        return MapLayers(
            projection: frame.definition, counties: counties, boundarySetName: boundarySetName,
            footprintCellSize: footprintCellSize, points: mapPoints, areas: mapAreas, radius: radius)
    }

    /// Grid cells dissolved by `CellOutline` and scaled to metres.
    public static func gridPolygons(_ cells: [GridCell], cellSize: Double) -> [PlanarPolygon] {
        CellOutline.polygons(cells: cells).map { rings in
            PlanarPolygon(
                rings: rings.map { ring in
                    // CellOutline closes its rings; ours are open.
                    ring.dropLast().map { PlanarPoint(x: Double($0.column) * cellSize, y: Double($0.row) * cellSize) }
                })
        }
    }

    /// Every vertex of the polygons in one projection batch.
    private static func project(_ polygons: [GeoPolygon], frame: PlanarFrame) throws -> [PlanarPolygon] {
        let rings = polygons.flatMap(\.rings)
        let vertices = rings.joined()
        let projected = try frame.project(longitudes: vertices.map(\.longitude), latitudes: vertices.map(\.latitude))
        var next = 0
        return polygons.map { polygon in
            PlanarPolygon(
                rings: polygon.rings.map { ring in
                    defer { next += ring.count }
                    return (next..<next + ring.count).map { PlanarPoint(x: projected.x[$0], y: projected.y[$0]) }
                })
        }
    }

    /// The cells of `cellSize` metres holding each county's residences, dissolved into polygons, for the
    /// counties not in `skipping`.
    static func footprints(
        residences: ResidenceTable, frame: PlanarFrame, cellSize: Double, skipping: Set<String>
    ) throws -> [String: [PlanarPolygon]] {
        let codes = residences.counties.codes
        // Slot 0: no county; slot k: county index k - 1.
        let wanted = [!skipping.contains("")] + codes.map { !skipping.contains($0) }
        guard wanted.contains(true), !residences.isEmpty else { return [:] }
        let plane = try frame.project(longitudes: residences.longitudes, latitudes: residences.latitudes)
        var cells = [Set<GridCell>](repeating: [], count: codes.count + 1)
        for i in 0..<residences.count {
            let slot = Int(residences.countyIndices[i]) + 1
            guard wanted[slot] else { continue }
            cells[slot].insert(
                GridCell(column: Int32((plane.x[i] / cellSize).rounded(.down)), row: Int32((plane.y[i] / cellSize).rounded(.down))))
        }
        var result: [String: [PlanarPolygon]] = [:]
        for slot in cells.indices where !cells[slot].isEmpty {
            result[slot == 0 ? "" : codes[slot - 1]] = gridPolygons(Array(cells[slot]), cellSize: cellSize)
        }
        return result
    }
}
