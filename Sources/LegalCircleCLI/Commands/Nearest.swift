import ArgumentParser
import LegalCircleSession
import Foundation
import LegalCircle
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// `legalcircle nearest`: the nearest service points to one location.
struct Nearest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr(
            "某地点最近的服务点：距离、估计分钟数、是否在服务圈内。",
            "The nearest service points to a location, with distance, estimated minutes and whether it is within the circle."),
        discussion: prose(
            """
            地点用 --lon/--lat（度）或 --x/--y（投影坐标系的米）给出，坐标系由 --crs 指定（默认 WGS84；
            从高德或腾讯地图复制的位置用 gcj02，百度用 bd09，CGCS2000 高斯-克吕格 120°E 用 EPSG:4549）。
            --crs 也适用于 --points 文件（除非另给 --points-crs）；--out-crs 指定列出服务点的坐标系。
            """,
            """
            The location is --lon/--lat in degrees or --x/--y in metres of a projected system, in the
            coordinate system --crs names (WGS84 by default; gcj02 for a place copied from Amap or Tencent,
            bd09 from Baidu, EPSG:4549 for CGCS2000 Gauss-Kruger CM 120°E). --crs also applies to a
            --points file unless --points-crs says otherwise; --out-crs chooses the system of the listed
            points' coordinates.
            """))

    @OptionGroup var store: StoreOptions
    @OptionGroup var rule: PointRuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var output: NearestOutputSystemOptions
    @OptionGroup var travel: TravelOptions

    @Option(help: help("经度（度，--crs 坐标系，默认 WGS84）。", "Longitude in degrees (in the --crs system, WGS84 by default)."))
    var lon: Double?

    @Option(help: help("纬度（度，--crs 坐标系）。", "Latitude in degrees (in the --crs system)."))
    var lat: Double?

    @Option(help: help("--crs 所指投影坐标系的东坐标（米，如 --crs EPSG:4549），代替 --lon。", "Easting in metres of the projected system --crs names (e.g. --crs EPSG:4549), instead of --lon."))
    var x: Double?

    @Option(help: help("--crs 所指投影坐标系的北坐标（米），代替 --lat。", "Northing in metres of the projected system --crs names, instead of --lat."))
    var y: Double?

    @Option(name: .customLong("points-crs"), help: help("--points 文件的坐标系（覆盖 --crs）。", "Coordinate system of the --points file (overrides --crs)."))
    var pointsCRS: String?

    @Option(
        help: help(
            "地点的区域类型：城区、乡村、山区、海岛（或 urban、rural、mountain、island），决定出行方式。",
            "Zone of the location: urban, rural, mountain or island (or 城区, 乡村, 山区, 海岛); decides the travel mode."))
    var zone: String = "urban"

    @Option(help: help("列出的服务点数。", "How many points to list."))
    var count: Int = 5

    @Option(help: help("在此服务点文件（CSV 或 xlsx）中查找，而不是已导入的数据集。", "Service points CSV to search instead of the loaded dataset."))
    var points: String?

    @Option(name: .customLong("points-dataset"), help: help("已导入的服务点数据集（默认：最近导入的）。", "Loaded service point dataset (default: the latest loaded)."))
    var pointsDataset: String?

    @Option(help: help("输出格式。", "Output format."))
    var format: NearestFormat = .table

    @OptionGroup var language: LanguageOptions
    @OptionGroup var encoding: OutputEncodingOptions

    func validate() throws {
        try csv.requireFiles([(.points, pointsCRS, points, "--points")], readsFiles: true)
        let projected = try (csv.crs.map { try CoordinateSystem(parsing: $0).unit } ?? .degrees) == .metres
        switch (lon, lat, x, y) {
        case let (lon?, lat?, nil, nil):
            if projected {
                throw ValidationError("--crs \(csv.crs ?? "") is projected (metres): give the location as --x EASTING --y NORTHING")
            }
            guard (-180...180).contains(lon), (-90...90).contains(lat) else {
                throw ValidationError("--lon must be within -180…180 and --lat within -90…90")
            }
        case (nil, nil, _?, _?):
            if !projected {
                throw ValidationError(
                    "--x/--y are metres of a projected system: give its EPSG code with --crs (e.g. --crs EPSG:4549), "
                        + "or give degrees as --lon/--lat")
            }
        default:
            throw ValidationError("give the location as --lon and --lat (degrees), or as --x and --y with --crs EPSG:n (metres)")
        }
        guard DomainVocabulary.zone(zone) != nil else {
            throw ValidationError(tr("--zone 必须是 ", "--zone must be one of ") + DomainVocabulary.accepted(DomainVocabulary.zones))
        }
        if let problem = InputBounds.problem(count, in: InputBounds.count, what: "--count") { throw ValidationError(problem) }
        try travel.check(oneShot: points != nil, rereads: false, files: "--points")
    }

    func run() throws {
        let location = QueryLocation(x: lon ?? x ?? 0, y: lat ?? y ?? 0, system: csv.crs)
        let session = store.session(.readOnly)
        let outcome = try session.nearest(
            to: location, zone: DomainVocabulary.zone(zone) ?? .urban, count: count, pointsFile: points, pointsDataset: pointsDataset,
            rule: travel.request(rule.request), csv: csv.settings([.points: pointsCRS].compactMapValues { $0 }))
        outcome.coordinateWarnings.forEach { note(tr("警告：", "warning: ") + $0) }
        let text = try NearestWriter.render(
            outcome.nearby, points: outcome.points, zone: outcome.zone, parameters: outcome.parameters, format: format.text ?? .table,
            output: try output.coordinates(), language: UI.language,
            names: session.placeNames(for: outcome.nearby.compactMap { outcome.points[$0.index].county }), network: outcome.network)
        try emit(text, to: nil, encoding: encoding.encoding(for: format))
    }
}
