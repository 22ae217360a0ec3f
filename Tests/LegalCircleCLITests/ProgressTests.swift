import Foundation
import LegalCircleTestSupport
import Testing

/// Progress bars appear on a terminal's standard error, and nowhere else.
@Suite(.serialized) struct ProgressTests {
    /// Runs the binary on a pseudo-terminal with util-linux `script` (Debian: bsdutils, essential);
    /// standard output goes to `stdoutFile`, so the captured terminal text is standard error only.
    func runOnTerminal(_ cli: CLI, _ arguments: [String], stdoutFile: String) throws -> String {
        let quoted = ([CLI.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = try #require(Prerequisite.program("script"), "util-linux script is not on the PATH")
        process.arguments = ["-qefc", "\(quoted) > '\(stdoutFile)'", "/dev/null"]
        process.currentDirectoryURL = cli.folder
        var environment = ProcessInfo.processInfo.environment
        environment["LEGALCIRCLE_DATA"] = CLI.projectRoot.appendingPathComponent("data").path
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let terminal = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments) failed on a terminal: \(String(decoding: terminal, as: UTF8.self))")
        return String(decoding: terminal, as: UTF8.self)
    }

    @Test func barsOnATerminalQuietWithQuietAndInPipes() throws {
        let cli = try CLI()
        try cli.ok(["generate", "--seed", "8", "--residences", "250000", "--points", "2000", "--out", "big"])
        let oneShot = ["report", "--points", "big/points.csv", "--residences", "big/residences.csv", "--format", "json"]

        let terminal = try runOnTerminal(cli, oneShot, stdoutFile: cli.path("report.json"))
        #expect(terminal.contains("coverage  ["), "no coverage bar in: \(terminal.suffix(400))")
        #expect(terminal.contains("250,000 / 250,000 residences"))
        #expect(terminal.contains("reading big/residences.csv  ["))
        #expect(terminal.contains("100%"))
        // Standard output stays clean data while the bars run.
        let report = try decodeJSON(String(decoding: try Data(contentsOf: URL(fileURLWithPath: cli.path("report.json"))), as: UTF8.self))
        #expect(report["counties"] != nil)

        let quiet = try runOnTerminal(cli, oneShot + ["--quiet"], stdoutFile: cli.path("quiet.json"))
        #expect(!quiet.contains("█") && !quiet.contains("░"), "bars despite --quiet: \(quiet.suffix(400))")

        let load = try runOnTerminal(
            cli, ["load", "--points", "big/points.csv", "--residences", "big/residences.csv"], stdoutFile: cli.path("load.txt"))
        #expect(load.contains("storing residences  ["), "no storing bar in: \(load.suffix(400))")

        let validate = ["validate", "--residences", "big/residences.csv"]
        #expect(try runOnTerminal(cli, validate, stdoutFile: cli.path("v.txt")).contains("reading big/residences.csv  ["))
        let quietValidate = try runOnTerminal(cli, validate + ["--quiet"], stdoutFile: cli.path("vq.txt"))
        #expect(!quietValidate.contains("█"), "bars despite --quiet: \(quietValidate.suffix(400))")

        let piped = try cli.run(oneShot)
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("█") && !piped.stderr.contains("\r"), "bars in a pipe: \(piped.stderr.suffix(400))")
    }
}
