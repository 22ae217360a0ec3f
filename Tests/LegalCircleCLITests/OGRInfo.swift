import Foundation
import LegalCircleTestSupport
import Testing

/// GDAL's `ogrinfo` (Debian gdal-bin), the independent reader the exports are checked with.
enum OGRInfo {
    /// One layer as `ogrinfo -so` summarises it.
    struct Layer: Equatable {
        var name: String
        var geometry: String
        var featureCount: Int
    }

    /// Runs ogrinfo with `arguments` and returns its standard output; a non-zero exit is recorded.
    static func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        // Tests using it declare `.requires(.ogrinfo)`.
        let executable = try #require(Prerequisite.ogrinfo.executable, "\(Prerequisite.ogrinfo)", sourceLocation: sourceLocation)
        let outcome = try CLI.runProcess(executable, arguments)
        #expect(
            outcome.status == 0, "ogrinfo \(arguments.joined(separator: " ")) failed: \(outcome.stderr)",
            sourceLocation: sourceLocation)
        return outcome.stdout
    }

    /// Every layer of `path` with its geometry type and feature count (`ogrinfo -ro -so -al`).
    static func layers(_ path: String, extra: [String] = []) throws -> [Layer] {
        let text = try run(["-ro", "-so", "-al"] + extra + [path])
        var layers: [Layer] = []
        for line in text.split(separator: "\n") {
            if let name = line.value(after: "Layer name: ") {
                layers.append(Layer(name: name, geometry: "", featureCount: -1))
            } else if let geometry = line.value(after: "Geometry: "), !layers.isEmpty {
                layers[layers.count - 1].geometry = geometry
            } else if let count = line.value(after: "Feature Count: "), !layers.isEmpty {
                layers[layers.count - 1].featureCount = Int(count) ?? -1
            }
        }
        return layers
    }

    /// The attributes of the features `ogrinfo -ro -q FILE -sql SQL` prints, by field name (values as text).
    static func features(_ path: String, sql: String) throws -> [[String: String]] {
        let text = try run(["-ro", "-q", path, "-sql", sql])
        var features: [[String: String]] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("OGRFeature(") {
                features.append([:])
            } else if !features.isEmpty, let range = line.range(of: ") = ") {
                // "  minutes (Real) = 7.5", "  covered (Integer(Boolean)) = 1"
                let head = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                guard let type = head.range(of: " (") else { continue }
                let name = String(head[..<type.lowerBound])
                features[features.count - 1][name] = String(line[range.upperBound...])
            }
        }
        return features
    }
}

extension Substring {
    fileprivate func value(after prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
