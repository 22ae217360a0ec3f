import LegalCircle

/// The type of an attribute, as a GeoPackage column declares it and GeoJSON writes it.
public enum FeatureFieldType: String, Sendable {
    case text = "TEXT"
    case integer = "INTEGER"
    case real = "REAL"
    /// 0/1 in GeoPackage (OGR reads it as a boolean), true/false in GeoJSON.
    case boolean = "BOOLEAN"
}

/// One attribute column of a layer.
public struct FeatureField: Sendable, Equatable {
    public var name: String
    public var type: FeatureFieldType

    public init(_ name: String, _ type: FeatureFieldType) {
        self.name = name
        self.type = type
    }
}

/// One attribute value; a nil payload is NULL (and so is a non-finite real: JSON has no infinity).
public enum FeatureValue: Sendable, Equatable {
    case text(String?)
    case integer(Int64?)
    case real(Double?)
    case boolean(Bool?)

    /// The field type this value belongs to.
    public var type: FeatureFieldType {
        switch self {
        case .text: .text
        case .integer: .integer
        case .real: .real
        case .boolean: .boolean
        }
    }
}

/// The geometry type of a layer, with the name GeoPackage (`gpkg_geometry_columns`) and OGR use.
public enum FeatureGeometryType: String, Sendable {
    case point = "POINT"
    case lineString = "LINESTRING"
    case multiPolygon = "MULTIPOLYGON"
}

/// A table of features with typed attributes, read row by row so that writers can stream ten
/// million rows without building a feature object per row.
///
/// Feature ids are 1-based row numbers (`row + 1`), the same in GeoPackage (`fid`) and GeoJSON (`id`).
public protocol FeatureLayer {
    /// Table name in GeoPackage, file name (plus `.geojson`) in GeoJSON.
    var name: String { get }
    var geometryType: FeatureGeometryType { get }
    var fields: [FeatureField] { get }
    var count: Int { get }
    /// The value of `fields[field]` for feature `row`; its case matches the field's type.
    func value(_ field: Int, row: Int) -> FeatureValue
    /// The shape of feature `row`, nil when it has none (NULL geometry).
    func geometry(row: Int) -> FeatureGeometry?
}

extension FeatureLayer {
    /// The box around every geometry; empty (min > max) when no feature has one.
    /// - Complexity: O(v) over all vertices.
    public var extent: GeoBounds {
        var bounds = GeoBounds([GeoCoordinate]())
        for row in 0..<count {
            guard let envelope = geometry(row: row)?.envelope, !envelope.isEmpty else { continue }
            bounds.include(GeoCoordinate(longitude: envelope.minLongitude, latitude: envelope.minLatitude))
            bounds.include(GeoCoordinate(longitude: envelope.maxLongitude, latitude: envelope.maxLatitude))
        }
        return bounds
    }
}
