import Foundation
import LegalCircle

/// A synthetic population and service network on the real province of Zhejiang, from the data shipped
/// in `data/zhejiang` (rules and sources in `data/SOURCES.md`).
///
/// **People.** Each county gets residences in proportion to its 2020 census population (allocated to
/// today's 90 counties, `county_population_2020.csv`), at least one each when there are at least 90,
/// and its census residents are spread over them as whole numbers, so every county total, and the
/// province's 64,567,588, is exact at any size. The county's urban share of residences follows its
/// census urban share.
///
/// **Places.** Urban residents live in uniform disks of 10,000 per km² around urban cores: the
/// township seat next to the county seat and every township whose share of the county's urban
/// residents (by the fitted weights of its urban village units) reaches 50,000. Rural residents live
/// around the county's rural village units (NBS classes 210 and 220), in equal shares: a unit stands
/// at its real 2016 location when known, else at a random point within reach of its township seat.
/// Townships without a located seat get a synthetic one, spread out by best-candidate sampling.
/// Counties without a located seat get the interior point of their largest polygon.
///
/// **Zones.** Island for residents on a land mass other than the mainland (after the fixed links of
/// `TravelProfile.standard`), urban for core residents, mountain for residents of hamlets (villages at
/// 500 m or more on the elevation sample, or in counties with under 50 rural residents per km²), rural
/// otherwise. `zoneAgreement(of:)` compares them with `ZoneClassifier`.
///
/// **Rules kept by construction.** Every residence lies in its county's polygon (on the piece of land
/// its core or village stands on), so none is in the sea or outside the province. Only integer and
/// basic IEEE arithmetic is used, with one SplitMix64 stream per county and task: the same seed gives
/// the same data, on every run and at any thread count.
public struct ProvinceGenerator: Sendable {
    public let seed: UInt64
    let data: ProvinceData
    let land: ProvinceLand
    let plans: [CountyPlan]

    /// Today's county boundaries (WGS84), sorted by code; residences carry these codes.
    public var boundaries: [Boundary] { data.counties.map(\.boundary) }
    /// The census population of each county in `boundaries`, and its urban part.
    public var censusPopulations: [(code: String, population: Int, urbanPopulation: Int)] {
        data.counties.map { ($0.code, $0.population, $0.urbanPopulation) }
    }
    /// The counties whose seat is their polygon's interior point (no located seat in the shipped data).
    public var countiesSeatedByPolygon: [String] {
        plans.filter(\.seatFromPolygon).map { data.counties[$0.county].code }
    }

    /// Reads the shipped data and lays out every county (seats, cores, villages).
    /// - Parameters:
    ///   - dataFolder: the repository's `data` folder.
    ///   - seed: the same seed gives the same layout and data.
    /// - Throws: `CSVTableError` or `GeoJSONError` naming the file at fault.
    public init(dataFolder: URL, seed: UInt64 = 1) throws {
        self.seed = seed
        let data = try ProvinceData(dataFolder: dataFolder)
        let land = ProvinceLand(counties: data.counties.map(\.boundary), links: TravelProfile.standard.links)
        let seats = Self.countySeats(data: data, land: land)
        var townshipsOf = [[Int]](repeating: [], count: data.counties.count)
        for (index, township) in data.townships.enumerated() { townshipsOf[township.county].append(index) }
        var villagesOf = [[Int]](repeating: [], count: data.townships.count)
        for (index, village) in data.villages.enumerated() { villagesOf[village.township].append(index) }
        let townships = townshipsOf, villages = villagesOf
        // One county per chunk; each county's own random streams make the result independent of threads.
        let plans = ParallelChunks(count: data.counties.count, size: 1).map { county, _ in
            Self.plan(
                county: county, data: data, land: land, seat: seats[county], townships: townships[county],
                villagesByTownship: villages, seed: seed)
        }
        self.data = data
        self.land = land
        self.plans = plans
    }

    /// Generates `residences` residences (ids `R0000001`…) and `points` service points (`P000001`…).
    /// - Complexity: O(residences + points + villages); 10 million residences in a few seconds.
    public func generate(residences: Int, points: Int) -> (points: [ServicePoint], residences: ResidenceTable) {
        let total = max(residences, 0)
        let counts = Self.residenceCounts(total: total, populations: data.counties.map(\.population))
        let drawn = ParallelChunks(count: plans.count, size: 1).map { county, _ in draw(county: county, count: counts[county]) }
        var table = ResidenceTable()
        table.reserveCapacity(total)
        let width = max(7, String(total).count)
        var number = 0
        for (county, part) in drawn.enumerated() {
            let countyIndex = table.internCounty(data.counties[county].code)
            for row in 0..<part.longitudes.count {
                number += 1
                table.append(
                    id: DemoGenerator.identifier(UInt8(ascii: "R"), number, width: width), longitude: part.longitudes[row],
                    latitude: part.latitudes[row], population: Double(part.populations[row]), countyIndex: countyIndex,
                    zone: part.zones[row])
            }
        }
        return (servicePoints(count: max(points, 0)), table)
    }

    /// Residences per county: one each when there are enough, the rest in proportion to population
    /// (cumulative rounding, so they add up to `total`).
    static func residenceCounts(total: Int, populations: [Int]) -> [Int] {
        let floor = total >= populations.count ? 1 : 0
        let rest = DemoGenerator.split(total - floor * populations.count, by: populations.map(Double.init))
        return rest.map { $0 + floor }
    }

    struct CountyResidences {
        var longitudes: [Double] = []
        var latitudes: [Double] = []
        var populations: [Int] = []
        var zones: [Zone] = []
    }

    /// Draws one county's residences: urban ones in the cores, rural ones around the villages, each
    /// kept only on its anchor's piece of land (else retried; after 32 misses it takes the anchor's
    /// own location, which is on that piece).
    func draw(county: Int, count: Int) -> CountyResidences {
        let plan = plans[county]
        let info = data.counties[county]
        var random = SplitMix64.stream(seed: seed, 2, county)
        var out = CountyResidences()
        out.longitudes.reserveCapacity(count)
        out.latitudes.reserveCapacity(count)
        out.populations.reserveCapacity(count)
        out.zones.reserveCapacity(count)
        guard count > 0 else { return out }

        var urbanCount = Int((Double(count) * Double(info.urbanPopulation) / Double(info.population)).rounded())
        if plan.cores.isEmpty { urbanCount = 0 }
        if plan.villages.isEmpty { urbanCount = plan.cores.isEmpty ? 0 : count }
        let perCore = DemoGenerator.split(urbanCount, by: plan.cores.map(\.people))
        let perVillage = DemoGenerator.split(count - urbanCount, by: plan.villages.map(\.people))
        let kx = kilometresPerDegreeLongitude(latitude: plan.seat.latitude), ky = kilometresPerDegreeLatitude
        let islands = land.pieceIsIsland

        func place(_ anchor: CountyPlan.Anchor, _ n: Int) {
            for _ in 0..<n {
                var longitude = anchor.location.longitude, latitude = anchor.location.latitude
                for _ in 0..<32 {
                    let dx: Double, dy: Double
                    if anchor.isCore {
                        (dx, dy) = random.pointInRing(inner: 0, outer: anchor.spreadKm)
                    } else {
                        (dx, dy) = (random.gaussian() * anchor.spreadKm, random.gaussian() * anchor.spreadKm)
                    }
                    let x = toMicrodegrees(anchor.location.longitude + dx / kx)
                    let y = toMicrodegrees(anchor.location.latitude + dy / ky)
                    if land.piece(longitude: x, latitude: y) == anchor.piece {
                        (longitude, latitude) = (x, y)
                        break
                    }
                }
                out.longitudes.append(longitude)
                out.latitudes.append(latitude)
                out.zones.append(islands[Int(anchor.piece)] ? .island : anchor.zone)
            }
        }
        for (anchor, n) in zip(plan.cores, perCore) { place(anchor, n) }
        for (anchor, n) in zip(plan.villages, perVillage) { place(anchor, n) }
        // If a county has neither cores nor villages (no census residents), its residences sit at the seat.
        while out.longitudes.count < count {
            out.longitudes.append(plan.seat.longitude)
            out.latitudes.append(plan.seat.latitude)
            out.zones.append(islands[Int(plan.seatPiece)] ? .island : .rural)
        }
        // The census residents, as evenly as whole numbers allow.
        let people = info.population
        var previous = 0
        for row in 1...count {
            let upTo = row * people / count
            out.populations.append(upTo - previous)
            previous = upTo
        }
        return out
    }

    /// How the generator's zones compare with the density classifier (`--classify-zones`) on data it
    /// generated, with the same fixed links and thresholds (`TravelProfile.standard`).
    /// - Throws: projection errors from PROJ.
    public func zoneAgreement(of residences: ResidenceTable, profile: TravelProfile = .standard) throws -> ZoneAgreement {
        try ZoneAgreement.measure(residences: residences, boundaries: boundaries, profile: profile)
    }
}
