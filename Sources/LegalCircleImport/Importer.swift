import Foundation
import LegalCircle
import Projection

/// How a user's CSV files are read, as plain values: coordinate systems, encoding, delimiter and column
/// names (what `--crs` and the per-file `--…-crs`, `--encoding`, `--delimiter` and `--column` say).
public struct CSVImportSettings: Sendable, Equatable {
    /// The coordinate system of each input file (`--crs` and the per-file options).
    public var systems: InputCoordinateSystems
    /// `--crs`, the system of every file without an option of its own: wgs84, cgcs2000, gcj02, bd09 or EPSG:n.
    public var crs: String {
        get { systems.fallback ?? "wgs84" }
        set { systems.fallback = newValue }
    }
    /// auto, utf8 or gb18030 (also gbk, gb2312).
    public var encoding: String
    /// auto, comma, semicolon or tab.
    public var delimiter: String
    /// `role=Header` mappings, e.g. `lon=经度`.
    public var columns: [String]
    /// The sheet of an .xlsx input (`--sheet`); nil for each workbook's first sheet.
    public var sheet: String?
    /// The language of the reject reasons and error messages (`--lang`, else the locale).
    public var language: Language = .en

    public init(crs: String? = nil, encoding: String = "auto", delimiter: String = "auto", columns: [String] = []) {
        self.systems = InputCoordinateSystems(fallback: crs)
        self.encoding = encoding
        self.delimiter = delimiter
        self.columns = columns
    }

    /// The first setting that cannot be used, worded for the user; nil when all are valid.
    public func problem() -> String? {
        let zh = language == .zh
        if CSVReadOptions.Encoding(argument: encoding) == nil {
            return zh ? "--encoding 只能是 auto、utf8 或 gb18030" : "--encoding must be auto, utf8 or gb18030"
        }
        if CSVReadOptions.Delimiter(argument: delimiter) == nil {
            return zh ? "--delimiter 只能是 auto、comma、semicolon 或 tab" : "--delimiter must be auto, comma, semicolon or tab"
        }
        do {
            _ = try CSVColumnRole.mapping(columns)
        } catch {
            return "--column: \(error)"
        }
        return nil
    }

    /// The coordinate system of an input, checked with PROJ.
    public func coordinateSystem(for input: CoordinateInput = .points) throws -> CoordinateSystem {
        try systems.system(for: input)
    }

    func readOptions(for system: CoordinateSystem, zoneIsOptional: Bool, input: CoordinateInput = .points) throws -> CSVReadOptions {
        guard let encoding = CSVReadOptions.Encoding(argument: encoding),
            let delimiter = CSVReadOptions.Delimiter(argument: delimiter)
        else { throw ImportError(problem() ?? "invalid CSV settings") }
        let unit: CoordinateUnit
        do {
            unit = try system.unit
        } catch {
            throw ImportError("\(systems.option(for: input) ?? "--crs") \(error)")
        }
        var options = CSVReadOptions(
            encoding: encoding, delimiter: delimiter, columns: try CSVColumnRole.mapping(columns),
            coordinatesAreProjected: unit == .metres, zoneIsOptional: zoneIsOptional)
        options.sheet = sheet
        options.language = language
        return options
    }
}

/// A failure reading an input that the user can act on, printed as is.
public struct ImportError: Error, CustomStringConvertible, LocalizedError {
    public let description: String
    public init(_ description: String) { self.description = description }
    public var errorDescription: String? { description }
}

/// One CSV file read, converted to WGS84 and checked for implausible locations.
public struct ImportedFile<Rows: CSVReadableRows> {
    public var result: CSVReadResult<Rows>
    public var system: CoordinateSystem
    /// Rows removed by the location check, in input order.
    public var locationRejects: Int
}

/// Reads service points and residences files the way every command does: settings, WGS84 conversion,
/// the location check.
public enum Importer {
    /// - Parameter input: whose coordinate system applies: `.points`, `.candidates` or `.added`.
    public static func servicePoints(
        _ path: String, settings: CSVImportSettings, policy: RowPolicy, as input: CoordinateInput = .points,
        progress: ProgressSink? = nil
    ) throws -> ImportedFile<[ServicePoint]> {
        try countingEveryReject(policy) { policy in
            try importServicePoints(path, settings: settings, policy: policy, as: input, progress: progress)
        }
    }

    public static func residences(
        _ path: String, settings: CSVImportSettings, policy: RowPolicy, zoneIsOptional: Bool = false,
        progress: ProgressSink? = nil
    ) throws -> ImportedFile<ResidenceTable> {
        try countingEveryReject(policy) { policy in
            try importResidences(path, settings: settings, policy: policy, zoneIsOptional: zoneIsOptional, progress: progress)
        }
    }

    /// Under all-or-nothing the reader stops at its own rejects, before the coordinates are converted and
    /// checked: on that failure the file is read again keeping every reject, so the count the error
    /// gives is the one `validate` reports (the location check's rejects included).
    private static func countingEveryReject<Rows>(
        _ policy: RowPolicy, _ read: (RowPolicy) throws -> ImportedFile<Rows>
    ) throws -> ImportedFile<Rows> {
        do {
            return try read(policy)
        } catch let error as CSVImportError where policy == .allOrNothing {
            guard case .rejectedRows = error.problem, let all = try? read(.skipBadRows), !all.result.rejects.isEmpty else {
                throw error
            }
            let rejects = all.result.rejects
            throw CSVImportError(
                file: error.file,
                problem: .rejectedRows(first: Array(rejects.prefix(CSVImportError.listedRejectLimit)), total: rejects.count),
                hint: error.hint)
        }
    }

    private static func importServicePoints(
        _ path: String, settings: CSVImportSettings, policy: RowPolicy, as input: CoordinateInput = .points,
        progress: ProgressSink? = nil
    ) throws -> ImportedFile<[ServicePoint]> {
        let system = try settings.coordinateSystem(for: input)
        var options = try settings.readOptions(for: system, zoneIsOptional: false, input: input)
        options.progress = progress
        var result = try readServicePoints(contentsOfFile: path, options: options, policy: policy)
        let (x, y) = try converted(result.rows.coordinateColumns(), from: system, file: path, language: settings.language)
        for i in result.rows.indices {
            result.rows[i].location = GeoCoordinate(longitude: x[i], latitude: y[i])
        }
        let removed = try result.rejectImplausibleLocations(check: CSVLocationCheck(language: settings.language))
        return ImportedFile(result: result, system: system, locationRejects: removed.count)
    }

    private static func importResidences(
        _ path: String, settings: CSVImportSettings, policy: RowPolicy, zoneIsOptional: Bool = false,
        progress: ProgressSink? = nil
    ) throws -> ImportedFile<ResidenceTable> {
        let system = try settings.coordinateSystem(for: .residences)
        var options = try settings.readOptions(for: system, zoneIsOptional: zoneIsOptional, input: .residences)
        options.progress = progress
        var result = try readResidences(contentsOfFile: path, options: options, policy: policy)
        let (x, y) = try converted(result.rows.coordinateColumns(), from: system, file: path, language: settings.language)
        result.rows.replaceCoordinates(longitudes: x, latitudes: y)
        let removed = try result.rejectImplausibleLocations(check: CSVLocationCheck(language: settings.language))
        return ImportedFile(result: result, system: system, locationRejects: removed.count)
    }

    private static func converted(
        _ columns: (longitudes: [Double], latitudes: [Double]), from system: CoordinateSystem, file: String,
        language: Language
    ) throws -> ([Double], [Double]) {
        var x = columns.longitudes
        var y = columns.latitudes
        if system != .wgs84, system != .cgcs2000, system != .epsg(4326) {
            do {
                try CoordinateConverter(from: system).toWGS84(x: &x, y: &y)
            } catch {
                throw ImportError(
                    language == .zh
                        ? "\(file)：无法把坐标从 \(system) 转换为 WGS84：\(error)"
                        : "\(file): cannot convert the coordinates from \(system) to WGS84: \(error)")
            }
        }
        return (x, y)
    }
}

extension ImportedFile {
    /// Rejects the rows whose id is in `existing` (rows appended to a dataset, or added to a what-if):
    /// under all-or-nothing throws a `CSVImportError` naming the first ones (file, line, column id);
    /// under skip-bad-rows removes them and adds them to the rejects.
    /// - Parameters:
    ///   - ids: the ids of the rows, in row order.
    ///   - dataset: the name of what the ids are already in, for the reason.
    ///   - language: of the reason.
    public mutating func rejectIDs(_ ids: [String], existing: Set<String>, dataset: String, language: Language = .en) throws {
        guard !existing.isEmpty else { return }
        let clashes = ids.indices.filter { existing.contains(ids[$0]) }
        try result.rejectRows(atSortedIndices: clashes, column: .id, category: .duplicateID) { row in
            language == .zh
                ? "编号 \"\(ids[row])\" 已在数据集“\(dataset)”中"
                : "id \"\(ids[row])\" is already in dataset \"\(dataset)\""
        }
    }
}
