import LegalCircleSession
import Synchronization

/// The files this command must not write over, registered by the options that name them (`--db` and
/// its journal files, every input file) before `run()`; `emit` and the other writers check each output
/// path against them (`OutputFile.check`).
enum OutputGuard {
    private static let files = Mutex<[ProtectedFile]>([])

    /// Protects the database and its `-wal`, `-shm` and `-journal` files.
    static func protect(database path: String) {
        files.withLock { $0 += ProtectedFile.database(path) }
    }

    /// Protects an input file given with `option`; nothing when the option was not given.
    static func protect(input path: String?, option: String) {
        guard let path else { return }
        files.withLock { $0.append(ProtectedFile(path: path, role: "the input file of \(option)")) }
    }

    static var protected: [ProtectedFile] { files.withLock { $0 } }

    /// Refuses an output path that would destroy a protected file, names a folder, or lies in a missing
    /// folder (`OutputFile.check`).
    static func check(_ path: String, option: String = "--out") throws {
        try OutputFile.check(path, option: option, protecting: protected)
    }

    /// Refuses a folder output that is a protected or existing file, or whose files `files` would land
    /// on a protected file (`OutputFile.checkFolder`).
    static func checkFolder(_ path: String, files: [String] = [], option: String = "--out") throws {
        try OutputFile.checkFolder(path, files: files, option: option, protecting: protected)
    }
}
