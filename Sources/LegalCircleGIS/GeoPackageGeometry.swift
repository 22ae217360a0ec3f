import LegalCircle

/// A feature's shape, in longitude/latitude degrees (WGS84).
public enum FeatureGeometry: Sendable, Equatable {
    case point(GeoCoordinate)
    /// At least two vertices.
    case lineString([GeoCoordinate])
    /// Rings open (as `GeoPolygon` keeps them); encoders close them.
    case multiPolygon([GeoPolygon])

    /// The box around every vertex; empty (min > max) for a MultiPolygon without polygons.
    public var envelope: GeoBounds {
        switch self {
        case .point(let point):
            GeoBounds(
                minLongitude: point.longitude, minLatitude: point.latitude, maxLongitude: point.longitude,
                maxLatitude: point.latitude)
        case .lineString(let vertices):
            GeoBounds(vertices)
        case .multiPolygon(let polygons):
            // Holes lie inside their exterior, so the exteriors give the box.
            GeoBounds(polygons.lazy.flatMap(\.exterior))
        }
    }
}

/// GeoPackage binary geometry ("GeoPackageBinary", OGC 12-128r15 GeoPackage Encoding Standard 1.2,
/// §2.1.3.1.1 and Requirements 19-20): a header followed by standard little-endian WKB.
///
/// Header, little-endian (flag bit 0 set):
///
/// | bytes | value |
/// |---|---|
/// | 0-1 | magic `0x47 0x50` ("GP") |
/// | 2 | version 0 (GeoPackage 1.x) |
/// | 3 | flags `0b000_0_001_1`: standard binary, not empty, envelope indicator 1, little-endian |
/// | 4-7 | `srs_id` (Int32) |
/// | 8-39 | envelope `[minx, maxx, miny, maxy]` (4 × Float64) |
///
/// An empty MultiPolygon sets the empty flag (bit 4) and has no envelope (indicator 0).
public enum GeoPackageGeometry {
    public static let magic: [UInt8] = [0x47, 0x50]
    public static let version: UInt8 = 0
    /// Envelope indicator 1 (`[minx, maxx, miny, maxy]`) in bits 1-3, little-endian header in bit 0.
    public static let flagsWithEnvelope: UInt8 = 0b0000_0011
    /// Empty geometry (bit 4), no envelope, little-endian.
    public static let flagsEmpty: UInt8 = 0b0001_0001
    /// EPSG:4326, WGS 84 longitude/latitude: the `srs_id` of every geometry legalcircle writes.
    public static let wgs84: Int32 = 4326
    /// Header bytes with an envelope.
    public static let headerByteCount = 40

    /// Appends the GeoPackageBinary of `geometry` to `bytes`.
    /// - Complexity: O(v) for v vertices; no allocation beyond `bytes` growing.
    public static func append(_ geometry: FeatureGeometry, srsID: Int32 = wgs84, to bytes: inout [UInt8]) {
        switch geometry {
        case .point(let point):
            appendHeader(envelope: geometry.envelope, srsID: srsID, to: &bytes)
            WKB.appendPoint(longitude: point.longitude, latitude: point.latitude, to: &bytes)
        case .lineString(let vertices):
            appendHeader(envelope: geometry.envelope, srsID: srsID, to: &bytes)
            WKB.appendLineString(vertices, to: &bytes)
        case .multiPolygon(let polygons):
            if polygons.isEmpty {
                bytes.append(contentsOf: magic)
                bytes.append(version)
                bytes.append(flagsEmpty)
                WKB.append(UInt32(bitPattern: srsID), to: &bytes)
            } else {
                appendHeader(envelope: geometry.envelope, srsID: srsID, to: &bytes)
            }
            WKB.appendMultiPolygon(polygons, to: &bytes)
        }
    }

    /// The GeoPackageBinary of `geometry`.
    public static func encode(_ geometry: FeatureGeometry, srsID: Int32 = wgs84) -> [UInt8] {
        var bytes: [UInt8] = []
        append(geometry, srsID: srsID, to: &bytes)
        return bytes
    }

    /// Appends the 40-byte header with envelope `[minx, maxx, miny, maxy]` (the standard's order,
    /// not the WKT/GeoJSON one).
    public static func appendHeader(envelope: GeoBounds, srsID: Int32, to bytes: inout [UInt8]) {
        bytes.append(magic[0])
        bytes.append(magic[1])
        bytes.append(version)
        bytes.append(flagsWithEnvelope)
        WKB.append(UInt32(bitPattern: srsID), to: &bytes)
        WKB.append(envelope.minLongitude, to: &bytes)
        WKB.append(envelope.maxLongitude, to: &bytes)
        WKB.append(envelope.minLatitude, to: &bytes)
        WKB.append(envelope.maxLatitude, to: &bytes)
    }
}
