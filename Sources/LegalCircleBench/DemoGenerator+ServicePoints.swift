import LegalCircle

// MARK: - Service points

extension DemoGenerator {
    private static let comprehensive: ServiceKinds = [
        .consultation, .legalAid, .mediation, .notary, .lawyer, .publicity,
    ]

    /// One centre per county (province level in the capital, city level in each city's first county),
    /// the rest shared among grid and township stations in the cores (by residents), village stations
    /// at served villages, hamlets and islands.
    static func servicePoints(
        count: Int, clusters: [Cluster], counties: [CountyTemplate], random: inout SplitMix64
    ) -> [ServicePoint] {
        var points: [ServicePoint] = []
        points.reserveCapacity(count)
        let idWidth = max(6, String(count).count)
        func add(_ cluster: Cluster, spreadKm: Double, level: ServiceLevel, kinds: ServiceKinds, label: String) {
            let county = counties[cluster.county]
            let sigmaLongitude = spreadKm / (kilometresPerDegreeLatitude * taylorCosine(degrees: county.latitude))
            let minimumLongitude = cluster.zone == .island ? islandMinimumLongitude + 0.02 : longitudeRange.lowerBound
            let longitude = clamp(
                cluster.longitude + random.gaussian() * sigmaLongitude, minimumLongitude, longitudeRange.upperBound)
            let latitude = clamp(
                cluster.latitude + random.gaussian() * spreadKm / kilometresPerDegreeLatitude, latitudeRange.lowerBound,
                latitudeRange.upperBound)
            let id = identifier(UInt8(ascii: "P"), points.count + 1, width: idWidth)
            points.append(
                ServicePoint(
                    id: id, name: "\(county.name)\(label) \(id)", kinds: kinds, level: level,
                    location: GeoCoordinate(longitude: toMicrodegrees(longitude), latitude: toMicrodegrees(latitude)),
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
