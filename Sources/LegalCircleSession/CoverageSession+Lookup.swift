import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleStore
import Projection

/// The nearest service points to a location and what they were chosen from.
public struct NearestOutcome: Sendable {
    public var nearby: [NearbyPoint]
    public var points: [ServicePoint]
    public var zone: Zone
    public var parameters: CoverageParameters
}

extension CoverageSession {
    /// The `count` nearest eligible service points to a WGS84 location, from a CSV file or a loaded dataset.
    public func nearest(
        to location: GeoCoordinate, zone: Zone, count: Int, pointsFile: String?, pointsDataset: String?, rule: RuleRequest,
        csv: CSVImportSettings = CSVImportSettings()
    ) throws -> NearestOutcome {
        let points: [ServicePoint]
        if let pointsFile {
            points = try Importer.servicePoints(pointsFile, settings: csv, policy: .allOrNothing, progress: progress).result.rows
        } else {
            let store = try store()
            points = try store.servicePoints(datasetID: store.dataset(named: pointsDataset, kind: .points).id)
        }
        let parameters = try parameters(rule)
        let nearby = try NearestQuery.nearest(to: location, zone: zone, count: count, points: points, parameters: parameters)
        return NearestOutcome(nearby: nearby, points: points, zone: zone, parameters: parameters)
    }

    /// Reads one file as `load` would, keeping every rejected row, and describes what it found.
    /// - Returns: the summary lines: rows, rejects by reason, encoding, delimiter, columns, CRS, extent.
    public func validate(points path: String?, residences: String?, csv: CSVImportSettings = CSVImportSettings()) throws -> [String] {
        var lines: [String]
        let coordinates: (longitudes: [Double], latitudes: [Double])
        let system: String
        if let path {
            let file = try Importer.servicePoints(path, settings: csv, policy: .skipBadRows, progress: progress)
            lines = ["file: \(path) (service points)"] + file.result.summary.lines()
            coordinates = file.result.rows.coordinateColumns()
            system = file.system.canonicalName
        } else {
            let path = residences ?? ""
            let file = try Importer.residences(path, settings: csv, policy: .skipBadRows, progress: progress)
            lines = ["file: \(path) (residences)"] + file.result.summary.lines()
            coordinates = file.result.rows.coordinateColumns()
            system = file.system.canonicalName
        }
        lines.append("coordinate system: \(system), stored as WGS84")
        if let minLon = coordinates.longitudes.min(), let maxLon = coordinates.longitudes.max(),
            let minLat = coordinates.latitudes.min(), let maxLat = coordinates.latitudes.max()
        {
            lines.append(
                String(format: "bounding box of accepted rows (WGS84): lon %.6f … %.6f, lat %.6f … %.6f", minLon, maxLon, minLat, maxLat))
        } else {
            lines.append("bounding box: no accepted rows")
        }
        return lines
    }
}
