/// Residences and people in one zone.
public struct ZoneCount: Sendable, Hashable {
    public var residences = 0
    public var people = 0.0

    public init(residences: Int = 0, people: Double = 0) {
        self.residences = residences
        self.people = people
    }
}

/// The zones found by `ZoneClassifier`, with the figures a planner needs to judge them.
public struct ZoneClassificationResult: Sendable {
    /// One zone per residence.
    public var zones: [Zone]
    /// Per zone, indexed by `Zone.rawValue`.
    public var counts: [ZoneCount]
    /// Residences whose given zone was kept.
    public var kept: Int
    /// Urban centres found, and the people living in them (residents of the cells, any zone kept).
    public var urbanCentres: Int
    public var urbanCentrePopulation: Double
    /// Grid cells holding at least one residence.
    public var occupiedCells: Int

    public subscript(zone: Zone) -> ZoneCount { counts[Int(zone.rawValue)] }

    /// One line per zone: `urban: 1234 residences, 56789 people`.
    public var summaryLines: [String] {
        Zone.allCases.map { zone in
            let count = self[zone]
            return "\(zone): \(count.residences) residences, \(Int(count.people.rounded())) people"
        }
    }
}

/// Zones from density, in the spirit of the Degree of Urbanisation (see `ZoneClassification` for the
/// thresholds and their source).
///
/// 1. Residences are binned into square cells of `cellMetres` in the run's planar frame (a transverse
///    Mercator with scale within 0.05 % of 1 over a province, so a cell is its nominal area).
/// 2. Cells of at least `urbanDensity` form clusters by edge contiguity (4-connectivity: cells that
///    only touch at a corner are not neighbours, as the manual prescribes for urban centres). A cluster
///    of at least `urbanMinimumPopulation` is an urban centre.
/// 3. Gap filling by the manual's majority rule: a cell with at least 5 of its 8 neighbours in an urban
///    centre joins it, repeated until nothing changes. The manual's extra filling of holes under
///    15 km² is not done (such holes are parks and lakes with few residences).
/// 4. Each residence: its given zone when kept; else island when on a land mass other than the
///    mainland; else urban in an urban-centre cell; else mountain when its cell is below
///    `mountainDensity`; else rural.
public enum ZoneClassifier {
    /// Classifies residences from planar coordinates.
    /// - Parameters:
    ///   - x, y: planar metres (`PlanarFrame.project`).
    ///   - landMasses: each residence's land mass (`LandMasses.landMasses`); > 0 means island. Nil to
    ///     skip the island rule.
    ///   - given: a zone to keep per residence (nil entries are classified); nil to classify all.
    /// - Complexity: O(n) expected (hashing) for n residences, plus O(b·i) for b urban-centre border
    ///   cells and i gap-filling rounds.
    public static func classify(
        x: [Double], y: [Double], populations: [Double], landMasses: [Int32]? = nil, given: [Zone?]? = nil,
        parameters: ZoneClassification = .standard
    ) -> ZoneClassificationResult {
        let count = x.count
        precondition(y.count == count && populations.count == count, "x, y and populations must have the same length")
        precondition(landMasses == nil || landMasses!.count == count, "one land mass per residence")
        precondition(given == nil || given!.count == count, "one given zone (or nil) per residence")

        // 1. Occupied cells.
        let side = parameters.cellMetres
        var cellOf = [Int32](repeating: 0, count: count)
        var idOfCell: [CellKey: Int32] = [:]
        var keys: [CellKey] = []
        var cellPopulation: [Double] = []
        for i in 0..<count {
            let key = CellKey(column: CellKey.index(x[i] / side), row: CellKey.index(y[i] / side))
            let id: Int32
            if let known = idOfCell[key] {
                id = known
            } else {
                id = Int32(keys.count)
                idOfCell[key] = id
                keys.append(key)
                cellPopulation.append(0)
            }
            cellOf[i] = id
            cellPopulation[Int(id)] += max(0, populations[i])
        }
        let cellSquareKilometres = side * side / 1e6
        let density = cellPopulation.map { $0 / cellSquareKilometres }

        // 2. Dense clusters by 4-connectivity; those big enough are urban centres.
        var centreOf: [CellKey: Int32] = [:]
        var visited = [Bool](repeating: false, count: keys.count)
        var centres = 0
        for start in keys.indices where !visited[start] && density[start] >= parameters.urbanDensity {
            var members: [Int] = [start]
            visited[start] = true
            var head = 0
            var population = 0.0
            while head < members.count {
                let cell = members[head]
                head += 1
                population += cellPopulation[cell]
                for neighbour in keys[cell].edgeNeighbours {
                    guard let id = idOfCell[neighbour], !visited[Int(id)], density[Int(id)] >= parameters.urbanDensity
                    else { continue }
                    visited[Int(id)] = true
                    members.append(Int(id))
                }
            }
            if population >= parameters.urbanMinimumPopulation {
                for cell in members { centreOf[keys[cell]] = Int32(centres) }
                centres += 1
            }
        }

        // 3. Majority-rule gap filling.
        var frontier = Set(centreOf.keys.flatMap(\.allNeighbours).filter { centreOf[$0] == nil })
        for _ in 0..<1_000 where !frontier.isEmpty {
            var added: [(CellKey, Int32)] = []
            for cell in frontier {
                var votes: [Int32: Int] = [:]
                for neighbour in cell.allNeighbours { if let centre = centreOf[neighbour] { votes[centre, default: 0] += 1 } }
                if let best = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), best.value >= 5 {
                    added.append((cell, best.key))
                }
            }
            guard !added.isEmpty else { break }
            for (cell, centre) in added { centreOf[cell] = centre }
            frontier = Set(added.flatMap { $0.0.allNeighbours }.filter { centreOf[$0] == nil })
        }
        let urbanCell = keys.map { centreOf[$0] != nil }

        // 4. Zones.
        var zones = [Zone](repeating: .rural, count: count)
        var counts = [ZoneCount](repeating: ZoneCount(), count: Zone.allCases.count)
        var kept = 0
        var centrePopulation = 0.0
        for i in 0..<count {
            let cell = Int(cellOf[i])
            if urbanCell[cell] { centrePopulation += max(0, populations[i]) }
            let zone: Zone
            if let keep = given?[i] {
                zone = keep
                kept += 1
            } else if let landMasses, landMasses[i] > LandMasses.mainland {
                zone = .island
            } else if urbanCell[cell] {
                zone = .urban
            } else if density[cell] < parameters.mountainDensity {
                zone = .mountain
            } else {
                zone = .rural
            }
            zones[i] = zone
            counts[Int(zone.rawValue)].residences += 1
            counts[Int(zone.rawValue)].people += populations[i]
        }
        return ZoneClassificationResult(
            zones: zones, counts: counts, kept: kept, urbanCentres: centres, urbanCentrePopulation: centrePopulation,
            occupiedCells: keys.count)
    }

    /// Classifies the residences of a table, projecting them with `frame`.
    /// - Throws: projection errors from PROJ.
    public static func classify(
        residences: ResidenceTable, frame: PlanarFrame, landMasses: [Int32]? = nil, given: [Zone?]? = nil,
        parameters: ZoneClassification = .standard
    ) throws -> ZoneClassificationResult {
        let plane = try frame.project(longitudes: residences.longitudes, latitudes: residences.latitudes)
        return classify(
            x: plane.x, y: plane.y, populations: residences.populations, landMasses: landMasses, given: given,
            parameters: parameters)
    }

    struct CellKey: Hashable {
        var column: Int32
        var row: Int32

        /// The cell index of a coordinate in cell units; non-finite values share one far cell.
        static func index(_ value: Double) -> Int32 {
            guard value.isFinite else { return Int32.min }
            return Int32(max(Double(Int32.min + 1), min(Double(Int32.max - 1), value.rounded(.down))))
        }

        var edgeNeighbours: [CellKey] {
            [
                CellKey(column: column &- 1, row: row), CellKey(column: column &+ 1, row: row),
                CellKey(column: column, row: row &- 1), CellKey(column: column, row: row &+ 1),
            ]
        }

        var allNeighbours: [CellKey] {
            var result: [CellKey] = []
            result.reserveCapacity(8)
            for dr in Int32(-1)...1 {
                for dc in Int32(-1)...1 where dr != 0 || dc != 0 {
                    result.append(CellKey(column: column &+ dc, row: row &+ dr))
                }
            }
            return result
        }
    }
}

/// Zones drawn by planners: polygons each with a zone (`--zones FILE.geojson`).
public struct ZoneArea: Sendable, Hashable {
    public var zone: Zone
    /// The feature's name, if the file gives one.
    public var name: String?
    public var polygons: [GeoPolygon]

    public init(zone: Zone, name: String? = nil, polygons: [GeoPolygon]) {
        self.zone = zone
        self.name = name
        self.polygons = polygons
    }
}

/// Assigns zones from zone polygons, with a default outside them.
public struct ZoneAreaIndex: Sendable {
    public let areas: [ZoneArea]
    let index: PolygonIndex

    /// Where areas overlap, the first in `areas` wins.
    public init(areas: [ZoneArea]) {
        self.areas = areas
        index = PolygonIndex(regions: areas.map { $0.polygons.flatMap(\.rings) })
    }

    /// The zone of the area containing the point, nil outside every area.
    public func zone(longitude: Double, latitude: Double) -> Zone? {
        index.locate(longitude: longitude, latitude: latitude).map { areas[$0].zone }
    }

    /// Every point's zone (nil outside every area), in parallel.
    /// - Complexity: O(n).
    public func zones(longitudes: [Double], latitudes: [Double]) -> [Zone?] {
        index.locate(longitudes: longitudes, latitudes: latitudes).map { $0 < 0 ? nil : areas[Int($0)].zone }
    }
}
