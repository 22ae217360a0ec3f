import Dispatch
import LegalCircleStore

/// The SHA-256 of an input file, computed on a background thread from the start of a load, so that
/// hashing fills the moments the parallel read leaves a core idle instead of running after it (it
/// took 0.35 s of a 10M-residence load on its own).
///
/// `result` is written once, before `group.leave()`, and read only after `group.wait()`: the group
/// orders the write before every read, which is why the class may be shared between threads.
final class BackgroundChecksum: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<String, any Error>?

    init(path: String) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try SHA256.hexDigest(ofFile: path) }
            group.leave()
        }
    }

    /// The hex digest, waiting for it if needed.
    /// - Throws: the file system error when the file could not be read.
    func value() throws -> String {
        group.wait()
        return try result!.get()
    }
}
