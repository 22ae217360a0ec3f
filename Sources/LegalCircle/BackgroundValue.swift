import Dispatch

/// A value computed on a background thread from the moment it is created, waited for when needed: so
/// that hashing a file or building the next batch of blobs runs while the caller does other work.
///
/// `result` is written once, before `group.leave()`, and read only after `group.wait()`: the group
/// orders the write before every read, which is why the class may be shared between threads.
package final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<Value, any Error>?

    package init(_ compute: @escaping @Sendable () throws -> Value) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try compute() }
            group.leave()
        }
    }

    /// The value, waiting for it if needed.
    /// - Throws: what `compute` threw.
    package func value() throws -> Value {
        group.wait()
        return try result!.get()
    }
}
