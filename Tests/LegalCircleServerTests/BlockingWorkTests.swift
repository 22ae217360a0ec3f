import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import LegalCircleServer
import Synchronization
import Testing

/// A run computing, or run pages drawing, do not hold the residents' look-up. Hummingbird answers
/// requests in Swift tasks, whose threads are as many as the cores: as many blocking requests as
/// cores, left on them, would hold every `/api/nearest` until one ended. Here `POST /api/runs` and one
/// run page per core are sent at once over real HTTP, and look-ups must be answered before the first
/// of them finishes.
@Suite struct BlockingWorkTests {
    static let cores = ProcessInfo.processInfo.activeProcessorCount

    @Test(.enabled(if: cores <= 16, "one run page per core: too many pages at once on a machine this wide"))
    func nearestAnswersWhileARunComputes() async throws {
        let app = try LegalCircleServer.application(try WriteAPITests.writableConfiguration())
        let runID = try ServiceDatabase.runID
        try await app.test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            var post = URLRequest(url: URL(string: "\(base)/api/runs?minutes=13")!)
            post.httpMethod = "POST"
            post.setValue("Bearer \(WriteAPITests.token)", forHTTPHeaderField: "Authorization")
            let pages = (0..<Self.cores).map { _ in URLRequest(url: URL(string: "\(base)/runs/\(runID)")!) }
            let firstDone = FirstDone()
            let blockers = ([post] + pages).map { request in
                Task { () throws -> Int in
                    let (_, response) = try await URLSession.shared.data(for: request)
                    firstDone.mark()
                    return (response as? HTTPURLResponse)?.statusCode ?? 0
                }
            }
            // Look-ups one after another until a blocking request has answered; those answered before it count.
            var during = 0
            let nearest = URL(string: "\(base)/api/nearest?lon=120.16&lat=30.25&count=3")!
            for _ in 0..<5_000 {
                let (data, response) = try await URLSession.shared.data(from: nearest)
                #expect((response as? HTTPURLResponse)?.statusCode == 200)
                #expect(data.count > 100)
                if firstDone.isMarked { break }
                during += 1
            }
            var statuses: [Int] = []
            for blocker in blockers { statuses.append(try await blocker.value) }
            #expect(statuses == [201] + Array(repeating: 200, count: Self.cores))
            #expect(during >= 5, "\(during) look-ups answered before the first blocking request ended")
        }
    }
}

/// Set once the first of the blocking requests has its answer.
private final class FirstDone: Sendable {
    private let flag = Atomic<Bool>(false)
    func mark() { flag.store(true, ordering: .releasing) }
    var isMarked: Bool { flag.load(ordering: .acquiring) }
}
