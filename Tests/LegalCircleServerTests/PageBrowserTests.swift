import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LegalCircleTestSupport
import NIOCore
import Testing

/// The pages in a real browser (headless Chromium) against the live service on loopback: the
/// residents' page draws the stations and answers a location with the nearest station under its own
/// Content-Security-Policy; the planners' run page draws its maps with the county names.
@Suite(.requires(.chromium)) struct PageBrowserTests {
    /// The browser run off the cooperative pool: the service answers it from the same process.
    static func dumpDOM(_ address: String) async throws -> HeadlessChromium.Output {
        let browser = try HeadlessChromium.installed()
        let url = try #require(URL(string: address))
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try browser.run(["--virtual-time-budget=8000", "--dump-dom"], page: url) })
            }
        }
    }

    @Test func residentsPageAnswersALocationWithTheNearestStation() async throws {
        let app = try ServiceDatabase.application()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let expected = try await client.execute(uri: "/api/nearest?lon=120.16&lat=30.25&count=5", method: .get).json
            let first = try #require(expected["stations"]?.array?.first?["name"]?.string)
            let output = try await Self.dumpDOM("http://localhost:\(port)/nearest?lon=120.16&lat=30.25")
            #expect(output.stdout.contains("<path id=\"stations\""))
            #expect(output.stdout.contains("<li class=\"station\">\(first)"), "\(output.stdout.suffix(2000))")
            // The nearest station and the query are marked on the map.
            #expect(output.stdout.contains("<circle"))
            let violations = output.consoleLines.filter { $0.contains("Content Security Policy") || $0.contains("Refused") }
            #expect(violations.isEmpty, "\(violations)")
        }
    }

    @Test func plannersRunPageDrawsTheCountiesWithoutViolations() async throws {
        let app = try ServiceDatabase.application()
        let id = try ServiceDatabase.runID
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let output = try await Self.dumpDOM("http://localhost:\(port)/runs/\(id)")
            #expect(output.stdout.contains("<svg"))
            #expect(output.stdout.contains("西湖区"))
            let violations = output.consoleLines.filter { $0.contains("Content Security Policy") || $0.contains("Refused") }
            #expect(violations.isEmpty, "\(violations)")
        }
    }
}
