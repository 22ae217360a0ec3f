import Foundation
import LegalCircle
import Projection

// MARK: - Decoding

extension GeoJSONBoundaryReader {
    /// The largest GeoJSON file read (bytes): county or township boundaries of a whole province take a
    /// few MB; decoding JSON takes several times its size in memory, and a GeoJSON file is often a
    /// single line, so the limit is on the whole file.
    public static let maximumFileSize = 128 << 20

    static func contents(_ path: String) throws -> Data {
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
    static func converter(for system: CoordinateSystem, file: String) throws -> CoordinateConverter? {
        guard !isWGS84(system) else { return nil }
        do {
            return try CoordinateConverter(from: system)
        } catch {
            throw GeoJSONError(file: file, problem: .unconvertible("cannot convert from \(error)"))
        }
    }

    static func decodeFeatures(_ data: Data, file: String) throws -> (features: [FeatureDTO], crsName: String?) {
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
}

// MARK: - Lenient decoding: problems are kept per feature so that the message can name it.

struct CollectionDTO: Decodable {
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

enum PropertyValue: Decodable {
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

struct FeatureDTO: Decodable {
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
