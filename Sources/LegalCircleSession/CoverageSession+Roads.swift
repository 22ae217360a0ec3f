import LegalCircle
import LegalCircleRoads

extension CoverageSession {
    /// The travel model a rule asks for: the road network of `rule.roads` unless `--travel straight`,
    /// nil for the straight-line estimate.
    /// - Throws: `SessionError` when network travel is asked for without roads; `RoadReadError` when the
    ///   road file cannot be read.
    func roadTravel(_ rule: RuleRequest, profile: TravelProfile) throws -> (any RoadTravel)? {
        switch (rule.travel, rule.roads) {
        case (.straight, _), (nil, nil):
            return nil
        case (.network, nil):
            throw SessionError(
                "--travel network needs a road network: give --roads FILE (an OpenStreetMap .osm.pbf extract or GeoJSON lines)")
        case (_, let path?):
            return try NetworkTravel.read(path, profile: profile)
        }
    }
}
