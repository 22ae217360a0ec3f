import Foundation

/// OGC Well-Known Binary for 2D points and polygons (ISO 19125-1:2004 §8.2; OGC 06-103r4), written
/// little-endian with closed rings. The store keeps boundaries in it, and GeoPackage geometries wrap it
/// (`GeoPackageGeometry`).
public enum WKB {
    /// A blob that is not a Polygon or MultiPolygon, or is cut short.
    public struct DecodingError: Error, Sendable {
        public let reason: String
    }

    public static let pointType: UInt32 = 1
    public static let lineStringType: UInt32 = 2
    public static let polygonType: UInt32 = 3
    public static let multiPolygonType: UInt32 = 6

    /// Bytes of a point: byte order, type, x, y.
    public static let pointByteCount = 21

    /// A little-endian MultiPolygon with closed rings.
    public static func multiPolygon(_ polygons: [GeoPolygon]) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(multiPolygonByteCount(polygons))
        appendMultiPolygon(polygons, to: &bytes)
        return Data(bytes)
    }

    /// The size of `appendMultiPolygon`'s output.
    public static func multiPolygonByteCount(_ polygons: [GeoPolygon]) -> Int {
        9 + polygons.reduce(0) { $0 + 9 + 4 * ($1.holes.count + 1) + 16 * ($1.vertexCount + $1.holes.count + 1) }
    }

    /// Appends a little-endian MultiPolygon; each ring is closed by repeating its first vertex.
    public static func appendMultiPolygon(_ polygons: [GeoPolygon], to bytes: inout [UInt8]) {
        bytes.append(1)
        append(multiPolygonType, to: &bytes)
        append(UInt32(polygons.count), to: &bytes)
        for polygon in polygons {
            bytes.append(1)
            append(polygonType, to: &bytes)
            append(UInt32(polygon.holes.count + 1), to: &bytes)
            for ring in polygon.rings {
                append(UInt32(ring.count + 1), to: &bytes)
                for vertex in ring {
                    append(vertex.longitude, to: &bytes)
                    append(vertex.latitude, to: &bytes)
                }
                if let first = ring.first {
                    append(first.longitude, to: &bytes)
                    append(first.latitude, to: &bytes)
                }
            }
        }
    }

    /// Appends a little-endian Point (x = longitude, y = latitude): `pointByteCount` bytes.
    public static func appendPoint(longitude: Double, latitude: Double, to bytes: inout [UInt8]) {
        bytes.append(1)
        append(pointType, to: &bytes)
        append(longitude, to: &bytes)
        append(latitude, to: &bytes)
    }

    /// Appends a little-endian LineString (x = longitude, y = latitude): 9 + 16 bytes per vertex.
    public static func appendLineString(_ vertices: [GeoCoordinate], to bytes: inout [UInt8]) {
        bytes.append(1)
        append(lineStringType, to: &bytes)
        append(UInt32(vertices.count), to: &bytes)
        for vertex in vertices {
            append(vertex.longitude, to: &bytes)
            append(vertex.latitude, to: &bytes)
        }
    }

    package static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    package static func append(_ value: Double, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The polygons of a Polygon or MultiPolygon in either byte order.
    /// - Throws: `DecodingError` for anything else or truncated data.
    public static func polygons(_ data: Data) throws -> [GeoPolygon] {
        var reader = Reader(bytes: [UInt8](data))
        let type = try reader.header()
        let polygons: [GeoPolygon]
        switch type {
        case polygonType:
            polygons = [try reader.polygonBody()]
        case multiPolygonType:
            let count = try reader.count()
            polygons = try (0..<count).map { _ in
                guard try reader.header() == polygonType else { throw DecodingError(reason: "a MultiPolygon member is not a Polygon") }
                return try reader.polygonBody()
            }
        default:
            throw DecodingError(reason: "WKB geometry type \(type) is not Polygon (3) or MultiPolygon (6)")
        }
        guard reader.offset == reader.bytes.count else { throw DecodingError(reason: "trailing bytes after the geometry") }
        return polygons
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var littleEndian = true

        mutating func header() throws -> UInt32 {
            guard offset < bytes.count else { throw DecodingError(reason: "truncated") }
            switch bytes[offset] {
            case 0: littleEndian = false
            case 1: littleEndian = true
            default: throw DecodingError(reason: "byte order \(bytes[offset]) is neither 0 nor 1")
            }
            offset += 1
            return try uint32()
        }

        mutating func uint32() throws -> UInt32 {
            guard offset + 4 <= bytes.count else { throw DecodingError(reason: "truncated") }
            var value: UInt32 = 0
            for k in 0..<4 { value |= UInt32(bytes[offset + k]) << (8 * k) }
            offset += 4
            return littleEndian ? value : value.byteSwapped
        }

        mutating func count() throws -> Int {
            let value = Int(try uint32())
            // Each counted item takes at least 4 bytes: a count beyond the data is corruption.
            guard value <= (bytes.count - offset) / 4 else { throw DecodingError(reason: "count \(value) exceeds the data") }
            return value
        }

        mutating func double() throws -> Double {
            guard offset + 8 <= bytes.count else { throw DecodingError(reason: "truncated") }
            var value: UInt64 = 0
            for k in 0..<8 { value |= UInt64(bytes[offset + k]) << (8 * k) }
            offset += 8
            return Double(bitPattern: littleEndian ? value : value.byteSwapped)
        }

        mutating func polygonBody() throws -> GeoPolygon {
            let ringCount = try count()
            guard ringCount >= 1 else { throw DecodingError(reason: "a polygon without rings") }
            let rings: [[GeoCoordinate]] = try (0..<ringCount).map { _ in
                let pointCount = try count()
                return try (0..<pointCount).map { _ in
                    let longitude = try double()
                    return GeoCoordinate(longitude: longitude, latitude: try double())
                }
            }
            return GeoPolygon(exterior: rings[0], holes: Array(rings.dropFirst()))
        }
    }
}
