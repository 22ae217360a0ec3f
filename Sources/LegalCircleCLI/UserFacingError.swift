import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleRoads
import LegalCircleStore

/// The last line of defence against system text reaching the user: an error from Foundation (a
/// `CocoaError`, an `NSError`, `POSIXError`) or from `Codable` that no layer reworded becomes a message
/// that names the file and says what went wrong in words. Every layer words its own errors; this only
/// catches what slips through.
struct UserFacingError: Error, CustomStringConvertible {
    let description: String

    /// `error` reworded when it is system text; otherwise `error` itself (ours, or ArgumentParser's).
    static func reworded(_ error: any Error) -> any Error {
        switch error {
        case let error as CSVImportError where UI.language == .zh:
            return UserFacingError(description: error.description(.zh))
        case let error as StoreError where UI.language == .zh:
            return UserFacingError(description: error.description(.zh))
        case let error as RoadReadError where UI.language == .zh:
            return UserFacingError(description: error.description(.zh))
        case let error as DecodingError:
            return UserFacingError(description: "cannot read a JSON file: \(DecodingProblem.describe(error))")
        case is EncodingError:
            return UserFacingError(
                description: "cannot write the output: a figure is not a finite number (a run saved before the input bounds "
                    + "with a population too large to add up?); compute the run again")
        case is CocoaError, is POSIXError:
            return UserFacingError(description: fileMessage(error))
        default:
            // A plain NSError (ours are Swift types and print their own description).
            guard type(of: error) == NSError.self else { return error }
            return UserFacingError(description: fileMessage(error))
        }
    }

    private static func fileMessage(_ error: any Error) -> String {
        let path = FileProblem.path(of: error)
        let reason = FileProblem.errorNumber(of: error).map { FileProblem.words(errno: $0, UI.language) }
            ?? path.map { FileProblem.whyUnreadable($0, UI.language) } ?? tr("系统拒绝了该操作", "the system refused the operation")
        return path.map { tr("无法使用 \($0)：\(reason)", "cannot use \($0): \(reason)") }
            ?? tr("文件操作失败：\(reason)", "a file operation failed: \(reason)")
    }

    /// Whether ArgumentParser words the error itself (help, usage, validation, exit codes): those keep
    /// its own framing; every other error is ours and gets a Chinese `错误：` under zh.
    static func isParserError(_ error: any Error) -> Bool {
        error is ValidationError || error is ExitCode || error is CleanExit
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}

extension LegalCircleCommand {
    /// `main()` with `UserFacingError.reworded` applied to whatever a command throws.
    static func mainReportingErrorsInWords() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let error = UserFacingError.reworded(error)
            if UI.language == .zh, !UserFacingError.isParserError(error) {
                FileHandle.standardError.write(Data("错误：\(error)\n".utf8))
                Self.exit(withError: ExitCode.failure)
            }
            exit(withError: error)
        }
    }
}
