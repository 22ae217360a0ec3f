/// A village or community (a residence whose id is a 12-digit statistical code) that no eligible point
/// covers: what the assessment lists by name for the bureau to act on.
public struct UncoveredVillage: Sendable, Equatable, Codable {
    /// The 12-digit statistical code (统计用区划代码).
    public var code: String
    /// The name from the residences file (名称), empty when the file has none.
    public var name: String
    /// The county the village lies in (from the data or the boundaries), nil when none.
    public var county: String?
    public var population: Double
    public var zone: Zone
    /// Estimated minutes to the nearest eligible point; nil when there is none on its land mass.
    public var minutes: Double?
    public var nearestPointID: String?
    public var nearestPointName: String?
    /// Where it lies (WGS84).
    public var location: GeoCoordinate

    public init(
        code: String, name: String, county: String?, population: Double, zone: Zone, minutes: Double?,
        nearestPointID: String?, nearestPointName: String?, location: GeoCoordinate
    ) {
        self.location = location
        self.code = code
        self.name = name
        self.county = county
        self.population = population
        self.zone = zone
        self.minutes = minutes
        self.nearestPointID = nearestPointID
        self.nearestPointName = nearestPointName
    }

    /// The 9-digit township part of the code.
    public var township: String { String(code.prefix(9)) }
}
