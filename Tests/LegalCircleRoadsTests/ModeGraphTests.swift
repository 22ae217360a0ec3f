import Foundation
import LegalCircle
import Testing

@testable import LegalCircleRoads

@Suite("Graphs per mode")
struct ModeGraphTests {
    /// Nodes 0–5 along a parallel, 0.01° (about 965 m at 30° N) apart.
    static func line(_ ways: [(WayTags, [Int32])]) -> RoadWays {
        var starts: [Int32] = [0]
        var nodes: [Int32] = []
        for (_, wayNodes) in ways {
            nodes += wayNodes
            starts.append(Int32(nodes.count))
        }
        return RoadWays(
            longitudes: (0..<6).map { 120 + 0.01 * Double($0) }, latitudes: Array(repeating: 30, count: 6),
            wayStarts: starts, wayNodes: nodes, tags: ways.map(\.0), statistics: RoadReadStatistics())
    }

    static func seconds(_ graph: ModeGraph, from u: Int32, to v: Int32) -> Float? {
        let row = Int(graph.reverseOffsets[Int(v)])..<Int(graph.reverseOffsets[Int(v) + 1])
        return row.first { graph.reverseSources[$0] == u }.map { graph.reverseSeconds[$0] }
    }

    @Test("per-class speeds, maxspeed, one-way for driving only, pushing on steps, motorways not walked")
    func speeds() {
        let ways = Self.line([
            (WayTags(roadClass: .primary, oneway: .forward), [0, 1]),
            (WayTags(roadClass: .residential, maxspeedKmPerHour: 50), [1, 2]),
            (WayTags(roadClass: .steps), [2, 3]),
            (WayTags(roadClass: .motorway, oneway: .forward), [3, 4]),
            (WayTags(roadClass: .service, denied: .drive), [4, 5]),
        ])
        let profile = TravelProfile.standard
        let metres = haversine(120, 30, 120.01, 30)
        let drive = ModeGraph(ways: ways, mode: .drive, profile: profile)
        #expect(Self.seconds(drive, from: 0, to: 1) == Float(metres / (65 / 3.6)))
        #expect(Self.seconds(drive, from: 1, to: 0) == nil)
        #expect(Self.seconds(drive, from: 2, to: 1) == Float(metres / (50 / 3.6)))
        #expect(Self.seconds(drive, from: 2, to: 3) == nil)
        #expect(Self.seconds(drive, from: 3, to: 4) == Float(metres / (90 / 3.6)) && Self.seconds(drive, from: 4, to: 3) == nil)
        #expect(Self.seconds(drive, from: 4, to: 5) == nil)
        let walk = ModeGraph(ways: ways, mode: .walk, profile: profile)
        #expect(Self.seconds(walk, from: 1, to: 0) == Float(metres / (4.8 / 3.6)))
        #expect(Self.seconds(walk, from: 3, to: 4) == nil && Self.seconds(walk, from: 5, to: 4) != nil)
        let cycle = ModeGraph(ways: ways, mode: .cycle, profile: profile)
        #expect(Self.seconds(cycle, from: 2, to: 3) == Float(metres / (4 / 3.6)))
        #expect(Self.seconds(cycle, from: 1, to: 0) == Float(metres / (12 / 3.6)))
        // Motorways are not attachment segments; the rest are.
        #expect(drive.segmentCount == 2 && walk.segmentCount == 4)
    }

    @Test("ferries: tagged duration, else the ferry speed, plus the boarding wait where one boards")
    func ferries() {
        let ways = Self.line([
            (WayTags(roadClass: .ferry, durationMinutes: 20), [0, 1, 2]),
            (WayTags(roadClass: .ferry), [3, 4]),
        ])
        let graph = ModeGraph(ways: ways, mode: .walk, profile: .standard)
        let wait = Float(RoadProfile.standard.ferryWaitMinutes * 60)
        let half = Float(1200.0 * haversine(120, 30, 120.01, 30) / (haversine(120, 30, 120.01, 30) + haversine(120.01, 30, 120.02, 30)))
        #expect(abs(Self.seconds(graph, from: 0, to: 1)! - (half + wait)) < 0.01)
        #expect(abs(Self.seconds(graph, from: 1, to: 2)! - (1200 - half)) < 0.01)
        #expect(abs(Self.seconds(graph, from: 2, to: 1)! - (1200 - half + wait)) < 0.01)
        #expect(Self.seconds(graph, from: 3, to: 4) == Float(haversine(120.03, 30, 120.04, 30) / (5 / 3.6)) + wait)
        #expect(graph.segmentCount == 0)
    }
}
