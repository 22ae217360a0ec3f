import Foundation
import LegalCircle
import Projection

/// County boundaries read from a GeoJSON file, with the property names that were used.
public struct BoundaryFile: Sendable, Hashable {
    /// One per distinct code, in order of first appearance; features sharing a code are merged.
    public var boundaries: [Boundary]
    /// The property that gave the codes.
    public var codeField: String
    /// The property that gave the names; nil when the features have no names and the codes were used.
    public var nameField: String?
    /// Features in the file.
    public var featureCount: Int
    /// The system the file's coordinates were given in (the boundaries are converted to WGS84).
    public var system: CoordinateSystem

    public init(boundaries: [Boundary], codeField: String, nameField: String?, featureCount: Int, system: CoordinateSystem = .wgs84) {
        self.boundaries = boundaries
        self.codeField = codeField
        self.nameField = nameField
        self.featureCount = featureCount
        self.system = system
    }
}

/// Zone areas read from a GeoJSON file, converted to WGS84, and the system they were given in.
public struct ZoneFile: Sendable, Hashable {
    public var areas: [ZoneArea]
    public var system: CoordinateSystem
}

/// Reads county boundaries and zone areas from RFC 7946 GeoJSON FeatureCollections of Polygon and
/// MultiPolygon features.
///
/// Coordinates may be in any `CoordinateSystem` (WGS84, CGCS2000, GCJ-02, BD-09, any EPSG code PROJ
/// knows, projected ones as easting/northing): every vertex is converted to WGS84 with
/// `CoordinateConverter`. The system is the one given (`--boundaries-crs`, `--zones-crs`, `--crs`); a
/// legacy `crs` member naming a projected or other non-WGS84 EPSG system is used when none is given other
/// than WGS84, and conflicts with a different one given. A `crs` member naming WGS84 (OGC CRS84,
/// EPSG:4326, EPSG:4490) is not evidence against a GCJ-02 or BD-09 option: converters label every
/// output that way. Rings must be closed and have at least three distinct positions; a third
/// coordinate (height) is ignored.
public enum GeoJSONBoundaryReader {
    /// Code properties tried in order when none is named.
    public static let defaultCodeFields = ["adcode", "code"]
    /// The name property used when none is named.
    public static let defaultNameField = "name"

    /// Reads county boundaries.
    /// - Parameters:
    ///   - file: the path as the user gave it, used in every message.
    ///   - codeField: the property holding the code (string or whole number); nil tries `adcode`, then
    ///     `code`, choosing the first that the first feature has.
    ///   - nameField: the property holding the name; nil uses `name` when present, else the code.
    /// - Throws: `GeoJSONError` naming the feature at fault.
    /// - Complexity: O(bytes).
    ///   - system: the system of the coordinates (nil or WGS84: the file's `crs` member, else WGS84).
    public static func readBoundaries(
        data: Data, file: String, codeField: String? = nil, nameField: String? = nil, system: CoordinateSystem? = nil
    ) throws -> BoundaryFile {
        let (features, crsName) = try decodeFeatures(data, file: file)
        let system = try resolvedSystem(declared: crsName, given: system, file: file)
        let converter = try converter(for: system, file: file)
        let first = features[0].properties
        let codeKey: String
        if let codeField {
            codeKey = codeField
        } else if let found = defaultCodeFields.first(where: { first[$0] != nil }) {
            codeKey = found
        } else {
            throw GeoJSONError(
                file: file,
                problem: .missingProperty(feature: 0, name: defaultCodeFields.joined(separator: "\" or \""), available: Array(first.keys)))
        }
        let nameKey: String? = nameField ?? (features.contains { $0.properties[defaultNameField] != nil } ? defaultNameField : nil)

        var boundaries: [Boundary] = []
        var positionOfCode: [String: Int] = [:]
        for (index, feature) in features.enumerated() {
            let code = try codeValue(feature, index: index, key: codeKey, file: file)
            var name = code
            if let nameKey {
                if let value = feature.properties[nameKey] {
                    name = try textValue(value, feature: index, key: nameKey, file: file)
                } else if nameField != nil {
                    // Only an explicitly named field is required in every feature.
                    throw GeoJSONError(
                        file: file, problem: .missingProperty(feature: index, name: nameKey, available: Array(feature.properties.keys)))
                }
            }
            let polygons = try polygons(feature, index: index, file: file, converter: converter)
            if let position = positionOfCode[code] {
                boundaries[position].polygons += polygons
            } else {
                positionOfCode[code] = boundaries.count
                boundaries.append(Boundary(code: code, name: name, polygons: polygons))
            }
        }
        return BoundaryFile(
            boundaries: boundaries, codeField: codeKey, nameField: nameKey, featureCount: features.count, system: system)
    }

    /// Reads county boundaries from a file; `path` names the file in messages.
    public static func readBoundaries(
        contentsOfFile path: String, codeField: String? = nil, nameField: String? = nil, system: CoordinateSystem? = nil
    ) throws -> BoundaryFile {
        try readBoundaries(data: contents(path), file: path, codeField: codeField, nameField: nameField, system: system)
    }

    /// Reads zone areas: each feature's `zoneField` is `urban`, `rural`, `mountain`, `island` (any case)
    /// or 城区, 乡村, 山区, 海岛.
    /// - Parameter nameField: a property naming the area, optional in each feature.
    /// - Throws: `GeoJSONError` naming the feature at fault.
    public static func readZones(
        data: Data, file: String, zoneField: String = "zone", nameField: String? = "name"
    ) throws -> [ZoneArea] {
        try readZoneFile(data: data, file: file, zoneField: zoneField, nameField: nameField).areas
    }

    /// Reads zone areas in `system` (see `readBoundaries`), converted to WGS84.
    public static func readZoneFile(
        data: Data, file: String, zoneField: String = "zone", nameField: String? = "name", system: CoordinateSystem? = nil
    ) throws -> ZoneFile {
        let (features, crsName) = try decodeFeatures(data, file: file)
        let system = try resolvedSystem(declared: crsName, given: system, file: file)
        let converter = try converter(for: system, file: file)
        let areas = try features.enumerated().map { index, feature in
            guard let value = feature.properties[zoneField] else {
                throw GeoJSONError(
                    file: file, problem: .missingProperty(feature: index, name: zoneField, available: Array(feature.properties.keys)))
            }
            let text = try textValue(value, feature: index, key: zoneField, file: file)
            guard let zone = zone(named: text) else {
                throw GeoJSONError(
                    file: file,
                    problem: .badValue(
                        feature: index, property: zoneField,
                        "unknown zone \"\(text)\"; zones are urban, rural, mountain, island (or 城区, 乡村, 山区, 海岛)"))
            }
            var name: String?
            if let nameField, let value = feature.properties[nameField], case .string(let text) = value { name = text }
            return ZoneArea(zone: zone, name: name, polygons: try polygons(feature, index: index, file: file, converter: converter))
        }
        return ZoneFile(areas: areas, system: system)
    }

    /// Reads zone areas from a file in `system`; `path` names the file in messages.
    public static func readZoneFile(
        contentsOfFile path: String, zoneField: String = "zone", nameField: String? = "name", system: CoordinateSystem? = nil
    ) throws -> ZoneFile {
        try readZoneFile(data: contents(path), file: path, zoneField: zoneField, nameField: nameField, system: system)
    }

    /// Reads zone areas from a file; `path` names the file in messages.
    public static func readZones(
        contentsOfFile path: String, zoneField: String = "zone", nameField: String? = "name"
    ) throws -> [ZoneArea] {
        try readZones(data: contents(path), file: path, zoneField: zoneField, nameField: nameField)
    }

    /// The zone for a canonical name (any case) or its Chinese term; nil otherwise.
    public static func zone(named text: String) -> Zone? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let zone = Zone(name: trimmed.lowercased()) { return zone }
        return chineseZoneNames[trimmed]
    }

    static let chineseZoneNames: [String: Zone] = ["城区": .urban, "乡村": .rural, "山区": .mountain, "海岛": .island]
}
