/// Which named places are uncovered: the uncovered villages of an assessment, and the most populous
/// named residences of each uncovered area. Both need the residences' names (`ResidenceTable.names`).
public enum UncoveredPlaces {
    /// The residences with a 12-digit statistical code (`VillageCoverage.isVillageCode`) that no eligible
    /// point covers, most populous first (ties by code): what an assessment lists by name.
    /// - Parameter points: the run's service points, to name the nearest one.
    /// - Complexity: O(n log n) for n residences.
    public static func villages(residences: ResidenceTable, result: CoverageResult, points: [ServicePoint]) -> [UncoveredVillage] {
        var villages: [UncoveredVillage] = []
        for i in 0..<residences.count where !result.covered[i] && VillageCoverage.isVillageCode(residences.ids[i]) {
            let nearest = result.nearestPoint[i]
            let point = nearest >= 0 && Int(nearest) < points.count ? points[Int(nearest)] : nil
            villages.append(
                UncoveredVillage(
                    code: residences.ids[i], name: residences.name(at: i) ?? "", county: residences.county(at: i),
                    population: residences.populations[i], zone: residences.zones[i],
                    minutes: result.minutes[i].isFinite ? result.minutes[i] : nil, nearestPointID: point?.id,
                    nearestPointName: point?.name,
                    location: GeoCoordinate(longitude: residences.longitudes[i], latitude: residences.latitudes[i])))
        }
        return villages.sorted { $0.population != $1.population ? $0.population > $1.population : $0.code < $1.code }
    }

    /// Up to `limit` names per area id: the most populous named uncovered residences in the area's cells
    /// (a residence belongs to the area of its county whose cells hold its grid cell, exactly as
    /// `UncoveredAreaFinder` grouped them), each name once. Empty when the residences have no names.
    /// - Parameters:
    ///   - frame: the run's projection, in which the area grid is laid out.
    ///   - cellSize: the side of the area grid's cells, metres.
    /// - Throws: `ProjError` from projecting the residences.
    /// - Complexity: O(u log u) for u uncovered residences, plus the areas' cells.
    public static func areaNames(
        areas: [UncoveredArea], residences: ResidenceTable, result: CoverageResult, frame: PlanarFrame, cellSize: Double,
        limit: Int = 3
    ) throws -> [Int: [String]] {
        guard residences.hasNames, !areas.isEmpty else { return [:] }
        // Counties by the residences' catalogue index (-1: none), so a residence's key hashes three integers.
        struct Key: Hashable {
            var county: Int32
            var column: Int32
            var row: Int32
        }
        var areaOfCell: [Key: Int] = [:]
        for area in areas {
            let code = area.county ?? ""
            guard let county = code.isEmpty ? -1 : residences.counties.index(of: code) else { continue }
            for cell in area.cells { areaOfCell[Key(county: county, column: cell.column, row: cell.row)] = area.id }
        }
        let named = (0..<residences.count).filter { !result.covered[$0] && !residences.names[$0].isEmpty }
        guard !named.isEmpty else { return [:] }
        let plane = try frame.project(
            longitudes: named.map { residences.longitudes[$0] }, latitudes: named.map { residences.latitudes[$0] })
        var best: [Int: TopPlaces] = [:]
        for (position, i) in named.enumerated() {
            // The cell arithmetic of `GridCell.containing`.
            let column = (plane.x[position] / cellSize).rounded(.down)
            let row = (plane.y[position] / cellSize).rounded(.down)
            guard column.isFinite, row.isFinite, abs(column) < 2e9, abs(row) < 2e9 else { continue }
            let key = Key(county: residences.countyIndices[i], column: Int32(column), row: Int32(row))
            guard let area = areaOfCell[key] else { continue }
            best[area, default: TopPlaces(limit: limit)].offer(residences.names[i], population: residences.populations[i])
        }
        return best.mapValues { $0.places.map(\.name) }
    }
}

/// The `limit` most populous distinct names offered, most populous first and ties by name: what sorting
/// every offer and keeping each name's first would give, without sorting the offers.
struct TopPlaces {
    let limit: Int
    private(set) var places: [(name: String, population: Double)] = []

    init(limit: Int) { self.limit = limit }

    mutating func offer(_ name: String, population: Double) {
        func ranksBefore(_ a: (name: String, population: Double), _ b: (name: String, population: Double)) -> Bool {
            a.population != b.population ? a.population > b.population : a.name < b.name
        }
        let offered = (name: name, population: population)
        if let held = places.firstIndex(where: { $0.name == name }) {
            // A name counts once, at its most populous residence.
            guard ranksBefore(offered, places[held]) else { return }
            places.remove(at: held)
        } else if places.count == limit {
            guard let last = places.last, ranksBefore(offered, last) else { return }
            places.removeLast()
        }
        places.insert(offered, at: places.firstIndex { ranksBefore(offered, $0) } ?? places.count)
    }
}
