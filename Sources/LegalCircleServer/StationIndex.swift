import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleRoads
import LegalCircleSession
import LegalCircleStore
import Synchronization

/// The service points of the latest points dataset, read once at start-up, with their k-d trees
/// (`NearestIndex`, the same one `legalcircle nearest` builds) and each station's JSON fields that do
/// not depend on the query, so that a look-up touches neither the database nor an encoder.
final class StationIndex: Sendable {
    let points: [ServicePoint]
    let datasetName: String
    let profile: TravelProfile
    /// Run parameters (profile, kinds) of the look-ups: the shipped default profile.
    let parameters: CoverageParameters
    /// Per station: `"id":…,"name":…,"kinds":[…],"level":…,"county":…,"countyName":…`.
    let fixedJSON: [[UInt8]]
    /// The index over every kind (the common query), outside the lock.
    let anyKind: NearestIndex
    /// The stored roads prepared for searches from a location; nil when no roads are stored (the
    /// straight-line estimate then answers).
    let roads: LocationTravel?
    /// The zone of a location without `zone=`, from the stored zones, boundaries and residences.
    let zones: LocationZoneRule
    /// Indexes for other sets of kinds, built on first use.
    private let byKinds = Mutex<[UInt16: NearestIndex]>([:])
    /// Above this many cached sets (of 255) a rare set is indexed per query instead of kept.
    static let cachedKindSets = 64

    /// - Throws: what the store throws; `ServerError` when no points dataset is loaded.
    init(session: CoverageSession) throws {
        let store = try session.store()
        guard let dataset = try store.latestDataset(kind: .points) else {
            throw ServerError(
                "no service points are loaded in \(session.databasePath): load them with `legalcircle load --points FILE` first")
        }
        points = try store.servicePoints(datasetID: dataset.id)
        datasetName = dataset.name
        parameters = try session.parameters(RuleRequest())
        profile = parameters.profile
        let names = session.placeNames(for: points.compactMap(\.county))
        fixedJSON = points.map { Self.fixedFields($0, names: names) }
        anyKind = NearestIndex(points: points, kinds: parameters.kinds)
        // Stopped at the circle's own minutes: within them the minutes are exact, beyond them a station is
        // outside the circle whatever its minutes, and the search stays bounded.
        let points = points, profile = profile
        roads = try session.storedRoadTravel(profile: profile).map {
            LocationTravel(
                travel: $0, longitudes: points.map(\.location.longitude), latitudes: points.map(\.location.latitude),
                cutoffSeconds: profile.minutes * 60)
        }
        zones = try session.locationZoneRule(profile: profile)
    }

    /// The index of the points offering one of `kinds`.
    func index(for kinds: ServiceKinds?) -> NearestIndex {
        guard let kinds, kinds != parameters.kinds else { return anyKind }
        if let cached = byKinds.withLock({ $0[kinds.rawValue] }) { return cached }
        let index = NearestIndex(points: points, kinds: kinds)
        byKinds.withLock { if $0.count < Self.cachedKindSets { $0[kinds.rawValue] = index } }
        return index
    }

    private static func fixedFields(_ point: ServicePoint, names: PlaceNames) -> [UInt8] {
        var json = JSONBytes(capacity: 256)
        json.raw("\"id\":")
        json.string(point.id)
        json.raw(",\"name\":")
        json.string(point.name)
        json.raw(",\"kinds\":[")
        for (offset, name) in point.kinds.canonicalNames.enumerated() {
            if offset > 0 { json.byte(UInt8(ascii: ",")) }
            json.string(name)
        }
        json.raw("],\"level\":")
        json.string(point.level.rawValue)
        json.raw(",\"county\":")
        if let county = point.county { json.string(county) } else { json.raw("null") }
        json.raw(",\"countyName\":")
        if let name = point.county.flatMap({ names.counties[$0] }) { json.string(name) } else { json.raw("null") }
        return json.bytes
    }
}
