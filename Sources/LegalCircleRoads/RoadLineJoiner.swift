import Foundation

/// Turns lines given as coordinates (GeoJSON or GeoPackage layers, which have no node ids) into
/// `RoadWays`: a vertex within `tolerance` metres of an earlier line's vertex becomes the same node.
/// Nearby vertices are found in a hash grid of `tolerance`-sized cells (the 3 × 3 cells around a
/// vertex); distances are local equirectangular metres, exact enough at half a metre.
public struct RoadLineJoiner {
    /// Vertices closer than this join (metres).
    public static let tolerance = 0.5

    private var longitudes: [Double] = []
    private var latitudes: [Double] = []
    private var wayStarts: [Int32] = [0]
    private var wayNodes: [Int32] = []
    private var tags: [WayTags] = []
    private var cells: [CellKey: Int32] = [:]
    /// The next node in the same cell (a chain), -1 at the end.
    private var nextInCell: [Int32] = []
    private var statistics = RoadReadStatistics()

    private struct CellKey: Hashable {
        let x: Int64
        let y: Int64
    }

    private static let metresPerRadian = 6_371_008.8

    public init() {}

    @inline(__always)
    private static func metres(longitude: Double, latitude: Double) -> (Double, Double) {
        let lat = latitude * .pi / 180
        return (longitude * .pi / 180 * cos(lat) * metresPerRadian, lat * metresPerRadian)
    }

    /// Adds one line; fewer than two distinct vertices add nothing.
    public mutating func add(line coordinates: [(longitude: Double, latitude: Double)], tags wayTags: WayTags) {
        statistics.roadWays += 1
        var nodes: [Int32] = []
        nodes.reserveCapacity(coordinates.count)
        for point in coordinates {
            let node = self.node(longitude: point.longitude, latitude: point.latitude)
            if nodes.last != node { nodes.append(node) }
        }
        guard nodes.count >= 2 else { return }
        wayNodes.append(contentsOf: nodes)
        wayStarts.append(Int32(wayNodes.count))
        tags.append(wayTags)
    }

    private mutating func node(longitude: Double, latitude: Double) -> Int32 {
        let (x, y) = Self.metres(longitude: longitude, latitude: latitude)
        let cx = Int64((x / Self.tolerance).rounded(.down))
        let cy = Int64((y / Self.tolerance).rounded(.down))
        var best: Int32 = -1
        var bestDistance = Self.tolerance * Self.tolerance
        for dx in -1...1 {
            for dy in -1...1 {
                var candidate = cells[CellKey(x: cx + Int64(dx), y: cy + Int64(dy))] ?? -1
                while candidate >= 0 {
                    let (ox, oy) = Self.metres(longitude: longitudes[Int(candidate)], latitude: latitudes[Int(candidate)])
                    let d = (ox - x) * (ox - x) + (oy - y) * (oy - y)
                    if d <= bestDistance {
                        bestDistance = d
                        best = candidate
                    }
                    candidate = nextInCell[Int(candidate)]
                }
            }
        }
        if best >= 0 {
            statistics.joinedVertices += 1
            return best
        }
        let node = Int32(longitudes.count)
        longitudes.append(longitude)
        latitudes.append(latitude)
        let key = CellKey(x: cx, y: cy)
        nextInCell.append(cells[key] ?? -1)
        cells[key] = node
        return node
    }

    /// The joined network; dangling ends are line ends that no other line (nor the same line elsewhere) uses.
    public func finish() -> RoadWays {
        var uses = [UInt8](repeating: 0, count: longitudes.count)
        for node in wayNodes where uses[Int(node)] < 255 { uses[Int(node)] += 1 }
        var result = statistics
        for w in 0..<tags.count {
            let first = Int(wayNodes[Int(wayStarts[w])])
            let last = Int(wayNodes[Int(wayStarts[w + 1]) - 1])
            guard first != last else { continue }
            if uses[first] == 1 { result.danglingEnds += 1 }
            if uses[last] == 1 { result.danglingEnds += 1 }
        }
        return RoadWays(
            longitudes: longitudes, latitudes: latitudes, wayStarts: wayStarts, wayNodes: wayNodes, tags: tags,
            statistics: result)
    }
}

/// Reads road lines from GeoJSON (WGS84 lon/lat): LineString and MultiLineString features whose
/// properties carry `highway` (OSM class values), optional `maxspeed` (km/h), `oneway` (yes/no/-1,
/// true/false, 1/0/-1), and for ferries `route` = `ferry` with an optional `duration` in minutes;
/// `access`, `foot`, `bicycle`, `motor_vehicle` as in OSM. Other features are skipped and counted
/// in `fileWays` only.
public enum GeoJSONRoadReader {
    /// - Throws: `RoadReadError` naming the file and the feature.
    public static func read(_ url: URL) throws -> RoadWays {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw RoadReadError(file: url.path, message: "cannot read the file: \(error.localizedDescription)", chinese: "无法读取该文件")
        }
        return try read(data, name: url.path)
    }

    public static func read(_ data: Data, name: String) throws -> RoadWays {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw RoadReadError(file: name, message: "not valid JSON (\(error.localizedDescription))", chinese: "不是有效的 JSON")
        }
        guard let collection = root as? [String: Any], let features = collection["features"] as? [[String: Any]] else {
            throw RoadReadError(
                file: name, message: "not a GeoJSON FeatureCollection: expected {\"type\": \"FeatureCollection\", \"features\": [...]}",
                chinese: "不是 GeoJSON FeatureCollection：应为 {\"type\": \"FeatureCollection\", \"features\": [...]}")
        }
        var joiner = RoadLineJoiner()
        var seen = 0
        for (index, feature) in features.enumerated() {
            seen += 1
            let properties = feature["properties"] as? [String: Any] ?? [:]
            guard let wayTags = WayTags(tags: properties.compactMap { key, value in Self.text(value).map { (key, $0) } }) else {
                continue
            }
            guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String else {
                throw RoadReadError(file: name, message: "feature \(index + 1) has no geometry", chinese: "第 \(index + 1) 个要素没有几何")
            }
            let lines: [Any]
            switch type {
            case "LineString": lines = [geometry["coordinates"] ?? []]
            case "MultiLineString": lines = geometry["coordinates"] as? [Any] ?? []
            default:
                throw RoadReadError(
                    file: name, message: "feature \(index + 1) is a \(type); roads must be LineString or MultiLineString",
                    chinese: "第 \(index + 1) 个要素是 \(type)；道路必须是 LineString 或 MultiLineString")
            }
            for line in lines {
                guard let positions = line as? [[Double]], positions.allSatisfy({ $0.count >= 2 }) else {
                    throw RoadReadError(
                        file: name, message: "feature \(index + 1): coordinates must be [longitude, latitude] pairs",
                        chinese: "第 \(index + 1) 个要素：坐标必须是 [经度, 纬度] 对")
                }
                for position in positions where !(abs(position[0]) <= 180 && abs(position[1]) <= 90) {
                    throw RoadReadError(
                        file: name,
                        message: "feature \(index + 1): (\(position[0]), \(position[1])) is not a WGS84 longitude/latitude; reproject the layer to EPSG:4326",
                        chinese: "第 \(index + 1) 个要素：(\(position[0]), \(position[1])) 不是 WGS84 经纬度；请把图层转换为 EPSG:4326")
                }
                joiner.add(line: positions.map { ($0[0], $0[1]) }, tags: wayTags)
            }
        }
        var ways = joiner.finish()
        ways.statistics.fileWays = seen
        ways.statistics.fileBytes = data.count
        return ways
    }

    /// A property as the text OSM would have: numbers without a trailing ".0", booleans as yes/no.
    static func text(_ value: Any) -> String? {
        switch value {
        case let string as String: return string
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumbers of type "c" (char).
            if String(cString: number.objCType) == "c" { return number.boolValue ? "yes" : "no" }
            let double = number.doubleValue
            return double == double.rounded() && abs(double) < 1e15 ? String(Int64(double)) : String(double)
        default: return nil
        }
    }
}
