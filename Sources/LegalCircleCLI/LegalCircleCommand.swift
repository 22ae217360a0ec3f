import ArgumentParser
import LegalCircleSession

/// The root command; subcommands hand their work to the library layers.
public struct LegalCircleCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "legalcircle",
        abstract: "Measure coverage of the 15-minute public legal service circle and find the gaps.",
        subcommands: [
            Load.self, Validate.self, Report.self, Gaps.self, Nearest.self, Runs.self, Compare.self, WhatIf.self,
            Suggest.self, MapImage.self, Export.self, Generate.self, Bench.self,
        ])

    public init() {}
}

extension LegalCircleCommand {
    /// Parses the process arguments and runs the command, exiting with its code.
    public static func run() async {
        await mainReportingErrorsInWords()
    }
}
