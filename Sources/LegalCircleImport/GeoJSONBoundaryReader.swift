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

/// A GeoJSON file that cannot be used, with the feature at fault.
public struct GeoJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// The file could not be opened or read; the system's message.
        case unreadable(String)
        /// Not JSON at all; the parser's message.
        case notJSON(String)
        /// The top-level object is not a FeatureCollection; what it is instead.
        case notFeatureCollection(String)
        /// The `crs` member names a coordinate system that cannot be used (PROJ does not know it).
        case unsupportedCRS(String)
        /// The `crs` member names one projected system and the command line another.
        case conflictingCRS(declared: String, given: String)
        /// The coordinates cannot be converted to WGS84 (PROJ's or the converter's reason).
        case unconvertible(String)
        /// A FeatureCollection without features.
        case noFeatures
        /// The geometry of `features[feature]` is unusable.
        case badGeometry(feature: Int, String)
        /// `features[feature]` lacks a property; `available` lists the ones it has.
        case missingProperty(feature: Int, name: String, available: [String])
        /// A property has the wrong JSON type.
        case wrongType(feature: Int, property: String, expected: String, found: String)
        /// A property has an unusable value.
        case badValue(feature: Int, property: String, String)
    }

    /// The file as the caller named it.
    public var file: String
    public var problem: Problem

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .unreadable(let message): "\(file): cannot be read: \(message)"
        case .notJSON(let message): "\(file): \(message); save it as GeoJSON (RFC 7946) from QGIS or mapshaper"
        case .notFeatureCollection(let found):
            "\(file): expected a GeoJSON FeatureCollection (RFC 7946), found \(found)"
        case .unsupportedCRS(let name):
            "\(file): declares crs \"\(name)\", which is not a coordinate system legalcircle can use; "
                + "give the file's system with --boundaries-crs (or --zones-crs): wgs84, cgcs2000, gcj02, bd09 or EPSG:n"
        case .conflictingCRS(let declared, let given):
            "\(file): declares crs \(declared) but the command line says \(given); leave out the option or correct it"
        case .unconvertible(let reason): "\(file): \(reason)"
        case .noFeatures: "\(file): the FeatureCollection has no features"
        case .badGeometry(let feature, let reason): "\(file) features[\(feature)]: \(reason)"
        case .missingProperty(let feature, let name, let available):
            "\(file) features[\(feature)]: no property \"\(name)\"; its properties are "
                + (available.isEmpty ? "none" : available.sorted().map { "\"\($0)\"" }.joined(separator: ", "))
        case .wrongType(let feature, let property, let expected, let found):
            "\(file) features[\(feature)]: property \"\(property)\" should be \(expected), found \(found)"
        case .badValue(let feature, let property, let reason):
            "\(file) features[\(feature)]: property \"\(property)\": \(reason)"
        }
    }
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

    // MARK: - Decoding

    /// The largest GeoJSON file read (bytes): county or township boundaries of a whole province take a
    /// few MB; decoding JSON takes several times its size in memory, and a GeoJSON file is often a
    /// single line, so the limit is on the whole file.
    public static let maximumFileSize = 128 << 20

    private static func contents(_ path: String) throws -> Data {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
            size.intValue > maximumFileSize
        {
            throw GeoJSONError(
                file: path,
                problem: .unreadable(
                    "it is \(size.intValue >> 20) MB, more than the \(maximumFileSize >> 20) MB a boundary file may have; "
                        + "simplify the polygons (e.g. mapshaper -simplify 10%) or keep only the counties needed"))
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw GeoJSONError(file: path, problem: .unreadable(FileProblem.whyUnreadable(path)))
        }
    }

    /// The system of a file: the one given, unless it is WGS84 (or nil) and the file's `crs` member
    /// names another; a `crs` member naming WGS84 never overrides a given system (see the type's notes).
    static func resolvedSystem(declared name: String?, given: CoordinateSystem?, file: String) throws -> CoordinateSystem {
        let givenSystem = given ?? .wgs84
        guard let name else { return givenSystem }
        let declared: CoordinateSystem
        do {
            declared = try CoordinateSystem(parsing: name)
        } catch {
            throw GeoJSONError(file: file, problem: .unsupportedCRS(name))
        }
        if isWGS84(declared) { return givenSystem }
        if isWGS84(givenSystem) || givenSystem == declared { return declared }
        throw GeoJSONError(file: file, problem: .conflictingCRS(declared: declared.canonicalName, given: givenSystem.canonicalName))
    }

    static func isWGS84(_ system: CoordinateSystem) -> Bool {
        [.wgs84, .cgcs2000, .epsg(4326), .epsg(4490)].contains(system)
    }

    /// nil for WGS84 and CGCS2000 (kept as they are).
    private static func converter(for system: CoordinateSystem, file: String) throws -> CoordinateConverter? {
        guard !isWGS84(system) else { return nil }
        do {
            return try CoordinateConverter(from: system)
        } catch {
            throw GeoJSONError(file: file, problem: .unconvertible("cannot convert from \(error)"))
        }
    }

    private static func decodeFeatures(_ data: Data, file: String) throws -> (features: [FeatureDTO], crsName: String?) {
        let collection: CollectionDTO
        do {
            collection = try JSONDecoder().decode(CollectionDTO.self, from: data)
        } catch let error as GeoJSONError {
            throw error
        } catch {
            // In words, without the decoder's or Foundation's own text.
            throw GeoJSONError(file: file, problem: .notJSON(DecodingProblem.describe(error, json: data)))
        }
        guard collection.type == "FeatureCollection" else {
            throw GeoJSONError(
                file: file, problem: .notFeatureCollection(collection.type.map { "type \"\($0)\"" } ?? "no \"type\" member"))
        }
        guard let features = collection.features, !features.isEmpty else {
            throw GeoJSONError(file: file, problem: .noFeatures)
        }
        for (index, feature) in features.enumerated() {
            if let problem = feature.problem { throw GeoJSONError(file: file, problem: problem(index)) }
        }
        return (features, collection.crsName)
    }

    private static func codeValue(_ feature: FeatureDTO, index: Int, key: String, file: String) throws -> String {
        guard let value = feature.properties[key] else {
            throw GeoJSONError(file: file, problem: .missingProperty(feature: index, name: key, available: Array(feature.properties.keys)))
        }
        // A county code is a 6-digit administrative code (GB/T 2260): anything else would become a
        // "county" in every report (and a formula or markup in a spreadsheet).
        func sixDigits(_ code: String, shown: String) throws -> String {
            guard code.utf8.count == 6, code.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else {
                let display = shown.count > 40 ? String(shown.prefix(40)) + "…" : shown
                throw GeoJSONError(
                    file: file,
                    problem: .badValue(
                        feature: index, property: key,
                        "\(display) is not a 6-digit administrative code such as 330106; "
                            + "name the property that holds the codes with --code-field"))
            }
            return code
        }
        switch value {
        case .string(let text):
            let code = text.trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty else {
                throw GeoJSONError(file: file, problem: .badValue(feature: index, property: key, "the code is empty"))
            }
            return try sixDigits(code, shown: "\"\(code)\"")
        case .number(let number):
            guard number == number.rounded(), abs(number) < 1e15 else {
                throw GeoJSONError(
                    file: file, problem: .wrongType(feature: index, property: key, expected: "a string or a whole number", found: "\(number)"))
            }
            return try sixDigits(String(Int64(number)), shown: String(Int64(number)))
        default:
            throw GeoJSONError(
                file: file, problem: .wrongType(feature: index, property: key, expected: "a string or a whole number", found: value.typeName))
        }
    }

    private static func textValue(_ value: PropertyValue, feature: Int, key: String, file: String) throws -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        default:
            throw GeoJSONError(file: file, problem: .wrongType(feature: feature, property: key, expected: "a string", found: value.typeName))
        }
    }

    /// Validates the feature's rings, converts them to WGS84 and turns them into polygons.
    private static func polygons(
        _ feature: FeatureDTO, index: Int, file: String, converter: CoordinateConverter?
    ) throws -> [GeoPolygon] {
        func fail(_ reason: String) -> GeoJSONError { GeoJSONError(file: file, problem: .badGeometry(feature: index, reason)) }
        guard case .polygons(let parts, let isMulti) = feature.geometry else {
            preconditionFailure("decodeFeatures rejects features without polygons")
        }
        guard !parts.isEmpty else { throw fail("the geometry has no polygons") }
        return try parts.enumerated().map { partIndex, rings in
            let part = isMulti ? "polygon \(partIndex + 1), " : ""
            guard !rings.isEmpty else { throw fail("\(part)has no rings") }
            let converted: [[GeoCoordinate]] = try rings.enumerated().map { ringIndex, positions in
                let ring = "\(part)ring \(ringIndex + 1) (\(ringIndex == 0 ? "exterior" : "hole"))"
                var xs: [Double] = []
                var ys: [Double] = []
                xs.reserveCapacity(positions.count)
                ys.reserveCapacity(positions.count)
                let projected = converter?.unit == .metres
                for (positionIndex, position) in positions.enumerated() {
                    guard position.count >= 2 else {
                        throw fail("\(ring), position \(positionIndex + 1): a position needs longitude and latitude, found \(position)")
                    }
                    let longitude = position[0], latitude = position[1]
                    guard longitude.isFinite, latitude.isFinite, projected || (abs(longitude) <= 180 && abs(latitude) <= 90) else {
                        throw fail(
                            "\(ring), position \(positionIndex + 1): [\(longitude), \(latitude)] is not longitude/latitude in degrees "
                                + "(projected coordinates? give their system with --boundaries-crs EPSG:n)")
                    }
                    xs.append(longitude)
                    ys.append(latitude)
                }
                if let converter {
                    do {
                        try converter.toWGS84(x: &xs, y: &ys)
                    } catch {
                        throw fail("\(ring): cannot convert from \(converter.source) to WGS84: \((error as? CoordinateSystemError)?.message ?? "\(error)")")
                    }
                }
                let coordinates = zip(xs, ys).map { GeoCoordinate(longitude: $0, latitude: $1) }
                guard coordinates.count >= 4 else {
                    throw fail("\(ring) has \(coordinates.count) positions; a closed ring needs at least 4")
                }
                guard coordinates.first == coordinates.last else {
                    throw fail("\(ring) is not closed: the first and last positions differ (RFC 7946 §3.1.6)")
                }
                guard Set(coordinates).count >= 3 else { throw fail("\(ring) has fewer than 3 distinct positions") }
                return coordinates
            }
            return GeoPolygon(exterior: converted[0], holes: Array(converted.dropFirst()))
        }
    }
}

// MARK: - Lenient decoding: problems are kept per feature so that the message can name it.

private struct CollectionDTO: Decodable {
    var type: String?
    var crsName: String?
    var features: [FeatureDTO]?

    enum CodingKeys: String, CodingKey { case type, crs, features }
    enum CRSKeys: String, CodingKey { case properties }
    enum CRSPropertyKeys: String, CodingKey { case name }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            type = "not an object"
            return
        }
        type = try? container.decodeIfPresent(String.self, forKey: .type)
        if let crs = try? container.nestedContainer(keyedBy: CRSKeys.self, forKey: .crs),
            let properties = try? crs.nestedContainer(keyedBy: CRSPropertyKeys.self, forKey: .properties)
        {
            crsName = try? properties.decodeIfPresent(String.self, forKey: .name)
        }
        guard type == "FeatureCollection" else { return }
        features = try container.decodeIfPresent([FeatureDTO].self, forKey: .features)
    }
}

private enum PropertyValue: Decodable {
    case string(String), number(Double), bool(Bool), null, other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else {
            self = .other
        }
    }

    var typeName: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .other: "an object or array"
        }
    }
}

private struct FeatureDTO: Decodable {
    enum Geometry {
        /// Polygons as rings of positions; `isMulti` for a MultiPolygon.
        case polygons([[[[Double]]]], isMulti: Bool)
        case problem(String)
    }

    var properties: [String: PropertyValue] = [:]
    var geometry: Geometry = .problem("")
    /// The first problem found, as a function of the feature's index.
    var problem: ((Int) -> GeoJSONError.Problem)?

    enum CodingKeys: String, CodingKey { case type, properties, geometry }
    enum GeometryKeys: String, CodingKey { case type, coordinates }

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            problem = { .badGeometry(feature: $0, "the feature is not a JSON object") }
            return
        }
        let type = try? container.decodeIfPresent(String.self, forKey: .type)
        guard type == "Feature" else {
            problem = { .badGeometry(feature: $0, "\"type\" is \(type.map { "\"\($0)\"" } ?? "missing"), expected \"Feature\"") }
            return
        }
        if (try? container.decodeNil(forKey: .properties)) ?? true {
            properties = [:]
        } else if let decoded = try? container.decode([String: PropertyValue].self, forKey: .properties) {
            properties = decoded
        } else {
            problem = { .wrongType(feature: $0, property: "properties", expected: "an object", found: "another JSON type") }
            return
        }
        guard container.contains(.geometry), !((try? container.decodeNil(forKey: .geometry)) ?? true) else {
            problem = { .badGeometry(feature: $0, "the geometry is null or missing; boundaries need a Polygon or MultiPolygon") }
            return
        }
        guard let geometry = try? container.nestedContainer(keyedBy: GeometryKeys.self, forKey: .geometry) else {
            problem = { .badGeometry(feature: $0, "the geometry is not a JSON object") }
            return
        }
        let geometryType = (try? geometry.decodeIfPresent(String.self, forKey: .type)) ?? nil
        switch geometryType {
        case "Polygon":
            if let rings = try? geometry.decode([[[Double]]].self, forKey: .coordinates) {
                self.geometry = .polygons([rings], isMulti: false)
            } else {
                problem = { .badGeometry(feature: $0, "Polygon coordinates must be an array of rings, each an array of [longitude, latitude] number pairs") }
            }
        case "MultiPolygon":
            if let parts = try? geometry.decode([[[[Double]]]].self, forKey: .coordinates) {
                self.geometry = .polygons(parts, isMulti: true)
            } else {
                problem = { .badGeometry(feature: $0, "MultiPolygon coordinates must be an array of polygons, each an array of rings of [longitude, latitude] number pairs") }
            }
        default:
            let found = geometryType.map { "\"\($0)\"" } ?? "missing"
            problem = { .badGeometry(feature: $0, "geometry type is \(found); boundaries must be Polygon or MultiPolygon") }
        }
    }
}
