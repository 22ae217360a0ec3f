import Foundation
import Hummingbird
import LegalCircle
import LegalCircleReports
import LegalCircleServer
import LegalCircleSession
import LegalCircleStore
import LegalCircleTestSupport
import Testing

/// A real database for the service tests: the repository's demo stations (3,000) and the first 20,000
/// demo residences, each given a name, with the shipped Zhejiang county boundaries, loaded and computed once per test
/// process through `CoverageSession`, as `legalcircle load` and `report` do.
enum ServiceDatabase {
    static let residenceRows = 20_000

    static let built: Result<(path: String, runID: Int64), any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lines = try String(contentsOf: Repository.seed("residences.csv"), encoding: .utf8).split(separator: "\n")
        let residences = folder.appendingPathComponent("residences.csv")
        // A name per residence (村 and its id), so the areas of the run have named places.
        let named = lines.prefix(residenceRows + 1).enumerated().map { index, line in
            index == 0 ? "\(line),name" : "\(line),\(line.prefix { $0 != "," })村"
        }
        try Data((named.joined(separator: "\n") + "\n").utf8).write(to: residences)
        let path = folder.appendingPathComponent("serve.sqlite").path
        let session = CoverageSession(databasePath: path, access: .create)
        var load = LoadRequest()
        load.points = Repository.seed("points.csv").path
        load.residences = residences.path
        load.boundaries = Repository.zhejiangFolder.appendingPathComponent("counties_wgs84.geojson").path
        _ = try session.load(load)
        let run = try session.run(.compute(.datasets(points: nil, residences: nil), RuleRequest()))
        guard let id = run.description.runID else { throw ServerTestError("the demo run was not saved") }
        return (path, id)
    }

    static var path: String { get throws { try built.get().path } }
    static var runID: Int64 { get throws { try built.get().runID } }

    /// The application over the shared database, tested in-process.
    static func application() throws -> some ApplicationProtocol {
        try LegalCircleServer.application(try configuration())
    }

    static func configuration() throws -> ServerConfiguration {
        ServerConfiguration(databasePath: try path, host: "127.0.0.1", port: 0)
    }
}

struct ServerTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
