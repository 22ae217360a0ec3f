import Foundation
import LegalCircleSession

/// Writes command output to a file, or to standard output when no file is given.
func emit(_ text: String, to path: String?) throws {
    let body = text.hasSuffix("\n") ? text : text + "\n"
    guard let path else {
        FileHandle.standardOutput.write(Data(body.utf8))
        return
    }
    do {
        try Data(body.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw CommandError("cannot write \(path): \(error.localizedDescription)")
    }
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
