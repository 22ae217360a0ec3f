import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// `legalcircle load`: imports CSV files into the working database.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr(
            "把服务点和/或住所（CSV 或 Excel xlsx）导入工作数据库。",
            "Import service points and/or residences from CSV or Excel (xlsx) into the working database."),
        discussion: prose(
            """
            文件可以是 UTF-8 或 GB18030（Excel 另存的 CSV），也可以直接是 .xlsx 工作簿（默认第一个工作表，--sheet
            指定）；表头可为中文或英文；坐标可为 WGS84、CGCS2000、GCJ-02、BD-09 或任意 EPSG 坐标系：--points-crs、
            --residences-crs、--boundaries-crs 和 --zones-crs 指定各文件的坐标系，--crs 指定其余文件的；坐标存为
            WGS84 并记录原坐标系。有区县边界时会检查每个文件：若另一坐标系明显更符合其区县代码（或陆海分布），
            load 会给出计数和应使用的选项（--strict 时为错误，不导入）。已存在同名数据集时在一个事务中替换；
            --append 则追加行（编号须唯一）。默认任何坏行都会中止导入、数据库保持原样；--skip-bad-rows 时导入好的行，
            每个被拒绝的行原样连同原因写入拒绝行 CSV。
            """,
            """
            Files may be UTF-8 or GB18030 (Excel), with English or Chinese headers, in WGS84, CGCS2000, GCJ-02,
            BD-09 or any EPSG coordinate system: --points-crs, --residences-crs, --boundaries-crs and --zones-crs
            give each file's, --crs every file without its own; coordinates are stored in WGS84 and the source
            system is recorded. With county boundaries (given or loaded) each CSV is checked: when another
            system fits its county codes (or land and sea) significantly better, load says so with the counts and
            the option to use (--strict: it is an error and nothing is loaded). A file whose dataset
            name is already loaded replaces it in one transaction; with --append the rows are added to the
            dataset instead (ids must stay unique). By default any bad row aborts the import and the database
            keeps its previous state; with --skip-bad-rows the good rows land and every rejected row is
            written, unchanged and with its reason, to a rejects CSV. An .xlsx workbook is read directly
            (the first sheet, or --sheet NAME).
            """))

    @OptionGroup var store: StoreOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions

    @Option(name: .customLong("zones-crs"), help: help("--zones GeoJSON 的坐标系（覆盖 --crs）。", "Coordinate system of the --zones GeoJSON (overrides --crs)."))
    var zonesCRS: String?

    @Option(help: help("服务点文件，CSV 或 xlsx（编号,名称,服务类型,层级,经度,纬度,区县 或 id,name,kind,level,lon,lat,county）。", "Service points CSV (id,name,kind,level,lon,lat,county)."))
    var points: String?

    @Option(help: help("住所文件，CSV 或 xlsx（编号,名称,经度,纬度,人口,区县,区域类型 或 id,name,lon,lat,population,county,zone）。", "Residences CSV (id,lon,lat,population,county,zone)."))
    var residences: String?

    @Option(help: help("区县边界 GeoJSON（Polygon/MultiPolygon 要素），或 zhejiang（随工具附带的浙江 90 个区县边界）：保存下来，用于补全空区县和识别海岛。", "County boundaries GeoJSON (Polygon/MultiPolygon features), or zhejiang for the 90 Zhejiang county boundaries that ship with the tool: stored, used to fill empty counties and to find islands."))
    var boundaries: String?

    @Option(name: .customLong("code-field"), help: help("边界中存放6位区县代码的属性（默认：adcode，其次 code）。", "Boundary property holding the 6-digit county code (default: adcode, then code)."))
    var codeField: String?

    @Option(name: .customLong("name-field"), help: help("边界中存放区县名称的属性（默认：name）。", "Boundary property holding the county name (default: name)."))
    var nameField: String?

    @Option(help: help("带 `zone` 属性（城区、乡村、山区、海岛 或 urban 等）的区域多边形 GeoJSON，用于文件中没有区域类型的住所。", "Zone polygons GeoJSON with a `zone` property (urban, rural, mountain, island or 城区, 乡村, 山区, 海岛) for residences whose file gives no zone."))
    var zones: String?

    @Option(name: .customLong("default-zone"), help: help("不在任何区域多边形内的住所的区域类型（与 --zones 一起用）：城区、乡村、山区、海岛 或 urban 等。", "Zone of residences outside every zone polygon (with --zones): urban, rural, mountain, island or 城区, 乡村, 山区, 海岛."))
    var defaultZone: String = "rural"

    @Flag(name: .customLong("classify-zones"), help: help("按人口密度为没有区域类型的住所分类（城镇化程度网格法；阈值见配置）。", "Classify residences without a zone by population density (Degree of Urbanisation grid method; thresholds in the profile)."))
    var classifyZones = false

    @Option(help: help("采用其固定连接和分区阈值的配置（与 --classify-zones 或 --boundaries 一起用）。", "Profile whose fixed links and zone thresholds apply (with --classify-zones or --boundaries)."))
    var profile: String = "default"

    @Option(help: help("数据集名称（默认：不含扩展名的文件名；--append 时为最近导入的数据集）。", "Dataset name (default: the file name without extension; with --append, the latest loaded dataset)."))
    var name: String?

    @Flag(help: help("把行追加到数据集（--name，或同类最近导入的）而不是替换；之前的运行仍可读取，但标为已过期。", "Add the rows to the dataset (--name, or the latest loaded of its kind) instead of replacing it; runs computed before stay readable and become stale."))
    var append = false

    @Flag(name: .customLong("skip-bad-rows"), help: help("导入好的行，把被拒绝的行写入拒绝行 CSV。", "Load the good rows and write the rejected ones to a rejects CSV."))
    var skipBadRows = false

    @Option(help: help("拒绝行写到哪里（默认：输入文件旁的 NAME.rejects.csv）。只适用于单个输入文件。", "Where to write rejected rows (default: NAME.rejects.csv next to the input). Only with one input file."))
    var rejects: String?

    @Option(
        help: help(
            "道路网（OpenStreetMap .osm.pbf 或 GeoJSON 线图层，WGS84）：与数据集一起保存，此后 report 默认按路网计算出行时间（--travel straight 按直线估算）。",
            "Road network (an OpenStreetMap .osm.pbf extract or GeoJSON lines in WGS84): stored with the datasets; report then measures minutes over it by default (--travel straight for the straight-line estimate)."))
    var roads: String?

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if points == nil, residences == nil, boundaries == nil, roads == nil {
            throw ValidationError(
                tr(
                    "请给出 --points FILE、--residences FILE、--boundaries FILE 和/或 --roads FILE",
                    "give --points FILE, --residences FILE, --boundaries FILE and/or --roads FILE"))
        }
        if rejects != nil, !skipBadRows { throw ValidationError("--rejects goes with --skip-bad-rows") }
        if DomainVocabulary.zone(defaultZone) == nil {
            throw ValidationError(tr("--default-zone 必须是 ", "--default-zone must be one of ") + DomainVocabulary.accepted(DomainVocabulary.zones))
        }
        if zones != nil, classifyZones { throw ValidationError("use either --zones or --classify-zones") }
        if (zones != nil || classifyZones), residences == nil {
            throw ValidationError("--zones and --classify-zones apply to --residences")
        }
        if append, points == nil, residences == nil {
            throw ValidationError("--append adds the rows of --points FILE and/or --residences FILE to a loaded dataset")
        }
        if append, classifyZones {
            throw ValidationError("--classify-zones classifies by the density of all residences; it cannot run on appended rows alone (use --zones, or give the zone in the file)")
        }
        if rejects != nil, points != nil, residences != nil {
            throw ValidationError("--rejects names one file; load one input at a time to use it")
        }
        try csv.requireFiles(
            [(.points, systems.points, points, "--points"), (.residences, systems.residences, residences, "--residences"),
                (.boundaries, systems.boundaries, boundaries, "--boundaries"), (.zones, zonesCRS, zones, "--zones")],
            readsFiles: true)
    }

    func run() throws {
        var request = LoadRequest()
        request.points = points
        request.residences = residences
        request.boundaries = shippedOrFile(boundaries)
        request.codeField = codeField
        request.nameField = nameField
        request.zones = zones
        request.defaultZone = DomainVocabulary.zone(defaultZone) ?? .rural
        request.classifyZones = classifyZones
        request.profile = profile
        request.name = name
        request.append = append
        request.skipBadRows = skipBadRows
        request.rejects = rejects
        var own = systems.own
        own[.zones] = zonesCRS
        request.csv = csv.settings(own)
        request.roads = roads
        let session = store.session(.create)
        // Every file is read before any is written, and all are stored in one transaction.
        let lines = try session.load(request)
        try emit(lines.joined(separator: "\n"), to: nil)
    }
}
