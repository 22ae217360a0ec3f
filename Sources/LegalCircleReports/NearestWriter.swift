import Foundation
import LegalCircle

/// Writes the answer of `legalcircle nearest`.
public enum NearestWriter {
    /// Each point's location is written in `output` (WGS84 when nil), which the output names: the
    /// heading of the table, a `crs` column in CSV, a `crs` member in JSON.
    /// - Throws: `OutputFormatError` for markdown, geojson or html.
    public static func render(
        _ nearby: [NearbyPoint], points: [ServicePoint], zone: Zone, parameters: CoverageParameters,
        format: OutputFormat, output: OutputCoordinates? = nil
    ) throws -> String {
        let output = output ?? .wgs84
        let profile = parameters.profile
        let mode = profile.zoneModes[zone]!.rawValue
        let decimals = output.isProjected ? 1 : 6
        let rows = nearby.map { entry -> [String] in
            let point = points[entry.index]
            let location = output.convert(point.location)
            return [
                point.id, point.name, point.level.rawValue, point.kinds.list, point.county ?? "",
                TextTable.fixed(location.x, decimals: decimals), TextTable.fixed(location.y, decimals: decimals),
                String(format: "%.1f", entry.distance), String(format: "%.1f", entry.minutes),
                entry.withinCircle ? "yes" : "no",
            ]
        }
        let (xName, yName) = output.isProjected ? ("x", "y") : ("lon", "lat")
        switch format {
        case .table:
            let heading = String(
                format: "%@ zone: %@, %g-minute circle = %.0f m straight line", zone.name, mode, profile.minutes,
                profile.radius(for: zone)) + "; \(output.axes) in \(output.label)"
            let table = TextTable(
                header: ["id", "name", "level", "kinds", "county", xName, yName, "distance m", "minutes", "within circle"],
                rows: rows, alignments: [.left, .left, .left, .left, .left, .right, .right, .right, .right, .left])
            return heading + "\n" + table.render()
        case .csv:
            let header = ["id", "name", "level", "kinds", "county", xName, yName, "distance_m", "minutes", "within_circle", "crs"]
            let exact = nearby.map { entry -> [String] in
                let point = points[entry.index]
                let location = output.convert(point.location)
                return [
                    point.id, point.name, point.level.rawValue, point.kinds.list, point.county ?? "",
                    OutputFormat.csvNumber(OutputFormat.finite(location.x)), OutputFormat.csvNumber(OutputFormat.finite(location.y)),
                    OutputFormat.csvNumber(entry.distance), OutputFormat.csvNumber(entry.minutes),
                    entry.withinCircle ? "true" : "false", output.name,
                ]
            }
            return ([header] + exact).map(OutputFormat.csvRecord).joined()
        case .json:
            let objects = nearby.map { entry -> [String: Any] in
                let point = points[entry.index]
                let location = output.convert(point.location)
                return [
                    "id": point.id, "name": point.name, "level": point.level.rawValue, "kinds": point.kinds.list,
                    "county": point.county as Any? ?? NSNull(), "lon": OutputFormat.finite(location.x) as Any? ?? NSNull(),
                    "lat": OutputFormat.finite(location.y) as Any? ?? NSNull(), "distance_m": entry.distance, "minutes": entry.minutes,
                    "within_circle": entry.withinCircle,
                ]
            }
            let body: [String: Any] = [
                "zone": zone.name, "mode": mode, "target_minutes": profile.minutes,
                "radius_m": profile.radius(for: zone), "points": objects, "crs": output.label,
            ]
            let data = try JSONSerialization.data(withJSONObject: body, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self)
        case .html:
            throw OutputFormatError.htmlOnlyForReport(output: "the nearest points", supported: [.table, .csv, .json])
        case .markdown, .geojson:
            throw OutputFormatError(
                format: format, output: "the nearest points", reason: "not a supported layout",
                supported: [.table, .csv, .json])
        }
    }
}
