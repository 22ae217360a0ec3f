import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleBench
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

/// `legalcircle bench`: times every phase on generated data and reports peak memory.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr(
            "性能测试：生成数据，然后计时导入、建索引、覆盖计算、片区、报告和保存运行（总是重新计算）。",
            "Benchmark: generate data, then time load, index build, coverage, areas, report and saving a run (always computes)."),
        discussion: prose(
            "规模：small（10万住所 × 5千服务点）、medium（100万 × 2万）、large（1000万 × 4万）。",
            "Sizes: small (100k residences x 5k points), medium (1M x 20k), large (10M x 40k)."))

    @Option(help: help("要运行的规模，逗号分隔：small、medium、large。", "Sizes to run, comma-separated: small, medium, large."))
    var sizes: String = "medium"

    @Option(help: help("生成数据的随机种子。", "Random seed of the generated data."))
    var seed: UInt64 = 42

    @Option(help: help("把结果以 JSON 写入此文件。", "Write the figures as JSON to this file."))
    var json: String?

    @Option(help: help("存放生成的 CSV 文件和数据库的文件夹（默认：新建临时文件夹，结束后删除）。", "Folder for the generated CSV files and database (default: a new temporary folder, removed afterwards)."))
    var workdir: String?

    @Flag(help: help("改为测试 `suggest`：100万住所 × 10万候选点，100 个站点（见 SuggestBenchmark）；与 --roads 一起：在生成的 500 万节点路网上按路网规划，10万住所 × 5千候选点（见 NetworkSuggestBenchmark）。", "Benchmark `suggest` instead: 1M residences x 100k candidates, 100 sites (see SuggestBenchmark); with --roads, over the roads of a generated 5M-node graph, 100k residences x 5k candidates (see NetworkSuggestBenchmark)."))
    var suggest = false

    @Flag(help: help("改为测试道路网络：读取 PBF（配合 --pbf），以及在生成的 500 万节点路网上用 4 万个服务点、1000 万住所做多源搜索（见 RoadBenchmark）。", "Benchmark the road network instead: PBF reading (with --pbf) and the multi-source search on a generated 5M-node graph with 40k stations and 10M residences (see RoadBenchmark)."))
    var roads = false

    @Option(help: help("配合 --roads：用来计时读取和建图的 OSM PBF 文件（例如 scripts/make-synthetic-pbf 生成的）。", "With --roads: an OSM PBF file to time reading and graph building on (e.g. one made by scripts/make-synthetic-pbf)."))
    var pbf: String?

    @OptionGroup var language: LanguageOptions

    func run() throws {
        if suggest, roads { return try emit(try NetworkSuggestBenchmark(seed: seed).run { note($0) }, to: nil) }
        if roads { return try emit(try RoadBenchmark(pbf: pbf.map { URL(fileURLWithPath: $0) }, seed: seed).run { note($0) }, to: nil) }
        if suggest { return try emit(try SuggestBenchmark(seed: seed).run { note($0) }, to: nil) }
        let names = sizes.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        var results: [BenchmarkResult] = []
        for name in names {
            guard let size = BenchmarkSize(rawValue: name) else {
                throw ValidationError("unknown size \"\(name)\"; sizes are small, medium, large")
            }
            let result = try Benchmark(size: size, seed: seed, workdir: workdir, dataFolder: try? DataFiles.provinceFolder()).run { note($0) }
            results.append(result)
            try emit(result.table(), to: nil)
            if result.check.distanceMismatches + result.check.coverageMismatches > 0 {
                throw CommandError("the \(name) run disagrees with the brute-force reference; see above")
            }
        }
        if results.count > 1 { try emit(BenchmarkResult.scaling(results), to: nil) }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(results).write(to: URL(fileURLWithPath: json))
        }
    }
}
