import LegalCircle

/// The language of the HTML report and map images (Chinese by default there): `Language`.
public typealias ReportLanguage = Language

/// Every word the HTML report and the map images print, in one language. Names from input files are
/// never part of these strings; writers escape them separately.
public struct ReportLabels: Sendable {
    public let language: ReportLanguage

    public init(_ language: ReportLanguage) {
        self.language = language
    }

    /// `zh` in Chinese, `en` in English: every localised word goes through here.
    public func pick(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    var htmlLanguage: String { pick("zh-CN", "en") }
    var title: String { pick("15分钟公共法律服务圈覆盖报告", "15-minute public legal service circle: coverage report") }
    public var provinceHeading: String { pick("全域覆盖地图", "Coverage map") }
    var countiesHeading: String { pick("各区县指标", "Counties") }
    var sortHint: String { pick("点击任一列标题排序。", "Click any column header to sort.") }
    var figuresHeading: String { pick("指标", "Figures") }
    var mapHeading: String { pick("地图", "Map") }
    var chartHeading: String { pick("到最近服务点的估计分钟数（按人口）", "Estimated minutes to the nearest point (by population)") }
    var total: String { pick("合计", "total") }
    var noCounty: String { pick("（边界外 / 无区县）", OutputFormat.noCountyLabel) }
    var noAreas: String { pick("无未覆盖片区。", "No uncovered areas.") }
    var contents: String { pick("目录", "Contents") }
    var layers: String { pick("图层：", "Layers:") }
    var pointsLayer: String { pick("服务点", "service points") }
    var areasLayer: String { pick("未覆盖片区", "uncovered areas") }

    func topAreasHeading(shown: Int, of count: Int) -> String {
        pick("未覆盖片区（人口最多的 \(shown) 个，共 \(count) 个）", "Uncovered areas (\(shown) most populous of \(count))")
    }

    // MARK: - Columns

    /// Headers of the county table, in `HTMLReportWriter.countyColumns` order.
    var countyColumns: [String] {
        [pick("区县", "county"), pick("名称", "name"), pick("常住人口", "residents"), pick("覆盖人口", "covered"),
            pick("覆盖率 %", "coverage %")]
            + Zone.allCases.map { "\(zone($0)) %" }
            + [pick("服务点", "points"), pick("每万人服务点", "points/10k"), pick("中位数 分钟", "median min"),
                pick("90% 分位 分钟", "p90 min"), pick("未覆盖人口", "uncovered pop"), pick("未覆盖片区", "areas")]
    }

    /// Headers of the side-by-side columns of a run by network travel (`TravelComparison`).
    var comparisonColumns: [String] {
        [pick("直线估算覆盖率 %", "straight-line coverage %"), pick("路网下失去覆盖（住所）", "lost on roads (residences)"),
            pick("路网下新增覆盖（住所）", "gained on roads (residences)"), pick("离路按直线估算（住所）", "off-road fallback (residences)")]
    }

    var areaColumns: [String] {
        [pick("编号", "id"), pick("主要类型", "zone"), pick("人口", "population"), pick("住所", "residences"),
            pick("经度", "lon"), pick("纬度", "lat"), pick("最近服务点", "nearest point"), pick("名称", "name"),
            pick("距离 米", "distance m"), pick("分钟", "minutes"), pick("超出目标 分钟", "beyond target"), pick("备注", "note")]
    }

    var acrossWater: String { pick("最近服务点隔水", "nearest point across water") }

    // MARK: - Domain words

    func zone(_ zone: Zone) -> String {
        switch zone {
        case .urban: pick("城区", "urban")
        case .rural: pick("乡村", "rural")
        case .mountain: pick("山区", "mountain")
        case .island: pick("海岛", "island")
        }
    }

    func mode(_ name: String) -> String {
        switch name {
        case "walk": pick("步行", "walk")
        case "cycle": pick("骑行", "cycle")
        case "drive": pick("驾车", "drive")
        default: name
        }
    }

    func level(_ level: ServiceLevel) -> String {
        switch level {
        case .province: pick("省级", "province")
        case .city: pick("市级", "city")
        case .county: pick("县级", "county")
        case .township: pick("乡镇（街道）", "township")
        case .village: pick("村（社区）", "village")
        case .grid: pick("网格", "grid")
        }
    }

    /// The run, profile, target and radii: `RunDescription.summary` in this language.
    func runSummary(_ run: RunDescription) -> String {
        let zones = Zone.allCases.compactMap { zone -> String? in
            guard let radius = run.radiusMetres[zone.name] else { return nil }
            let mode = run.travelModes[zone.name].map { " " + self.mode($0) } ?? ""
            return "\(self.zone(zone)) \(TextTable.grouped(radius)) \(pick("米", "m"))\(mode)"
        }
        let minutes = OutputFormat.plainNumber(run.minutes)
        let kinds = run.kinds.count == ServiceKinds.names.count ? pick("全部", "any") : run.kinds.joined(separator: ", ")
        let head = run.runID.map { pick("运行 \($0)：", "Run \($0): ") } ?? ""
        return head
            + pick(
                "配置 \(run.profileName)，目标 \(minutes) 分钟；半径 \(zones.joined(separator: "，"))；服务类型 \(kinds)",
                "profile \(run.profileName), \(minutes) min; radius \(zones.joined(separator: ", ")); kinds \(kinds)")
            + (run.inputSystems.isEmpty ? "" : pick("；输入坐标系 ", "; input coordinates ") + systemsList(run))
            + travelClause(run)
    }

    // MARK: - Legends

    /// The line under a map's title: coverage, residents and eligible points.
    func mapSubtitle(coverage: Double?, residents: Double, points: Int) -> String {
        let percent = TextTable.fixed(coverage, decimals: 1)
        let people = TextTable.grouped(residents)
        return pick(
            "覆盖率 \(percent) % · 常住人口 \(people) · 服务点 \(points)",
            "coverage \(percent) % · residents \(people) · service points \(points)")
    }

    var coverageLegend: String { pick("覆盖率", "Coverage") }
    var noResidents: String { pick("无常住人口", "no residents") }

    func boundaryOutline(_ name: String) -> String { pick("区县边界：\(name)", "County outlines: boundaries \(name)") }

    func footprintOutline(cellSize: Double) -> String {
        let size = TextTable.grouped(cellSize)
        return pick(
            "区县轮廓：有住所的 \(size) 米网格（未加载区县边界，仅为近似）",
            "County outline: \(size) m cells holding its residences (no boundaries loaded; approximate)")
    }

    var pointsLegend: String { pick("服务点（所选服务类型），按层级：", "Service points of the requested kinds, by level:") }
    var otherCountyPoints: String { pick("邻县服务点", "points of other counties") }

    func reachLegend(_ zone: Zone, radius: Double) -> String {
        pick(
            "\(self.zone(zone))可达范围（直线 \(TextTable.grouped(radius)) 米）",
            "\(self.zone(zone)) reach (\(TextTable.grouped(radius)) m straight line)")
    }

    var areasLegend: String { pick("未覆盖片区（编号同片区表）", "Uncovered area (numbered as in the areas table)") }

    func labelledAreas(_ count: Int) -> String {
        pick("人口最多的 \(count) 个片区标编号", "numbers on the \(count) most populous areas")
    }

    func projection(_ definition: String) -> String { pick("投影：\(definition)，上北", "Projection: \(definition), north up") }
    /// The legend line of a map image: the projection's kind; its definition is in the page's details line.
    var projectionNote: String { pick("横轴墨卡托投影（以数据为中心），上北", "Transverse Mercator centred on the data, north up") }

    func distance(_ metres: Double) -> String {
        metres >= 1_000
            ? "\(OutputFormat.plainNumber(metres / 1_000)) \(pick("千米", "km"))"
            : "\(OutputFormat.plainNumber(metres)) \(pick("米", "m"))"
    }

    // MARK: - Chart

    var minutesAxis: String { pick("分钟", "minutes") }
    var shareAxis: String { pick("人口占比 %", "share of residents %") }
    func target(_ minutes: Double) -> String { pick("目标 \(OutputFormat.plainNumber(minutes)) 分钟", "target \(OutputFormat.plainNumber(minutes)) min") }
    var unreachable: String { pick("无可达服务点", "no eligible point") }
    var residentsWord: String { pick("人", "residents") }
    var minutesWord: String { pick("分钟", "min") }
}
