import Foundation
import LegalCircle

/// Writes the answer of `legalcircle nearest`.
public enum NearestWriter {
    /// Each point's location is written in `output` (WGS84 when nil), which the output names: the
    /// heading of the table, a `crs` column in CSV, a `crs` member in JSON. CSV and JSON give the county's
    /// name (`county_name`, empty or null when unknown) and keep English keys in every language.
    ///
    /// With `network` (travel over the roads, attached to a road of the zone's mode), `minutes` and
    /// `within circle` are the minutes over the roads to each point, as `report` counts them, and the
    /// straight-line estimate follows (`straight_line_minutes`); the heading, a `travel_model` CSV column
    /// and JSON's `travel_model` and `network` name the model and the station the roads lead to first. A
    /// location off the roads keeps the estimate, and the outputs say so (`off_road`).
    /// - Throws: `OutputFormatError` for markdown, geojson or html.
    public static func render(
        _ nearby: [NearbyPoint], points: [ServicePoint], zone: Zone, parameters: CoverageParameters,
        format: OutputFormat, output: OutputCoordinates? = nil, language: Language = .en, names: PlaceNames = .none,
        network: NetworkNearest? = nil
    ) throws -> String {
        let output = output ?? .wgs84
        let profile = parameters.profile
        let mode = profile.zoneModes[zone]!.rawValue
        let decimals = output.isProjected ? 1 : 6
        let l = ReportLabels(language)
        let withNames = names.hasCounties(nearby.compactMap { points[$0.index].county })
        let roads = network?.attached == true ? network : nil
        // The model's minutes per listed point: over the roads when attached, else the estimate.
        let minutes = nearby.indices.map { roads?.minutesTo[$0] ?? nearby[$0].minutes }
        let within = nearby.indices.map { roads == nil ? nearby[$0].withinCircle : minutes[$0] <= profile.minutes }
        let rows = nearby.indices.map { row -> [String] in
            let entry = nearby[row]
            let point = points[entry.index]
            let location = output.convert(point.location)
            return [point.id, point.name, l.levelName(point.level), l.kindList(point.kinds), point.county ?? ""]
                + (withNames ? [names.county(point.county) ?? ""] : [])
                + [TextTable.fixed(location.x, decimals: decimals), TextTable.fixed(location.y, decimals: decimals),
                    String(format: "%.1f", entry.distance), TextTable.fixed(minutes[row], decimals: 1), l.yesNo(within[row])]
                + (roads == nil ? [] : [String(format: "%.1f", entry.minutes)])
        }
        let (xName, yName) = output.isProjected ? ("x", "y") : (l.pick("经度", "lon"), l.pick("纬度", "lat"))
        switch format {
        case .table:
            let heading = (l.language == .zh
                ? "\(l.zoneName(zone))：\(l.mode(mode))，\(OutputFormat.plainNumber(profile.minutes)) 分钟服务圈 = 直线 "
                    + "\(String(format: "%.0f", profile.radius(for: zone))) 米；\(l.axesIn(output))"
                : String(
                    format: "%@ zone: %@, %g-minute circle = %.0f m straight line", zone.name, mode, profile.minutes,
                    profile.radius(for: zone)) + "; \(output.axes) in \(output.label)")
                + (network.map { travelClause($0, points: points, profile: profile, labels: l) } ?? "")
            let header = [l.pick("编号", "id"), l.pick("名称", "name"), l.pick("层级", "level"), l.pick("服务类型", "kinds"),
                l.pick("区县", "county")] + (withNames ? [l.pick("区县名称", "county name")] : [])
                + [xName, yName, l.pick("距离 米", "distance m"), l.pick(roads == nil ? "分钟" : "路网分钟", roads == nil ? "minutes" : "road min"),
                    l.pick("在服务圈内", "within circle")]
                + (roads == nil ? [] : [l.pick("直线估算分钟", "straight-line min")])
            let table = TextTable(
                header: header, rows: rows,
                alignments: [.left, .left, .left, .left, .left] + (withNames ? [.left] : []) + [.right, .right, .right, .right, .left]
                    + (roads == nil ? [] : [.right]))
            return heading + "\n" + table.render()
        case .csv:
            // English column names in every language, like every CSV; the county's name beside its code.
            let header = ["id", "name", "level", "kinds", "county", "county_name"] + (output.isProjected ? ["x", "y"] : ["lon", "lat"])
                + ["distance_m", "minutes", "within_circle", "crs"]
                + (network == nil ? [] : ["straight_line_minutes", "travel_model", "off_road"])
            let exact = nearby.indices.map { row -> [String] in
                let entry = nearby[row]
                let point = points[entry.index]
                let location = output.convert(point.location)
                return [
                    point.id, point.name, point.level.rawValue, point.kinds.list, point.county ?? "", names.county(point.county) ?? "",
                    OutputFormat.csvNumber(OutputFormat.finite(location.x)), OutputFormat.csvNumber(OutputFormat.finite(location.y)),
                    OutputFormat.csvNumber(entry.distance), OutputFormat.csvNumber(OutputFormat.finite(minutes[row])),
                    within[row] ? "true" : "false", output.name,
                ] + (network.map { [OutputFormat.csvNumber(entry.minutes), $0.modelName, $0.attached ? "false" : "true"] } ?? [])
            }
            return ([header] + exact).map(OutputFormat.csvRecord).joined()
        case .json:
            let objects = nearby.indices.map { row -> [String: Any] in
                let entry = nearby[row]
                let point = points[entry.index]
                let location = output.convert(point.location)
                var object: [String: Any] = [
                    "id": point.id, "name": point.name, "level": point.level.rawValue, "kinds": point.kinds.list,
                    "county": point.county as Any? ?? NSNull(), "county_name": names.county(point.county) as Any? ?? NSNull(), "lon": OutputFormat.finite(location.x) as Any? ?? NSNull(),
                    "lat": OutputFormat.finite(location.y) as Any? ?? NSNull(), "distance_m": entry.distance,
                    "minutes": OutputFormat.finite(minutes[row]) as Any? ?? NSNull(), "within_circle": within[row],
                ]
                if network != nil { object["straight_line_minutes"] = entry.minutes }
                return object
            }
            var body: [String: Any] = [
                "zone": zone.name, "mode": mode, "target_minutes": profile.minutes,
                "radius_m": profile.radius(for: zone), "points": objects, "crs": output.label,
            ]
            if let network {
                body["travel_model"] = network.modelName
                body["network"] = [
                    "off_road": !network.attached,
                    "station": network.station.map { points[$0].id } as Any? ?? NSNull(),
                    "minutes": OutputFormat.finite(network.minutes) as Any? ?? NSNull(),
                    "access_minutes": OutputFormat.finite(network.accessMinutes) as Any? ?? NSNull(),
                ] as [String: Any]
            }
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

extension NearestWriter {
    /// The heading's travel clause: "; travel network (roads F): by the roads P1 in 12.3 min (access leg
    /// 0.4 min)", or that the location is off the roads and keeps the estimate.
    static func travelClause(_ network: NetworkNearest, points: [ServicePoint], profile: TravelProfile, labels l: ReportLabels) -> String {
        let minutes = { (value: Double) in TextTable.fixed(value, decimals: 1) }
        guard network.attached else {
            let metres = TextTable.grouped(profile.roads.accessMaxMetres)
            return l.pick(
                "；出行模型 \(network.modelName)（按路网）：该地点距本方式道路超过 \(metres) 米，按直线估算",
                "; travel \(network.modelName): the location is farther than \(metres) m from a road of its mode, by straight-line estimate")
        }
        guard let station = network.station else {
            return l.pick(
                "；出行模型 \(network.modelName)（按路网）：沿道路到不了任何服务点",
                "; travel \(network.modelName): no eligible point can be reached over the roads")
        }
        let id = points[station].id
        return l.pick(
            "；出行模型 \(network.modelName)（按路网）：沿道路最近 \(id)，\(minutes(network.minutes)) 分钟（其中到道路 \(minutes(network.accessMinutes)) 分钟）",
            "; travel \(network.modelName): nearest by the roads \(id) in \(minutes(network.minutes)) min (access leg \(minutes(network.accessMinutes)) min)")
    }
}
