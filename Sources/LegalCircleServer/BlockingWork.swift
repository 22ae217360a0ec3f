import NIOPosix

/// Store reads, run computations and loads moved off the threads that answer requests: Hummingbird
/// runs handlers as Swift tasks on the cooperative pool (one thread per core), so a few run pages or a
/// run computing there (seconds each) would hold every `/api/nearest` for as long.
enum BlockingWork {
    /// Runs `work` on NIO's pool for blocking work (`NIOThreadPool.singleton`, the one NIO's own file
    /// I/O uses) and resumes with its answer or error.
    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
