import Projection

/// Groups uncovered residences into areas: residences are put on a square grid in the run's
/// projection, and cells of the same county that touch (8-neighbour) form one area.
struct UncoveredAreaFinder {
    let frame: PlanarFrame
    let cellSize: Double
    let targetMinutes: Double

    /// A cell key: county index and grid position packed in 64 bits (22 bits each for column and
    /// row, ±2·10⁶ cells of 500 m, far beyond one projection's reach).
    private static func key(county: Int32, column: Int32, row: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: county + 1)) << 44
            | UInt64(UInt32(bitPattern: column + (1 << 21)) & 0x3F_FFFF) << 22
            | UInt64(UInt32(bitPattern: row + (1 << 21)) & 0x3F_FFFF)
    }

    /// - Complexity: O(u) expected for u uncovered residences (hash map over cells).
    func areas(
        residences: ResidenceTable, plane: ProjectedColumns, result: CoverageResult,
        points: [ServicePoint], acrossWater: [Bool] = []
    ) throws -> [UncoveredArea] {
        var cellIndex: [UInt64: Int32] = [:]
        var cells: [(county: Int32, cell: GridCell)] = []
        var residenceCell: [Int32] = []
        var uncovered: [Int] = []
        for i in 0..<residences.count where !result.covered[i] {
            guard let cell = GridCell.containing(x: plane.x[i], y: plane.y[i], cellSize: cellSize) else {
                throw AreaGridError(cellSize: cellSize)
            }
            let column = cell.column, row = cell.row
            let county = residences.countyIndices[i]
            let key = Self.key(county: county, column: column, row: row)
            let index: Int32
            if let known = cellIndex[key] {
                index = known
            } else {
                index = Int32(cells.count)
                cellIndex[key] = index
                cells.append((county, GridCell(column: column, row: row)))
            }
            uncovered.append(i)
            residenceCell.append(index)
        }

        var components = UnionFind(count: cells.count)
        for (index, entry) in cells.enumerated() {
            // Half of the 8 neighbours suffices: the other half finds this cell in turn.
            for (dc, dr) in [(1, 0), (1, 1), (0, 1), (-1, 1)] as [(Int32, Int32)] {
                let neighbour = Self.key(county: entry.county, column: entry.cell.column + dc, row: entry.cell.row + dr)
                if let other = cellIndex[neighbour] { components.union(Int32(index), other) }
            }
        }

        var areaOfRoot: [Int32: Int] = [:]
        var builders: [AreaBuilder] = []
        for (index, entry) in cells.enumerated() {
            let root = components.find(Int32(index))
            if let area = areaOfRoot[root] {
                builders[area].cells.append(entry.cell)
            } else {
                areaOfRoot[root] = builders.count
                builders.append(AreaBuilder(county: entry.county, firstCell: entry.cell))
            }
        }
        for (position, i) in uncovered.enumerated() {
            let area = areaOfRoot[components.find(residenceCell[position])]!
            builders[area].add(residence: i, residences: residences, plane: plane, result: result)
            if !acrossWater.isEmpty, acrossWater[i] { builders[area].acrossWater = true }
        }

        builders.sort {
            $0.population != $1.population ? $0.population > $1.population : $0.firstResidence < $1.firstResidence
        }
        let projection = try frame.makeProjection()
        return try builders.enumerated().map { rank, builder in
            try builder.area(
                id: rank + 1, residences: residences, result: result, points: points, projection: projection,
                targetMinutes: targetMinutes)
        }
    }
}

/// Accumulates one area's figures while its residences are visited.
private struct AreaBuilder {
    let county: Int32
    var cells: [GridCell]
    var population = 0.0
    var count = 0
    var zonePopulation = [Double](repeating: 0, count: Zone.allCases.count)
    var zoneCount = [Int](repeating: 0, count: Zone.allCases.count)
    var weightedX = 0.0, weightedY = 0.0, plainX = 0.0, plainY = 0.0
    var minLongitude = Double.infinity, minLatitude = Double.infinity
    var maxLongitude = -Double.infinity, maxLatitude = -Double.infinity
    var closestResidence = -1
    var firstResidence = Int.max
    var acrossWater = false

    init(county: Int32, firstCell: GridCell) {
        self.county = county
        cells = [firstCell]
    }

    mutating func add(
        residence i: Int, residences: ResidenceTable, plane: ProjectedColumns,
        result: CoverageResult
    ) {
        let weight = residences.populations[i]
        population += weight
        count += 1
        zonePopulation[Int(residences.zones[i].rawValue)] += weight
        zoneCount[Int(residences.zones[i].rawValue)] += 1
        weightedX += plane.x[i] * weight
        weightedY += plane.y[i] * weight
        plainX += plane.x[i]
        plainY += plane.y[i]
        minLongitude = min(minLongitude, residences.longitudes[i])
        maxLongitude = max(maxLongitude, residences.longitudes[i])
        minLatitude = min(minLatitude, residences.latitudes[i])
        maxLatitude = max(maxLatitude, residences.latitudes[i])
        firstResidence = min(firstResidence, i)
        if result.nearestPoint[i] >= 0,
            closestResidence < 0 || result.distance[i] < result.distance[closestResidence]
        {
            closestResidence = i
        }
    }

    func area(
        id: Int, residences: ResidenceTable, result: CoverageResult, points: [ServicePoint],
        projection: LocalTransverseMercator, targetMinutes: Double
    ) throws -> UncoveredArea {
        // The zone with the most people; by residence count when the area has no population.
        let zoneIndex = Zone.allCases.indices.max {
            (zonePopulation[$0], zoneCount[$0], -$0) < (zonePopulation[$1], zoneCount[$1], -$1)
        }!
        let centre = population > 0
            ? (weightedX / population, weightedY / population)
            : (plainX / Double(count), plainY / Double(count))
        let centroid = try projection.inverse(x: centre.0, y: centre.1)
        let nearest = closestResidence >= 0 ? closestResidence : nil
        let point = nearest.map { points[Int(result.nearestPoint[$0])] }
        return UncoveredArea(
            id: id, county: residences.counties.code(at: county), dominantZone: Zone.allCases[zoneIndex],
            population: population, residenceCount: count,
            centroid: GeoCoordinate(longitude: centroid.longitude, latitude: centroid.latitude),
            minLongitude: minLongitude, minLatitude: minLatitude, maxLongitude: maxLongitude,
            maxLatitude: maxLatitude, nearestPointID: point?.id, nearestPointName: point?.name,
            nearestDistance: nearest.map { result.distance[$0] }, nearestMinutes: nearest.map { result.minutes[$0] },
            minutesBeyondTarget: nearest.map { result.minutes[$0] - targetMinutes },
            cells: cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) }, nearestAcrossWater: acrossWater)
    }
}

/// Union-find with path halving and union by size (R. E. Tarjan, "Efficiency of a good but not linear
/// set union algorithm", JACM 22(2), 1975); used for area cells and for land masses.
struct UnionFind {
    private var parent: [Int32]
    private var size: [Int32]

    init(count: Int) {
        parent = (0..<Int32(count)).map { $0 }
        size = [Int32](repeating: 1, count: count)
    }

    mutating func find(_ element: Int32) -> Int32 {
        var x = element
        while parent[Int(x)] != x {
            parent[Int(x)] = parent[Int(parent[Int(x)])]
            x = parent[Int(x)]
        }
        return x
    }

    mutating func union(_ a: Int32, _ b: Int32) {
        var rootA = find(a)
        var rootB = find(b)
        guard rootA != rootB else { return }
        if size[Int(rootA)] < size[Int(rootB)] { swap(&rootA, &rootB) }
        parent[Int(rootB)] = rootA
        size[Int(rootA)] += size[Int(rootB)]
    }
}
