@testable import LegalCircleServer
import Testing

/// The run pages' cache: a page is drawn once per key, the most recent `capacity` are kept, and a
/// failed drawing is not kept.
@Suite struct PageCacheTests {
    @Test func aPageIsDrawnOncePerKeyAndTheOldestLeavesFirst() throws {
        let cache = PageCache()
        var drawn: [String] = []
        func view(_ key: String) throws -> String {
            try cache.page(key) {
                drawn.append(key)
                return "page \(key)"
            }
        }
        #expect(try view("1 false zh") == "page 1 false zh")
        #expect(try view("1 false zh") == "page 1 false zh")
        #expect(drawn == ["1 false zh"])
        let others = (2...PageCache.capacity + 1).map { "\($0) false zh" }
        for key in others { _ = try view(key) }
        // The first is now the oldest beyond the capacity: drawn again; the most recent are not.
        _ = try view(others.last!)
        _ = try view("1 false zh")
        #expect(drawn == ["1 false zh"] + others + ["1 false zh"])
        struct Failure: Error {}
        #expect(throws: Failure.self) { try cache.page("broken") { throw Failure() } }
        #expect(try view("broken") == "page broken")
    }
}
