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

    init(_ error: DatabaseError, file: String, action: String) {
        self.init(file: file, action: action, message: error.message ?? "\(error.extendedResultCode)")
    }

    public var description: String { "\(file): cannot \(action): \(message)" }
}
