import LegalCircle
import LegalCircleImport
import LegalCircleStore

extension CoverageSession {
    /// The zone rule of a single location over what is stored: the latest zone areas, county boundaries
    /// and residences (see `LocationZoneRule`), with the fixed links of `profile`.
    /// - Throws: what the store throws.
    public func locationZoneRule(profile: TravelProfile) throws -> LocationZoneRule {
        let store = try store()
        let residences = try store.latestDataset(kind: .residences).map { try store.residences(datasetID: $0.id) }
        return LocationZoneRule(
            zoneAreas: try store.latestZoneAreas()?.areas, boundaries: try store.latestBoundaries()?.boundaries, links: profile.links,
            residences: residences)
    }
}
