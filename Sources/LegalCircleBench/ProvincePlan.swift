import LegalCircle

/// Where one county's people live, before any residence is drawn: urban cores and villages ("anchors")
/// with their census people. The plan depends on the seed but not on the number of residences, so a
/// larger run draws more residences around the same places.
struct CountyPlan: Sendable {
    /// A place residents are drawn around.
    struct Anchor: Sendable {
        var location: GeoCoordinate
        /// The piece of land it stands on; its residents stay on that piece.
        var piece: Int32
        /// Cores: radius of a uniform disk; villages: the Gaussian σ of each axis (km).
        var spreadKm: Double
        /// Census residents placed here.
        var people: Double
        /// Index into `ProvinceData.townships`, -1 for a core at the county seat without a township.
        var township: Int
        /// Index into `ProvinceData.villages`, -1 for a core or a synthetic village.
        var village: Int
        /// urban for cores, rural or mountain for villages; island is decided by the piece.
        var zone: Zone
        var isCore: Bool { zone == .urban }
    }

    /// A township seat: real (2016 data) or synthetic when the 2016 data has none.
    struct TownshipSeat: Sendable {
        var township: Int
        var location: GeoCoordinate
        var piece: Int32
        var isSynthetic: Bool
    }

    var county: Int
    var seat: GeoCoordinate
    var seatPiece: Int32
    /// The seat is the polygon's interior point: no located seat in the shipped points.
    var seatFromPolygon: Bool
    var townshipSeats: [TownshipSeat]
    var cores: [Anchor]
    var villages: [Anchor]
}

/// The figures the plan uses, each with its reason.
enum ProvincePlanRules {
    /// Urban core density: 10,000 residents per km² (100 m² of urban land per resident, inside the
    /// 65–115 m² per resident of the national standard GB 50137-2011 《城市用地分类与规划建设用地标准》).
    static let coreDensity = 10_000.0
    /// A township is an urban core of its own when its share of the county's urban residents reaches the
    /// Degree of Urbanisation's urban-centre minimum of 50,000 (the threshold `ZoneClassifier` applies).
    static let coreMinimumPopulation = 50_000.0
    /// The township whose seat is within this distance of the county seat is always a core.
    static let seatTownshipKm = 5.0
    /// Synthetic villages stay this far outside a core's disk (about two village spreads).
    static let coreMarginKm = 1.0
    /// Villages at or above this elevation (bilinear on the 0.2° sample) are mountain hamlets.
    static let mountainElevation = 500.0
    /// So are all villages of a county whose rural residents per km² of land are below 50, the
    /// classifier's mountain threshold.
    static let mountainRuralDensity = 50.0
    /// Peak density of a mountain hamlet (residents per km²): below the classifier's 50, so that at
    /// building-level sizes (a few people per residence) the classifier also finds mountain.
    static let hamletPeakDensity = 25.0
    /// Peak density of a plain village: rural, well under the 1,500 of an urban cell.
    static let villagePeakDensity = 600.0
    /// Villages of a township lie within this factor times the radius of the township's share of the
    /// county's land.
    static let townshipReach = 1.2
}

extension ProvinceGenerator {
    /// The seats of today's counties: the 2016 seat of the same code, else of the code renamed to it,
    /// else of a split code whose seat lies in it; counties left without one get the interior point of
    /// their largest polygon (`Boundary.representativePoint`).
    static func countySeats(data: ProvinceData, land: ProvinceLand)
        -> [(location: GeoCoordinate, piece: Int32, fromPolygon: Bool)]
    {
        data.counties.enumerated().map { county, info in
            func inside(_ point: GeoCoordinate) -> Int32? {
                let piece = land.piece(longitude: point.longitude, latitude: point.latitude)
                return piece >= 0 && land.pieceCounty[Int(piece)] == Int32(county) ? piece : nil
            }
            let ranked = data.seats2016.compactMap { seat -> (rank: Int, GeoCoordinate, Int32)? in
                guard let piece = inside(seat.location) else { return nil }
                switch data.countyTable.successor(of: seat.code, in: .nbs2016) {
                case .same where seat.code == info.code: return (0, seat.location, piece)
                case .renamedOrMerged(let code) where code == info.code: return (1, seat.location, piece)
                case .split(let codes) where codes.contains(info.code): return (2, seat.location, piece)
                default: return nil
                }
            }
            if let best = ranked.min(by: { $0.rank < $1.rank }) { return (best.1, best.2, false) }
            if let point = info.boundary.representativePoint {
                let rounded = GeoCoordinate(longitude: toMicrodegrees(point.longitude), latitude: toMicrodegrees(point.latitude))
                if let piece = inside(rounded) { return (rounded, piece, true) }
                if let piece = inside(point) { return (point, piece, true) }
            }
            var random = SplitMix64.stream(seed: 0, 9, county)
            let fallback = land.randomPoint(inCounty: county, random: &random)!
            return (fallback.location, fallback.piece, true)
        }
    }

    /// Lays out one county: township seats, urban cores and villages with their people.
    static func plan(
        county: Int, data: ProvinceData, land: ProvinceLand, seat: (location: GeoCoordinate, piece: Int32, fromPolygon: Bool),
        townships: [Int], villagesByTownship: [[Int]], seed: UInt64
    ) -> CountyPlan {
        var random = SplitMix64.stream(seed: seed, 1, county)
        let info = data.counties[county]
        let kx = kilometresPerDegreeLongitude(latitude: seat.location.latitude), ky = kilometresPerDegreeLatitude
        func piece(_ point: GeoCoordinate) -> Int32? {
            let piece = land.piece(longitude: point.longitude, latitude: point.latitude)
            return piece >= 0 && land.pieceCounty[Int(piece)] == Int32(county) ? piece : nil
        }
        func squaredKm(_ a: GeoCoordinate, _ b: GeoCoordinate) -> Double {
            let dx = (a.longitude - b.longitude) * kx, dy = (a.latitude - b.latitude) * ky
            return dx * dx + dy * dy
        }
        /// A point around `centre` on `piece`, uniform in a disk of `radius` km and rounded, outside the
        /// `avoid` disks if it can be (64 tries, then 64 more twice as far); nil when even the piece is missed.
        func around(_ centre: GeoCoordinate, piece target: Int32, radius: Double, avoid: [(GeoCoordinate, Double)] = [])
            -> GeoCoordinate?
        {
            var fallback: GeoCoordinate?
            for attempt in 0..<128 {
                let (dx, dy) = random.pointInRing(inner: 0, outer: attempt < 64 ? radius : 2 * radius)
                let point = GeoCoordinate(
                    longitude: toMicrodegrees(centre.longitude + dx / kx), latitude: toMicrodegrees(centre.latitude + dy / ky))
                guard land.piece(longitude: point.longitude, latitude: point.latitude) == target else { continue }
                if avoid.allSatisfy({ squaredKm($0.0, point) >= $0.1 * $0.1 }) { return point }
                if fallback == nil { fallback = point }
            }
            return fallback
        }

        // Township seats: real ones inside the county, then synthetic ones by best candidate (of 16
        // random points of the county, the farthest from every seat so far).
        var seats: [CountyPlan.TownshipSeat] = []
        var taken = [seat.location]
        var unlocated: [Int] = []
        for township in townships {
            if let location = data.townships[township].seat, let piece = piece(location) {
                seats.append(.init(township: township, location: location, piece: piece, isSynthetic: false))
                taken.append(location)
            } else {
                unlocated.append(township)
            }
        }
        for township in unlocated {
            var best: (location: GeoCoordinate, piece: Int32, distance: Double)?
            for _ in 0..<16 {
                guard let candidate = land.randomPoint(inCounty: county, random: &random) else { break }
                let distance = taken.map { squaredKm($0, candidate.location) }.min() ?? 0
                if best == nil || distance > best!.distance { best = (candidate.location, candidate.piece, distance) }
            }
            let chosen = best.map { ($0.location, $0.piece) } ?? (seat.location, seat.piece)
            seats.append(.init(township: township, location: chosen.0, piece: chosen.1, isSynthetic: true))
            taken.append(chosen.0)
        }
        let seatOf = Dictionary(uniqueKeysWithValues: seats.map { ($0.township, $0) })

        // Urban cores.
        let urban = Double(info.urbanPopulation)
        var cores: [CountyPlan.Anchor] = []
        let totalWeight = townships.reduce(0) { $0 + data.townships[$1].urbanWeight }
        if urban > 0 {
            var chosen: [(township: Int, weight: Double)] = []
            if totalWeight > 0 {
                let seatTownship = seat.fromPolygon ? nil : seats.filter { !$0.isSynthetic }
                    .min { squaredKm($0.location, seat.location) < squaredKm($1.location, seat.location) }
                    .flatMap { squaredKm($0.location, seat.location) <= pow2(ProvincePlanRules.seatTownshipKm) ? $0.township : nil }
                chosen = townships.filter { township in
                    let weight = data.townships[township].urbanWeight
                    return weight > 0
                        && (township == seatTownship || urban * weight / totalWeight >= ProvincePlanRules.coreMinimumPopulation)
                }.map { ($0, data.townships[$0].urbanWeight) }
                if chosen.isEmpty, let top = townships.max(by: { data.townships[$0].urbanWeight < data.townships[$1].urbanWeight }) {
                    chosen = [(top, data.townships[top].urbanWeight)]
                }
            }
            let chosenWeight = chosen.reduce(0) { $0 + $1.weight }
            for (township, weight) in chosen {
                let seat = seatOf[township]!
                let people = urban * weight / chosenWeight
                cores.append(
                    .init(location: seat.location, piece: seat.piece, spreadKm: coreRadius(people), people: people,
                          township: township, village: -1, zone: .urban))
            }
            if cores.isEmpty {
                cores.append(
                    .init(location: seat.location, piece: seat.piece, spreadKm: coreRadius(urban), people: urban, township: -1,
                          village: -1, zone: .urban))
            }
        }

        // Villages: the rural units of the county's townships, equal shares of its rural residents.
        let rural = Double(info.population - info.urbanPopulation)
        var villages: [CountyPlan.Anchor] = []
        guard rural > 0 else {
            return CountyPlan(
                county: county, seat: seat.location, seatPiece: seat.piece, seatFromPolygon: seat.fromPolygon,
                townshipSeats: seats, cores: cores, villages: [])
        }
        var units: [(township: Int, village: Int)] = []
        for township in townships {
            for village in villagesByTownship[township] where data.villages[village].isRural { units.append((township, village)) }
        }
        if units.isEmpty { units = (seats.isEmpty ? [] : seats.map { ($0.township, -1) }) }
        let perUnit = rural / Double(max(units.count, 1))
        let area = land.countyAreaKm2[county]
        let reach = ProvincePlanRules.townshipReach * (area / (Double.pi * Double(max(seats.count, 1)))).squareRoot()
        let sparse = rural / max(area, 1) < ProvincePlanRules.mountainRuralDensity
        // Synthetic villages keep out of the cores, with a margin for the village's spread.
        let footprints = cores.map { ($0.location, $0.spreadKm + ProvincePlanRules.coreMarginKm) }
        for (township, village) in units {
            let home = seatOf[township].map { ($0.location, $0.piece) } ?? (seat.location, seat.piece)
            var location = home.0
            var placed = home.1
            if village >= 0, let real = data.villages[village].location, let realPiece = piece(real) {
                (location, placed) = (real, realPiece)
            } else {
                let isCentre = village >= 0 && data.villages[village].urbanRuralClass == 210
                if let point = around(home.0, piece: home.1, radius: isCentre ? 0.6 : reach, avoid: footprints) { location = point }
            }
            let height = data.elevation.elevation(longitude: location.longitude, latitude: location.latitude)
            let mountain = sparse || height >= ProvincePlanRules.mountainElevation
            let peak = mountain ? ProvincePlanRules.hamletPeakDensity : ProvincePlanRules.villagePeakDensity
            let sigma = (perUnit / (2 * Double.pi * peak)).squareRoot()
            villages.append(
                .init(location: location, piece: placed, spreadKm: mountain ? min(max(sigma, 0.8), 4) : max(sigma, 0.5),
                      people: perUnit, township: township, village: village, zone: mountain ? .mountain : .rural))
        }
        return CountyPlan(
            county: county, seat: seat.location, seatPiece: seat.piece, seatFromPolygon: seat.fromPolygon,
            townshipSeats: seats, cores: cores, villages: villages)
    }

    /// The radius of a disk holding `people` at the core density, at least 300 m.
    static func coreRadius(_ people: Double) -> Double {
        max(0.3, (people / (Double.pi * ProvincePlanRules.coreDensity)).squareRoot())
    }
}

private func pow2(_ x: Double) -> Double { x * x }
