import Foundation
import LegalCircle
import LegalCircleReports
import LegalCircleRoads
import LegalCircleSession
import LegalCircleStore
import LegalCircleTestSupport
import Projection
import Testing

/// `report --roads`: coverage by travel over the road network (issue 19), checked per residence against
/// a plain Dijkstra written here, on a small road network built by hand (a river with one bridge, a
/// footbridge, a one-way street, a ferry to an island) and on a real OpenStreetMap extract.
@Suite struct NetworkReportTests {
    // MARK: - The hand-built network

    typealias Line = RiverRoads.Line
    static var lines: [Line] { RiverRoads.lines }
    static var roadsGeoJSON: String { RiverRoads.roadsGeoJSON }
    static var pointsCSV: String { RiverRoads.pointsCSV }
    static var residencesCSV: String { RiverRoads.residencesCSV }

    struct Files {
        let cli: CLI
        let points: String
        let residences: String
        let roads: String

        init() throws {
            cli = try CLI()
            points = try cli.write("points.csv", NetworkReportTests.pointsCSV)
            residences = try cli.write("residences.csv", NetworkReportTests.residencesCSV)
            roads = try cli.write("roads.geojson", NetworkReportTests.roadsGeoJSON)
        }

        var oneShot: [String] { ["report", "--points", points, "--residences", residences] }
    }

    /// The run computed in-process by the session, as `report` computes it.
    static func analysis(_ files: Files, rule: RuleRequest) throws -> (CoverageAnalysis, RunInputs, CoverageRun) {
        let session = CoverageSession(databasePath: files.cli.path("none.sqlite"), access: .readOnly)
        let run = try session.run(.compute(.files(points: files.points, residences: files.residences, boundaries: nil), rule))
        guard case .computed(let inputs, let analysis) = run.origin else { throw RunError("the one-shot run was not computed") }
        return (analysis, inputs, run)
    }

    struct RunError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test(arguments: ["all", "mediation"])
    func minutesEqualPlainDijkstra(kinds: String) throws {
        let files = try Files()
        let kindSet = kinds == "all" ? nil : ServiceKinds(list: kinds)
        let (analysis, inputs, run) = try Self.analysis(files, rule: RuleRequest(kinds: kindSet, roads: files.roads))
        let network = try #require(analysis.network)
        let profile = analysis.parameters.profile
        let reference = HandReference(lines: Self.lines, profile: profile)
        let stations = inputs.points.indices.filter { inputs.points[$0].isEligible(for: kindSet ?? .all) }
        #expect(stations.count == (kinds == "all" ? 3 : 1))
        var compared = 0
        for i in 0..<inputs.residences.count {
            let mode = profile.zoneModes[inputs.residences.zones[i]]!
            let residence = (inputs.residences.longitudes[i], inputs.residences.latitudes[i])
            guard let expected = reference.seconds(
                from: residence, mode: mode, stations: stations.map { (inputs.points[$0].location.longitude, inputs.points[$0].location.latitude) })
            else {
                // Off every road of its mode: the straight-line estimate, flagged.
                #expect(network.isFallback(i), "\(inputs.residences.ids[i]) should be off the roads")
                #expect(analysis.result.minutes[i] == network.straightLine.minutes[i])
                #expect(analysis.result.covered[i] == network.straightLine.covered[i])
                #expect(analysis.result.nearestPoint[i] == network.straightLine.nearestPoint[i])
                continue
            }
            #expect(!network.isFallback(i))
            let minutes = analysis.result.minutes[i]
            #expect(
                abs(minutes - expected.seconds / 60) < 1e-5,
                "\(inputs.residences.ids[i]) (\(mode)): \(minutes) min, plain Dijkstra \(expected.seconds / 60)")
            #expect(analysis.result.covered[i] == (expected.seconds / 60 <= profile.minutes))
            #expect(analysis.result.nearestPoint[i] == Int32(stations[expected.station]))
            compared += 1
        }
        #expect(compared == 7)
        #expect(network.fallbackCount == 1)
        #expect(run.description.fallbackResidences == 1)
        #expect(run.description.travelModel == "network (roads roads.geojson)")
    }

    /// What the fixture was built to show, so the comparison above cannot pass on a degenerate network.
    @Test func riverFerryAndOneWayStreetMatter() throws {
        let files = try Files()
        let (analysis, inputs, _) = try Self.analysis(files, rule: RuleRequest(roads: files.roads))
        let network = try #require(analysis.network)
        let row = { (id: String) in inputs.residences.ids.firstIndex(of: id)! }
        // R1: 550 m from P1 as the crow flies (covered by the estimate), but the river lies between.
        #expect(network.straightLine.covered[row("R1")])
        #expect(!analysis.result.covered[row("R1")])
        #expect(analysis.result.minutes[row("R1")] > 15)
        // R6 on the island: the ferry's 20 minutes plus the wait.
        #expect(analysis.result.minutes[row("R6")] > 30)
        #expect(network.isFallback(row("R2")))
        // The distance column stays the straight-line metres to the station the roads lead to.
        let r3 = row("R3")
        let station = inputs.points[Int(analysis.result.nearestPoint[r3])].location
        let metres = Geodesic.wgs84.distance(
            longitude1: inputs.residences.longitudes[r3], latitude1: inputs.residences.latitudes[r3],
            longitude2: station.longitude, latitude2: station.latitude)
        #expect(abs(analysis.result.distance[r3] - metres) < 0.01)
    }

    @Test func countyRowsCountFlipsBothWays() throws {
        let files = try Files()
        let (analysis, inputs, _) = try Self.analysis(files, rule: RuleRequest(roads: files.roads))
        let network = try #require(analysis.network)
        for figures in analysis.report.counties + [analysis.report.total] {
            let rows = (0..<inputs.residences.count).filter { figures.isTotal || inputs.residences.county(at: $0) ?? "" == figures.county }
            let comparison = try #require(figures.networkComparison)
            #expect(comparison.coveredOnlyByStraightLine == rows.filter { network.straightLine.covered[$0] && !analysis.result.covered[$0] }.count)
            #expect(comparison.coveredOnlyByNetwork == rows.filter { !network.straightLine.covered[$0] && analysis.result.covered[$0] }.count)
            #expect(comparison.fallbackResidences == rows.filter { network.isFallback($0) }.count)
            let straightCovered = rows.filter { network.straightLine.covered[$0] }.map { inputs.residences.populations[$0] }.reduce(0, +)
            #expect(comparison.straightLineCovered == straightCovered)
        }
        #expect(analysis.report.total.networkComparison?.coveredOnlyByStraightLine ?? 0 >= 2)  // R1 and R6
    }

    // MARK: - The command line

    @Test func summaryNamesTheTravelModelAndTheFallbacks() throws {
        let files = try Files()
        let table = try files.cli.ok(files.oneShot + ["--roads", files.roads])
        let summary = try #require(table.split(separator: "\n").first)
        #expect(summary.contains("; travel network (roads roads.geojson); 1 residence farther than 500 m from a road of their mode by straight-line estimate"))
        #expect(table.contains("straight-line %") && table.contains("lost on roads") && table.contains("gained on roads"))
        let json = try decodeJSON(try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", "json"]))
        let run = try #require(json["run"] as? [String: Any])
        #expect(run["travelModel"] as? String == "network (roads roads.geojson)")
        #expect(run["fallbackResidences"] as? Int == 1)
        let total = try #require(json["total"] as? [String: Any])
        let comparison = try #require(total["networkComparison"] as? [String: Any])
        #expect(comparison["fallbackResidences"] as? Int == 1)
        let chinese = try files.cli.ok(files.oneShot + ["--roads", files.roads], locale: "zh_CN.UTF-8")
        #expect(chinese.split(separator: "\n").first?.contains("出行模型 network (roads roads.geojson)（按路网）；1 处住所") == true)
    }

    @Test(arguments: ["table", "json", "csv"])
    func travelStraightIsTheReportWithoutRoads(format: String) throws {
        let files = try Files()
        let without = try files.cli.ok(files.oneShot + ["--format", format])
        let straight = try files.cli.ok(files.oneShot + ["--roads", files.roads, "--travel", "straight", "--format", format])
        #expect(straight == without)
        #expect(!without.contains("network"))
        let network = try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", format])
        #expect(network != without)
    }

    @Test func htmlReportShowsTheComparisonColumnsOnlyByNetwork() throws {
        let files = try Files()
        func page(_ extra: [String], _ name: String) throws -> String {
            _ = try files.cli.ok(files.oneShot + extra + ["--format", "html", "--lang", "en", "--out", name])
            return try String(contentsOfFile: files.cli.path(name), encoding: .utf8)
        }
        let network = try page(["--roads", files.roads], "network.html")
        let json = try decodeJSON(try files.cli.ok(files.oneShot + ["--roads", files.roads, "--format", "json"]))
        let total = try #require((json["total"] as? [String: Any])?["networkComparison"] as? [String: Any])
        for key in ["straightLineCoveragePercent", "coveredOnlyByStraightLine", "coveredOnlyByNetwork", "fallbackResidences"] {
            #expect(network.contains("data-key=\"networkComparison.\(key)\""))
        }
        // The total row's lost-on-roads cell carries the JSON's figure.
        let lost = try #require(total["coveredOnlyByStraightLine"] as? Int)
        let footer = try #require(network.range(of: "<tfoot>").map { String(network[$0.lowerBound...]) })
        #expect(footer.contains("<td data-value=\"\(lost)\">\(lost)</td>"))
        #expect(network.contains("travel network (roads roads.geojson); 1 residence farther than 500 m"))
        let without = try page([], "without.html")
        let straight = try page(["--roads", files.roads, "--travel", "straight"], "straight.html")
        #expect(straight == without)
        #expect(!without.contains("networkComparison"))
    }

    @Test func networkTravelNeedsRoads() throws {
        let files = try Files()
        let outcome = try files.cli.run(files.oneShot + ["--travel", "network"])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("--travel network needs a road network"))
    }

    // MARK: - A real extract

    /// Kouvola (Tests/Fixtures/osm, ODbL): stations and residences scattered over the extract, every
    /// residence's minutes against a plain single-source Dijkstra from it over the forward edges (the
    /// engine searches once per mode from all stations over reversed edges).
    @Test func kouvolaMinutesEqualPlainDijkstraPerResidence() throws {
        let file = Repository.root.appendingPathComponent("Tests/Fixtures/osm/osm_kouvola_pyrosm_test.osm.pbf").path
        let profile = TravelProfile.standard
        let roads = try NetworkTravel.read(file, profile: profile)
        var random = SplitMix64(seed: 19)
        func coordinate() -> GeoCoordinate {
            GeoCoordinate(longitude: random.uniform(26.93, 26.97), latitude: random.uniform(60.52, 60.54))
        }
        let points = (0..<4).map { i in
            ServicePoint(
                id: "P\(i)", name: "P\(i)", kinds: i == 3 ? .notary : .consultation, level: .township, location: coordinate(), county: "330102")
        }
        let zones: [Zone] = [.urban, .rural, .mountain]
        let residences = ResidenceTable(
            (0..<60).map { i in Residence(id: "R\(i)", location: coordinate(), population: 10, county: "330102", zone: zones[i % 3]) })
        let parameters = CoverageParameters(profile: profile, kinds: .consultation)
        let analysis = try CoverageEngine.analyse(points: points, residences: residences, parameters: parameters, roads: roads)
        let network = try #require(analysis.network)
        let eligible = [0, 1, 2]
        var compared = 0
        for i in 0..<residences.count {
            let mode = profile.zoneModes[residences.zones[i]]!
            guard !network.isFallback(i) else {
                #expect(analysis.result.minutes[i] == network.straightLine.minutes[i])
                continue
            }
            let expected = PlainDijkstra.seconds(
                network: roads.network, mode: mode, from: (residences.longitudes[i], residences.latitudes[i]),
                stations: eligible.map { (points[$0].location.longitude, points[$0].location.latitude) })
            let minutes = analysis.result.minutes[i]
            if expected.isFinite {
                #expect(abs(minutes - expected / 60) < 1e-5 * max(1, expected / 60), "R\(i) (\(mode)): \(minutes) vs \(expected / 60)")
            } else {
                #expect(minutes == .infinity)
                #expect(analysis.result.nearestPoint[i] == -1)
            }
            #expect(analysis.result.covered[i] == (expected / 60 <= profile.minutes))
            compared += 1
        }
        #expect(compared >= 40, "most residences lie within 500 m of a road in Kouvola")
    }
}

/// Plain Dijkstra over the hand-built lines, written from their coordinates without the roads module:
/// nodes are the distinct vertices, each consecutive pair a segment of haversine length at the mode's
/// speed (one-way for driving only, the ferry's duration plus the wait), residences and stations attached
/// to the nearest point of a non-ferry segment in the local equirectangular frame.
struct HandReference {
    struct Segment {
        var a: Int
        var b: Int
        var forward: Double
        var backward: Double
        var attachable: Bool
    }

    let longitudes: [Double]
    let latitudes: [Double]
    let segments: [TravelMode: [Segment]]
    let centre: Double
    let profile: TravelProfile

    init(lines: [NetworkReportTests.Line], profile: TravelProfile) {
        self.profile = profile
        var index: [String: Int] = [:]
        var longitudes: [Double] = []
        var latitudes: [Double] = []
        func node(_ p: (Double, Double)) -> Int {
            let key = "\(p.0),\(p.1)"
            if let known = index[key] { return known }
            index[key] = longitudes.count
            longitudes.append(p.0)
            latitudes.append(p.1)
            return longitudes.count - 1
        }
        for line in lines { _ = line.points.map(node) }
        centre = (longitudes.min()! + longitudes.max()!) / 2
        let roads = profile.roads
        var segments: [TravelMode: [Segment]] = [:]
        for mode in TravelMode.allCases {
            var list: [Segment] = []
            for line in lines {
                let isFerry = line.ferryMinutes != nil
                let speedKmh: Double
                switch (mode, line.highway) {
                case (_, nil): speedKmh = .nan
                case (.walk, _): speedKmh = profile.roadSpeed(of: .walk)
                case (.cycle, "footway"): speedKmh = roads.pushingKmPerHour
                case (.cycle, _): speedKmh = profile.roadSpeed(of: .cycle)
                case (.drive, "footway"): continue
                case (.drive, _): speedKmh = roads.driveKmPerHour[.residential]!
                }
                for k in 0..<(line.points.count - 1) {
                    let a = node(line.points[k])
                    let b = node(line.points[k + 1])
                    var seconds = haversineMetres(longitudes[a], latitudes[a], longitudes[b], latitudes[b]) / (speedKmh / 3.6)
                    if let minutes = line.ferryMinutes { seconds = minutes * 60 + roads.ferryWaitMinutes * 60 }
                    let oneway = line.oneway && mode == .drive
                    list.append(Segment(a: a, b: b, forward: seconds, backward: oneway ? .infinity : seconds, attachable: !isFerry))
                }
            }
            segments[mode] = list
        }
        self.longitudes = longitudes
        self.latitudes = latitudes
        self.segments = segments
    }

    func project(_ lon: Double, _ lat: Double) -> (Double, Double) {
        let phi = lat * .pi / 180
        return ((lon - centre) * .pi / 180 * cos(phi) * 6_371_008.8, phi * 6_371_008.8)
    }

    /// Nearest point of an attachable segment: (segment, fraction from a, metres), nil beyond the access limit.
    func attach(_ p: (Double, Double), mode: TravelMode) -> (Int, Double, Double)? {
        let (px, py) = project(p.0, p.1)
        var best: (Int, Double, Double)?
        for (s, segment) in segments[mode]!.enumerated() where segment.attachable {
            let (ax, ay) = project(longitudes[segment.a], latitudes[segment.a])
            let (bx, by) = project(longitudes[segment.b], latitudes[segment.b])
            let (dx, dy) = (bx - ax, by - ay)
            let t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
            let metres = ((px - ax - t * dx) * (px - ax - t * dx) + (py - ay - t * dy) * (py - ay - t * dy)).squareRoot()
            if best == nil || metres < best!.2 { best = (s, t, metres) }
        }
        guard let best, best.2 <= profile.roads.accessMaxMetres else { return nil }
        return best
    }

    /// Seconds from `from` to the nearest station and that station's position in `stations`; nil when
    /// `from` is off the roads of `mode`.
    func seconds(from: (Double, Double), mode: TravelMode, stations: [(Double, Double)]) -> (seconds: Double, station: Int)? {
        guard let (s, t, metres) = attach(from, mode: mode) else { return nil }
        let speed = profile.roadSpeed(of: mode) / 3.6
        let segment = segments[mode]![s]
        // O(V²) Dijkstra from one node over the forward edges.
        func distances(from source: Int) -> [Double] {
            var distance = [Double](repeating: .infinity, count: longitudes.count)
            var done = [Bool](repeating: false, count: longitudes.count)
            distance[source] = 0
            while let v = (0..<longitudes.count).filter({ !done[$0] && distance[$0].isFinite }).min(by: { distance[$0] < distance[$1] }) {
                done[v] = true
                for edge in segments[mode]! {
                    if edge.a == v { distance[edge.b] = min(distance[edge.b], distance[v] + edge.forward) }
                    if edge.b == v { distance[edge.a] = min(distance[edge.a], distance[v] + edge.backward) }
                }
            }
            return distance
        }
        let starts = [(segment.a, t * segment.backward), (segment.b, (1 - t) * segment.forward)]
        let fromStarts = starts.map { distances(from: $0.0) }
        var best: (seconds: Double, station: Int) = (.infinity, -1)
        for (k, station) in stations.enumerated() {
            guard let (ss, st, sm) = attach(station, mode: mode) else { continue }
            let target = segments[mode]![ss]
            // Into the station's point from its segment's ends: forward from a, backward from b.
            let ends = [(target.a, st * target.forward), (target.b, (1 - st) * target.backward)]
            for (start, startCost) in zip(starts.map(\.1), fromStarts) {
                for (end, endCost) in ends {
                    let total = metres / speed + start + startCost[end] + endCost + sm / speed
                    if total < best.seconds { best = (total, k) }
                }
            }
        }
        return best
    }
}

func haversineMetres(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double) -> Double {
    let r = Double.pi / 180
    let h = pow(sin((lat2 - lat1) * r / 2), 2) + cos(lat1 * r) * cos(lat2 * r) * pow(sin((lon2 - lon1) * r / 2), 2)
    return 2 * 6_371_008.8 * asin(min(1, h.squareRoot()))
}

/// Single-source Dijkstra from one residence over a mode graph's forward edges (the roads module's
/// graph and attachment, not its search): the check that the multi-source reversed search and the
/// engine's use of it give every residence its own shortest time.
enum PlainDijkstra {
    static func seconds(network: RoadNetwork, mode: TravelMode, from: (Double, Double), stations: [(Double, Double)]) -> Double {
        let graph = network.graph(mode)
        let index = network.index(mode)
        let speed = network.accessKmPerHour[TravelMode.allCases.firstIndex(of: mode)!] / 3.6
        var outgoing = [[(Int, Double)]](repeating: [], count: graph.nodeCount)
        for edge in graph.forwardEdges() { outgoing[Int(edge.from)].append((Int(edge.to), Double(edge.seconds))) }
        let at = index.attach(longitude: from.0, latitude: from.1, maxMetres: network.accessMaxMetres)
        let s = Int(at.segment)
        let t = Double(at.fraction)
        // A share of a segment in one direction; a point at the very end is at the node, whatever the direction.
        func along(_ share: Double, _ seconds: Float) -> Double { share == 0 ? 0 : share * Double(seconds) }
        var distance = [Double](repeating: .infinity, count: graph.nodeCount)
        var queue: [(Double, Int)] = []
        for (node, cost) in [(Int(graph.segmentA[s]), along(t, graph.backwardSeconds[s])), (Int(graph.segmentB[s]), along(1 - t, graph.forwardSeconds[s]))]
        where cost < distance[node] {
            distance[node] = cost
            queue.append((cost, node))
        }
        var done = [Bool](repeating: false, count: graph.nodeCount)
        // A binary heap of (seconds, node) with stale entries skipped when popped.
        func push(_ entry: (Double, Int)) {
            queue.append(entry)
            var child = queue.count - 1
            while child > 0, queue[(child - 1) / 2].0 > queue[child].0 {
                queue.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        }
        func pop() -> (Double, Int) {
            queue.swapAt(0, queue.count - 1)
            let top = queue.removeLast()
            var parent = 0
            while true {
                var smallest = parent
                for child in [2 * parent + 1, 2 * parent + 2] where child < queue.count && queue[child].0 < queue[smallest].0 {
                    smallest = child
                }
                if smallest == parent { return top }
                queue.swapAt(parent, smallest)
                parent = smallest
            }
        }
        let seeds = queue
        queue = []
        seeds.forEach(push)
        while !queue.isEmpty {
            let (d, v) = pop()
            if done[v] { continue }
            done[v] = true
            for (u, w) in outgoing[v] where d + w < distance[u] {
                distance[u] = d + w
                push((d + w, u))
            }
        }
        var best = Double.infinity
        for station in stations {
            let sa = index.attach(longitude: station.0, latitude: station.1, maxMetres: network.accessMaxMetres)
            guard sa.isAttached else { continue }
            let ss = Int(sa.segment)
            let st = Double(sa.fraction)
            let access = Double(sa.metres) / speed
            let viaA = distance[Int(graph.segmentA[ss])] + along(st, graph.forwardSeconds[ss])
            let viaB = distance[Int(graph.segmentB[ss])] + along(1 - st, graph.backwardSeconds[ss])
            best = min(best, min(viaA, viaB) + access)
        }
        return best + Double(at.metres) / speed
    }
}
