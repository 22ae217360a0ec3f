import Foundation
import LegalCircle

/// The road graph of one travel mode, in compressed sparse row form over the nodes of `RoadWays`.
///
/// Residents travel *to* stations, so the search runs from the stations over reversed edges: the row
/// of node v lists the edges u → v that end there, as (u, seconds). Edge seconds are Float32 (a
/// second's 1/10⁴ at 15 minutes); the search adds them in Float64.
///
/// Segments (one per consecutive pair of a usable way's nodes, ferries and motorways left out) are what
/// residences and stations attach to: a point on segment (a, b) at fraction t reaches b in (1 − t) ·
/// `forwardSeconds` and a in t · `backwardSeconds` (infinite where one-way forbids it).
public struct ModeGraph: Sendable {
    public let mode: TravelMode
    public let nodeCount: Int
    /// Row v is `reverseOffsets[v] ..< reverseOffsets[v + 1]`.
    public let reverseOffsets: [Int32]
    public let reverseSources: [Int32]
    public let reverseSeconds: [Float]
    public let segmentA: [Int32]
    public let segmentB: [Int32]
    public let forwardSeconds: [Float]
    public let backwardSeconds: [Float]

    public var edgeCount: Int { reverseSources.count }
    public var segmentCount: Int { segmentA.count }

    /// Builds the graph of `mode` from the ways, with speeds from `profile` (see `RoadProfile`):
    /// walking at the walking speed on every walkable class, both directions; cycling at the cycling
    /// speed, pushing on footways, pedestrian streets and steps, both directions; driving at the
    /// tagged `maxspeed` × `maxspeedFactor` else the class speed, one-way respected. Ferries carry
    /// every mode: their tagged duration, else length at the ferry speed, plus the boarding wait on
    /// the segment where one boards. Lengths are great-circle (haversine, mean Earth radius).
    /// - Complexity: O(ways' nodes + nodes).
    public init(ways: RoadWays, mode: TravelMode, profile: TravelProfile) {
        self.init(ways: ways, mode: mode, profile: profile, pairLengths: Self.pairLengths(ways))
    }

    /// The great-circle metres of every consecutive pair of way nodes: `lengths[i]` is from
    /// `wayNodes[i]` to `wayNodes[i + 1]` (the last position of a way is unused). Computed once for all
    /// three modes, in parallel.
    static func pairLengths(_ ways: RoadWays) -> [Double] {
        let count = ways.wayNodes.count
        return ParallelChunks(count: count, size: 1 << 18).fill { range, lengths in
            ways.wayNodes.withUnsafeBufferPointer { nodes in
                for i in range {
                    guard i + 1 < count else {
                        lengths[i] = 0
                        continue
                    }
                    let a = Int(nodes[i]), b = Int(nodes[i + 1])
                    lengths[i] = haversine(ways.longitudes[a], ways.latitudes[a], ways.longitudes[b], ways.latitudes[b])
                }
            }
        }
    }

    init(ways: RoadWays, mode: TravelMode, profile: TravelProfile, pairLengths: [Double]) {
        let roads = profile.roads
        let modeSpeed = profile.roadSpeed(of: mode) / 3.6
        let pushing = roads.pushingKmPerHour / 3.6
        let ferrySpeed = roads.ferryKmPerHour / 3.6
        let wait = Float(roads.ferryWaitMinutes * 60)
        var driveSpeed = [Double](repeating: 0, count: RoadClass.allCases.count)
        for (roadClass, kmh) in roads.driveKmPerHour { driveSpeed[Int(roadClass.rawValue)] = kmh / 3.6 }

        let most = max(0, ways.wayNodes.count - ways.wayCount)
        var segmentA: [Int32] = []
        var segmentB: [Int32] = []
        var forward: [Float] = []
        var backward: [Float] = []
        var attachable: [Bool] = []
        segmentA.reserveCapacity(most)
        segmentB.reserveCapacity(most)
        forward.reserveCapacity(most)
        backward.reserveCapacity(most)
        attachable.reserveCapacity(most)
        let infinity = Float.infinity
        for w in 0..<ways.wayCount {
            let tags = ways.tags[w]
            let roadClass = tags.roadClass
            if tags.denied.contains(mode: mode) { continue }
            let isFerry = roadClass == .ferry
            let usable: Bool = switch mode {
            case .walk: roadClass.isWalkable
            case .cycle: roadClass.isCyclable
            case .drive: roadClass.isDrivable
            }
            guard usable else { continue }
            // metres per second on this way (ferries below).
            var speed = modeSpeed
            if mode == .cycle, roadClass.pushesBicycle { speed = pushing }
            if mode == .drive, !isFerry {
                speed = tags.maxspeedKmPerHour > 0 ? Double(tags.maxspeedKmPerHour) / 3.6 * roads.maxspeedFactor
                    : driveSpeed[Int(roadClass.rawValue)]
                if !(speed > 0) { continue }  // a class without a driving speed is not driven
            }
            let oneway = mode == .drive && !isFerry ? tags.oneway : .no
            let start = Int(ways.wayStarts[w])
            let end = Int(ways.wayStarts[w + 1])
            let pairs = end - 1 - start
            guard pairs > 0 else { continue }
            var total = 0.0
            for i in start..<(end - 1) { total += pairLengths[i] }
            for (k, i) in (start..<(end - 1)).enumerated() {
                var seconds: Double
                if isFerry {
                    seconds = tags.durationMinutes > 0
                        ? (total > 0 ? Double(tags.durationMinutes) * 60 * pairLengths[i] / total : Double(tags.durationMinutes) * 60 / Double(pairs))
                        : pairLengths[i] / ferrySpeed
                } else {
                    seconds = pairLengths[i] / speed
                }
                var f = Float(seconds)
                var b = Float(seconds)
                if isFerry {
                    if k == 0 { f += wait }
                    if k == pairs - 1 { b += wait }
                }
                if oneway == .forward { b = infinity }
                if oneway == .backward { f = infinity }
                segmentA.append(ways.wayNodes[i])
                segmentB.append(ways.wayNodes[i + 1])
                forward.append(f)
                backward.append(b)
                attachable.append(!isFerry && roadClass != .motorway && roadClass != .motorwayLink)
            }
        }

        // Reversed CSR: edge a → b (forward) is stored in row b as (a, f); b → a in row a as (b, back).
        let nodeCount = ways.nodeCount
        var offsets = [Int32](repeating: 0, count: nodeCount + 1)
        for s in 0..<segmentA.count {
            if forward[s].isFinite { offsets[Int(segmentB[s]) + 1] += 1 }
            if backward[s].isFinite { offsets[Int(segmentA[s]) + 1] += 1 }
        }
        for v in 0..<nodeCount { offsets[v + 1] += offsets[v] }
        let edgeCount = Int(offsets[nodeCount])
        var sources = [Int32](repeating: 0, count: edgeCount)
        var seconds = [Float](repeating: 0, count: edgeCount)
        var fill = offsets
        for s in 0..<segmentA.count {
            if forward[s].isFinite {
                let v = Int(segmentB[s])
                let at = Int(fill[v])
                sources[at] = segmentA[s]
                seconds[at] = forward[s]
                fill[v] += 1
            }
            if backward[s].isFinite {
                let v = Int(segmentA[s])
                let at = Int(fill[v])
                sources[at] = segmentB[s]
                seconds[at] = backward[s]
                fill[v] += 1
            }
        }
        // Attachment segments: the usable ones that are not ferries or motorways, kept in place (copies
        // were fresh memory, whose pages cost more than the moves: perf, page clearing).
        var kept = 0
        for s in 0..<segmentA.count where attachable[s] {
            segmentA[kept] = segmentA[s]
            segmentB[kept] = segmentB[s]
            forward[kept] = forward[s]
            backward[kept] = backward[s]
            kept += 1
        }
        let dropped = segmentA.count - kept
        segmentA.removeLast(dropped)
        segmentB.removeLast(dropped)
        forward.removeLast(dropped)
        backward.removeLast(dropped)
        self.init(
            mode: mode, nodeCount: nodeCount, reverseOffsets: offsets, reverseSources: sources, reverseSeconds: seconds,
            segmentA: segmentA, segmentB: segmentB, forwardSeconds: forward, backwardSeconds: backward)
    }

    /// A graph from its arrays (tests and the store).
    public init(
        mode: TravelMode, nodeCount: Int, reverseOffsets: [Int32], reverseSources: [Int32], reverseSeconds: [Float],
        segmentA: [Int32], segmentB: [Int32], forwardSeconds: [Float], backwardSeconds: [Float]
    ) {
        precondition(reverseOffsets.count == nodeCount + 1 && reverseSources.count == reverseSeconds.count)
        precondition(segmentA.count == segmentB.count && segmentA.count == forwardSeconds.count && segmentA.count == backwardSeconds.count)
        self.mode = mode
        self.nodeCount = nodeCount
        self.reverseOffsets = reverseOffsets
        self.reverseSources = reverseSources
        self.reverseSeconds = reverseSeconds
        self.segmentA = segmentA
        self.segmentB = segmentB
        self.forwardSeconds = forwardSeconds
        self.backwardSeconds = backwardSeconds
    }

    /// The edges in travel direction (u → v, seconds), for exports and reference checks.
    public func forwardEdges() -> [(from: Int32, to: Int32, seconds: Float)] {
        var edges: [(from: Int32, to: Int32, seconds: Float)] = []
        edges.reserveCapacity(edgeCount)
        for v in 0..<nodeCount {
            for e in Int(reverseOffsets[v])..<Int(reverseOffsets[v + 1]) {
                edges.append((reverseSources[e], Int32(v), reverseSeconds[e]))
            }
        }
        return edges
    }
}

/// Great-circle metres between two lon/lat points (haversine on the mean Earth radius 6,371,008.8 m,
/// IUGG; within 0.5 % of the ellipsoid).
@inline(__always)
public func haversine(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double) -> Double {
    let radians = Double.pi / 180
    let dLat = (lat2 - lat1) * radians
    let dLon = (lon2 - lon1) * radians
    let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLon / 2) * sin(dLon / 2)
    return 2 * 6_371_008.8 * asin(min(1, a.squareRoot()))
}
