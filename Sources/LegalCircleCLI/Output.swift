import Foundation
import LegalCircleSession

/// Writes command output to a file, or to standard output when no file is given. The file is checked
/// against the database and the inputs (`OutputGuard`) and written under a temporary name, then renamed.
/// - Parameter option: the option that named the file, for messages.
func emit(_ text: String, to path: String?, option: String = "--out") throws {
    let body = text.hasSuffix("\n") ? text : text + "\n"
    guard let path else {
        FileHandle.standardOutput.write(Data(body.utf8))
        return
    }
    try OutputFile.write(Data(body.utf8), to: path, option: option, protecting: OutputGuard.protected)
}

/// Progress and summaries go to standard error, so standard output stays clean for data.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A failure of the command line itself (writing output, rasterising a map), printed as is.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
