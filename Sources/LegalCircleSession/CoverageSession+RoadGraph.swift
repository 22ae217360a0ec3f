import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleRoads

/// One travel mode's graph as `roads` wrote it.
public struct RoadGraphSummary: Sendable, Equatable {
    public var mode: TravelMode
    public var nodes: Int
    /// Directed edges, in the direction residents travel.
    public var edges: Int
    /// Search seeds: each eligible station attached to its nearest road of the mode, at both ends.
    public var seeds: Int
    /// Eligible stations farther than the access limit from every road of the mode.
    public var unattachedStations: Int
    /// Nodes from which a station is reached within the cut-off.
    public var reachedNodes: Int
    /// The cut-off: the rule's minutes (its profile's unless `--minutes`).
    public var cutoffMinutes: Double
}

extension CoverageSession {
    /// Writes the graphs the network model searches, so that the minutes can be checked with other
    /// tools (`scripts/check-roads-scipy` runs SciPy's Dijkstra over them): `nodes.csv` (node, lon, lat),
    /// and per mode `edges-MODE.csv` (from, to, seconds: the way residents travel), with `points`
    /// given, `seeds-MODE.csv` (node, seconds, station: each station's access leg and the way along its
    /// segment) and `times-MODE.csv` (node, seconds, station: the multi-source search's answer for every
    /// node that reaches a station within the rule's minutes). Stations are 0-based rows of the points file.
    /// - Throws: `RoadReadError`, CSV import errors, `SessionError` when the folder cannot be written.
    public func exportRoadGraph(
        roads: String, points: String?, rule: RuleRequest, csv: CSVImportSettings, folder: String
    ) throws -> [RoadGraphSummary] {
        let stations = try points.map {
            try Importer.servicePoints($0, settings: csv, policy: .allOrNothing, as: .points, progress: progress).result.rows
        }
        return try exportRoadGraph(roads: roads, stations: stations, rule: rule, folder: folder)
    }

    /// `exportRoadGraph` with the stations given (the checks on extracts outside China, which a points
    /// file may not hold).
    public func exportRoadGraph(
        roads: String, stations: [ServicePoint]?, rule: RuleRequest, folder: String
    ) throws -> [RoadGraphSummary] {
        let parameters = try parameters(rule)
        let cutoffMinutes = parameters.profile.minutes
        let network = RoadNetwork(ways: try NetworkTravel.readWays(roads), profile: parameters.profile)
        let directory = URL(fileURLWithPath: folder)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SessionError("cannot create the folder \(folder) for the road graph: \(error.localizedDescription)")
        }
        func write(_ name: String, _ header: String, _ rows: Int, _ row: (Int) -> String) throws {
            var text = header + "\n"
            text.reserveCapacity(rows * 24)
            for i in 0..<rows { text += row(i) + "\n" }
            do {
                try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            } catch {
                throw SessionError("cannot write \(directory.appendingPathComponent(name).path): \(error.localizedDescription)")
            }
        }
        let ways = network.ways
        // 9 significant digits round-trip a Float, 17 a Double: the reference reads the same numbers.
        try write("nodes.csv", "node,lon,lat", ways.nodeCount) { "\($0),\(ways.longitudes[$0]),\(ways.latitudes[$0])" }
        let eligible = stations.map { parameters.eligibleIndices(of: $0).map { Int32($0) } }
        let stationLongitudes = stations?.map(\.location.longitude) ?? []
        let stationLatitudes = stations?.map(\.location.latitude) ?? []
        var summaries: [RoadGraphSummary] = []
        for mode in TravelMode.allCases {
            let graph = network.graph(mode)
            let edges = graph.forwardEdges()
            try write("edges-\(mode.rawValue).csv", "from,to,seconds", edges.count) {
                "\(edges[$0].from),\(edges[$0].to),\(Double(edges[$0].seconds))"
            }
            var summary = RoadGraphSummary(
                mode: mode, nodes: graph.nodeCount, edges: edges.count, seeds: 0, unattachedStations: 0, reachedNodes: 0,
                cutoffMinutes: cutoffMinutes)
            if let eligible {
                let (seeds, unattached) = network.seeds(
                    mode: mode, longitudes: stationLongitudes, latitudes: stationLatitudes, stations: eligible)
                let times = NetworkSearch.run(graph, seeds: seeds, cutoff: cutoffMinutes * 60)
                let reached = times.seconds.indices.filter { times.seconds[$0].isFinite }
                try write("seeds-\(mode.rawValue).csv", "node,seconds,station", seeds.count) {
                    "\(seeds[$0].node),\(seeds[$0].seconds),\(seeds[$0].station)"
                }
                try write("times-\(mode.rawValue).csv", "node,seconds,station", reached.count) {
                    "\(reached[$0]),\(times.seconds[reached[$0]]),\(times.station[reached[$0]])"
                }
                summary.seeds = seeds.count
                summary.unattachedStations = unattached
                summary.reachedNodes = reached.count
            }
            summaries.append(summary)
        }
        return summaries
    }
}
