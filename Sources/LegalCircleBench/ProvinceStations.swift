import LegalCircle

/// Service points of the province generator.
///
/// In order of priority (when fewer points are asked for, the list is cut there):
/// 1. 浙江省公共法律服务中心 (province level) and one 公共法律服务中心 per prefecture (city level), each near
///    the seat of the prefecture's lowest-coded district; a convention of the generator, not the real
///    address.
/// 2. A 公共法律服务中心 (county level) at every county seat.
/// 3. A 司法所 at every township seat of a 乡, 镇 or 街道: first the real 2016 seats, then the
///    synthetic seats of townships the 2016 data does not locate.
/// 4. The rest, shared between village stations (公共法律服务室, at rural village units, named after
///    them) and service grids (网格法律服务点, in the urban cores), in proportion to the rural and urban
///    residents; each is chosen by systematic sampling along the residents, so larger places get more.
extension ProvinceGenerator {
    static let comprehensive: ServiceKinds = [.consultation, .legalAid, .mediation, .notary, .lawyer, .publicity]

    func servicePoints(count: Int) -> [ServicePoint] {
        var random = SplitMix64.stream(seed: seed, 3, 0)
        var points: [ServicePoint] = []
        points.reserveCapacity(count)
        let width = max(6, String(count).count)
        func add(_ name: String, _ level: ServiceLevel, _ kinds: ServiceKinds, _ location: GeoCoordinate, county: Int) {
            guard points.count < count else { return }
            let id = DemoGenerator.identifier(UInt8(ascii: "P"), points.count + 1, width: width)
            points.append(
                ServicePoint(id: id, name: name, kinds: kinds, level: level, location: location, county: data.counties[county].code))
        }
        /// A point near `anchor` on its piece: a Gaussian of `spreadKm`, or the anchor itself.
        func near(_ location: GeoCoordinate, piece: Int32, spreadKm: Double, disk: Bool = false) -> GeoCoordinate {
            let kx = kilometresPerDegreeLongitude(latitude: location.latitude), ky = kilometresPerDegreeLatitude
            for _ in 0..<32 {
                let (dx, dy) = disk
                    ? random.pointInRing(inner: 0, outer: spreadKm) : (random.gaussian() * spreadKm, random.gaussian() * spreadKm)
                let x = toMicrodegrees(location.longitude + dx / kx), y = toMicrodegrees(location.latitude + dy / ky)
                if land.piece(longitude: x, latitude: y) == piece { return GeoCoordinate(longitude: x, latitude: y) }
            }
            return location
        }

        // 1. Province and prefectures.
        var prefectureSeen = Set<String>()
        for (county, info) in data.counties.enumerated() where prefectureSeen.insert(info.prefectureCode).inserted {
            let plan = plans[county]
            if county == 0 {
                add("浙江省公共法律服务中心", .province, .all, near(plan.seat, piece: plan.seatPiece, spreadKm: 0.3), county: county)
            }
            let location = near(plan.seat, piece: plan.seatPiece, spreadKm: 0.3)
            add("\(info.prefectureName)公共法律服务中心", .city, .all, location, county: county)
        }
        // 2. Counties.
        for (county, info) in data.counties.enumerated() {
            add("\(info.name)公共法律服务中心", .county, Self.comprehensive, plans[county].seat, county: county)
        }
        // 3. Townships: real seats, then synthetic ones.
        for synthetic in [false, true] {
            for plan in plans {
                for seat in plan.townshipSeats where seat.isSynthetic == synthetic && data.townships[seat.township].isAdministrative {
                    let name = "\(data.counties[plan.county].name)\(data.townships[seat.township].name)司法所"
                    add(name, .township, townshipKinds(&random), seat.location, county: plan.county)
                }
            }
        }

        // 4. Villages and grids.
        let remaining = count - points.count
        guard remaining > 0 else { return points }
        let villages = plans.flatMap { plan in plan.villages.map { (plan.county, $0) } }
        let cores = plans.flatMap { plan in plan.cores.map { (plan.county, $0) } }
        let ruralPeople = villages.reduce(0) { $0 + $1.1.people }, urbanPeople = cores.reduce(0) { $0 + $1.1.people }
        let split = DemoGenerator.split(remaining, by: [villages.isEmpty ? 0 : ruralPeople, cores.isEmpty ? 0 : urbanPeople])
        for index in Self.systematicSample(villages.map(\.1.people), count: split[0], random: &random) {
            let (county, village) = villages[index]
            let name = village.village >= 0 ? data.villages[village.village].name : "\(data.townships[village.township].name)村"
            add("\(data.counties[county].name)\(name)公共法律服务室", .village, villageKinds(&random),
                near(village.location, piece: village.piece, spreadKm: 0.1), county: county)
        }
        var gridNumbers = [Int](repeating: 0, count: cores.count)
        let urbanUnits = communityNames()
        for index in Self.systematicSample(cores.map(\.1.people), count: split[1], random: &random) {
            let (county, core) = cores[index]
            gridNumbers[index] += 1
            let township = core.township >= 0 ? data.townships[core.township].name : data.counties[county].name
            let communities = core.township >= 0 ? urbanUnits[core.township] : []
            let name = communities.isEmpty
                ? "\(township)第\(gridNumbers[index])网格法律服务点"
                : "\(township)\(communities[random.index(below: communities.count)])网格法律服务点"
            add(name, .grid, gridKinds(&random), near(core.location, piece: core.piece, spreadKm: core.spreadKm, disk: true),
                county: county)
        }
        return points
    }

    /// The names of each township's urban village units (社区), for grid names.
    private func communityNames() -> [[String]] {
        var names = [[String]](repeating: [], count: data.townships.count)
        for village in data.villages where !village.isRural { names[village.township].append(village.name) }
        return names
    }

    /// `count` indices drawn along the cumulative weights at a regular step from a random start:
    /// proportional to weight, spread evenly, an index repeated when its weight exceeds the step.
    static func systematicSample(_ weights: [Double], count: Int, random: inout SplitMix64) -> [Int] {
        let total = weights.reduce(0, +)
        guard count > 0, total > 0 else { return [] }
        let step = total / Double(count)
        var target = random.uniform(0, step)
        var picks: [Int] = []
        picks.reserveCapacity(count)
        var cumulative = 0.0
        var index = 0
        while picks.count < count, index < weights.count {
            if target < cumulative + weights[index] {
                picks.append(index)
                target += step
            } else {
                cumulative += weights[index]
                index += 1
            }
        }
        while picks.count < count { picks.append(weights.lastIndex { $0 > 0 }!) }
        return picks
    }

    private func townshipKinds(_ random: inout SplitMix64) -> ServiceKinds {
        let base: ServiceKinds = [.consultation, .legalAid, .mediation, .publicity]
        return random.uniform(0, 1) < 0.5 ? base.union(.lawyer) : base
    }

    private func villageKinds(_ random: inout SplitMix64) -> ServiceKinds {
        let u = random.uniform(0, 1)
        if u < 0.7 { return [.mediation, .consultation] }
        if u < 0.9 { return [.mediation, .consultation, .publicity] }
        return [.mediation, .consultation, .legalAid]
    }

    private func gridKinds(_ random: inout SplitMix64) -> ServiceKinds {
        random.uniform(0, 1) < 0.6 ? [.consultation, .mediation] : [.consultation, .mediation, .publicity]
    }
}
