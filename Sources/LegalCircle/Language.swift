/// The language of everything legalcircle prints: command help, messages, table headers and values,
/// the HTML report and map images.
///
/// The command line follows the locale (`zh*` → Chinese, otherwise English) unless `--lang` says
/// otherwise; the HTML report and web pages are Chinese unless `--lang en` is given. Machine-readable
/// outputs (CSV and JSON keys, GeoJSON properties) keep their English names in both languages.
public enum Language: String, CaseIterable, Sendable {
    case zh, en

    /// The language a POSIX locale environment asks for: the first non-empty of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` (the order of POSIX.1-2017, 8.2 "Internationalization Variables"),
    /// Chinese when it starts with `zh` (`zh_CN.UTF-8`, `zh_TW`, `zh`), else English.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }

    /// The value of `--lang X` or `--lang=X` among command-line arguments (the last one wins), nil when
    /// absent or not a language; arguments after `--` are not options.
    public static func option(in arguments: [String]) -> Language? {
        var found: Language?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count {
                found = Language(argument: arguments[index + 1]) ?? found
                index += 1
            } else if argument.hasPrefix("--lang=") {
                found = Language(argument: String(argument.dropFirst("--lang=".count))) ?? found
            }
            index += 1
        }
        return found
    }

    /// The language of a command line: `--lang` if given, else the locale.
    public static func resolve(arguments: [String], environment: [String: String]) -> Language {
        option(in: arguments) ?? fromEnvironment(environment)
    }

    /// `zh`, `en`, and the common spellings `zh-CN`, `zh_CN`, `chinese`, `中文`, `english`, `英文`.
    public init?(argument: String) {
        let value = argument.lowercased()
        if value == "zh" || value.hasPrefix("zh-") || value.hasPrefix("zh_") || value == "chinese" || value == "中文" {
            self = .zh
        } else if value == "en" || value.hasPrefix("en-") || value.hasPrefix("en_") || value == "english" || value == "英文" {
            self = .en
        } else {
            return nil
        }
    }
}
