import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleReports

/// The language of this process's command line, decided once at launch: `--lang` anywhere among the
/// arguments, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`; `zh*` → Chinese). Help texts are built
/// when a command is parsed, so they need the language before parsing: hence a process-wide constant
/// rather than an option value.
enum UI {
    static let language = Language.resolve(
        arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
    static let labels = ReportLabels(language)
    /// True when `--lang` was given: the HTML report and web pages are Chinese unless it says otherwise.
    static let languageGiven = Language.option(in: Array(CommandLine.arguments.dropFirst())) != nil
    /// The language of HTML pages and map images: `--lang`, else Chinese.
    static var pageLanguage: Language { languageGiven ? language : .zh }
}

/// `zh` when the command line is Chinese, else `en`.
func tr(_ zh: String, _ en: String) -> String { UI.labels.pick(zh, en) }

/// An option's help in the command line's language.
func help(_ zh: String, _ en: String) -> ArgumentHelp { ArgumentHelp(tr(zh, en)) }

/// `--lang`, which every command takes. Its value is read before parsing (`UI.language`); the option is
/// declared so that the parser accepts it and help lists it.
public struct LanguageOptions: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: help(
            "界面语言：zh（中文）或 en（英文）；默认随系统区域设置（LANG），HTML 报告与地图默认中文。",
            "Language: zh (Chinese) or en (English); default: the locale (LANG), and Chinese for HTML reports and maps."))
    public var lang: Language?

    public init() {}
}

extension Language: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// The version `--version` prints.
public enum LegalCircleVersion {
    public static let string = "legalcircle 0.17.0"
}

/// A command's discussion in the command line's language, as paragraphs: the source's line breaks
/// inside a paragraph are joined (with a space in English, without one in Chinese) so the help
/// printer wraps the text to the terminal; blank lines stay paragraph breaks.
func prose(_ zh: String, _ en: String) -> String {
    let text = tr(zh, en)
    let joiner = UI.language == .zh ? "" : " "
    return text.components(separatedBy: "\n\n").map { paragraph in
        paragraph.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: joiner)
    }.joined(separator: "\n\n")
}
