import Foundation
import LegalCircleTestSupport
import Testing

/// Runs the built `legalcircle` binary as a user would, in a fresh temporary folder.
struct CLI {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static var projectRoot: URL { Repository.root }

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
        /// The exit status, or the signal's number when `reason` is `.uncaughtSignal`.
        var status: Int32
        var stdout: String
        var stderr: String
        var reason: Process.TerminationReason = .exit
    }

    /// Runs the binary in an English locale (`LANG=C`, no `LC_ALL`/`LC_MESSAGES`) whatever the machine's,
    /// so outputs compare with the English goldens; `locale` sets `LANG` (e.g. "zh_CN.UTF-8") instead.
    @discardableResult
    func run(_ arguments: [String], locale: String = "C") throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["LEGALCIRCLE_DATA"] = Repository.dataFolder.path
        environment["LC_ALL"] = nil
        environment["LC_MESSAGES"] = nil
        environment["LANG"] = locale
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
            stderr: String(decoding: stderr, as: UTF8.self), reason: process.terminationReason)
    }

    /// Runs and expects success, returning standard output.
    func ok(_ arguments: [String], locale: String = "C", sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let outcome = try run(arguments, locale: locale)
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
