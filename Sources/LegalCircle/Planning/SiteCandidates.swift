import Foundation

/// A place where a new service point could go: a row of a candidates file (a village committee
/// office, say), an uncovered residence, or the centroid of an uncovered area.
public struct SiteCandidate: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        /// A row of the candidates file.
        case file
        /// An uncovered residence, by id: the one nearest the population centroid of its grid cell.
        case residence(String)
        /// The population-weighted centroid of an uncovered area, by the area's id in the run.
        case area(Int)
    }

    public var location: GeoCoordinate
    /// 6-digit code: from the file, else from the boundaries, else the nearest residence's.
    public var county: String?
    public var id: String?
    public var name: String?
    public var level: ServiceLevel?
    public var origin: Origin
    /// The named place a generated candidate stands at (the uncovered residence's name, a village's
    /// 名称; for an uncovered area, its most populous named places joined by 、), for labels; nil for file
    /// rows and places without a name. Not the new point's name.
    public var place: String?

    public init(
        location: GeoCoordinate, county: String?, id: String? = nil, name: String? = nil, level: ServiceLevel? = nil,
        origin: Origin = .file
    ) {
        self.location = location
        self.county = county
        self.id = id
        self.name = name
        self.level = level
        self.origin = origin
    }

    /// A candidate at a service point's place (for candidates read from a service-point file).
    public init(point: ServicePoint) {
        self.init(
            location: point.location, county: point.county, id: point.id, name: point.name, level: point.level,
            origin: .file)
    }
}

/// Candidates made from the gaps themselves when no candidates file is given.
enum CandidateGenerator {
    /// The side of the thinning grid cell as a share of the zone radius: a site moved by up to a cell
    /// diagonal (35 % of the radius) from the best spot still reaches most of the same residences,
    /// and 1,000,000 uncovered residences become tens of thousands of candidates, not a million.
    static let cellShareOfRadius = 0.25

    /// One candidate per grid cell of a quarter of the zone radius (per zone, county and land mass):
    /// the uncovered residence nearest the population centroid of the cell's uncovered residences;
    /// then the centroid of every uncovered area (rounded to 10⁻⁶°, clamped into the area's box).
    /// - Parameters:
    ///   - universe: the uncovered residences in scope with population > 0.
    /// - Complexity: O(u) expected for u residences in the universe (hash map over cells).
    static func generate(
        universe: [Int32], residences: ResidenceTable, plane: PlacedColumns, radius: [Double], areas: [UncoveredArea]
    ) -> [SiteCandidate] {
        let columns = plane.columns
        struct Cell: Hashable {
            var zone: UInt8
            var county: Int32
            var mass: Int32
            var column: Int64
            var row: Int64
        }
        struct Accumulator {
            var weight = 0.0
            var x = 0.0
            var y = 0.0
            var best = -1
            var bestSquared = Double.infinity
        }
        func cell(_ r: Int) -> Cell {
            let zone = residences.zones[r].rawValue
            let side = radius[Int(zone)] * cellShareOfRadius
            return Cell(
                zone: zone, county: residences.countyIndices[r], mass: plane.mass(r),
                column: Int64((columns.x[r] / side).rounded(.down)), row: Int64((columns.y[r] / side).rounded(.down)))
        }
        var cells: [Cell: Int] = [:]
        var sums: [Accumulator] = []
        var cellOf = [Int](repeating: 0, count: universe.count)
        for (position, r32) in universe.enumerated() {
            let r = Int(r32)
            let key = cell(r)
            let index = cells[key] ?? {
                sums.append(Accumulator())
                cells[key] = sums.count - 1
                return sums.count - 1
            }()
            cellOf[position] = index
            let w = residences.populations[r]
            sums[index].weight += w
            sums[index].x += w * columns.x[r]
            sums[index].y += w * columns.y[r]
        }
        for (position, r32) in universe.enumerated() {
            let r = Int(r32)
            let index = cellOf[position]
            let cx = sums[index].x / sums[index].weight
            let cy = sums[index].y / sums[index].weight
            let squared = (columns.x[r] - cx) * (columns.x[r] - cx) + (columns.y[r] - cy) * (columns.y[r] - cy)
            if squared < sums[index].bestSquared {
                sums[index].bestSquared = squared
                sums[index].best = r
            }
        }
        var candidates = sums.map { sum in
            var candidate = SiteCandidate(
                location: GeoCoordinate(longitude: residences.longitudes[sum.best], latitude: residences.latitudes[sum.best]),
                county: residences.county(at: sum.best), origin: .residence(residences.ids[sum.best]))
            candidate.place = residences.name(at: sum.best)
            return candidate
        }
        for area in areas {
            func rounded(_ value: Double, _ low: Double, _ high: Double) -> Double {
                min(max((value * 1e6).rounded() / 1e6, low), high)
            }
            let location = GeoCoordinate(
                longitude: rounded(area.centroid.longitude, area.minLongitude, area.maxLongitude),
                latitude: rounded(area.centroid.latitude, area.minLatitude, area.maxLatitude))
            candidates.append(SiteCandidate(location: location, county: area.county, origin: .area(area.id)))
        }
        return candidates
    }

    /// The candidates without repeated locations (the first of each kept).
    static func deduplicated(_ candidates: [SiteCandidate]) -> [SiteCandidate] {
        var seen = Set<GeoCoordinate>()
        return candidates.filter { seen.insert($0.location).inserted }
    }
}
