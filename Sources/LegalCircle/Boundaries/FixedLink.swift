import Foundation

/// A bridge, tunnel or causeway joining two land masses, given by one point on each side (a little
/// inland). Linked land masses count as one: a station on one side serves residents on the other.
///
/// In profile JSON: `{"name": "...", "from": [lon, lat], "to": [lon, lat], "source": "..."}`.
public struct FixedLink: Sendable, Hashable, Codable {
    public var name: String
    public var from: GeoCoordinate
    public var to: GeoCoordinate
    /// Where the existence of the link is documented.
    public var source: String?

    public init(name: String, from: GeoCoordinate, to: GeoCoordinate, source: String? = nil) {
        self.name = name
        self.from = from
        self.to = to
        self.source = source
    }

    enum CodingKeys: String, CodingKey { case name, from, to, source }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        from = try FixedLink.position(container, .from, link: name)
        to = try FixedLink.position(container, .to, link: name)
        source = try container.decodeIfPresent(String.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode([from.longitude, from.latitude], forKey: .from)
        try container.encode([to.longitude, to.latitude], forKey: .to)
        try container.encodeIfPresent(source, forKey: .source)
    }

    private static func position(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, link: String
    ) throws -> GeoCoordinate {
        let values = try container.decode([Double].self, forKey: key)
        guard values.count == 2, (-180...180).contains(values[0]), (-90...90).contains(values[1]) else {
            throw ProfileError("link \"\(link)\": \"\(key.stringValue)\" must be [longitude, latitude] in degrees, got \(values)")
        }
        return GeoCoordinate(longitude: values[0], latitude: values[1])
    }
}

/// What became of one fixed link when the land masses were built.
public struct FixedLinkOutcome: Sendable, Hashable, CustomStringConvertible {
    public enum Status: Sendable, Hashable {
        /// The two ends were on different land masses, now one.
        case joined
        /// Both ends were already on one land mass (in the geometry or through earlier links).
        case alreadyJoined
        /// An end lies on no land polygon, nor within the snapping distance of one; the link is ignored.
        case offLand(end: String)
    }

    public var link: FixedLink
    public var status: Status
    /// Area in m² of the land mass each end stood on before any link was applied; nil when off land.
    public var fromArea: Double?
    public var toArea: Double?

    public var description: String {
        func km2(_ area: Double?) -> String { area.map { String(format: "%.1f km²", $0 / 1e6) } ?? "?" }
        switch status {
        case .joined: return "\(link.name): joins land masses of \(km2(fromArea)) and \(km2(toArea))"
        case .alreadyJoined: return "\(link.name): both ends already on one land mass"
        case .offLand(let end):
            return "\(link.name): the \(end) end is not on land in the boundaries (ignored)"
        }
    }
}
