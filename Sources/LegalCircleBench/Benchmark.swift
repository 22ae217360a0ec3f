import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleStore

public enum BenchmarkSize: String, Codable, Sendable {
    case small, medium, large

    var residences: Int { [.small: 100_000, .medium: 1_000_000, .large: 10_000_000][self]! }
    var points: Int { [.small: 5_000, .medium: 20_000, .large: 40_000][self]! }
}

/// Seconds per phase and peak memory of one benchmark size.
public struct BenchmarkResult: Codable, Sendable {
    public var size: BenchmarkSize
    public var residences: Int
    public var points: Int
    public var csvBytes: Int
    /// Phase name → seconds, in `phaseOrder`.
    public var seconds: [String: Double]
    public var peakMemoryMB: Double
    public var date: String
    /// The brute-force check of a sample of residences.
    public var check: BruteForceCheck.Outcome

    /// `read_datasets` + the compute phases + `store_run` make `stored_report`: what `report` over
    /// loaded datasets spends (reading the stored chunks, computing, saving the run).
    static let phaseOrder = [
        "parse_csv", "store_datasets", "load_total", "read_datasets", "projection", "index_build", "coverage", "areas",
        "report", "store_run", "stored_report",
    ]

    public func table() -> String {
        var lines = ["benchmark \(size.rawValue): \(residences) residences x \(points) service points (CSV \(csvBytes / 1_000_000) MB)"]
        for phase in Self.phaseOrder {
            guard let value = seconds[phase] else { continue }
            lines.append("  " + phase.padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: "%8.3f s", value))
        }
        lines.append("  " + "peak_memory".padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: "%8.0f MB", peakMemoryMB))
        lines.append(
            "  brute-force check of \(check.sampled) residences: \(check.distanceMismatches) distance and "
                + "\(check.coverageMismatches) coverage mismatches"
                + String(format: " (worst error %.1f%% of the 5 cm tolerance)", check.worstToleranceFraction * 100))
        return lines.joined(separator: "\n")
    }

    /// Microseconds per residence of each phase across sizes: flat columns mean linear scaling.
    public static func scaling(_ results: [BenchmarkResult]) -> String {
        var lines = ["microseconds per residence (flat across sizes = linear scaling):"]
        lines.append("  phase           " + results.map { $0.size.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
        for phase in phaseOrder {
            let cells = results.map { result in
                String(format: "%-10.3f", (result.seconds[phase] ?? 0) / Double(result.residences) * 1e6)
            }
            lines.append("  " + phase.padding(toLength: 16, withPad: " ", startingAt: 0) + cells.joined())
        }
        return lines.joined(separator: "\n")
    }
}

/// One benchmark size: generate, write CSV, then time the real pipeline on the real files.
public struct Benchmark {
    let size: BenchmarkSize
    let seed: UInt64
    let workdir: String?
    /// The shipped `data` folder: the population is generated on the real province
    /// (`ProvinceGenerator`) at every size; nil falls back to the four-county demo generator.
    let dataFolder: URL?

    public init(size: BenchmarkSize, seed: UInt64, workdir: String?, dataFolder: URL? = nil) {
        self.size = size
        self.seed = seed
        self.workdir = workdir
        self.dataFolder = dataFolder
    }

    public func run(progress: (String) -> Void) throws -> BenchmarkResult {
        let folder = URL(fileURLWithPath: workdir ?? NSTemporaryDirectory())
            .appendingPathComponent("legalcircle-bench-\(size.rawValue)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        progress("generating \(size.residences) residences and \(size.points) points…")
        let generated =
            try dataFolder.map { try ProvinceGenerator(dataFolder: $0, seed: seed).generate(residences: size.residences, points: size.points) }
            ?? DemoGenerator(seed: seed).generate(residences: size.residences, points: size.points)
        let pointsPath = folder.appendingPathComponent("points.csv").path
        let residencesPath = folder.appendingPathComponent("residences.csv").path
        let pointsCSV = csvData(points: generated.points)
        let residencesCSV = csvData(residences: generated.residences)
        try pointsCSV.write(to: URL(fileURLWithPath: pointsPath))
        try residencesCSV.write(to: URL(fileURLWithPath: residencesPath))

        var seconds: [String: Double] = [:]
        let clock = ContinuousClock()
        func time<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
            progress("\(phase)…")
            let start = clock.now
            let value = try body()
            seconds[phase] = (clock.now - start).seconds
            return value
        }

        let points = try time("parse_csv_points") { try readServicePoints(contentsOfFile: pointsPath, policy: .allOrNothing).points }
        let residences = try time("parse_csv_residences") {
            try readResidences(contentsOfFile: residencesPath, policy: .allOrNothing).residences
        }
        seconds["parse_csv"] = seconds.removeValue(forKey: "parse_csv_points")! + seconds.removeValue(forKey: "parse_csv_residences")!
        let store = try Store(path: folder.appendingPathComponent("bench.sqlite").path)
        let datasets = try time("store_datasets") {
            (
                try store.replaceServicePoints(name: "points", source: pointsPath, checksum: SHA256.hexDigest(pointsCSV), points: points),
                try store.replaceResidences(
                    name: "residences", source: residencesPath, checksum: SHA256.hexDigest(residencesCSV),
                    residences: residences)
            )
        }
        seconds["load_total"] = seconds["parse_csv"]! + seconds["store_datasets"]!

        progress("coverage…")
        let analysis = try CoverageEngine.analyse(
            points: points, residences: residences, parameters: CoverageParameters(profile: .standard))
        seconds["projection"] = analysis.timings.projection
        seconds["index_build"] = analysis.timings.indexBuild
        seconds["coverage"] = analysis.timings.coverage
        seconds["areas"] = analysis.timings.areas
        seconds["report"] = analysis.timings.report
        _ = try time("store_run") {
            try store.saveRun(analysis: analysis, pointsDataset: datasets.0, residencesDataset: datasets.1)
        }
        // Peak memory of the load and the run, before a second copy of the datasets is read back.
        let memory = peakMemoryMB()
        _ = try time("read_datasets") {
            (try store.servicePoints(datasetID: datasets.0.id), try store.residences(datasetID: datasets.1.id))
        }
        seconds["stored_report"] = ["read_datasets", "projection", "index_build", "coverage", "areas", "report", "store_run"]
            .reduce(0) { $0 + seconds[$1]! }
        progress("checking 10,000 residences by brute force…")
        let check = BruteForceCheck.run(
            analysis: analysis, points: points, residences: residences, sample: 10_000, seed: seed)
        return BenchmarkResult(
            size: size, residences: residences.count, points: points.count,
            csvBytes: pointsCSV.count + residencesCSV.count, seconds: seconds, peakMemoryMB: memory,
            date: ISO8601DateFormatter().string(from: Date()), check: check)
    }
}

/// Peak resident memory of this process (`getrusage`, kilobytes on Linux).
func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// CPU seconds this process has used, every thread (`getrusage`): beside wall time, a figure other
/// processes on a shared machine disturb far less.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
