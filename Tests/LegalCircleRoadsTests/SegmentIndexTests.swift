import Foundation
import LegalCircle
import Testing

@testable import LegalCircleRoads

/// `SegmentIndex.attach` against a scan of every segment, and `RoadNetwork.travel` (which attaches
/// points in a spatial order) against attaching them one by one in their own order.
struct SegmentIndexTests {
    /// Random residential lines near Hangzhou, some sharing vertices, so that a point on a shared vertex
    /// is equally near several segments.
    static func ways(seed: UInt64) throws -> RoadWays {
        var random = SplitMix64(seed: seed)
        var vertices: [(Double, Double)] = (0..<120).map { _ in (random.uniform(120.10, 120.16), random.uniform(30.20, 30.25)) }
        var features: [String] = []
        for _ in 0..<200 {
            let count = 2 + Int(random.uniform(0, 4))
            let points = (0..<count).map { _ -> (Double, Double) in
                // Half of the vertices are shared ones.
                random.uniform(0, 1) < 0.5 ? vertices[Int(random.uniform(0, Double(vertices.count)))]
                    : (random.uniform(120.10, 120.16), random.uniform(30.20, 30.25))
            }
            vertices.append(points[0])
            let coordinates = points.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
            features.append(
                "{\"type\":\"Feature\",\"properties\":{\"highway\":\"residential\"},"
                    + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[\(coordinates)]}}")
        }
        let text = "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}"
        return try GeoJSONRoadReader.read(Data(text.utf8), name: "random.geojson")
    }

    /// The nearest segment by scanning all: the smallest distance, then the lowest index.
    static func scan(_ graph: ModeGraph, _ ways: RoadWays, _ frame: LocalMetres, _ lon: Double, _ lat: Double, max: Double)
        -> LegalCircleRoads.Attachment
    {
        let (px, py) = frame.project(longitude: lon, latitude: lat)
        var best = LegalCircleRoads.Attachment.none
        var bestSquared = max * max
        for s in 0..<graph.segmentCount {
            let a = Int(graph.segmentA[s]), b = Int(graph.segmentB[s])
            let (ax, ay) = frame.project(longitude: ways.longitudes[a], latitude: ways.latitudes[a])
            let (bx, by) = frame.project(longitude: ways.longitudes[b], latitude: ways.latitudes[b])
            let dx = bx - ax, dy = by - ay
            let lengthSquared = dx * dx + dy * dy
            var t = lengthSquared > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSquared : 0
            t = min(1, Swift.max(0, t))
            let qx = ax + t * dx - px, qy = ay + t * dy - py
            let d = qx * qx + qy * qy
            if d < bestSquared {
                bestSquared = d
                best = LegalCircleRoads.Attachment(segment: Int32(s), fraction: Float(t), metres: Float(d.squareRoot()))
            }
        }
        return best
    }

    @Test("attach finds what a scan of every segment finds, ties to the lowest index", arguments: [1, 2, 3] as [UInt64])
    func attachEqualsAScan(seed: UInt64) throws {
        let ways = try Self.ways(seed: seed)
        let network = RoadNetwork(ways: ways, profile: .standard)
        let graph = network.graph(.walk)
        let index = network.index(.walk)
        var random = SplitMix64(seed: seed &+ 100)
        var queries: [(Double, Double)] = (0..<1_500).map { _ in (random.uniform(120.09, 120.17), random.uniform(30.19, 30.26)) }
        // Points on the vertices: equally near every segment that meets there.
        queries += (0..<300).map { i in (ways.longitudes[i % ways.nodeCount], ways.latitudes[i % ways.nodeCount]) }
        var ties = 0
        for (lon, lat) in queries {
            let expected = Self.scan(graph, ways, index.frame, lon, lat, max: 500)
            let found = index.attach(longitude: lon, latitude: lat, maxMetres: 500)
            #expect(found == expected, "(\(lon), \(lat))")
            if expected.isAttached, expected.metres == 0 { ties += 1 }
        }
        #expect(ties > 100, "the vertex queries test the tie rule")
    }

    @Test func travelInSpatialOrderEqualsOneByOne() throws {
        let ways = try Self.ways(seed: 9)
        let network = RoadNetwork(ways: ways, profile: .standard)
        var random = SplitMix64(seed: 10)
        let stationLon = (0..<6).map { _ in random.uniform(120.10, 120.16) }
        let stationLat = (0..<6).map { _ in random.uniform(30.20, 30.25) }
        let seeds = TravelMode.allCases.map {
            network.seeds(mode: $0, longitudes: stationLon, latitudes: stationLat, stations: Array(0..<6)).seeds
        }
        let times = network.searchAll(seeds: seeds, cutoff: .infinity)
        let count = 3_000
        let lon = (0..<count).map { _ in random.uniform(120.09, 120.17) }
        let lat = (0..<count).map { _ in random.uniform(30.19, 30.26) }
        let modes = (0..<count).map { TravelMode.allCases[$0 % 3] }
        let all = network.travel(longitudes: lon, latitudes: lat, modes: modes, times: times)
        #expect(Set(RoadNetwork.spatialOrder(longitudes: lon, latitudes: lat)) == Set(0..<Int32(count)))
        var attached = 0
        for i in 0..<count {
            let one = network.travel(longitudes: [lon[i]], latitudes: [lat[i]], modes: [modes[i]], times: times)
            #expect(all.seconds[i] == one.seconds[0] || (all.seconds[i].isNaN && one.seconds[0].isNaN))
            #expect(all.accessSeconds[i] == one.accessSeconds[0])
            #expect(all.station[i] == one.station[0])
            #expect(all.attached[i] == one.attached[0])
            if one.attached[0] { attached += 1 }
        }
        #expect(attached > count / 2)
    }
}
