import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import Projection

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
        guard CSVReadOptions.Encoding(argument: encoding) != nil else {
            throw ValidationError("--encoding must be auto, utf8 or gb18030")
        }
        guard CSVReadOptions.Delimiter(argument: delimiter) != nil else {
            throw ValidationError("--delimiter must be auto, comma, semicolon or tab")
        }
        do {
            _ = try CSVColumnRole.mapping(columns)
        } catch {
            throw ValidationError("--column: \(error)")
        }
    }

    /// The settings as plain values for the import and session layers.
    public var settings: CSVImportSettings {
        CSVImportSettings(crs: crs, encoding: encoding, delimiter: delimiter, columns: columns)
    }
}

// Transitional: the commands' old call shape, until every command calls the session.
extension Importer {
    static func servicePoints(_ path: String, csv: CSVInputOptions, policy: RowPolicy) throws -> ImportedFile<[ServicePoint]> {
        try servicePoints(path, settings: csv.settings, policy: policy, progress: TerminalProgress.sink)
    }

    static func residences(
        _ path: String, csv: CSVInputOptions, policy: RowPolicy, zoneIsOptional: Bool = false
    ) throws -> ImportedFile<ResidenceTable> {
        try residences(path, settings: csv.settings, policy: policy, zoneIsOptional: zoneIsOptional, progress: TerminalProgress.sink)
    }
}
