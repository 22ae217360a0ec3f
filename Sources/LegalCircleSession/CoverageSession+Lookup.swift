import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// The nearest service points to a location and what they were chosen from.
public struct NearestOutcome: Sendable {
    public var nearby: [NearbyPoint]
    public var points: [ServicePoint]
    public var zone: Zone
    public var parameters: CoverageParameters
    /// The query location in WGS84, as searched.
    public var location: GeoCoordinate = GeoCoordinate(longitude: 0, latitude: 0)
    /// What the coordinate-system check found wrong with the points file (one sentence each).
    public var coordinateWarnings: [String] = []
    /// Minutes over the roads, when the rule's travel is by network (`--roads`, or roads stored with
    /// the datasets); nil for the straight-line estimate.
    public var network: NetworkNearest?
}

/// A location as the user typed it: x/y (longitude/latitude, or easting/northing) in a coordinate system
/// (`--crs`: wgs84, gcj02, bd09 or EPSG:n).
public struct QueryLocation: Sendable, Equatable {
    public var x: Double
    public var y: Double
    /// The system as typed; nil for WGS84.
    public var system: String?

    public init(x: Double, y: Double, system: String? = nil) {
        self.x = x
        self.y = y
        self.system = system
    }
}

extension CoverageSession {
    /// The `count` nearest eligible service points to a WGS84 location, from a CSV file or a loaded dataset.
    public func nearest(
        to location: GeoCoordinate, zone: Zone, count: Int, pointsFile: String?, pointsDataset: String?, rule: RuleRequest,
        csv: CSVImportSettings = CSVImportSettings()
    ) throws -> NearestOutcome {
        var warnings: [String] = []
        let points: [ServicePoint]
        if let pointsFile {
            let file = try Importer.servicePoints(pointsFile, settings: csv, policy: .allOrNothing, as: .points, progress: progress)
            points = file.result.rows
            // Boundaries are known when loaded: check the file against them as `load` would.
            let boundaries = databaseExists ? (try? store().latestBoundaries()) ?? nil : nil
            let finding = checkCoordinates(
                points: points, system: file.system, input: .points, file: pointsFile, boundaries: boundaries?.boundaries,
                boundarySetName: boundaries?.info.name)
            try enforce([finding], systems: csv.systems)
            warnings += finding.warning.map { [$0] } ?? []
        } else {
            let store = try store()
            let dataset = try store.dataset(named: pointsDataset, kind: .points)
            points = try store.servicePoints(datasetID: dataset.id)
            warnings += try datasetCoordinates(dataset, upTo: nil, boundaries: nil, boundarySetName: nil).warnings
            if csv.systems.strictCheck, let first = warnings.first { throw SessionError("\(first) (--strict makes this an error)") }
        }
        let parameters = try parameters(rule)
        let nearby = try NearestQuery.nearest(to: location, zone: zone, count: count, points: points, parameters: parameters)
        // The stored roads go with loaded datasets; a points file goes with --roads (as in `report`).
        let source: InputSource = pointsFile.map { .files(points: $0, residences: "", boundaries: nil) }
            ?? .datasets(points: pointsDataset, residences: nil)
        let roads = try roadTravel(rule, profile: parameters.profile, source: source)
        return NearestOutcome(
            nearby: nearby, points: points, zone: zone, parameters: parameters, location: location, coordinateWarnings: warnings,
            network: roads.map {
                NearestQuery.network(from: location, zone: zone, nearby: nearby, points: points, parameters: parameters, roads: $0)
            })
    }

    /// The nearest points to a location given in any coordinate system: converted to WGS84 first
    /// (GCJ-02 and BD-09 by `ChineseOffsets`, EPSG codes by PROJ, projected ones as easting/northing).
    /// - Throws: `SessionError` naming `--crs` for a system or location that cannot be converted.
    public func nearest(
        to location: QueryLocation, zone: Zone, count: Int, pointsFile: String?, pointsDataset: String?, rule: RuleRequest,
        csv: CSVImportSettings = CSVImportSettings()
    ) throws -> NearestOutcome {
        try nearest(
            to: try Self.wgs84(location), zone: zone, count: count, pointsFile: pointsFile, pointsDataset: pointsDataset,
            rule: rule, csv: csv)
    }

    /// A query location in WGS84.
    /// - Throws: `SessionError` naming `--crs`.
    public static func wgs84(_ location: QueryLocation) throws -> GeoCoordinate {
        do {
            let system = try CoordinateSystem(parsing: location.system ?? "wgs84")
            let converted = try CoordinateConverter(from: system).toWGS84(x: location.x, y: location.y)
            return GeoCoordinate(longitude: converted.longitude, latitude: converted.latitude)
        } catch {
            throw SessionError("--crs \(error)")
        }
    }

    /// Reads one file as `load` would, keeping every rejected row, and describes what it found; with
    /// county boundaries (the `boundaries` file, else the latest loaded in the database, when it
    /// exists), the coordinate-system check of its accepted rows.
    /// - Returns: the summary lines (rows, rejects by reason, encoding, delimiter, columns, CRS, the
    ///   coordinate check, extent; a warning from the check first) and how many rows were rejected.
    /// - Throws: `SessionError` when `--strict` and the check flags the file.
    public func validate(
        points path: String?, residences: String?, boundaries boundariesFile: String? = nil,
        csv: CSVImportSettings = CSVImportSettings()
    ) throws -> ValidationReport {
        var lines: [String]
        var report = ValidationReport()
        let words = ReportLabels(language)
        let coordinates: (longitudes: [Double], latitudes: [Double])
        let system: String
        let boundaryFile = try boundariesFile.map {
            try GeoJSONBoundaryReader.readBoundaries(contentsOfFile: $0, system: try boundarySystem($0, csv.systems))
        }
        let stored = boundaryFile == nil && !databasePath.isEmpty && databaseExists ? try store().latestBoundaries() : nil
        let boundaries = boundaryFile?.boundaries ?? stored?.boundaries
        let boundarySetName = boundariesFile.map { URL(fileURLWithPath: $0).lastPathComponent } ?? stored?.info.name
        let finding: CoordinateFinding
        if let path {
            let file = try Importer.servicePoints(path, settings: csv, policy: .skipBadRows, as: .points, progress: progress)
            lines = [words.pick("文件：\(path)（服务点）", "file: \(path) (service points)")] + file.result.summary.lines(language).dropFirst()  // its first line names the file once more
            (report.rowsRead, report.rowsRejected) = (file.result.summary.rowsRead, file.result.summary.rowsRejected)
            coordinates = file.result.rows.coordinateColumns()
            system = file.system.canonicalName
            finding = checkCoordinates(
                points: file.result.rows, system: file.system, input: .points, file: path, boundaries: boundaries,
                boundarySetName: boundarySetName)
        } else {
            let path = residences ?? ""
            let file = try Importer.residences(path, settings: csv, policy: .skipBadRows, progress: progress)
            lines = [words.pick("文件：\(path)（住所）", "file: \(path) (residences)")] + file.result.summary.lines(language).dropFirst()  // its first line names the file once more
            (report.rowsRead, report.rowsRejected) = (file.result.summary.rowsRead, file.result.summary.rowsRejected)
            coordinates = file.result.rows.coordinateColumns()
            system = file.system.canonicalName
            finding = checkCoordinates(
                residences: file.result.rows, system: file.system, file: path, boundaries: boundaries,
                boundarySetName: boundarySetName)
        }
        if let sheet = xlsxSheetName(ofFile: path ?? residences ?? "", sheet: csv.sheet) {
            lines = workbookSummary(lines, sheet: sheet, language: language)
        }
        lines.append(words.pick("坐标系：\(system)，存储为 WGS84", "coordinate system: \(system), stored as WGS84"))
        lines += finding.lines(language)
        try enforce([finding], systems: csv.systems)
        // A flagged file says so first, where it cannot be missed.
        if let warning = finding.warningLine(language) { lines.insert(warning, at: 0) }
        if let minLon = coordinates.longitudes.min(), let maxLon = coordinates.longitudes.max(),
            let minLat = coordinates.latitudes.min(), let maxLat = coordinates.latitudes.max()
        {
            lines.append(
                String(
                    format: words.pick("接受行的范围（WGS84）：经度 %.6f … %.6f，纬度 %.6f … %.6f", "bounding box of accepted rows (WGS84): lon %.6f … %.6f, lat %.6f … %.6f"),
                    minLon, maxLon, minLat, maxLat))
        } else {
            lines.append(words.pick("范围：没有被接受的行", "bounding box: no accepted rows"))
        }
        report.lines = lines
        return report
    }
}
