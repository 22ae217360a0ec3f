import Foundation
import LegalCircle
import LegalCircleReports

/// Writes feature layers as RFC 7946 GeoJSON, one FeatureCollection file per layer.
///
/// Each collection has the foreign members `name` (the layer name, which GDAL takes as the layer
/// name) and `run` (the run description, as in `gaps --format geojson`); one Feature per line with
/// `id` = row + 1. Coordinates are WGS84 longitude, latitude rounded to 7 decimals (about 1 cm), rings
/// closed, exteriors counter-clockwise and holes clockwise (RFC 7946 §3.1.6). Attributes keep full
/// precision; missing and non-finite numbers are null.
public enum GeoJSONLayersWriter {
    /// Writes `<directory>/<layer.name>.geojson` for every layer, creating the directory when missing.
    /// Each file is written under a temporary name and renamed when complete.
    /// - Returns: the paths written, in layer order.
    /// - Throws: `CocoaError` from the file system, `EncodingError` for the run description.
    /// - Complexity: O(v) over all vertices and attributes, in 1 MiB writes.
    @discardableResult
    public static func write(_ layers: [any FeatureLayer], run: RunDescription, directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let runJSON = try OutputFormat.json(run, pretty: false)
        return try layers.map { layer in
            let path = (directory as NSString).appendingPathComponent(layer.name + ".geojson")
            let partial = path + ".partial"
            guard FileManager.default.createFile(atPath: partial, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: partial])
            }
            do {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
                defer { try? handle.close() }
                try write(layer, runJSON: runJSON) { try handle.write(contentsOf: $0) }
                try handle.synchronize()
                if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
                try FileManager.default.moveItem(atPath: partial, toPath: path)
            } catch {
                try? FileManager.default.removeItem(atPath: partial)
                throw error
            }
            return path
        }
    }

    /// One layer as a FeatureCollection in memory (small layers and tests).
    public static func render(_ layer: any FeatureLayer, run: RunDescription) throws -> String {
        var text = Data()
        try write(layer, runJSON: try OutputFormat.json(run, pretty: false)) { text.append($0) }
        return String(decoding: text, as: UTF8.self)
    }

    /// Streams the collection to `sink` in pieces of about 1 MiB.
    static func write(_ layer: any FeatureLayer, runJSON: String, sink: (Data) throws -> Void) throws {
        var out = JSONBytes()
        out.raw("{\"type\":\"FeatureCollection\",\"name\":")
        out.string(layer.name)
        out.raw(",\"run\":")
        out.raw(runJSON)
        out.raw(",\"features\":[\n")
        let fields = layer.fields
        for row in 0..<layer.count {
            if row > 0 { out.raw(",\n") }
            out.raw("{\"type\":\"Feature\",\"id\":")
            out.integer(Int64(row + 1))
            out.raw(",\"properties\":{")
            for (index, field) in fields.enumerated() {
                if index > 0 { out.byte(UInt8(ascii: ",")) }
                out.string(field.name)
                out.byte(UInt8(ascii: ":"))
                out.value(layer.value(index, row: row))
            }
            out.raw("},\"geometry\":")
            if let geometry = layer.geometry(row: row) { out.geometry(geometry) } else { out.raw("null") }
            out.byte(UInt8(ascii: "}"))
            if out.bytes.count >= 1 << 20 {
                try sink(Data(out.bytes))
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        out.raw("\n]}\n")
        try sink(Data(out.bytes))
    }
}

/// A byte buffer with the JSON pieces the writer needs; no per-value allocation for ASCII numbers.
/// Package-wide: the web service writes its per-request answers with it too.
package struct JSONBytes {
    package var bytes: [UInt8] = []

    package init(capacity: Int = 1 << 20 + 1 << 16) { bytes.reserveCapacity(capacity) }

    package mutating func byte(_ value: UInt8) { bytes.append(value) }

    package mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    package mutating func integer(_ value: Int64) { raw(String(value)) }

    /// Shortest round-trip form; null when not finite.
    package mutating func number(_ value: Double) {
        if value.isFinite { raw(value.description) } else { raw("null") }
    }

    /// RFC 8259 §7: quote, backslash and control characters escaped; other UTF-8 as is.
    package mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for unit in text.utf8 {
            switch unit {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                raw("\\u00")
                bytes.append(hex[Int(unit >> 4)])
                bytes.append(hex[Int(unit & 0xf)])
            default: bytes.append(unit)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func value(_ value: FeatureValue) {
        switch value {
        case .text(let text): if let text { string(text) } else { raw("null") }
        case .integer(let integer): if let integer { self.integer(integer) } else { raw("null") }
        case .real(let real): if let real { number(real) } else { raw("null") }
        case .boolean(let flag): if let flag { raw(flag ? "true" : "false") } else { raw("null") }
        }
    }

    mutating func geometry(_ geometry: FeatureGeometry) {
        switch geometry {
        case .point(let point):
            raw("{\"type\":\"Point\",\"coordinates\":")
            position(point)
            byte(UInt8(ascii: "}"))
        case .lineString(let vertices):
            raw("{\"type\":\"LineString\",\"coordinates\":[")
            for (index, vertex) in vertices.enumerated() {
                if index > 0 { byte(UInt8(ascii: ",")) }
                position(vertex)
            }
            raw("]}")
        case .multiPolygon(let polygons):
            raw("{\"type\":\"MultiPolygon\",\"coordinates\":[")
            for (index, polygon) in polygons.enumerated() {
                if index > 0 { byte(UInt8(ascii: ",")) }
                byte(UInt8(ascii: "["))
                ring(polygon.exterior, counterClockwise: true)
                for hole in polygon.holes {
                    byte(UInt8(ascii: ","))
                    ring(hole, counterClockwise: false)
                }
                byte(UInt8(ascii: "]"))
            }
            raw("]}")
        }
    }

    /// An open ring written closed from its first vertex, walked backwards when its orientation is
    /// not the one asked for.
    private mutating func ring(_ ring: [GeoCoordinate], counterClockwise: Bool) {
        let backwards = (EllipsoidalArea.signedArea(ring) > 0) != counterClockwise
        byte(UInt8(ascii: "["))
        for offset in 0...ring.count where !ring.isEmpty {
            if offset > 0 { byte(UInt8(ascii: ",")) }
            position(ring[(backwards ? ring.count - offset : offset) % ring.count])
        }
        byte(UInt8(ascii: "]"))
    }

    /// 7 decimals: about 1 cm, finer than any residence position (as `gaps --format geojson`).
    private mutating func position(_ point: GeoCoordinate) {
        byte(UInt8(ascii: "["))
        number((point.longitude * 1e7).rounded() / 1e7)
        byte(UInt8(ascii: ","))
        number((point.latitude * 1e7).rounded() / 1e7)
        byte(UInt8(ascii: "]"))
    }
}
