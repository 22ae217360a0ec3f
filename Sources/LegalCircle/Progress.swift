import Synchronization

/// Where long operations say how far they are. The engine and the readers only count; a frontend
/// (the command line's progress bar) decides whether and how to show it.
public struct ProgressSink: Sendable {
    private let start: @Sendable (_ phase: String, _ total: Int, _ unit: String) -> ProgressCounter

    /// - Parameter start: called when a phase begins; returns the counter its work advances.
    public init(start: @escaping @Sendable (_ phase: String, _ total: Int, _ unit: String) -> ProgressCounter) {
        self.start = start
    }

    /// Starts counting a phase of `total` units (rows, residences, bytes).
    public func begin(_ phase: String, total: Int, unit: String) -> ProgressCounter {
        start(phase, total, unit)
    }
}

/// The count of one phase; safe to advance from several threads at once.
public final class ProgressCounter: Sendable {
    public let total: Int
    private let done = Atomic<Int>(0)
    private let changed: @Sendable (_ done: Int) -> Void
    private let finished: @Sendable (_ done: Int) -> Void

    /// - Parameters:
    ///   - changed: called after every advance with the new count (from the advancing thread).
    ///   - finished: called once by `finish()`.
    public init(
        total: Int, changed: @escaping @Sendable (_ done: Int) -> Void,
        finished: @escaping @Sendable (_ done: Int) -> Void
    ) {
        self.total = total
        self.changed = changed
        self.finished = finished
    }

    /// Adds `count` units; callers advance per chunk of work, not per row.
    public func advance(by count: Int) {
        changed(done.add(count, ordering: .relaxed).newValue)
    }

    /// Sets the count, for work that knows its position (a reader's byte offset).
    public func set(_ value: Int) {
        done.store(value, ordering: .relaxed)
        changed(value)
    }

    public func finish() {
        finished(done.load(ordering: .relaxed))
    }
}
