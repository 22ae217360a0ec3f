import Foundation
import LegalCircleServer
import LegalCircleTestSupport
import Testing

/// A run computing, or run pages drawing, do not hold the residents' look-up. Hummingbird answers
/// requests in Swift tasks, whose threads are as many as the cores: as many blocking requests as cores,
/// left on them, would hold every `/api/nearest` until one ended. The built `legalcircle serve` runs in
/// its own process (in this one, the other suites' work shares those threads and blurs the measure),
/// and curl sends `POST /api/runs` and one run page per core at once, then look-ups one after another:
/// some must be answered before the first blocking request ends.
@Suite struct BlockingWorkTests {
    static let cores = ProcessInfo.processInfo.activeProcessorCount
    static let tools = ["curl", "python3"].allSatisfy { tool in
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }

    /// The executable next to the test bundle (`swift test` builds it with the tests).
    static var binary: URL {
        let folder = Bundle.main.bundleURL.deletingLastPathComponent()
        return [folder.appendingPathComponent("legalcircle"), Bundle.main.bundleURL.appendingPathComponent("legalcircle")]
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? folder.appendingPathComponent("legalcircle")
    }

    /// Arguments: binary, database, token file, token, run id, pages. Prints "look-ups post-status page-statuses…".
    static let script = #"""
        set -u
        bin=$1 db=$2 tokenfile=$3 token=$4 run=$5 pages=$6
        port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        "$bin" serve --db "$db" --port "$port" --token-file "$tokenfile" 2>/dev/null &
        server=$!
        trap 'kill $server 2>/dev/null' EXIT
        base=http://127.0.0.1:$port
        for _ in $(seq 1 300); do curl -sf -o /dev/null "$base/api/nearest?lon=120&lat=30" && break; sleep 0.1; done
        dir=$(mktemp -d)
        (curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $token" "$base/api/runs?minutes=13" > "$dir/post"; touch "$dir/done") &
        for i in $(seq 1 "$pages"); do (curl -s -o /dev/null -w '%{http_code}\n' "$base/runs/$run" > "$dir/page$i"; touch "$dir/done") & done
        n=0
        for _ in $(seq 1 5000); do
            [ -e "$dir/done" ] && break
            curl -sf -o /dev/null "$base/api/nearest?lon=120.16&lat=30.25&count=3" && [ ! -e "$dir/done" ] && n=$((n + 1))
        done
        wait $(jobs -p | grep -v "^$server$") 2>/dev/null
        echo "$n $(cat "$dir/post") $(cat "$dir"/page*)"
        rm -rf "$dir"
        """#

    @Test(
        // Skipped without the tools, but with CI=true it runs and fails, as a missing prerequisite must.
        .enabled(if: tools || ProcessInfo.processInfo.environment["CI"] == "true", "needs curl and python3"),
        .enabled(if: cores <= 16, "one run page per core: too many pages at once on a machine this wide"))
    func nearestAnswersWhileARunComputes() throws {
        let configuration = try WriteAPITests.writableConfiguration()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c", Self.script, "blocking", Self.binary.path, configuration.databasePath, try #require(configuration.tokenFile),
            WriteAPITests.token, String(try ServiceDatabase.runID), String(Self.cores),
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = text.split(whereSeparator: \.isWhitespace).map(String.init)
        #expect(Array(fields.dropFirst()) == ["201"] + Array(repeating: "200", count: Self.cores), "\(text)")
        let during = Int(fields.first ?? "") ?? -1
        #expect(during >= 5, "\(during) look-ups answered before the first blocking request ended")
    }
}
