/// A failure reported by PROJ, with the C function that reported it and PROJ's own text.
public struct ProjError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The PROJ C function that failed, e.g. `proj_create_crs_to_crs`.
    public let function: String
    /// PROJ's error number (`proj_context_errno`), 0 when PROJ gave none.
    public let code: Int32
    /// What PROJ said: the log messages captured during the call, else `proj_context_errno_string`.
    public let message: String

    public init(function: String, code: Int32, message: String) {
        self.function = function
        self.code = code
        self.message = message
    }

    public var description: String { "PROJ \(function) failed: \(message)" }
}
