import LegalCircle

/// Decides the zone of residences whose file gave none, in this order: the zone polygon containing
/// them (`--zones`), island when on a land mass other than the mainland, then density classification
/// (`--classify-zones`) or the default zone.
public struct ZoneAssignment {
    public var zoneAreas: [ZoneArea]?
    public var classify: Bool
    public var defaultZone: Zone
    public var boundaries: [Boundary]?
    public var profile: TravelProfile

    public init(zoneAreas: [ZoneArea]?, classify: Bool, defaultZone: Zone, boundaries: [Boundary]?, profile: TravelProfile) {
        self.zoneAreas = zoneAreas
        self.classify = classify
        self.defaultZone = defaultZone
        self.boundaries = boundaries
        self.profile = profile
    }

    /// - Returns: lines for the load summary (counts per zone and how they were decided).
    public func apply(to residences: inout ResidenceTable, given: [Bool]) throws -> [String] {
        var decided: [Zone?] = (0..<residences.count).map { given[$0] ? residences.zones[$0] : nil }
        var lines: [String] = []
        if let zoneAreas {
            let fromPolygons = ZoneAreaIndex(areas: zoneAreas).zones(
                longitudes: residences.longitudes, latitudes: residences.latitudes)
            var count = 0
            for i in decided.indices where decided[i] == nil {
                if let zone = fromPolygons[i] {
                    decided[i] = zone
                    count += 1
                }
            }
            lines.append("zones: \(count) residences took the zone of the polygon containing them")
        }
        let massOf = IslandRule(boundaries: boundaries, links: profile.links, residences: residences)?.residences
        if classify {
            let frame = try PlanarFrame(longitudes: [residences.longitudes], latitudes: [residences.latitudes])
            let result = try ZoneClassifier.classify(
                residences: residences, frame: frame, landMasses: massOf, given: decided,
                parameters: profile.zoneClassification)
            lines += result.summaryLines.map { "zones: " + $0 }
            decided = result.zones.map { Optional($0) }
        } else {
            var islanders = 0
            var defaulted = 0
            for i in decided.indices where decided[i] == nil {
                if let massOf, massOf[i] > 0 {
                    decided[i] = .island
                    islanders += 1
                } else {
                    decided[i] = defaultZone
                    defaulted += 1
                }
            }
            if massOf != nil { lines.append("zones: \(islanders) residences on islands without a given zone are island") }
            lines.append("zones: \(defaulted) residences outside every zone polygon took the default zone \(defaultZone)")
        }
        residences = residences.replacing(zones: decided.map { $0! })
        var people = [Double](repeating: 0, count: Zone.allCases.count)
        var counts = [Int](repeating: 0, count: Zone.allCases.count)
        for i in 0..<residences.count {
            people[Int(residences.zones[i].rawValue)] += residences.populations[i]
            counts[Int(residences.zones[i].rawValue)] += 1
        }
        lines.append(
            "zones: " + Zone.allCases.map { "\($0) \(counts[Int($0.rawValue)]) residences, \(Int(people[Int($0.rawValue)].rounded())) people" }
                .joined(separator: "; "))
        return lines
    }
}
