#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Why a file cannot be read or written, in words a planner can act on, instead of Foundation's
/// ("The file “x” couldn’t be opened.", NSCocoaErrorDomain 260) or the C library's.
public enum FileProblem {
    /// A system error number in words, with what to do.
    public static func words(errno code: Int32) -> String {
        switch code {
        case ENOENT: "there is no such file (check the path)"
        case ENOTDIR: "a folder on the path does not exist or is a file"
        case EISDIR: "it is a folder, not a file"
        case EACCES, EPERM: "permission denied (the file or its folder is not readable or writable for you)"
        case ENOSPC: "the disk is full; free some space and run the command again"
        case EFBIG: "the file would exceed the file-size limit (ulimit -f)"
        case EDQUOT: "the disk quota is exhausted"
        case EROFS: "the file system is read-only; choose another folder"
        case ENAMETOOLONG: "the name is too long"
        case ELOOP: "too many symbolic links on the path"
        case EIO: "the disk reported an input/output error"
        default: String(cString: strerror(code))
        }
    }

    /// Why `path` cannot be read, found again with `open(2)` after a Foundation read failed (so the
    /// message is the system's reason in words); "it cannot be read" when it opens now.
    public static func whyUnreadable(_ path: String) -> String {
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR { return words(errno: EISDIR) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return words(errno: errno) }
        close(descriptor)
        return "it cannot be read"
    }

    /// The system error number behind a Foundation error, if it has one.
    public static func errorNumber(of error: any Error) -> Int32? {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileReadTooLarge: return EFBIG
        default: return nil
        }
    }

    /// The file a Foundation error names, if it does.
    public static func path(of error: any Error) -> String? {
        let info = (error as NSError).userInfo
        if let path = info[NSFilePathErrorKey] as? String { return path }
        if let url = info[NSURLErrorKey] as? URL { return url.path }
        return nil
    }
}
