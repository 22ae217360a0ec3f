import ArgumentParser
import LegalCircleSession
import LegalCircleImport

/// How input files are read: coordinate system, encoding, delimiter and column names; `--strict` for
/// the coordinate check.
public struct CSVInputOptions: ParsableArguments {
    @Option(
        help: help("所有未单独指定（--points-crs 等）的输入文件的坐标系：wgs84（默认）、cgcs2000、gcj02（高德/腾讯）、bd09（百度）或 EPSG:n（如 EPSG:4549）。", "Coordinate system of every input file without an option of its own (--points-crs, ...): wgs84 (default), cgcs2000, gcj02 (Amap/Tencent), bd09 (Baidu) or EPSG:n (e.g. EPSG:4549)."))
    public var crs: String?

    @Flag(help: help("坐标检查发现文件更符合另一坐标系时报错，而不仅是警告。", "Make a file that the coordinate check flags (it fits another coordinate system better than the one declared) an error instead of a warning."))
    public var strict = false

    @Option(help: help("文本编码：auto（自动）、utf8 或 gb18030（也可写 gbk、gb2312）。", "Text encoding: auto, utf8 or gb18030 (also gbk, gb2312)."))
    public var encoding: String = "auto"

    @Option(help: help("分隔符：auto（自动）、comma（逗号）、semicolon（分号）或 tab（制表符）。", "Field separator: auto, comma, semicolon or tab."))
    public var delimiter: String = "auto"

    @Option(name: .customLong("column"), help: help("指定列名对应的字段，如 --column lon=经度 --column id=站点编号（可重复）。", "Map a role to a header, e.g. --column lon=经度 --column id=站点编号 (repeatable)."))
    public var columns: [String] = []

    @Option(help: help("读取 .xlsx 工作簿的哪个工作表（默认第一个）。", "The sheet to read of an .xlsx workbook (default: its first)."))
    public var sheet: String?

    public init() {}

    public func validate() throws {
        if let problem = settings.problem() { throw ValidationError(problem) }
    }

    /// The settings as plain values for the import and session layers (`--crs` only; see `settings(_:)`
    /// for the per-file systems).
    public var settings: CSVImportSettings {
        var settings = CSVImportSettings(crs: crs, encoding: encoding, delimiter: delimiter, columns: columns)
        settings.systems.strictCheck = strict
        settings.sheet = sheet
        settings.language = UI.language
        return settings
    }
}
