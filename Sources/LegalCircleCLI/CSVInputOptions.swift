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

    /// The coordinate system, checked with PROJ.
    func coordinateSystem() throws -> CoordinateSystem {
        do {
            return try CoordinateSystem(parsing: crs)
        } catch {
            throw CommandError("--crs \(error)")
        }
    }

    func readOptions(for system: CoordinateSystem, zoneIsOptional: Bool = false) throws -> CSVReadOptions {
        let unit: CoordinateUnit
        do {
            unit = try system.unit
        } catch {
            throw CommandError("--crs \(error)")
        }
        return CSVReadOptions(
            encoding: CSVReadOptions.Encoding(argument: encoding)!,
            delimiter: CSVReadOptions.Delimiter(argument: delimiter)!,
            columns: try CSVColumnRole.mapping(columns), coordinatesAreProjected: unit == .metres,
            zoneIsOptional: zoneIsOptional)
    }
}

/// One CSV file read, converted to WGS84 and checked for implausible locations.
struct ImportedFile<Rows: CSVReadableRows> {
    var result: CSVReadResult<Rows>
    var system: CoordinateSystem
    /// Rows removed by the location check, in input order.
    var locationRejects: Int
}

enum Importer {
    static func servicePoints(_ path: String, csv: CSVInputOptions, policy: RowPolicy) throws -> ImportedFile<[ServicePoint]> {
        let system = try csv.coordinateSystem()
        var options = try csv.readOptions(for: system)
        options.progress = TerminalProgress.sink
        var result = try readServicePoints(contentsOfFile: path, options: options, policy: policy)
        let (x, y) = try converted(result.rows.coordinateColumns(), from: system, file: path)
        for i in result.rows.indices {
            result.rows[i].location = GeoCoordinate(longitude: x[i], latitude: y[i])
        }
        let removed = try result.rejectImplausibleLocations()
        return ImportedFile(result: result, system: system, locationRejects: removed.count)
    }

    static func residences(
        _ path: String, csv: CSVInputOptions, policy: RowPolicy, zoneIsOptional: Bool = false
    ) throws -> ImportedFile<ResidenceTable> {
        let system = try csv.coordinateSystem()
        var options = try csv.readOptions(for: system, zoneIsOptional: zoneIsOptional)
        options.progress = TerminalProgress.sink
        var result = try readResidences(contentsOfFile: path, options: options, policy: policy)
        let (x, y) = try converted(result.rows.coordinateColumns(), from: system, file: path)
        result.rows.replaceCoordinates(longitudes: x, latitudes: y)
        let removed = try result.rejectImplausibleLocations()
        return ImportedFile(result: result, system: system, locationRejects: removed.count)
    }

    private static func converted(
        _ columns: (longitudes: [Double], latitudes: [Double]), from system: CoordinateSystem, file: String
    ) throws -> ([Double], [Double]) {
        var x = columns.longitudes
        var y = columns.latitudes
        if system != .wgs84, system != .cgcs2000, system != .epsg(4326) {
            do {
                try CoordinateConverter(from: system).toWGS84(x: &x, y: &y)
            } catch {
                throw CommandError("\(file): cannot convert the coordinates from \(system) to WGS84: \(error)")
            }
        }
        return (x, y)
    }
}
