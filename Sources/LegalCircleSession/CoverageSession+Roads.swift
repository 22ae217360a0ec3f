import Foundation
import LegalCircle
import LegalCircleRoads
import LegalCircleStore

extension CoverageSession {
    /// The travel model a rule asks for over `source`: the road network of `rule.roads` (one-shot), else
    /// the latest network stored with the datasets (`load --roads`), unless `--travel straight`; nil for
    /// the straight-line estimate (also when no roads are given or stored and none was asked for).
    /// - Throws: `SessionError` when network travel is asked for without roads; `RoadReadError` when the
    ///   road file or the stored network cannot be read.
    func roadTravel(_ rule: RuleRequest, profile: TravelProfile, source: InputSource) throws -> (any RoadTravel)? {
        if rule.travel == .straight { return nil }
        if let path = rule.roads { return try NetworkTravel.read(path, profile: profile) }
        if case .datasets = source, rule.travel == .network || rule.storedRoadsByDefault, let stored = try storedRoadTravel(profile: profile) {
            return stored
        }
        guard rule.travel == nil else {
            throw SessionError(
                "--travel network needs a road network: give --roads FILE (an OpenStreetMap .osm.pbf extract or GeoJSON "
                    + "lines) with --points and --residences, or load one with `legalcircle load --roads FILE`")
        }
        return nil
    }

    /// The latest road network stored with the datasets (`load --roads`) with the graphs of `profile`:
    /// what runs and `nearest` over loaded datasets travel on; nil when none is stored.
    /// - Throws: `RoadReadError` when the stored network cannot be read.
    public func storedRoadTravel(profile: TravelProfile) throws -> NetworkTravel? {
        guard databaseExists, let stored = try store().latestRoads() else { return nil }
        return NetworkTravel(network: RoadNetwork(ways: try Self.roadWays(stored), profile: profile), source: stored.name)
    }

    /// Reads a road file (`.osm.pbf` or GeoJSON lines) and stores it with the datasets; reports over
    /// loaded datasets then measure minutes over it (`--travel straight` for the estimate).
    /// - Returns: the load summary's line: what was read, joined and left dangling.
    public func loadRoads(_ path: String) throws -> String {
        let write = try readRoadsForLoad(path)
        return try write(try store())
    }

    /// Reads a road file and returns what stores it: `load` reads every file before it writes any, and
    /// writes them all in one transaction, so a bad road file leaves the datasets as they were.
    func readRoadsForLoad(_ path: String) throws -> (Store) throws -> String {
        let ways = try NetworkTravel.readWays(path)
        let name = URL(fileURLWithPath: path).lastPathComponent
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let network = StoredRoadNetwork(
            name: name, source: path, longitudes: ways.longitudes, latitudes: ways.latitudes, wayStarts: ways.wayStarts,
            wayNodes: ways.wayNodes, wayTags: ways.packedTags,
            statistics: String(decoding: try encoder.encode(ways.statistics), as: UTF8.self))
        let summary = Self.roadSummary(ways, name: name, language: language)
        return { store in
            _ = try store.saveRoads(network)
            return summary
        }
    }

    /// "roads: NAME, 2,653 ways read, 1,204 kept as roads over 9,876 nodes; …".
    static func roadSummary(_ ways: RoadWays, name: String, language: Language) -> String {
        let s = ways.statistics
        let n = { (value: Int) in value.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) }
        let isPBF = name.lowercased().hasSuffix(".pbf")
        if language == .zh {
            return "道路 \(name)：读取 \(n(s.fileWays)) 条路线，其中 \(n(ways.wayCount)) 条为道路或轮渡，共 \(n(ways.nodeCount)) 个节点；"
                + (isPBF ? "按共用节点编号连接" : "顶点相距 0.5 米以内即连接：\(n(s.joinedVertices)) 个顶点相连")
                + "；\(n(s.danglingEnds)) 个断头端点" + (s.missingNodeReferences > 0 ? "；\(n(s.missingNodeReferences)) 个节点引用缺失" : "")
        }
        return "roads \(name): \(n(s.fileWays)) ways read, \(n(ways.wayCount)) kept as roads or ferries over \(n(ways.nodeCount)) nodes; "
            + (isPBF ? "joined at shared node ids" : "lines joined where vertices coincide within 0.5 m: \(n(s.joinedVertices)) vertices joined")
            + "; \(n(s.danglingEnds)) dangling ends"
            + (s.missingNodeReferences > 0 ? "; \(n(s.missingNodeReferences)) references to nodes missing from the extract" : "")
    }

    /// The roads of a stored network.
    static func roadWays(_ stored: StoredRoadNetwork) throws -> RoadWays {
        let statistics = (try? JSONDecoder().decode(RoadReadStatistics.self, from: Data(stored.statistics.utf8))) ?? RoadReadStatistics()
        return try RoadWays(
            longitudes: stored.longitudes, latitudes: stored.latitudes, wayStarts: stored.wayStarts, wayNodes: stored.wayNodes,
            packedTags: stored.wayTags, statistics: statistics, name: stored.name)
    }
}
