import Foundation
import GRDB
import LegalCircle

/// Reads road lines from a GeoPackage (OGC 12-128r18), as official road data often comes: every
/// feature table of lines, with the same attributes as `GeoJSONRoadReader` (`highway`, `maxspeed`,
/// `oneway`, `route` = `ferry`, `duration`, access keys) as columns of any type. Features without a
/// road class or ferry are skipped (a layer of rivers adds nothing); lines join where their vertices
/// coincide within `RoadLineJoiner.tolerance`.
///
/// Coordinates must be longitude/latitude in EPSG:4326 (WGS84) or EPSG:4490 (CGCS2000, China's
/// geodetic system, within centimetres of WGS84); any other system is refused with the way to
/// reproject, rather than read as degrees.
public enum GeoPackageRoadReader {
    /// Systems read as WGS84 longitude/latitude.
    static let geographic: Set<Int> = [4326, 4490]

    /// - Throws: `RoadReadError` naming the file, and the layer and feature where one is at fault.
    public static func read(_ url: URL) throws -> RoadWays {
        let name = url.path
        guard FileManager.default.isReadableFile(atPath: name) else {
            throw RoadReadError(file: name, message: "cannot read the file", chinese: "无法读取该文件")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: name, configuration: configuration) } catch {
            throw RoadReadError(file: name, message: "not a GeoPackage (SQLite) file: \(error)", chinese: "不是 GeoPackage（SQLite）文件")
        }
        do {
            return try queue.read { db in try read(db, name: name, bytes: fileSize(url)) }
        } catch let error as RoadReadError {
            throw error
        } catch {
            throw RoadReadError(file: name, message: "not a readable GeoPackage: \(error)", chinese: "不是可读取的 GeoPackage（\(error)）")
        }
    }

    private static func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber)?.intValue ?? 0
    }

    private struct Layer {
        var table: String
        var column: String
        var srs: Int
    }

    private static func read(_ db: Database, name: String, bytes: Int) throws -> RoadWays {
        guard try db.tableExists("gpkg_geometry_columns") else {
            throw RoadReadError(
                file: name, message: "not a GeoPackage: it has no gpkg_geometry_columns table",
                chinese: "不是 GeoPackage：文件中没有 gpkg_geometry_columns 表")
        }
        let lineTypes: Set<String> = ["LINESTRING", "MULTILINESTRING", "GEOMETRY", "GEOMETRYCOLLECTION"]
        let layers = try Row.fetchAll(
            db, sql: "SELECT table_name, column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns ORDER BY table_name"
        ).compactMap { row -> Layer? in
            let type = (row["geometry_type_name"] as String? ?? "").uppercased()
            guard lineTypes.contains(type) else { return nil }
            return Layer(table: row["table_name"], column: row["column_name"], srs: row["srs_id"])
        }
        guard !layers.isEmpty else {
            throw RoadReadError(
                file: name, message: "has no layer of lines (LINESTRING or MULTILINESTRING); roads must be lines",
                chinese: "没有线图层（LINESTRING 或 MULTILINESTRING）；道路必须是线")
        }
        for layer in layers where !geographic.contains(try epsgCode(db, srs: layer.srs) ?? -1) {
            throw RoadReadError(
                file: name,
                message: "layer \"\(layer.table)\" is in coordinate system \(layer.srs), not longitude/latitude in EPSG:4326 "
                    + "(WGS84) or EPSG:4490 (CGCS2000); reproject it, e.g. ogr2ogr -t_srs EPSG:4326 out.gpkg \(URL(fileURLWithPath: name).lastPathComponent)",
                chinese: "图层“\(layer.table)”的坐标系是 \(layer.srs)，不是 EPSG:4326（WGS84）或 EPSG:4490（CGCS2000）的经纬度；"
                    + "请先转换，例如 ogr2ogr -t_srs EPSG:4326 out.gpkg \(URL(fileURLWithPath: name).lastPathComponent)")
        }
        var joiner = RoadLineJoiner()
        var seen = 0
        for layer in layers {
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(layer.table.quotedDatabaseIdentifier)")
            var feature = 0
            while let row = try cursor.next() {
                feature += 1
                seen += 1
                var tags: [(key: String, value: String)] = []
                var blob: Data?
                for (column, value) in row {
                    if column == layer.column {
                        if case .blob(let data) = value.storage { blob = data }
                    } else if let text = text(value) {
                        tags.append((column, text))
                    }
                }
                guard let wayTags = WayTags(tags: tags) else { continue }
                func fault(_ message: String) -> RoadReadError {
                    RoadReadError(
                        file: name, message: "layer \"\(layer.table)\", feature \(feature): \(message)",
                        chinese: "图层“\(layer.table)”第 \(feature) 个要素无法读取（\(message)）")
                }
                guard let blob else { throw fault("has no geometry") }
                let lines: [[(longitude: Double, latitude: Double)]]
                do { lines = try GeoPackageLines.decode(blob) } catch {
                    throw fault((error as? GeoPackageLines.DecodeError)?.message ?? "\(error)")
                }
                for line in lines {
                    for point in line where !(abs(point.longitude) <= 180 && abs(point.latitude) <= 90) {
                        throw fault("(\(point.longitude), \(point.latitude)) is not a longitude/latitude")
                    }
                    if line.count >= 2 { joiner.add(line: line, tags: wayTags) }
                }
            }
        }
        var ways = joiner.finish()
        ways.statistics.fileWays = seen
        ways.statistics.fileBytes = bytes
        return ways
    }

    /// The EPSG code of a GeoPackage spatial reference system, nil when it is not an EPSG one.
    private static func epsgCode(_ db: Database, srs: Int) throws -> Int? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?", arguments: [srs])
        else { return nil }
        let organization = (row["organization"] as String? ?? "").uppercased()
        return organization == "EPSG" ? row["organization_coordsys_id"] : nil
    }

    /// A column's value as the text OSM would have (numbers without a trailing ".0"), nil for NULL and blobs.
    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .string(let string): return string
        case .int64(let integer): return String(integer)
        case .double(let double):
            return double == double.rounded() && abs(double) < 1e15 ? String(Int64(double)) : String(double)
        case .null, .blob: return nil
        }
    }
}

/// The lines of a GeoPackage geometry blob: its header ("GP", version, flags, srs id, envelope)
/// followed by standard WKB (ISO or extended Z/M flavours) of a LineString, MultiLineString or a
/// collection of them. Z and M values are read past.
enum GeoPackageLines {
    struct DecodeError: Error {
        let message: String
    }

    static func decode(_ blob: Data) throws -> [[(longitude: Double, latitude: Double)]] {
        let bytes = [UInt8](blob)
        guard bytes.count >= 8, bytes[0] == 0x47, bytes[1] == 0x50 else {
            throw DecodeError(message: "the geometry is not a GeoPackage geometry blob")
        }
        let flags = bytes[3]
        if flags & 0x10 != 0 { return [] }  // an empty geometry
        let envelopeBytes: Int
        switch (flags >> 1) & 0x07 {
        case 0: envelopeBytes = 0
        case 1: envelopeBytes = 32
        case 2, 3: envelopeBytes = 48
        case 4: envelopeBytes = 64
        default: throw DecodeError(message: "the geometry header has an invalid envelope code")
        }
        var reader = WKBReader(bytes: bytes, offset: 8 + envelopeBytes)
        var lines: [[(longitude: Double, latitude: Double)]] = []
        try reader.geometry(into: &lines)
        return lines
    }

    private struct WKBReader {
        let bytes: [UInt8]
        var offset: Int
        var littleEndian = true

        init(bytes: [UInt8], offset: Int) {
            self.bytes = bytes
            self.offset = offset
        }

        mutating func geometry(into lines: inout [[(longitude: Double, latitude: Double)]]) throws {
            guard offset < bytes.count else { throw DecodeError(message: "the geometry ends early") }
            littleEndian = bytes[offset] == 1
            offset += 1
            let code = try uint32()
            // ISO codes add 1000 for Z, 2000 for M, 3000 for ZM; extended WKB sets the high bits.
            let base = Int(code & 0x0FFF_FFFF) % 1000
            let iso = Int(code & 0x0FFF_FFFF) / 1000
            var dimensions = 2 + (iso == 1 || iso == 2 ? 1 : iso == 3 ? 2 : 0)
            if code & 0x8000_0000 != 0 { dimensions += 1 }
            if code & 0x4000_0000 != 0 { dimensions += 1 }
            switch base {
            case 2:
                let count = Int(try uint32())
                guard count <= (bytes.count - offset) / (8 * dimensions) else { throw DecodeError(message: "the geometry ends early") }
                var line: [(longitude: Double, latitude: Double)] = []
                line.reserveCapacity(count)
                for _ in 0..<count {
                    let x = try double()
                    let y = try double()
                    offset += 8 * (dimensions - 2)
                    line.append((x, y))
                }
                lines.append(line)
            case 5, 7:
                let count = Int(try uint32())
                for _ in 0..<count { try geometry(into: &lines) }
            default:
                throw DecodeError(message: "a geometry of WKB type \(code) is not a line; roads must be LineString or MultiLineString")
            }
        }

        private mutating func uint32() throws -> UInt32 {
            guard offset + 4 <= bytes.count else { throw DecodeError(message: "the geometry ends early") }
            var value: UInt32 = 0
            for k in 0..<4 { value |= UInt32(bytes[offset + k]) << (8 * k) }
            offset += 4
            return littleEndian ? value : value.byteSwapped
        }

        private mutating func double() throws -> Double {
            guard offset + 8 <= bytes.count else { throw DecodeError(message: "the geometry ends early") }
            var value: UInt64 = 0
            for k in 0..<8 { value |= UInt64(bytes[offset + k]) << (8 * k) }
            offset += 8
            return Double(bitPattern: littleEndian ? value : value.byteSwapped)
        }
    }
}
