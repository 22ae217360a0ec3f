import Foundation
import LegalCircle
import LegalCircleGIS
import Testing

/// GeoPackageBinary and WKB against bytes worked out by hand from the standards (GeoPackage 1.2
/// §2.1.3.1.1, ISO 19125-1 §8.2) and IEEE 754.
@Suite struct GeoPackageGeometryTests {
    // 120.5 = 1.8828125 · 2^6: exponent 1023 + 6 = 0x405, fraction 0xE2 → 0x405E_2000_0000_0000.
    static let lon120_5: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x5E, 0x40]
    // 30.25 = 1.890625 · 2^4: exponent 0x403, fraction 0xE4 → 0x403E_4000_0000_0000.
    static let lat30_25: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x3E, 0x40]
    // 121 = 1.890625 · 2^6 → 0x405E_4000_0000_0000; 31 = 1.9375 · 2^4 → 0x403F_0000_0000_0000.
    static let x121: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x5E, 0x40]
    static let y31: [UInt8] = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3F, 0x40]
    // 4326 = 0x10E6, little-endian.
    static let srs4326: [UInt8] = [0xE6, 0x10, 0x00, 0x00]

    @Test func pointHasMagicVersionFlagsSRSEnvelopeAndWKB() {
        let bytes = GeoPackageGeometry.encode(.point(GeoCoordinate(longitude: 120.5, latitude: 30.25)))
        let expected: [UInt8] =
            [0x47, 0x50, 0x00, 0b0000_0011] + Self.srs4326
            // envelope [minx, maxx, miny, maxy]
            + Self.lon120_5 + Self.lon120_5 + Self.lat30_25 + Self.lat30_25
            // WKB: little-endian, type 1 (Point), x, y
            + [0x01, 0x01, 0x00, 0x00, 0x00] + Self.lon120_5 + Self.lat30_25
        #expect(bytes == expected)
        #expect(bytes.count == GeoPackageGeometry.headerByteCount + WKB.pointByteCount)
    }

    @Test func multiPolygonEnvelopeCoversTheExteriorAndRingsAreClosed() throws {
        // A 1° square from (120.5, 30.25) with a hole; rings given open, as GeoPolygon keeps them.
        let square = [(120.5, 30.25), (121.0, 30.25), (121.0, 31.0), (120.5, 31.0)].map {
            GeoCoordinate(longitude: $0.0, latitude: $0.1)
        }
        let hole = [(120.75, 30.5), (120.75, 30.75), (120.875, 30.75)].map { GeoCoordinate(longitude: $0.0, latitude: $0.1) }
        let polygon = GeoPolygon(exterior: square, holes: [hole])
        let bytes = GeoPackageGeometry.encode(.multiPolygon([polygon]))

        #expect(Array(bytes[0..<8]) == [0x47, 0x50, 0x00, 0x03] + Self.srs4326)
        #expect(Array(bytes[8..<40]) == Self.lon120_5 + Self.x121 + Self.lat30_25 + Self.y31)
        let wkb = Array(bytes[40...])
        // MultiPolygon (6) of 1 Polygon (3) with 2 rings; exterior 4 + 1 closing points, hole 3 + 1.
        #expect(Array(wkb[0..<9]) == [0x01, 0x06, 0, 0, 0, 0x01, 0, 0, 0])
        #expect(Array(wkb[9..<18]) == [0x01, 0x03, 0, 0, 0, 0x02, 0, 0, 0])
        #expect(Array(wkb[18..<22]) == [0x05, 0, 0, 0])
        #expect(Array(wkb[22..<38]) == Self.lon120_5 + Self.lat30_25, "first exterior vertex")
        #expect(Array(wkb[86..<102]) == Self.lon120_5 + Self.lat30_25, "closing vertex repeats the first")
        #expect(Array(wkb[102..<106]) == [0x04, 0, 0, 0])
        #expect(wkb.count == 9 + 9 + 4 + 5 * 16 + 4 + 4 * 16)
        #expect(wkb.count == WKB.multiPolygonByteCount([polygon]))
        #expect(try WKB.polygons(Data(wkb)) == [polygon])
    }

    @Test func emptyMultiPolygonSetsTheEmptyFlagWithoutEnvelope() {
        let bytes = GeoPackageGeometry.encode(.multiPolygon([]))
        // Flags: empty (bit 4), envelope indicator 0, little-endian (bit 0).
        #expect(bytes == [0x47, 0x50, 0x00, 0b0001_0001] + Self.srs4326 + [0x01, 0x06, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func appendReusesTheBufferWithoutChangingEarlierBytes() {
        var buffer: [UInt8] = [0xAA]
        GeoPackageGeometry.append(.point(GeoCoordinate(longitude: 120.5, latitude: 30.25)), to: &buffer)
        #expect(buffer.first == 0xAA && buffer.count == 1 + 61)
        #expect(Array(buffer[1...]) == GeoPackageGeometry.encode(.point(GeoCoordinate(longitude: 120.5, latitude: 30.25))))
    }

    @Test func envelopeOfAMultiPolygonSpansAllParts() {
        let a = GeoPolygon(exterior: [.init(longitude: 120, latitude: 30), .init(longitude: 120.1, latitude: 30), .init(longitude: 120, latitude: 30.1)])
        let b = GeoPolygon(exterior: [.init(longitude: 121, latitude: 29), .init(longitude: 121.5, latitude: 29), .init(longitude: 121, latitude: 29.5)])
        let envelope = FeatureGeometry.multiPolygon([a, b]).envelope
        #expect(envelope == GeoBounds(minLongitude: 120, minLatitude: 29, maxLongitude: 121.5, maxLatitude: 30.1))
        #expect(FeatureGeometry.multiPolygon([]).envelope.isEmpty)
    }
}
