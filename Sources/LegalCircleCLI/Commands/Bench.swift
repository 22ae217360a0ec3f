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
        abstract: "Benchmark: generate data, then time load, index build, coverage, areas, report and saving a run.",
        discussion: "Sizes: small (100k residences x 5k points), medium (1M x 20k), large (10M x 40k).")

    @Option(help: "Sizes to run, comma-separated: small, medium, large.")
    var sizes: String = "medium"

    @Option(help: "Random seed of the generated data.")
    var seed: UInt64 = 42

    @Option(help: "Write the figures as JSON to this file.")
    var json: String?

    @Option(help: "Folder for the generated CSV files and database (default: a new temporary folder, removed afterwards).")
    var workdir: String?

    @Flag(help: "Benchmark `suggest` instead: 1M residences x 100k candidates, 100 sites (see SuggestBenchmark).")
    var suggest = false

    @Flag(help: "Benchmark the road network instead: PBF reading (with --pbf) and the multi-source search on a generated 5M-node graph with 40k stations and 10M residences (see RoadBenchmark).")
    var roads = false

    @Option(help: "With --roads: an OSM PBF file to time reading and graph building on (e.g. one made by scripts/make-synthetic-pbf).")
    var pbf: String?

    func run() throws {
        if roads { return try emit(try RoadBenchmark(pbf: pbf.map { URL(fileURLWithPath: $0) }, seed: seed).run { note($0) }, to: nil) }
        if suggest { return try emit(try SuggestBenchmark(seed: seed).run { note($0) }, to: nil) }
        let names = sizes.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        var results: [BenchmarkResult] = []
        for name in names {
            guard let size = BenchmarkSize(rawValue: name) else {
                throw ValidationError("unknown size \"\(name)\"; sizes are small, medium, large")
            }
            let result = try Benchmark(size: size, seed: seed, workdir: workdir).run { note($0) }
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
