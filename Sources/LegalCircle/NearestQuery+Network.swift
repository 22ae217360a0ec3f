/// What the road network says about one location (`nearest` by network travel).
public struct NetworkNearest: Sendable, Equatable {
    /// "network (roads FILE)".
    public var modelName: String
    /// False when the location lies farther than the profile's access distance from every road of its
    /// zone's mode: the answer is then the straight-line estimate, and says so.
    public var attached: Bool
    /// Index into the points of the station the roads lead to first; nil when none is reachable.
    public var station: Int?
    /// Access leg plus network minutes to `station`; infinity when none is reachable or not attached.
    public var minutes: Double
    /// Minutes of the access leg alone (straight line to the nearest usable road at the mode's speed).
    public var accessMinutes: Double
    /// Per listed point (the order of `NearestQuery.nearest`), minutes over the roads to that point;
    /// infinity where it cannot be reached; empty when not attached.
    public var minutesTo: [Double]
}

extension NearestQuery {
    /// Minutes over the roads from `location` by its zone's mode: to the nearest eligible station, and
    /// to each of `nearby`. Asks `roads` exactly what the coverage engine asks it for a residence (the
    /// eligible stations as one multi-source search, the location as the residence), so the answer is
    /// what `report` gives a residence at the same place.
    /// - Complexity: one search per listed point besides the one from all stations.
    public static func network(
        from location: GeoCoordinate, zone: Zone, nearby: [NearbyPoint], points: [ServicePoint], parameters: CoverageParameters,
        roads: any RoadTravel
    ) -> NetworkNearest {
        let mode = parameters.profile.zoneModes[zone]!
        let longitudes = points.map(\.location.longitude)
        let latitudes = points.map(\.location.latitude)
        func travel(_ stations: [Int32]) -> ResidenceTravel {
            roads.travel(
                pointLongitudes: longitudes, pointLatitudes: latitudes, stations: stations,
                residenceLongitudes: [location.longitude], residenceLatitudes: [location.latitude], modes: [mode])
        }
        let all = travel(parameters.eligibleIndices(of: points).map { Int32($0) })
        guard all.attached[0] else {
            return NetworkNearest(
                modelName: roads.modelName, attached: false, station: nil, minutes: .infinity, accessMinutes: .infinity, minutesTo: [])
        }
        let station = all.station[0]
        let reachable = station >= 0 && all.seconds[0].isFinite
        return NetworkNearest(
            modelName: roads.modelName, attached: true, station: reachable ? Int(station) : nil,
            minutes: reachable ? all.seconds[0] / 60 : .infinity, accessMinutes: all.accessSeconds[0] / 60,
            minutesTo: nearby.map { travel([Int32($0.index)]).seconds[0] / 60 })
    }
}
