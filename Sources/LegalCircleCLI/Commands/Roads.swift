import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleSession
import LegalCircleStore

/// `legalcircle roads`: writes the graphs the network model searches, for checking in other tools.
struct Roads: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr(
            "导出路网模型搜索所用的图（节点、各出行方式的有向边及秒数；给出服务点时还有搜索起点和每个节点到最近服务点的时间），供其他工具核对。",
            "Write the graphs the road-network model searches (nodes, each mode's directed edges in seconds; with points, the search seeds and each node's time to its nearest station), to check them with other tools."),
        discussion: prose(
            """
            输出文件夹中：nodes.csv（node, lon, lat）；每种出行方式 walk、cycle、drive 各一份 edges-MODE.csv
            （from, to, seconds，按居民出行的方向）；给出 --points 时还有 seeds-MODE.csv（node, seconds, station：
            服务点到最近道路的接驳时间加沿路段到端点的时间）和 times-MODE.csv（node, seconds, station：在
            --minutes 之内到达服务点的每个节点）。station 是服务点文件中从 0 起算的行号。
            scripts/check-roads-scipy 用 SciPy 的 Dijkstra 独立复算这些时间。
            """,
            """
            In the output folder: nodes.csv (node, lon, lat); per travel mode walk, cycle and drive,
            edges-MODE.csv (from, to, seconds, in the direction residents travel); with --points also
            seeds-MODE.csv (node, seconds, station: the station's access leg plus the way along its segment to
            the end) and times-MODE.csv (node, seconds, station: every node that reaches a station within
            --minutes). A station is its 0-based row in the points file. scripts/check-roads-scipy recomputes
            the times independently with SciPy's Dijkstra.
            """))

    @Option(help: help("道路文件：OpenStreetMap 的 .osm.pbf 或 GeoJSON 线。", "Road file: an OpenStreetMap .osm.pbf extract or GeoJSON lines."))
    var roads: String

    @Option(help: help("作为搜索起点的服务点文件（CSV 或 xlsx）。", "Service points CSV whose stations seed the searches."))
    var points: String?

    @Option(name: .customLong("points-crs"), help: help("--points 文件的坐标系（覆盖 --crs）。", "Coordinate system of the --points file (overrides --crs)."))
    var pointsCRS: String?

    @Option(help: help("写入各 CSV 文件的文件夹。", "Folder to write the CSV files to."))
    var out: String

    @OptionGroup var rule: PointRuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var language: LanguageOptions

    func validate() throws {
        try csv.requireFiles([(.points, pointsCRS, points, "--points")], readsFiles: true)
        guard FileManager.default.fileExists(atPath: roads) else {
            throw ValidationError(tr("找不到道路文件 ", "no road file at ") + roads)
        }
    }

    func run() throws {
        let session = CoverageSession(databasePath: "", access: .readOnly, progress: TerminalProgress.sink)
        session.language = UI.language
        let summaries = try session.exportRoadGraph(
            roads: roads, points: points, rule: rule.request, csv: csv.settings([.points: pointsCRS].compactMapValues { $0 }),
            folder: out)
        for s in summaries {
            let minutes = s.cutoffMinutes
            var line = tr("\(s.mode.rawValue)：\(s.nodes) 个节点，\(s.edges) 条有向边", "\(s.mode.rawValue): \(s.nodes) nodes, \(s.edges) directed edges")
            if points != nil {
                line += tr(
                    "，\(s.seeds) 个搜索起点（\(s.unattachedStations) 个服务点离道路太远），\(s.reachedNodes) 个节点在 \(minutes.formatted()) 分钟内到达服务点",
                    ", \(s.seeds) seeds (\(s.unattachedStations) stations too far from a road), \(s.reachedNodes) nodes reach a station within \(minutes.formatted()) minutes")
            }
            print(line)
        }
        print(tr("已写入 \(out)", "written to \(out)"))
    }
}
