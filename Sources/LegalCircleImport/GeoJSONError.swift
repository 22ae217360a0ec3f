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
