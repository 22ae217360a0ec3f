import Foundation
import LegalCircle

/// Writes uncovered areas as a table, CSV, JSON, Markdown or GeoJSON polygons.
public enum GapsWriter {
    /// The areas of `county` (all when nil; "" for areas without a county), most populous first (ties by
    /// id), at most `top` of them.
    public static func select(_ areas: [UncoveredArea], county: String?, top: Int?) -> [UncoveredArea] {
        let chosen = areas.filter { county == nil || ($0.county ?? "") == county }
            .sorted { $0.population != $1.population ? $0.population > $1.population : $0.id < $1.id }
        return top.map { Array(chosen.prefix(max(0, $0))) } ?? chosen
    }

    /// The selected areas (see `select`) in `format`.
    ///
    /// - CSV and GeoJSON properties share the snake_case field names of `fieldNames`; JSON uses the
    ///   names of `UncoveredArea` without its cells (`cellCount` instead), with `countyName` and `places`
    ///   when known. CSV adds `county_name` and `places` before `crs`.
    /// - GeoJSON: an RFC 7946 FeatureCollection, one Feature per area (one per line) whose geometry is the
    ///   dissolved cells (`CellOutline`), Polygon or MultiPolygon, coordinates rounded to 7 decimals
    ///   (about 1 cm); the run description is a foreign member "run". Always WGS84 (RFC 7946).
    /// - Table, CSV, JSON and Markdown write locations in `output` (WGS84 when nil) and name it: a
    ///   heading line, a `crs` column (`csvFieldNames`), a `crs` member.
    /// - Parameters:
    ///   - frame: the run's projection, in which the area grid is laid out.
    ///   - cellSize: side of the grid cells, metres.
    /// - Throws: `ProjError` from PROJ for GeoJSON, `EncodingError` from JSON.
    public static func render(
        _ areas: [UncoveredArea], run: RunDescription, frame: PlanarFrame, cellSize: Double, county: String?,
        top: Int?, format: OutputFormat, output: OutputCoordinates? = nil, language: Language = .en,
        names: PlaceNames = .none, places: [Int: [String]] = [:]
    ) throws -> String {
        let output = output ?? .wgs84
        let chosen = select(areas, county: county, top: top)
        let labels = ReportLabels(language)
        let heading = [
            labels.tableSummary(run),
            selectionSummary(shown: chosen.count, areas: areas, county: county, output: output, labels: labels, names: names),
        ]
        let makeTable = { table(chosen, output: output, labels: labels, names: names, places: places) }
        switch format {
        case .table: return heading.joined(separator: "\n") + "\n\n" + makeTable().render()
        case .markdown:
            // Two trailing spaces: a Markdown line break.
            return heading.map(TextTable.markdownEscaped).joined(separator: "  \n") + "\n\n" + makeTable().markdown()
        case .csv:
            // A run by network travel names its model on every row (`travel_model`, last).
            let model = run.travelModel.map { [$0] } ?? []
            return ([csvFieldNames + (model.isEmpty ? [] : ["travel_model"])]
                + chosen.map { area in
                    fields(area, output: output).map(\.csv)
                        + [names.county(area.county) ?? "", (places[area.id] ?? []).joined(separator: "、"), output.name] + model
                })
                .map(OutputFormat.csvRecord).joined()
        case .json:
            return try OutputFormat.json(
                GapsDocument(
                    run: run, crs: output.label,
                    areas: chosen.map { AreaJSON($0, output: output, countyName: names.county($0.county), places: places[$0.id] ?? []) }))
                + "\n"
        case .geojson: return try geoJSON(chosen, run: run, frame: frame, cellSize: cellSize)
        case .html:
            throw OutputFormatError.htmlOnlyForReport(
                output: "the uncovered areas", supported: [.table, .csv, .json, .markdown, .geojson])
        }
    }

    private static func selectionSummary(
        shown: Int, areas: [UncoveredArea], county: String?, output: OutputCoordinates, labels: ReportLabels, names: PlaceNames
    ) -> String {
        let matching = areas.filter { county == nil || ($0.county ?? "") == county }.count
        let name = names.county(county).map { " \($0)" } ?? ""
        if labels.language == .zh {
            let place = county.map { $0.isEmpty ? "（无区县）" : "（区县 \($0)\(name)）" } ?? ""
            return "未覆盖片区\(place)：共 \(matching) 个，列出 \(shown) 个，人口多者在前；\(labels.axesIn(output))"
        }
        let place = county.map { $0.isEmpty ? " without a county" : " in county \($0)\(name)" } ?? ""
        return "Uncovered areas\(place): \(shown) of \(matching), most populous first; \(output.axes) in \(output.label)"
    }

    // MARK: - Table

    /// The table and Markdown layout; with names, a county name column after the county and, when the
    /// residences have names, the most populous named places of each area as the last column.
    private static func table(
        _ areas: [UncoveredArea], output: OutputCoordinates, labels l: ReportLabels, names: PlaceNames, places: [Int: [String]]
    ) -> TextTable {
        let withNames = names.hasCounties(areas.compactMap(\.county))
        let withPlaces = areas.contains { !(places[$0.id] ?? []).isEmpty }
        let header = [l.pick("编号", "id"), l.pick("区县", "county")] + (withNames ? [l.pick("区县名称", "county name")] : [])
            + [l.pick("主要类型", "zone"), l.pick("人口", "population"), l.pick("住所", "residences"),
                output.isProjected ? "x" : l.pick("经度", "lon"), output.isProjected ? "y" : l.pick("纬度", "lat"),
                l.pick("最近服务点", "nearest point"), l.pick("名称", "name"), l.pick("距离 米", "distance m"),
                l.pick("分钟", "minutes"), l.pick("超出目标 分钟", "beyond target"), l.pick("备注", "note")]
            + (withPlaces ? [l.pick("主要村/社区", "main places")] : [])
        let decimals = output.isProjected ? 1 : 5
        let rows = areas.map { area in
            let centroid = output.convert(area.centroid)
            return [String(area.id), l.countyCell(area.county)] + (withNames ? [names.county(area.county) ?? ""] : [])
                + [l.zoneName(area.dominantZone),
                    TextTable.grouped(area.population), TextTable.grouped(Double(area.residenceCount)),
                    TextTable.fixed(centroid.x, decimals: decimals), TextTable.fixed(centroid.y, decimals: decimals),
                    area.nearestPointID ?? "–", area.nearestPointName ?? "–", area.nearestDistance.map(TextTable.grouped) ?? "–",
                    TextTable.fixed(area.nearestMinutes, decimals: 1), TextTable.fixed(area.minutesBeyondTarget, decimals: 1),
                    area.nearestAcrossWater ? l.acrossWater : ""]
                + (withPlaces ? [(places[area.id] ?? []).joined(separator: l.pick("、", ", "))] : [])
        }
        let shift = withNames ? 1 : 0
        let left = Set([1, 2 + shift, 7 + shift, 8 + shift, 12 + shift] + (withNames ? [2] : []) + (withPlaces ? [13 + shift] : []))
        return TextTable(header: header, rows: rows, alignments: header.indices.map { left.contains($0) ? .left : .right })
    }

    // MARK: - Fields

    /// Column names of the CSV output: `fieldNames`, the county's name and the area's most populous named
    /// places (`、`-separated; empty when the residences have no names), then `crs`, the system of its coordinates.
    public static let csvFieldNames = fieldNames + ["county_name", "places", "crs"]

    /// Column names of the CSV output (before `crs`) and property names of the GeoJSON features and the
    /// GIS layer, in order.
    public static let fieldNames = [
        "id", "county", "zone", "population", "residences", "centroid_lon", "centroid_lat", "min_lon", "min_lat",
        "max_lon", "max_lat", "nearest_point_id", "nearest_point_name", "nearest_distance_m", "nearest_minutes",
        "minutes_beyond_target", "cell_count", "nearest_across_water",
    ]

    /// The values of `fieldNames` for one area, locations in `output` (WGS84 when nil; the box's corners
    /// are converted one by one).
    package static func fields(_ area: UncoveredArea, output: OutputCoordinates? = nil) -> [GapsWriterField] {
        let output = output ?? .wgs84
        let centroid = output.convert(area.centroid)
        let low = output.convert(GeoCoordinate(longitude: area.minLongitude, latitude: area.minLatitude))
        let high = output.convert(GeoCoordinate(longitude: area.maxLongitude, latitude: area.maxLatitude))
        return [.integer(area.id), .text(area.county), .text(area.dominantZone.name), .number(area.population),
            .integer(area.residenceCount), .number(centroid.x), .number(centroid.y),
            .number(low.x), .number(low.y), .number(high.x), .number(high.y),
            .text(area.nearestPointID), .text(area.nearestPointName), .number(area.nearestDistance),
            .number(area.nearestMinutes), .number(area.minutesBeyondTarget), .integer(area.cells.count),
            .flag(area.nearestAcrossWater)]
    }
}

/// One value of an area in CSV or GeoJSON properties.
package enum GapsWriterField: Encodable {
    case text(String?)
    case number(Double?)
    case integer(Int)
    case flag(Bool)

    /// Full precision; empty when missing.
    var csv: String {
        switch self {
        case .text(let text): text ?? ""
        case .number(let number): OutputFormat.csvNumber(number)
        case .integer(let integer): String(integer)
        case .flag(let flag): flag ? "true" : "false"
        }
    }

    /// null when missing or not finite.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(OutputFormat.finite(number))
        case .integer(let integer): try container.encode(integer)
        case .flag(let flag): try container.encode(flag)
        }
    }
}

// MARK: - JSON

private struct GapsDocument: Encodable {
    let run: RunDescription
    /// The system of every location below.
    let crs: String
    let areas: [AreaJSON]
}

/// `UncoveredArea` with its synthesized key names, null for missing values, and `cellCount` in place of
/// the cells (the GeoJSON output carries the shapes).
private struct AreaJSON: Encodable {
    let area: UncoveredArea
    let output: OutputCoordinates
    let countyName: String?
    let places: [String]

    init(_ area: UncoveredArea, output: OutputCoordinates, countyName: String?, places: [String]) {
        self.area = area
        self.output = output
        self.countyName = countyName
        self.places = places
    }

    enum CodingKeys: String, CodingKey {
        case id, county, countyName, places, dominantZone, population, residenceCount, centroid, minLongitude
        case minLatitude, maxLongitude, maxLatitude, nearestPointID, nearestPointName, nearestDistance
        case nearestMinutes, minutesBeyondTarget, cellCount, nearestAcrossWater
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(area.id, forKey: .id)
        try container.encode(area.county, forKey: .county)
        try container.encodeIfPresent(countyName, forKey: .countyName)
        if !places.isEmpty { try container.encode(places, forKey: .places) }
        try container.encode(area.dominantZone, forKey: .dominantZone)
        try container.encode(area.population, forKey: .population)
        try container.encode(area.residenceCount, forKey: .residenceCount)
        let centroid = output.convert(area.centroid)
        let low = output.convert(GeoCoordinate(longitude: area.minLongitude, latitude: area.minLatitude))
        let high = output.convert(GeoCoordinate(longitude: area.maxLongitude, latitude: area.maxLatitude))
        try container.encode(OutputLocation(centroid), forKey: .centroid)
        try container.encode(OutputFormat.finite(low.x), forKey: .minLongitude)
        try container.encode(OutputFormat.finite(low.y), forKey: .minLatitude)
        try container.encode(OutputFormat.finite(high.x), forKey: .maxLongitude)
        try container.encode(OutputFormat.finite(high.y), forKey: .maxLatitude)
        try container.encode(area.nearestPointID, forKey: .nearestPointID)
        try container.encode(area.nearestPointName, forKey: .nearestPointName)
        try container.encode(OutputFormat.finite(area.nearestDistance), forKey: .nearestDistance)
        try container.encode(OutputFormat.finite(area.nearestMinutes), forKey: .nearestMinutes)
        try container.encode(OutputFormat.finite(area.minutesBeyondTarget), forKey: .minutesBeyondTarget)
        try container.encode(area.cells.count, forKey: .cellCount)
        try container.encode(area.nearestAcrossWater, forKey: .nearestAcrossWater)
    }
}

/// A location in an output system as `{"latitude", "longitude"}` (the keys of `GeoCoordinate`; easting
/// and northing for a projected system), null where the conversion failed.
struct OutputLocation: Encodable {
    let x: Double
    let y: Double
    init(_ point: (x: Double, y: Double)) { (x, y) = point }

    enum CodingKeys: String, CodingKey { case longitude, latitude }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(OutputFormat.finite(x), forKey: .longitude)
        try container.encode(OutputFormat.finite(y), forKey: .latitude)
    }
}
