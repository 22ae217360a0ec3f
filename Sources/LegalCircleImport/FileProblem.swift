#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import LegalCircle

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
    public static func whyUnreadable(_ path: String, _ language: Language = .en) -> String {
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR { return words(errno: EISDIR, language) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return words(errno: errno, language) }
        close(descriptor)
        return language == .zh ? "无法读取" : "it cannot be read"
    }

    /// `words(errno:)` in a language.
    public static func words(errno code: Int32, _ language: Language) -> String {
        guard language == .zh else { return words(errno: code) }
        switch code {
        case ENOENT: return "没有这个文件（请检查路径）"
        case ENOTDIR: return "路径上的某个文件夹不存在或是文件"
        case EISDIR: return "这是文件夹，不是文件"
        case EACCES, EPERM: return "没有权限（您无法读写该文件或其文件夹）"
        case ENOSPC: return "磁盘已满；请腾出空间后重新运行命令"
        case EFBIG: return "文件将超过文件大小限制（ulimit -f）"
        case EDQUOT: return "磁盘配额已用完"
        case EROFS: return "文件系统只读；请换一个文件夹"
        case ENAMETOOLONG: return "名称太长"
        case ELOOP: return "路径上的符号链接太多"
        case EIO: return "磁盘报告了输入/输出错误"
        default: return words(errno: code)
        }
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
