import LegalCircle

/// Where a location's zone came from (`LocationZoneRule`), in the order the rule tries them.
public enum ZoneSource: String, Sendable, CaseIterable {
    /// Given with the query (`zone=`).
    case request
    /// The zone polygon containing the location (zone areas stored with `load --zones`).
    case zonePolygon = "zone polygon"
    /// On a land mass other than the mainland (the county boundaries and the profile's fixed links).
    case island
    /// The zone most residents of the loaded residences in the location's grid cell have.
    case residences
    /// Nothing above applies: the default zone of `load`.
    case defaultZone = "default"
}

/// The zone a residence at one location would get, for a single point (the residents' look-up):
/// the order of `ZoneAssignment` with the same pieces — the zone polygon containing the point
/// (`ZoneAreaIndex`), island when its land mass is not the mainland (`LandMasses`, as `IslandRule`
/// finds it) — and, in place of the density classification or the file's own zones, which need the
/// whole table, the zone the loaded residences of the point's cell were given (by their file, or by
/// `load`'s classification), weighted by population; else `load`'s default zone.
public struct LocationZoneRule: Sendable {
    let areas: ZoneAreaIndex?
    let landMasses: LandMasses?
    let cells: ZoneCells?
    public let defaultZone: Zone

    /// - Parameters:
    ///   - zoneAreas: stored zone polygons; nil when none are loaded.
    ///   - boundaries: the county boundaries (for land masses); nil when none are loaded.
    ///   - residences: the latest residences, whose zones are kept per cell; nil when none are loaded.
    public init(
        zoneAreas: [ZoneArea]?, boundaries: [Boundary]?, links: [FixedLink], residences: ResidenceTable?,
        defaultZone: Zone = LocationZoneRule.loadDefault
    ) {
        areas = zoneAreas.map(ZoneAreaIndex.init)
        landMasses = boundaries.map { LandMasses(boundaries: $0, links: links) }
        cells = residences.map(ZoneCells.init)
        self.defaultZone = defaultZone
    }

    /// `load --default-zone`'s default.
    public static let loadDefault = Zone.rural

    /// The location's zone and which step decided it.
    /// - Complexity: a polygon look-up, a land-mass look-up and a hash look-up.
    public func zone(longitude: Double, latitude: Double) -> (zone: Zone, source: ZoneSource) {
        if let zone = areas?.zone(longitude: longitude, latitude: latitude) { return (zone, .zonePolygon) }
        if let landMasses, landMasses.landMasses(longitudes: [longitude], latitudes: [latitude])[0] > LandMasses.mainland {
            return (.island, .island)
        }
        if let zone = cells?.zone(longitude: longitude, latitude: latitude) { return (zone, .residences) }
        return (defaultZone, .defaultZone)
    }
}

/// The zone holding most residents in each cell of 1/256° (about 400 m, the cells of
/// `RoadNetwork.spatialOrder`) that has residences: a few bytes per occupied cell, not per residence.
struct ZoneCells: Sendable {
    static let cellsPerDegree = 256.0
    private let zones: [Int64: Zone]

    init(_ residences: ResidenceTable) {
        let zoneCount = Zone.allCases.count
        var slots: [Int64: Int] = [:]
        var people: [Double] = []
        for i in 0..<residences.count {
            guard let key = Self.key(residences.longitudes[i], residences.latitudes[i]) else { continue }
            let slot = slots[key] ?? {
                slots[key] = people.count / zoneCount
                people += repeatElement(0, count: zoneCount)
                return people.count / zoneCount - 1
            }()
            // A residence without people still says which zone its place is in.
            people[slot * zoneCount + Int(residences.zones[i].rawValue)] += max(residences.populations[i], 0) + 1e-9
        }
        // Ties go to the first zone in `Zone` order, so the answer does not depend on hashing.
        zones = slots.mapValues { slot in
            var best = 0
            for z in 1..<zoneCount where people[slot * zoneCount + z] > people[slot * zoneCount + best] { best = z }
            return Zone(rawValue: UInt8(best)) ?? .urban
        }
    }

    func zone(longitude: Double, latitude: Double) -> Zone? {
        Self.key(longitude, latitude).flatMap { zones[$0] }
    }

    private static func key(_ longitude: Double, _ latitude: Double) -> Int64? {
        guard longitude.isFinite, latitude.isFinite else { return nil }
        let x = Int64(((longitude + 180) * cellsPerDegree).rounded(.down))
        let y = Int64(((latitude + 90) * cellsPerDegree).rounded(.down))
        return x << 20 | y
    }
}
