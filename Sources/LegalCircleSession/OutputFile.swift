#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import LegalCircleImport

/// A file a command must never write over: the working database and its journal files, the inputs.
public struct ProtectedFile: Sendable, Hashable {
    public var path: String
    /// What it is, for the message: "the database (--db)", "the input of --points".
    public var role: String

    public init(path: String, role: String) {
        self.path = path
        self.role = role
    }

    /// The database and the files SQLite keeps beside it (`-wal`, `-shm`, `-journal`).
    public static func database(_ path: String) -> [ProtectedFile] {
        [ProtectedFile(path: path, role: "the database (--db)")]
            + ["-wal", "-shm", "-journal"].map { ProtectedFile(path: path + $0, role: "the database's \($0.dropFirst()) file (--db)") }
    }
}

/// Where commands write their outputs (`--out`, `--rejects`, `--sites-out`): checked first, then written
/// under a temporary name in the same folder and renamed, so a reader never sees half a file and a
/// failure leaves the old file. A symbolic link as the output is replaced by the new file (its target is
/// not written through), and refused when it leads to a protected file.
public enum OutputFile {
    /// Refuses an output path that is, or resolves to, a protected file, that is a folder, or whose folder
    /// does not exist.
    /// - Parameter option: the option that named the path, for messages ("--out").
    /// - Throws: `SessionError` saying what is wrong and what to do.
    public static func check(_ path: String, option: String, protecting protected: [ProtectedFile]) throws {
        guard !path.isEmpty else { throw SessionError("\(option) is empty; give a file name") }
        let url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw SessionError("\(option) \(path) is a folder; give a file name")
        }
        let folder = url.deletingLastPathComponent()
        var folderIsFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &folderIsFolder) else {
            throw SessionError("\(option) \(path): the folder \(folder.path) does not exist; create it first or choose another folder")
        }
        guard folderIsFolder.boolValue else {
            throw SessionError("\(option) \(path): \(folder.path) is a file, not a folder")
        }
        // The file is written beside its final name and renamed: the folder must be writable. Said
        // now, before a command computes and saves a run it then cannot write out.
        guard access(folder.path, W_OK) == 0 else { throw failure(errno, writing: path, option: option) }
        if let file = protected.first(where: { leads(path, to: $0) }) {
            throw SessionError("\(option) \(path) is \(file.role): writing there would destroy it; choose another file name")
        }
    }

    /// Refuses a folder output (`export --format geojson`): a path that is, or resolves to, a protected
    /// file or is an existing file, or a folder where one of the files `names` would land on a protected
    /// file. A missing folder is fine: the writer creates it.
    /// - Throws: `SessionError` saying what is wrong and what to do.
    public static func checkFolder(_ path: String, files names: [String] = [], option: String, protecting protected: [ProtectedFile]) throws {
        guard !path.isEmpty else { throw SessionError("\(option) is empty; give a folder name") }
        if let file = protected.first(where: { leads(path, to: $0) }) {
            throw SessionError("\(option) \(path) is \(file.role): writing there would destroy it; choose another folder name")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw SessionError("\(option) \(path) is a file; this format writes a folder of files: give a folder name (it is created if missing)")
        }
        for name in names {
            let inside = URL(fileURLWithPath: path).appendingPathComponent(name).path
            if let file = protected.first(where: { leads(inside, to: $0) }) {
                throw SessionError("\(option) \(path): its file \(name) would be \(file.role) and destroy it; choose another folder")
            }
        }
    }

    /// Whether `path` names `file` itself, through symbolic links or another spelling of the path.
    private static func leads(_ path: String, to file: ProtectedFile) -> Bool {
        let found = identity(path)
        return (found != nil && found == identity(file.path)) || resolved(file.path) == resolved(path)
    }

    /// Checks `path` (see `check`) and writes `data` to it atomically.
    public static func write(_ data: Data, to path: String, option: String, protecting protected: [ProtectedFile]) throws {
        try check(path, option: option, protecting: protected)
        let temporary = try writeTemporary(data, beside: path, option: option)
        do {
            try rename(temporary, to: path, option: option)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Writes `data` to a new file in the folder of `path` (a hidden name with `.partial-` and a random
    /// suffix) and returns its path. The data is flushed to disk before this returns.
    /// - Throws: `SessionError` naming `path`, with the system's reason in words (disk full, read-only
    ///   folder, file-size limit); nothing is left behind.
    public static func writeTemporary(_ data: Data, beside path: String, option: String) throws -> String {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString.prefix(8).lowercased())").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(errno, writing: path, option: option) }
        var failed: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    return
                }
                offset += written
            }
        }
        if failed == 0, fsync(descriptor) != 0 { failed = errno }
        if close(descriptor) != 0, failed == 0 { failed = errno }
        if failed != 0 {
            unlink(temporary)
            throw failure(failed, writing: path, option: option)
        }
        return temporary
    }

    /// Renames a temporary file to its final name (atomic within one folder); on failure the temporary
    /// file stays where it is.
    public static func rename(_ temporary: String, to path: String, option: String) throws {
        guard systemRename(temporary, path) == 0 else { throw failure(errno, writing: path, option: option) }
    }

    /// A system error number in words a planner can act on (`FileProblem`), naming the file.
    static func failure(_ code: Int32, writing path: String, option: String) -> SessionError {
        SessionError("cannot write \(path) (\(option)): \(FileProblem.words(errno: code))")
    }

    /// The path with symbolic links resolved (also in a missing last component's folder).
    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Device and inode of the file a path leads to; nil when there is none.
    private static func identity(_ path: String) -> [UInt64]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return [UInt64(status.st_dev), UInt64(status.st_ino)]
    }
}

// The C functions, out of reach of `OutputFile`'s own `write` and `rename`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
