import Foundation
import LegalCircle

/// Writes the answer of `legalcircle nearest`.
public enum NearestWriter {
    /// Each point's location is written in `output` (WGS84 when nil), which the output names: the
    /// heading of the table, a `crs` column in CSV, a `crs` member in JSON. CSV and JSON give the county's
    /// name (`county_name`, empty or null when unknown) and keep English keys in every language.
    /// - Throws: `OutputFormatError` for markdown, geojson or html.
    public static func render(
        _ nearby: [NearbyPoint], points: [ServicePoint], zone: Zone, parameters: CoverageParameters,
        format: OutputFormat, output: OutputCoordinates? = nil, language: Language = .en, names: PlaceNames = .none
    ) throws -> String {
        let output = output ?? .wgs84
        let profile = parameters.profile
        let mode = profile.zoneModes[zone]!.rawValue
        let decimals = output.isProjected ? 1 : 6
        let l = ReportLabels(language)
        let withNames = names.hasCounties(nearby.compactMap { points[$0.index].county })
        let rows = nearby.map { entry -> [String] in
            let point = points[entry.index]
            let location = output.convert(point.location)
            return [point.id, point.name, l.levelName(point.level), l.kindList(point.kinds), point.county ?? ""]
                + (withNames ? [names.county(point.county) ?? ""] : [])
                + [TextTable.fixed(location.x, decimals: decimals), TextTable.fixed(location.y, decimals: decimals),
                    String(format: "%.1f", entry.distance), String(format: "%.1f", entry.minutes), l.yesNo(entry.withinCircle)]
        }
        let (xName, yName) = output.isProjected ? ("x", "y") : (l.pick("经度", "lon"), l.pick("纬度", "lat"))
        switch format {
        case .table:
            let heading = l.language == .zh
                ? "\(l.zoneName(zone))：\(l.mode(mode))，\(OutputFormat.plainNumber(profile.minutes)) 分钟服务圈 = 直线 "
                    + "\(String(format: "%.0f", profile.radius(for: zone))) 米；\(l.axesIn(output))"
                : String(
                    format: "%@ zone: %@, %g-minute circle = %.0f m straight line", zone.name, mode, profile.minutes,
                    profile.radius(for: zone)) + "; \(output.axes) in \(output.label)"
            let header = [l.pick("编号", "id"), l.pick("名称", "name"), l.pick("层级", "level"), l.pick("服务类型", "kinds"),
                l.pick("区县", "county")] + (withNames ? [l.pick("区县名称", "county name")] : [])
                + [xName, yName, l.pick("距离 米", "distance m"), l.pick("分钟", "minutes"), l.pick("在服务圈内", "within circle")]
            let table = TextTable(
                header: header, rows: rows,
                alignments: [.left, .left, .left, .left, .left] + (withNames ? [.left] : []) + [.right, .right, .right, .right, .left])
            return heading + "\n" + table.render()
        case .csv:
            // English column names in every language, like every CSV; the county's name beside its code.
            let header = ["id", "name", "level", "kinds", "county", "county_name"] + (output.isProjected ? ["x", "y"] : ["lon", "lat"])
                + ["distance_m", "minutes", "within_circle", "crs"]
            let exact = nearby.map { entry -> [String] in
                let point = points[entry.index]
                let location = output.convert(point.location)
                return [
                    point.id, point.name, point.level.rawValue, point.kinds.list, point.county ?? "", names.county(point.county) ?? "",
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
                    "county": point.county as Any? ?? NSNull(), "county_name": names.county(point.county) as Any? ?? NSNull(), "lon": OutputFormat.finite(location.x) as Any? ?? NSNull(),
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
