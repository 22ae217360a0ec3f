import ArgumentParser
import LegalCircleSession
import LegalCircleImport

/// How input CSV files are read: coordinate system, encoding, delimiter and column names.
public struct CSVInputOptions: ParsableArguments {
    @Option(help: "Coordinate system of the files: wgs84, cgcs2000, gcj02 (Amap/Tencent), bd09 (Baidu) or EPSG:n (e.g. EPSG:4549).")
    public var crs: String = "wgs84"

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

    /// The settings as plain values for the import and session layers.
    public var settings: CSVImportSettings {
        CSVImportSettings(crs: crs, encoding: encoding, delimiter: delimiter, columns: columns)
    }
}
