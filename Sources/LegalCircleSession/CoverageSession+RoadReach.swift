import LegalCircle
import LegalCircleGIS
import LegalCircleReports
import LegalCircleRoads

extension CoverageSession {
    /// The `road_reach` layer of a run by network travel: the segments within the run's minutes of one
    /// of its eligible stations, per mode, over the roads it was computed with (a stored run's: the
    /// roads stored with the datasets). nil for a run by the straight-line estimate.
    func roadReach(_ run: CoverageRun) throws -> RoadReachLayer? {
        guard run.description.travelModel != nil else { return nil }
        let profile = run.parameters.profile
        let travel = try run.roads ?? roadTravel(RuleRequest(travel: .network), profile: profile, source: .latest)
        guard let network = (travel as? NetworkTravel)?.network else { return nil }
        let points = try points(of: run)
        let reach = NetworkReach(
            network: network, longitudes: points.map(\.location.longitude), latitudes: points.map(\.location.latitude),
            stations: run.parameters.eligibleIndices(of: points).map { Int32($0) }, minutes: profile.minutes)
        return RoadReachLayer(
            segments: reach.segments.map {
                RoadReachLayer.Segment(
                    mode: $0.mode.rawValue, from: $0.from, to: $0.to, minutesBest: $0.minutesBest, minutesWorst: $0.minutesWorst,
                    stationID: $0.station >= 0 ? points[Int($0.station)].id : nil)
            },
            minutes: profile.minutes)
    }
}
