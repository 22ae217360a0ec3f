import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LegalCircleServer
import LegalCircleTestSupport
import NIOCore
import Testing

/// `POST /api/datasets` and `POST /api/runs` on a copy of the service database, with a token file.
@Suite struct WriteAPITests {
    static let token = "test-token-0123456789abcdef"

    /// A copy of the shared database (the other suites read it) and a token file beside it.
    static func writableConfiguration(uploadLimit: Int = 1 << 20) throws -> ServerConfiguration {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: try ServiceDatabase.path, toPath: copy)
        let tokenFile = folder.appendingPathComponent("token").path
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: tokenFile))
        var configuration = ServerConfiguration(databasePath: copy, port: 0, tokenFile: tokenFile)
        configuration.maximumUploadBytes = uploadLimit
        return configuration
    }

    static func bearer(_ token: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        return headers
    }

    static func pointsCSV(rows: Int) throws -> ByteBuffer {
        let lines = try String(contentsOf: Repository.seed("points.csv"), encoding: .utf8).split(separator: "\n")
        return ByteBuffer(string: lines.prefix(rows + 1).joined(separator: "\n") + "\n")
    }

    @Test func aReadOnlyServiceRefusesWrites() async throws {
        let app = try ServiceDatabase.application()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/runs", method: .post, headers: Self.bearer(Self.token))
            #expect(response.status == .forbidden)
            #expect(try response.json["error"]?.string?.contains("--token-file") == true)
        }
    }

    @Test(arguments: [nil, "wrong-token-0123456789abcdef", "test-token-0123456789abcde", "test-token-0123456789abcdef0"])
    func writesWithoutTheTokenAre401(token: String?) async throws {
        let app = try LegalCircleServer.application(try Self.writableConfiguration())
        try await app.test(.router) { client in
            let headers = token.map { Self.bearer($0) } ?? [:]
            for uri in ["/api/runs", "/api/datasets?kind=points"] {
                let response = try await client.execute(uri: uri, method: .post, headers: headers, body: try Self.pointsCSV(rows: 5))
                #expect(response.status == .unauthorized, "\(uri)")
            }
        }
    }

    @Test func anUploadLoadsADatasetAndARunIsComputedOverIt() async throws {
        let app = try LegalCircleServer.application(try Self.writableConfiguration())
        try await app.test(.router) { client in
            let upload = try await client.execute(
                uri: "/api/datasets?kind=points&name=few", method: .post, headers: Self.bearer(Self.token), body: try Self.pointsCSV(rows: 300))
            #expect(upload.status == .created, "\(upload.text)")
            #expect(upload.text.contains("300"))
            let computed = try await client.execute(uri: "/api/runs", method: .post, headers: Self.bearer(Self.token))
            #expect(computed.status == .created, "\(computed.text)")
            let id = try #require(try computed.json["id"]?.number)
            // Both answers as the OpenAPI document describes them.
            let check = OpenAPICheck(document: try await client.execute(uri: "/openapi.json", method: .get).json)
            for (path, response) in [("/api/datasets", upload), ("/api/runs", computed)] {
                let schema = try #require(check.responseSchema(path: path, method: "post", status: 201))
                #expect(check.problems(try response.json, schema).isEmpty, "\(path)")
            }
            let runs = try #require(try await client.execute(uri: "/api/runs", method: .get).json["runs"]?.array)
            #expect(runs.first?["id"]?.number == id)
            #expect(runs.first?["pointsDataset"]?.string == "few")
        }
    }

    @Test func aBadFileIsRefusedWithItsReasonAndLoadsNothing() async throws {
        let app = try LegalCircleServer.application(try Self.writableConfiguration())
        try await app.test(.router) { client in
            let bad = ByteBuffer(string: "id,name,kind,level,lon,lat,county\nX1,A,consultation,village,120.1,30.2,330102\nX2,B,consultation,village,abc,30.2,330102\n")
            let response = try await client.execute(uri: "/api/datasets?kind=points&name=bad", method: .post, headers: Self.bearer(Self.token), body: bad)
            #expect(response.status == .badRequest)
            #expect(try response.json["error"]?.string?.contains("lon") == true, "\(response.text)")
            let runs = try await client.execute(uri: "/api/runs", method: .post, headers: Self.bearer(Self.token))
            #expect(try runs.json["id"] != nil)
            let list = try #require(try await client.execute(uri: "/api/runs", method: .get).json["runs"]?.array)
            #expect(list.allSatisfy { $0["pointsDataset"]?.string != "bad" })
        }
    }

    @Test func uploadsOverTheLimitAre413AndBadParameters400() async throws {
        let app = try LegalCircleServer.application(try Self.writableConfiguration(uploadLimit: 1000))
        try await app.test(.router) { client in
            let large = try await client.execute(
                uri: "/api/datasets?kind=points", method: .post, headers: Self.bearer(Self.token), body: try Self.pointsCSV(rows: 100))
            #expect(large.status == .contentTooLarge)
            #expect(try large.json["error"] != nil)
            for uri in ["/api/datasets?kind=roads", "/api/datasets?kind=points&name=../x", "/api/datasets?kind=points&format=exe"] {
                let response = try await client.execute(uri: uri, method: .post, headers: Self.bearer(Self.token), body: ByteBuffer(string: "id\n"))
                #expect(response.status == .badRequest, "\(uri)")
            }
        }
    }
}
