import Foundation
import HTTPTypes
import Hummingbird
import LegalCircle
import LegalCircleReports
import LegalCircleSession
import LegalCircleStore
import NIOCore

/// `POST /api/datasets` and `POST /api/runs`: the `load` and `report` of the CLI, behind a bearer token
/// (`--token-file`). Each request opens its own read-write session; the readers keep theirs.
struct WriteEndpoints: Sendable {
    let databasePath: String
    /// The token's bytes; nil when the service was started without `--token-file` (read-only).
    let token: [UInt8]?

    /// Uploads larger than this are refused with 413.
    let maximumUploadBytes: Int

    /// - Throws: `ServerError` when the token file cannot be read or is empty.
    init(databasePath: String, tokenFile: String?, maximumUploadBytes: Int) throws {
        self.databasePath = databasePath
        self.maximumUploadBytes = maximumUploadBytes
        guard let tokenFile else {
            token = nil
            return
        }
        guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
            throw ServerError("cannot read the token file \(tokenFile) (--token-file)")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count >= 16 else {
            throw ServerError("the token in \(tokenFile) (--token-file) must be at least 16 characters")
        }
        token = Array(trimmed.utf8)
    }

    /// 403 when the service is read-only, 401 unless `Authorization: Bearer TOKEN` matches.
    func authorise(_ request: Request) throws(APIError) {
        guard let token else {
            throw APIError(status: .forbidden, reason: "this service is read-only: start it with --token-file to accept uploads and runs")
        }
        let given = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? Array($0.utf8.dropFirst(7)) : nil } ?? []
        guard Self.constantTimeEqual(given, token) else {
            throw APIError(status: .unauthorized, reason: "a valid bearer token is required (Authorization: Bearer TOKEN)")
        }
    }

    /// Equal bytes, in a time that depends on the lengths only, not on where the first difference is.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }

    /// `POST /api/datasets?kind=points|residences[&name=][&format=csv|xlsx]` with the file as the body:
    /// loaded as `legalcircle load` does, all or nothing.
    func upload(_ request: Request) async throws -> [UInt8] {
        try authorise(request)
        let parameters = request.uri.queryParameters
        let kind = parameters.get("kind") ?? ""
        guard kind == "points" || kind == "residences" else {
            throw APIError.badRequest("kind must be points or residences, not \"\(kind)\"")
        }
        let format = parameters.get("format") ?? "csv"
        guard format == "csv" || format == "xlsx" else { throw APIError.badRequest("format must be csv or xlsx, not \"\(format)\"") }
        let name = parameters.get("name") ?? kind
        guard !name.isEmpty, name.count <= 100, !name.contains("/"), !name.contains("\\"), !name.hasPrefix(".") else {
            throw APIError.badRequest("name must be 1–100 characters without slashes and not start with a dot")
        }
        let body = try await request.body.collect(upTo: maximumUploadBytes)
        guard body.readableBytes > 0 else { throw APIError.badRequest("the body is empty: send the \(format) file as the request body") }
        return try await BlockingWork.run { [databasePath] in
            try Self.load(body, kind: kind, name: name, format: format, databasePath: databasePath)
        }
    }

    /// The upload written to a private file and loaded (off the event loop: reading, checking and storing take seconds).
    private static func load(_ body: ByteBuffer, kind: String, name: String, format: String, databasePath: String) throws -> [UInt8] {
        // The upload lands in a private folder under the dataset's name, so `load` names the dataset after it.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("\(name).\(format)")
        try Data(body.readableBytesView).write(to: file)
        var load = LoadRequest()
        if kind == "points" { load.points = file.path } else { load.residences = file.path }
        load.name = name
        let lines: [String]
        do {
            lines = try CoverageSession(databasePath: databasePath, access: .readWrite).load(load)
        } catch {
            throw APIError.badRequest("\(error)".replacingOccurrences(of: folder.path + "/", with: ""))
        }
        return try JSONEncoder().encode(["loaded": lines.map { $0.replacingOccurrences(of: folder.path + "/", with: "") }]).map { $0 }
    }

    /// `POST /api/runs[?minutes=][&kinds=]`: a run over the latest datasets, saved (or the identical
    /// latest one reused), as `legalcircle report` computes it.
    func compute(_ request: Request) throws -> [UInt8] {
        try authorise(request)
        let parameters = request.uri.queryParameters
        var rule = RuleRequest()
        rule.storedRoadsByDefault = true
        if let text = parameters.get("minutes") {
            guard let minutes = Double(text), minutes.isFinite else { throw APIError.badRequest("minutes must be a number, not \"\(text)\"") }
            rule.minutes = minutes
        }
        if let list = parameters.get("kinds"), !list.isEmpty {
            guard let kinds = ServiceKinds(list: list.replacingOccurrences(of: ",", with: ";")) else {
                throw APIError.badRequest("kinds must be a comma-separated list of \(ServiceKinds.names.map(\.name).joined(separator: ", "))")
            }
            rule.kinds = kinds
        }
        let session = CoverageSession(databasePath: databasePath, access: .readWrite)
        session.reusesRuns = true
        let run: CoverageRun
        do {
            run = try session.run(.compute(.datasets(points: nil, residences: nil), rule))
        } catch {
            throw APIError.badRequest("\(error)")
        }
        guard let id = run.description.runID else { throw APIError(status: .internalServerError, reason: "the run was not saved") }
        return Array("{\"id\":\(id),\"href\":\"/api/runs/\(id)\"}\n".utf8)
    }
}
