import GRDB

/// A GeoPackage that could not be written, with the file and the step that failed.
public struct GeoPackageError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    /// What was being done, such as "write feature 12 of layer residences".
    public let action: String
    /// SQLite's own text.
    public let message: String

    init(file: String, action: String, message: String) {
        self.file = file
        self.action = action
        self.message = message
    }

    /// SQLite's failures to create or fill the file in words; other messages as SQLite gives them.
    init(_ error: DatabaseError, file: String, action: String) {
        let message: String
        switch error.resultCode {
        case .SQLITE_CANTOPEN: message = "the file cannot be created (does its folder exist, and may you write there?); choose another --out"
        case .SQLITE_FULL: message = "the disk is full; free some space and run the command again"
        // A failed write(2): EFBIG beyond a file-size limit, ENOSPC or EIO ("disk I/O error" for all).
        case .SQLITE_IOERR where error.extendedResultCode == .SQLITE_IOERR_WRITE || error.extendedResultCode == .SQLITE_IOERR_FSYNC
            || error.extendedResultCode == .SQLITE_IOERR_TRUNCATE:
            message = "the disk could not take the data (it is full, a file-size limit is reached, or it failed); nothing was written"
        default: message = error.message ?? "\(error.extendedResultCode)"
        }
        self.init(file: file, action: action, message: message)
    }

    public var description: String { "\(file): cannot \(action): \(message)" }
}
