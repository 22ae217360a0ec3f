import Synchronization

/// Run pages already drawn, by run, staleness and language: a saved run's figures never change, and
/// drawing its page reads and projects every residence of the run (2.5 s for 10 M residences), so only
/// the first view of a run pays for it (later ones: 72-96 ms for that run's 26 MB page). The 4 most
/// recent pages are kept (about 100 MB at 10 M residences); the oldest goes first.
final class PageCache: Sendable {
    static let capacity = 4
    private let pages = Mutex<[(key: String, page: String)]>([])

    func page(_ key: String, drawing: () throws -> String) rethrows -> String {
        if let hit = pages.withLock({ $0.first { $0.key == key }?.page }) { return hit }
        let page = try drawing()
        pages.withLock { pages in
            pages.removeAll { $0.key == key }
            pages.append((key, page))
            if pages.count > Self.capacity { pages.removeFirst(pages.count - Self.capacity) }
        }
        return page
    }
}
