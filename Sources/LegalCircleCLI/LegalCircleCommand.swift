import ArgumentParser
import LegalCircleSession

/// The root command; subcommands hand their work to the library layers.
public struct LegalCircleCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "legalcircle",
        abstract: tr(
            "测算15分钟公共法律服务圈的覆盖情况，找出未覆盖的区域。",
            "Measure coverage of the 15-minute public legal service circle and find the gaps."),
        discussion: prose(
            "界面语言随系统区域设置（LANG=zh_CN.UTF-8 为中文），任何命令都可用 --lang zh|en 指定。",
            "The language follows the locale (LANG=zh_CN.UTF-8 gives Chinese); every command takes --lang zh|en."),
        version: LegalCircleVersion.string,
        subcommands: [
            Load.self, Validate.self, Report.self, Gaps.self, Nearest.self, Runs.self, Compare.self, WhatIf.self,
            Suggest.self, MapImage.self, Export.self, Roads.self, Serve.self, Generate.self, Bench.self,
        ])

    @OptionGroup var language: LanguageOptions

    public init() {}
}

extension LegalCircleCommand {
    /// Parses the process arguments and runs the command, exiting with its code.
    public static func run() async {
        await mainReportingErrorsInWords()
    }
}
