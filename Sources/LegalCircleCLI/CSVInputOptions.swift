import ArgumentParser
import LegalCircleSession
import LegalCircleImport

/// How input files are read: coordinate system, encoding, delimiter and column names; `--strict` for
/// the coordinate check.
public struct CSVInputOptions: ParsableArguments {
    @Option(
        help: "Coordinate system of every input file without an option of its own (--points-crs, ...): wgs84 (default), cgcs2000, gcj02 (Amap/Tencent), bd09 (Baidu) or EPSG:n (e.g. EPSG:4549).")
    public var crs: String?

    @Flag(help: "Make a file that the coordinate check flags (it fits another coordinate system better than the one declared) an error instead of a warning.")
    public var strict = false

    @Option(help: "Text encoding: auto, utf8 or gb18030 (also gbk, gb2312).")
    public var encoding: String = "auto"

    @Option(help: "Field separator: auto, comma, semicolon or tab.")
    public var delimiter: String = "auto"

    @Option(name: .customLong("column"), help: "Map a role to a header, e.g. --column lon=经度 --column id=站点编号 (repeatable).")
    public var columns: [String] = []

    public init() {}

    public func validate() throws {
        if let problem = settings.problem() { throw ValidationError(problem) }
    }

    /// The settings as plain values for the import and session layers (`--crs` only; see `settings(_:)`
    /// for the per-file systems).
    public var settings: CSVImportSettings {
        var settings = CSVImportSettings(crs: crs, encoding: encoding, delimiter: delimiter, columns: columns)
        settings.systems.strictCheck = strict
        return settings
    }
}
