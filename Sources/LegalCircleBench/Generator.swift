import LegalCircle

/// Deterministic synthetic Zhejiang-like data for demos, tests and benchmarks.
///
/// Counties are real codes placed near their real seats. Each county has dense urban cores (Gaussian,
/// σ 1–3 km), villages of houses around them, mountain hamlets in one hilly direction and, for the
/// Zhoushan counties, small islands east of 121.9°E. Service points sit mostly in the cores, at some
/// villages, at few hamlets and on some islands; the farthest hamlets, some villages and some islands
/// get none, so the data has gaps.
///
/// Only integer and basic IEEE arithmetic is used (own SplitMix64, no `Double.random`, no libm), so a
/// seed gives the same data on every run and platform. Coordinates are rounded to 6 decimals, as a CSV
/// round trip would leave them.
public struct DemoGenerator: Sendable {
    /// The bounding box of every generated coordinate.
    public static let longitudeRange = 118.0...122.9
    public static let latitudeRange = 27.1...31.2
    /// Islands lie east of this longitude.
    public static let islandMinimumLongitude = 121.9
    /// How many real counties the generator knows.
    public static var maximumCountyCount: Int { countyTemplates.count }

    public var seed: UInt64
    /// The number of counties, 1...90 (more are capped); nil scales with the residence count: 4 up to
    /// 200,000 residences, one more per 50,000, at most 90.
    public var countyCount: Int?

    public init(seed: UInt64 = 1, countyCount: Int? = nil) {
        self.seed = seed
        self.countyCount = countyCount
    }

    /// Generates `points` service points and `residences` residences (ids `P000001`, `R0000001`).
    /// - Complexity: O(residences + points); about 10 million residences in a few seconds.
    public func generate(residences: Int, points: Int) -> (points: [ServicePoint], residences: ResidenceTable) {
        var random = SplitMix64(seed: seed)
        let count = countyCount.map { max($0, 1) } ?? max(residences / 50_000, 4)
        let counties = Array(Self.countyTemplates.prefix(count))
        let clusters = Self.layOut(counties: counties, residences: max(residences, 0), random: &random)
        let table = Self.residences(in: clusters, counties: counties, count: max(residences, 0), random: &random)
        let servicePoints = Self.servicePoints(
            count: max(points, 0), clusters: clusters, counties: counties, random: &random)
        return (servicePoints, table)
    }
}

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
    private static func profile(_ terrain: Terrain) -> (zones: [Double], radiusKm: Double, weight: Double) {
        switch terrain {
        case .urban: ([0.82, 0.13, 0.05, 0], 6, 1.3)
        case .plain: ([0.40, 0.55, 0.05, 0], 15, 1.0)
        case .hilly: ([0.25, 0.35, 0.40, 0], 20, 0.7)
        case .island: ([0.35, 0, 0, 0.65], 25, 0.5)
        }
    }

    private static func layOut(counties: [CountyTemplate], residences: Int, random: inout SplitMix64) -> [Cluster] {
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
    private struct CountyLayout {
        let index: Int
        let template: CountyTemplate
        let radiusKm: Double
        let kmPerDegreeLongitude: Double
        var clusters: [Cluster] = []

        init(index: Int, template: CountyTemplate, radiusKm: Double) {
            self.index = index
            self.template = template
            self.radiusKm = radiusKm
            kmPerDegreeLongitude = kmPerDegreeLatitude * cosine(degrees: template.latitude)
        }

        mutating func add(_ zone: Zone, eastKm: Double, northKm: Double, sigmaKm: Double, residents: Int, isServed: Bool) {
            clusters.append(
                Cluster(
                    county: index, zone: zone, longitude: template.longitude + eastKm / kmPerDegreeLongitude,
                    latitude: template.latitude + northKm / kmPerDegreeLatitude, sigmaKm: sigmaKm,
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

// MARK: - Residences

extension DemoGenerator {
    private static func residences(
        in clusters: [Cluster], counties: [CountyTemplate], count: Int, random: inout SplitMix64
    ) -> ResidenceTable {
        var table = ResidenceTable()
        table.reserveCapacity(count)
        let idWidth = max(7, String(count).count)
        let cosines = counties.map { cosine(degrees: $0.latitude) }
        var number = 0
        for cluster in clusters {
            let code = counties[cluster.county].code
            let sigmaLatitude = cluster.sigmaKm / kmPerDegreeLatitude
            let sigmaLongitude = cluster.sigmaKm / (kmPerDegreeLatitude * cosines[cluster.county])
            let minimumLongitude = cluster.zone == .island ? islandMinimumLongitude + 0.02 : longitudeRange.lowerBound
            for _ in 0..<cluster.residents {
                number += 1
                let longitude = clamp(
                    cluster.longitude + random.gaussian() * sigmaLongitude, minimumLongitude, longitudeRange.upperBound)
                let latitude = clamp(
                    cluster.latitude + random.gaussian() * sigmaLatitude, latitudeRange.lowerBound, latitudeRange.upperBound)
                table.append(
                    id: identifier(UInt8(ascii: "R"), number, width: idWidth), longitude: microdegrees(longitude),
                    latitude: microdegrees(latitude), population: population(cluster.zone, &random), county: code,
                    zone: cluster.zone)
            }
        }
        return table
    }

    /// Persons per building or house: urban 20–300, rural 5–80, mountain 1–30, island 5–60.
    private static func population(_ zone: Zone, _ random: inout SplitMix64) -> Double {
        let u = random.uniform(0, 1)
        switch zone {
        case .urban: return Double(min(20 + Int(u * u * 281), 300))
        case .rural: return Double(min(5 + Int(u * 76), 80))
        case .mountain: return Double(min(1 + Int(u * u * 30), 30))
        case .island: return Double(min(5 + Int(u * 56), 60))
        }
    }
}

// MARK: - Service points

extension DemoGenerator {
    private static let comprehensive: ServiceKinds = [
        .consultation, .legalAid, .mediation, .notary, .lawyer, .publicity,
    ]

    /// One centre per county (province level in the capital, city level in each city's first county),
    /// the rest shared among grid and township stations in the cores (by residents), village stations
    /// at served villages, hamlets and islands.
    private static func servicePoints(
        count: Int, clusters: [Cluster], counties: [CountyTemplate], random: inout SplitMix64
    ) -> [ServicePoint] {
        var points: [ServicePoint] = []
        points.reserveCapacity(count)
        let idWidth = max(6, String(count).count)
        func add(_ cluster: Cluster, spreadKm: Double, level: ServiceLevel, kinds: ServiceKinds, label: String) {
            let county = counties[cluster.county]
            let sigmaLongitude = spreadKm / (kmPerDegreeLatitude * cosine(degrees: county.latitude))
            let minimumLongitude = cluster.zone == .island ? islandMinimumLongitude + 0.02 : longitudeRange.lowerBound
            let longitude = clamp(
                cluster.longitude + random.gaussian() * sigmaLongitude, minimumLongitude, longitudeRange.upperBound)
            let latitude = clamp(
                cluster.latitude + random.gaussian() * spreadKm / kmPerDegreeLatitude, latitudeRange.lowerBound,
                latitudeRange.upperBound)
            let id = identifier(UInt8(ascii: "P"), points.count + 1, width: idWidth)
            points.append(
                ServicePoint(
                    id: id, name: "\(county.name)\(label) \(id)", kinds: kinds, level: level,
                    location: GeoCoordinate(longitude: microdegrees(longitude), latitude: microdegrees(latitude)),
                    county: county.code))
        }

        // Each county's centre at its seat, the first cluster laid out for it.
        var citiesSeen = Set<Substring>()
        for (index, county) in counties.enumerated() where points.count < count {
            guard let seat = clusters.first(where: { $0.county == index }) else { continue }
            let level: ServiceLevel =
                points.isEmpty ? .province : citiesSeen.contains(county.code.prefix(4)) ? .county : .city
            citiesSeen.insert(county.code.prefix(4))
            add(seat, spreadKm: 0.2, level: level, kinds: level == .county ? comprehensive : .all,
                label: "公共法律服务中心")
        }

        let remaining = count - points.count
        guard remaining > 0 else { return points }
        let urban = clusters.filter { $0.zone == .urban }
        let served = Zone.allCases.map { zone in clusters.filter { $0.zone == zone && $0.isServed } }
        // Per resident, villages get 1.5 × the cores' share, hamlets 0.6 ×, islands 1.2 ×.
        let residents = Zone.allCases.map { zone in clusters.filter { $0.zone == zone }.reduce(0) { $0 + $1.residents } }
        // The cores always get a share, so points are placed even without residents.
        let perZone = split(remaining, by: zip([1.0, 1.5, 0.6, 1.2], residents).map { $0 * Double($1) + 0.01 })
        let coreWeights = urban.map { Double($0.residents + 1) }
        let coreTotal = coreWeights.reduce(0, +)
        for (zone, zoneCount) in zip(Zone.allCases, perZone) {
            let sites = served[Int(zone.rawValue)]
            for _ in 0..<zoneCount {
                if zone == .urban || sites.isEmpty {
                    // A zone without a served site gives its points to the cores.
                    let core = urban[pick(coreWeights, total: coreTotal, &random)]
                    let isGrid = random.uniform(0, 1) < 0.7
                    add(core, spreadKm: core.sigmaKm, level: isGrid ? .grid : .township,
                        kinds: isGrid ? gridKinds(&random) : townshipKinds(&random),
                        label: isGrid ? "网格法律服务点" : "司法所公共法律服务站")
                } else {
                    let site = sites[random.index(below: sites.count)]
                    let isTownship = zone != .mountain && random.uniform(0, 1) < (zone == .island ? 0.3 : 0.15)
                    add(site, spreadKm: 0.1, level: isTownship ? .township : .village,
                        kinds: isTownship ? townshipKinds(&random) : villageKinds(&random),
                        label: isTownship ? "司法所公共法律服务站" : "村公共法律服务室")
                }
            }
        }
        return points
    }

    private static func gridKinds(_ random: inout SplitMix64) -> ServiceKinds {
        random.uniform(0, 1) < 0.6 ? [.consultation, .mediation] : [.consultation, .mediation, .publicity]
    }

    private static func townshipKinds(_ random: inout SplitMix64) -> ServiceKinds {
        let base: ServiceKinds = [.consultation, .legalAid, .mediation, .publicity]
        return random.uniform(0, 1) < 0.5 ? base.union(.lawyer) : base
    }

    private static func villageKinds(_ random: inout SplitMix64) -> ServiceKinds {
        let u = random.uniform(0, 1)
        if u < 0.7 { return [.mediation, .consultation] }
        if u < 0.9 { return [.mediation, .consultation, .publicity] }
        return [.mediation, .consultation, .legalAid]
    }

    /// An index drawn with probability proportional to its weight.
    private static func pick(_ weights: [Double], total: Double, _ random: inout SplitMix64) -> Int {
        var target = random.uniform(0, total)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }
}

// MARK: - Helpers

extension DemoGenerator {
    /// Splits `total` into parts proportional to `weights` that sum to `total` exactly (cumulative
    /// rounding).
    static func split(_ total: Int, by weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        var parts: [Int] = []
        var cumulative = 0.0
        var assigned = 0
        for weight in weights {
            cumulative += weight
            let upTo = min(Int((Double(total) * cumulative / sum).rounded()), total)
            parts.append(upTo - assigned)
            assigned = upTo
        }
        parts[parts.count - 1] += total - assigned
        return parts
    }

    /// `R0000042`: the prefix and the number zero-padded to `width`, without String formatting.
    static func identifier(_ prefix: UInt8, _ number: Int, width: Int) -> String {
        var digits = 1
        var rest = number / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        digits = max(digits, width)
        return String(unsafeUninitializedCapacity: digits + 1) { buffer in
            buffer[0] = prefix
            var rest = number
            for index in stride(from: digits, through: 1, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return digits + 1
        }
    }
}

private let kmPerDegreeLatitude = 110.9

/// Rounds to 6 decimals, as the CSV writer does; equal to `Double` of the 6-decimal text.
private func microdegrees(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }

private func clamp(_ value: Double, _ lower: Double, _ upper: Double) -> Double { min(max(value, lower), upper) }

/// cos by its Taylor series (error below 1e-12 up to 35°): arithmetic only, so the same bits everywhere.
private func cosine(degrees: Double) -> Double {
    let x = degrees * (Double.pi / 180)
    var term = 1.0
    var sum = 1.0
    for n in stride(from: 2, through: 18, by: 2) {
        term *= -x * x / Double((n - 1) * n)
        sum += term
    }
    return sum
}

// MARK: - Counties

extension DemoGenerator {
    /// Zhejiang's 90 county-level divisions with approximate seats, in the order they are used: the
    /// demo's four first (two Hangzhou districts, a Ningbo district, a Zhoushan island district), then
    /// spread over the province.
    static let countyTemplates: [CountyTemplate] = [
        .init("330102", "上城区", 120.17, 30.25, .urban), .init("330106", "西湖区", 120.10, 30.20, .urban),
        .init("330211", "镇海区", 121.60, 29.95, .plain), .init("330902", "定海区", 122.11, 30.02, .island),
        .init("331127", "景宁畲族自治县", 119.64, 27.98, .hilly), .init("330302", "鹿城区", 120.65, 28.02, .urban),
        .init("330702", "婺城区", 119.65, 29.08, .urban), .init("330402", "南湖区", 120.78, 30.75, .urban),
        .init("330602", "越城区", 120.58, 30.00, .urban), .init("330502", "吴兴区", 120.09, 30.87, .urban),
        .init("330802", "柯城区", 118.87, 28.94, .urban), .init("331002", "椒江区", 121.44, 28.68, .urban),
        .init("331102", "莲都区", 119.92, 28.45, .urban), .init("330203", "海曙区", 121.55, 29.86, .urban),
        .init("330127", "淳安县", 119.04, 29.61, .hilly), .init("330903", "普陀区", 122.30, 29.95, .island),
        .init("330681", "诸暨市", 120.24, 29.71, .plain), .init("330782", "义乌市", 120.07, 29.31, .urban),
        .init("330381", "瑞安市", 120.66, 27.78, .plain), .init("331081", "温岭市", 121.38, 28.37, .plain),
        .init("330523", "安吉县", 119.68, 30.64, .hilly), .init("330881", "江山市", 118.63, 28.74, .hilly),
        .init("330481", "海宁市", 120.69, 30.51, .plain), .init("330282", "慈溪市", 121.27, 30.17, .plain),
        .init("331181", "龙泉市", 119.14, 28.08, .hilly), .init("330921", "岱山县", 122.20, 30.24, .island),
        .init("330105", "拱墅区", 120.14, 30.32, .urban), .init("330303", "龙湾区", 120.81, 27.93, .urban),
        .init("330110", "余杭区", 119.99, 30.42, .plain), .init("330112", "临安区", 119.72, 30.23, .hilly),
        .init("330212", "鄞州区", 121.55, 29.80, .plain), .init("330324", "永嘉县", 120.69, 28.15, .hilly),
        .init("330603", "柯桥区", 120.49, 30.08, .urban), .init("330783", "东阳市", 120.24, 29.29, .plain),
        .init("331023", "天台县", 121.01, 29.14, .hilly), .init("331121", "青田县", 120.29, 28.14, .hilly),
        .init("330522", "长兴县", 119.91, 31.03, .plain), .init("330483", "桐乡市", 120.57, 30.63, .plain),
        .init("330824", "开化县", 118.41, 29.14, .hilly), .init("330922", "嵊泗县", 122.45, 30.72, .island),
        .init("330108", "滨江区", 120.21, 30.19, .urban), .init("330109", "萧山区", 120.26, 30.16, .plain),
        .init("330206", "北仑区", 121.84, 29.90, .plain), .init("330382", "乐清市", 120.98, 28.11, .plain),
        .init("330604", "上虞区", 120.87, 30.03, .plain), .init("330784", "永康市", 120.04, 28.89, .plain),
        .init("331082", "临海市", 121.14, 28.86, .plain), .init("331123", "遂昌县", 119.28, 28.59, .hilly),
        .init("330521", "德清县", 119.97, 30.54, .plain), .init("330482", "平湖市", 121.02, 30.68, .plain),
        .init("330822", "常山县", 118.51, 28.90, .hilly), .init("330111", "富阳区", 119.96, 30.05, .hilly),
        .init("330213", "奉化区", 121.41, 29.66, .hilly), .init("330328", "文成县", 120.09, 27.79, .hilly),
        .init("330624", "新昌县", 120.90, 29.50, .hilly), .init("330781", "兰溪市", 119.46, 29.21, .plain),
        .init("331003", "黄岩区", 121.26, 28.65, .plain), .init("331124", "松阳县", 119.48, 28.45, .hilly),
        .init("330411", "秀洲区", 120.71, 30.77, .urban), .init("330503", "南浔区", 120.42, 30.87, .plain),
        .init("330803", "衢江区", 118.96, 28.98, .plain), .init("330113", "临平区", 120.30, 30.42, .plain),
        .init("330225", "象山县", 121.87, 29.48, .plain), .init("330326", "平阳县", 120.57, 27.66, .plain),
        .init("330683", "嵊州市", 120.83, 29.59, .hilly), .init("330723", "武义县", 119.82, 28.90, .hilly),
        .init("331004", "路桥区", 121.37, 28.58, .urban), .init("331125", "云和县", 119.57, 28.12, .hilly),
        .init("330421", "嘉善县", 120.92, 30.83, .plain), .init("330825", "龙游县", 119.17, 29.03, .plain),
        .init("330114", "钱塘区", 120.49, 30.32, .plain), .init("330226", "宁海县", 121.43, 29.29, .hilly),
        .init("330327", "苍南县", 120.43, 27.52, .plain), .init("330726", "浦江县", 119.89, 29.45, .hilly),
        .init("331022", "三门县", 121.38, 29.10, .plain), .init("331126", "庆元县", 119.06, 27.62, .hilly),
        .init("330424", "海盐县", 120.95, 30.53, .plain), .init("330122", "桐庐县", 119.69, 29.80, .hilly),
        .init("330281", "余姚市", 121.15, 30.04, .plain), .init("330329", "泰顺县", 119.72, 27.56, .hilly),
        .init("330727", "磐安县", 120.45, 29.05, .hilly), .init("331024", "仙居县", 120.73, 28.85, .hilly),
        .init("331122", "缙云县", 120.09, 28.66, .hilly), .init("330182", "建德市", 119.28, 29.47, .hilly),
        .init("330205", "江北区", 121.56, 29.89, .urban), .init("330304", "瓯海区", 120.58, 27.97, .urban),
        .init("330305", "洞头区", 121.16, 27.84, .plain), .init("330383", "龙港市", 120.55, 27.58, .plain),
        .init("330703", "金东区", 119.69, 29.10, .plain), .init("331083", "玉环市", 121.23, 28.14, .plain),
    ]
}
