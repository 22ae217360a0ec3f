import Foundation
import Testing

/// Runs the built `legalcircle` binary as a user would, in a fresh temporary folder.
struct CLI {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable next to the test bundle (`swift test` builds it with the tests).
    static var binary: URL {
        let folder = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [folder.appendingPathComponent("legalcircle"), Bundle.main.bundleURL.appendingPathComponent("legalcircle")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return folder.appendingPathComponent("legalcircle")
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["LEGALCIRCLE_DATA"] = Self.projectRoot.appendingPathComponent("data").path
        return try Self.runProcess(Self.binary, arguments, in: folder, environment: environment)
    }

    /// Runs any program to its end with both outputs captured.
    static func runProcess(
        _ executable: URL, _ arguments: [String], in folder: URL? = nil, environment: [String: String]? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs and expects success, returning standard output.
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let outcome = try run(arguments)
        #expect(outcome.status == 0, "legalcircle \(arguments.joined(separator: " ")) failed: \(outcome.stderr)", sourceLocation: sourceLocation)
        return outcome.stdout
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}

func decodeJSON(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
}

extension CLI {
    /// A file of the shared real data (`../shared/data`); nil when it is missing, which fails the test
    /// run under CI=true instead of skipping.
    static func sharedData(_ name: String) -> URL? {
        let url = projectRoot.deletingLastPathComponent().appendingPathComponent("shared/data/\(name)")
        guard FileManager.default.fileExists(atPath: url.path) else {
            precondition(ProcessInfo.processInfo.environment["CI"] != "true", "missing \(url.path)")
            return nil
        }
        return url
    }

    /// The rows of a shared CSV whose fields hold no commas (the Vonng/adcode files), by header name.
    static func sharedCSV(_ name: String) throws -> [[String: String]]? {
        guard let url = sharedData(name) else { return nil }
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return fields.count == header.count ? Dictionary(uniqueKeysWithValues: zip(header, fields)) : nil
        }
    }
}
