import LegalCircle

// MARK: - Layout

extension DemoGenerator {
    enum Terrain { case urban, plain, hilly, island }

    struct CountyTemplate {
        var code: String
        var name: String
        var longitude: Double
        var latitude: Double
        var terrain: Terrain

        init(_ code: String, _ name: String, _ longitude: Double, _ latitude: Double, _ terrain: Terrain) {
            (self.code, self.name, self.longitude, self.latitude, self.terrain) = (code, name, longitude, latitude, terrain)
        }
    }

    /// A group of residences: an urban core, a village, a hamlet or an island.
    struct Cluster {
        var county: Int
        var zone: Zone
        var longitude: Double
        var latitude: Double
        var sigmaKm: Double
        var residents: Int
        /// Whether service points may be placed here.
        var isServed: Bool
    }

    /// Shares of a county's residences by zone (urban, rural, mountain, island) and the county's radius.
    static func profile(_ terrain: Terrain) -> (zones: [Double], radiusKm: Double, weight: Double) {
        switch terrain {
        case .urban: ([0.82, 0.13, 0.05, 0], 6, 1.3)
        case .plain: ([0.40, 0.55, 0.05, 0], 15, 1.0)
        case .hilly: ([0.25, 0.35, 0.40, 0], 20, 0.7)
        case .island: ([0.35, 0, 0, 0.65], 25, 0.5)
        }
    }

    static func layOut(counties: [CountyTemplate], residences: Int, random: inout SplitMix64) -> [Cluster] {
        let weights = counties.map { profile($0.terrain).weight * random.uniform(0.7, 1.3) }
        let perCounty = split(residences, by: weights)
        var clusters: [Cluster] = []
        for (index, county) in counties.enumerated() {
            let (zoneShares, radius, _) = profile(county.terrain)
            let byZone = split(perCounty[index], by: zoneShares)
            var layout = CountyLayout(index: index, template: county, radiusKm: radius)
            layout.addCores(residents: byZone[0], random: &random)
            layout.addVillages(residents: byZone[1], random: &random)
            layout.addHamlets(residents: byZone[2], random: &random)
            layout.addIslands(residents: byZone[3], random: &random)
            clusters += layout.clusters
        }
        return clusters
    }

    /// Places one county's clusters, in kilometres around its seat.
    struct CountyLayout {
        let index: Int
        let template: CountyTemplate
        let radiusKm: Double
        let kmPerDegreeLongitude: Double
        var clusters: [Cluster] = []

        init(index: Int, template: CountyTemplate, radiusKm: Double) {
            self.index = index
            self.template = template
            self.radiusKm = radiusKm
            kmPerDegreeLongitude = kilometresPerDegreeLatitude * taylorCosine(degrees: template.latitude)
        }

        mutating func add(_ zone: Zone, eastKm: Double, northKm: Double, sigmaKm: Double, residents: Int, isServed: Bool) {
            clusters.append(
                Cluster(
                    county: index, zone: zone, longitude: template.longitude + eastKm / kmPerDegreeLongitude,
                    latitude: template.latitude + northKm / kilometresPerDegreeLatitude, sigmaKm: sigmaKm,
                    residents: residents, isServed: isServed))
        }

        /// The county seat plus one (towns) or two (districts) secondary cores; laid out even without
        /// residents, as they carry the county's service points.
        mutating func addCores(residents: Int, random: inout SplitMix64) {
            let isDistrict = template.terrain == .urban
            let shares = isDistrict ? [0.5, 0.25, 0.25] : [0.7, 0.3]
            let counts = split(residents, by: shares)
            for (core, count) in counts.enumerated() {
                if core == 0 {
                    add(.urban, eastKm: 0, northKm: 0, sigmaKm: random.uniform(isDistrict ? 2 : 1.2, isDistrict ? 3 : 1.8),
                        residents: count, isServed: true)
                } else {
                    let (east, north) = random.pointInRing(inner: isDistrict ? 3 : 0.4 * radiusKm, outer: isDistrict ? 6 : 0.7 * radiusKm)
                    add(.urban, eastKm: east, northKm: north, sigmaKm: random.uniform(1, 1.6), residents: count, isServed: true)
                }
            }
        }

        /// Villages of 25–200 houses (more per village in large data sets) anywhere in the county.
        mutating func addVillages(residents: Int, random: inout SplitMix64) {
            guard residents > 0 else { return }
            let housesPerVillage = min(max(residents / 150, 25), 200)
            let villageCount = max(1, residents / housesPerVillage)
            let counts = split(residents, by: (0..<villageCount).map { _ in random.uniform(0.5, 1.5) })
            for count in counts {
                let (east, north) = random.pointInRing(inner: 2.5, outer: radiusKm)
                add(.rural, eastKm: east, northKm: north, sigmaKm: random.uniform(0.15, 0.4), residents: count,
                    isServed: random.uniform(0, 1) < 0.6)
            }
        }

        /// Hamlets of 8–40 houses in a sector facing west to south-west (Zhejiang's hills), out to 1.6 ×
        /// the county radius; the outer ones never get a service point.
        mutating func addHamlets(residents: Int, random: inout SplitMix64) {
            guard residents > 0 else { return }
            let housesPerHamlet = min(max(residents / 100, 8), 40)
            let hamletCount = max(1, residents / housesPerHamlet)
            let counts = split(residents, by: (0..<hamletCount).map { _ in random.uniform(0.5, 1.5) })
            // The hills' direction, a unit vector between west and south.
            let (dx, dy) = (-1 + random.uniform(0, 0.3), random.uniform(-0.9, 0.1))
            let length = (dx * dx + dy * dy).squareRoot()
            let reach = 1.6 * radiusKm
            for count in counts {
                var east = 0.0, north = 0.0, distance = 0.0
                repeat {
                    (east, north) = random.pointInRing(inner: 0.35 * reach, outer: reach)
                    distance = (east * east + north * north).squareRoot()
                } while (east * dx + north * dy) / length < 0.6 * distance  // within ±53° of the direction
                add(.mountain, eastKm: east, northKm: north, sigmaKm: random.uniform(0.08, 0.2), residents: count,
                    isServed: distance < 0.7 * reach && random.uniform(0, 1) < 0.6)
            }
        }

        /// Small islands offshore, each with its settlements, east of `islandMinimumLongitude`.
        mutating func addIslands(residents: Int, random: inout SplitMix64) {
            guard residents > 0 else { return }
            let islandCount = min(max(residents / 60, 4), 60)
            let radii = (0..<islandCount).map { _ in random.uniform(0.5, 2.5) }
            let counts = split(residents, by: radii.map { $0 * $0 })
            for (radius, count) in zip(radii, counts) {
                let longitude = clamp(template.longitude + random.uniform(-0.12, 0.4), 121.97, 122.85)
                let latitude = clamp(template.latitude + random.uniform(-0.3, 0.3), 27.2, 31.1)
                clusters.append(
                    Cluster(
                        county: index, zone: .island, longitude: longitude, latitude: latitude, sigmaKm: radius / 2,
                        residents: count, isServed: random.uniform(0, 1) < 0.5))
            }
        }
    }
}
