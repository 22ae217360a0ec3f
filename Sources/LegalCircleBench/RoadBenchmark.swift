import Foundation
import LegalCircle
import LegalCircleRoads

/// `legalcircle bench --roads`: PBF reading speed on a given extract, and the network search at
/// province scale on a generated road graph — 5 M nodes and about 6 M edges (a jittered grid of
/// 2,236 × 2,236 nodes 145 m apart, the area of Zhejiang, ways of 20 nodes along every row and one
/// across every fifth column, classes from primary to footway, one in seven one-way), 40 k stations,
/// 10 M residences with random modes. Figures printed: seconds per phase and peak memory.
public struct RoadBenchmark {
    public var pbf: URL?
    public var side: Int
    public var stations: Int
    public var residences: Int
    public var seed: UInt64

    public init(pbf: URL?, side: Int = 2_236, stations: Int = 40_000, residences: Int = 10_000_000, seed: UInt64 = 42) {
        self.pbf = pbf
        self.side = side
        self.stations = stations
        self.residences = residences
        self.seed = seed
    }

    public func run(progress: (String) -> Void) throws -> String {
        var lines: [String] = []
        let profile = TravelProfile.standard
        if let pbf {
            let bytes = Double((try FileManager.default.attributesOfItem(atPath: pbf.path)[.size] as? NSNumber)?.intValue ?? 0)
            progress("reading \(pbf.lastPathComponent)")
            var start = Date()
            let ways = try PBFReader.read(pbf)
            let read = Date().timeIntervalSince(start)
            start = Date()
            let network = RoadNetwork(ways: ways, profile: profile)
            let build = Date().timeIntervalSince(start)
            lines.append(String(format: "pbf %@: %.0f MB, %d nodes, %d ways in file; %d road ways, %d road nodes",
                pbf.lastPathComponent, bytes / 1e6, ways.statistics.fileNodes, ways.statistics.fileWays, ways.wayCount, ways.nodeCount))
            lines.append(String(format: "  read        %7.2f s  %6.1f MB/s", read, bytes / 1e6 / read))
            lines.append(String(format: "  graphs      %7.2f s  (3 modes, %d drive edges)", build, network.graph(.drive).edgeCount))
            lines.append(String(format: "  read+graphs %7.2f s  %6.1f MB/s", read + build, bytes / 1e6 / (read + build)))
        }
        // A quarter of the area (same density) first, so the cost per node and per residence can be
        // compared across sizes (the issue asks for it flat).
        let small = gridRun(side: side / 2, stations: stations / 4, residences: residences / 4, progress: progress)
        let full = gridRun(side: side, stations: stations, residences: residences, progress: progress)
        lines += small.lines + full.lines
        lines.append(String(format: "  cost per settled node %.0f -> %.0f ns (x%.2f), per residence attached %.0f -> %.0f ns (x%.2f), CPU, quarter -> full size",
            small.nodeNanoseconds, full.nodeNanoseconds, full.nodeNanoseconds / small.nodeNanoseconds,
            small.residenceNanoseconds, full.residenceNanoseconds, full.residenceNanoseconds / small.residenceNanoseconds))
        lines.append(String(format: "  peak memory               %7.0f MB", peakMemoryMB()))
        return lines.joined(separator: "\n")
    }

    /// One generated grid: its lines of figures and the CPU cost per settled node and per residence.
    private func gridRun(side: Int, stations: Int, residences: Int, progress: (String) -> Void)
        -> (lines: [String], nodeNanoseconds: Double, residenceNanoseconds: Double)
    {
        var lines: [String] = []
        let profile = TravelProfile.standard
        progress("generating a \(side) x \(side) road grid")
        var start = Date()
        let ways = Self.grid(side: side, seed: seed)
        let generate = Date().timeIntervalSince(start)
        start = Date()
        let network = RoadNetwork(ways: ways, profile: profile)
        let build = Date().timeIntervalSince(start)
        var random = SplitMix64(seed: seed &+ 1)
        let (minLon, maxLon) = (ways.longitudes.min()!, ways.longitudes.max()!)
        let (minLat, maxLat) = (ways.latitudes.min()!, ways.latitudes.max()!)
        let stationLon = (0..<stations).map { _ in random.uniform(minLon, maxLon) }
        let stationLat = (0..<stations).map { _ in random.uniform(minLat, maxLat) }
        let all = (0..<Int32(stations)).map { $0 }
        progress("searching")
        start = Date()
        let seeds = TravelMode.allCases.map { network.seeds(mode: $0, longitudes: stationLon, latitudes: stationLat, stations: all).seeds }
        let attachStations = Date().timeIntervalSince(start)
        start = Date()
        var cpu = processCPUSeconds()
        let times = network.searchAll(seeds: seeds, cutoff: profile.minutes * 60)
        let search = Date().timeIntervalSince(start)
        let searchCPU = processCPUSeconds() - cpu
        progress("generating \(residences) residences")
        let residentLon = (0..<residences).map { _ in random.uniform(minLon, maxLon) }
        let residentLat = (0..<residences).map { _ in random.uniform(minLat, maxLat) }
        let modes = (0..<residences).map { _ in TravelMode.allCases[random.index(below: 3)] }
        progress("attaching residences")
        start = Date()
        cpu = processCPUSeconds()
        let travel = network.travel(longitudes: residentLon, latitudes: residentLat, modes: modes, times: times)
        let attach = Date().timeIntervalSince(start)
        let attachCPU = processCPUSeconds() - cpu
        let covered = travel.seconds.lazy.filter { $0 <= profile.minutes * 60 }.count
        let edges = network.graphs.map(\.edgeCount)
        lines.append(String(format: "network: %d nodes; directed edges walk %d, cycle %d, drive %d (generated in %.2f s, graphs and indexes %.2f s)",
            ways.nodeCount, edges[0], edges[1], edges[2], generate, build))
        lines.append(String(format: "  %d stations attached      %7.2f s", stations, attachStations))
        let settled = times.reduce(0) { $0 + $1.settled }
        lines.append(String(format: "  search, 3 modes, 15 min   %7.2f s  (settled: walk %d, cycle %d, drive %d)",
            search, times[0].settled, times[1].settled, times[2].settled))
        lines.append(String(format: "    cpu %.2f s, %.0f ns per settled node", searchCPU, searchCPU / Double(max(1, settled)) * 1e9))
        lines.append(String(format: "  %d residences attached %7.2f s  (%d covered, %d beyond the access limit)",
            residences, attach, covered, travel.unattachedCount))
        lines.append(String(format: "    cpu %.2f s, %.0f ns per residence", attachCPU, attachCPU / Double(max(1, residences)) * 1e9))
        let nodeNanoseconds = searchCPU / Double(max(1, settled)) * 1e9
        let residenceNanoseconds = attachCPU / Double(max(1, residences)) * 1e9
        return (lines, nodeNanoseconds, residenceNanoseconds)
    }

    /// The generated grid (see the type's summary).
    static func grid(side: Int, seed: UInt64) -> RoadWays {
        var random = SplitMix64(seed: seed)
        let step = 145.0
        let degreesLat = step / 111_195
        let degreesLon = degreesLat / cos(29.0 * .pi / 180)
        var longitudes = [Double](repeating: 0, count: side * side)
        var latitudes = longitudes
        for r in 0..<side {
            for c in 0..<side {
                longitudes[r * side + c] = 118.0 + (Double(c) + random.uniform(-0.3, 0.3)) * degreesLon
                latitudes[r * side + c] = 27.1 + (Double(r) + random.uniform(-0.3, 0.3)) * degreesLat
            }
        }
        let classes: [RoadClass] = [.residential, .residential, .unclassified, .service, .tertiary, .secondary, .primary, .footway, .track]
        var starts: [Int32] = [0]
        var nodes: [Int32] = []
        var tags: [WayTags] = []
        nodes.reserveCapacity(side * side * 13 / 10)
        func add(_ wayNodes: some Sequence<Int>) {
            for n in wayNodes { nodes.append(Int32(n)) }
            starts.append(Int32(nodes.count))
            let roadClass = classes[random.index(below: classes.count)]
            tags.append(WayTags(roadClass: roadClass, oneway: random.index(below: 7) == 0 ? .forward : .no))
        }
        for r in 0..<side {
            var c = 0
            while c < side - 1 {
                let end = min(side - 1, c + 19)
                add((c...end).map { r * side + $0 })
                c = end
            }
        }
        for c in stride(from: 0, to: side, by: 5) {
            var r = 0
            while r < side - 1 {
                let end = min(side - 1, r + 19)
                add((r...end).map { $0 * side + c })
                r = end
            }
        }
        return RoadWays(
            longitudes: longitudes, latitudes: latitudes, wayStarts: starts, wayNodes: nodes, tags: tags,
            statistics: RoadReadStatistics())
    }
}
