import Foundation
import LegalCircle

/// Writes the answer of `legalcircle nearest`.
public enum NearestWriter {
    /// - Throws: `OutputFormatError` for markdown, geojson or html.
    public static func render(
        _ nearby: [NearbyPoint], points: [ServicePoint], zone: Zone, parameters: CoverageParameters,
        format: OutputFormat
    ) throws -> String {
        let profile = parameters.profile
        let mode = profile.zoneModes[zone]!.rawValue
        let rows = nearby.map { entry -> [String] in
            let point = points[entry.index]
            return [
                point.id, point.name, point.level.rawValue, point.kinds.list, point.county ?? "",
                String(format: "%.1f", entry.distance), String(format: "%.1f", entry.minutes),
                entry.withinCircle ? "yes" : "no",
            ]
        }
        switch format {
        case .table:
            let heading = String(
                format: "%@ zone: %@, %g-minute circle = %.0f m straight line", zone.name, mode, profile.minutes,
                profile.radius(for: zone))
            let table = TextTable(
                header: ["id", "name", "level", "kinds", "county", "distance m", "minutes", "within circle"], rows: rows,
                alignments: [.left, .left, .left, .left, .left, .right, .right, .left])
            return heading + "\n" + table.render()
        case .csv:
            let header = ["id", "name", "level", "kinds", "county", "distance_m", "minutes", "within_circle"]
            let exact = nearby.map { entry -> [String] in
                let point = points[entry.index]
                return [
                    point.id, point.name, point.level.rawValue, point.kinds.list, point.county ?? "",
                    OutputFormat.csvNumber(entry.distance), OutputFormat.csvNumber(entry.minutes),
                    entry.withinCircle ? "true" : "false",
                ]
            }
            return ([header] + exact).map(OutputFormat.csvRecord).joined()
        case .json:
            let objects = nearby.map { entry -> [String: Any] in
                let point = points[entry.index]
                return [
                    "id": point.id, "name": point.name, "level": point.level.rawValue, "kinds": point.kinds.list,
                    "county": point.county as Any? ?? NSNull(), "lon": point.location.longitude,
                    "lat": point.location.latitude, "distance_m": entry.distance, "minutes": entry.minutes,
                    "within_circle": entry.withinCircle,
                ]
            }
            let body: [String: Any] = [
                "zone": zone.name, "mode": mode, "target_minutes": profile.minutes,
                "radius_m": profile.radius(for: zone), "points": objects,
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
