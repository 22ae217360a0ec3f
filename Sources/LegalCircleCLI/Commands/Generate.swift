import ArgumentParser
import LegalCircleSession
import Foundation
import LegalCircle
import LegalCircleBench
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports

/// `legalcircle generate`: a deterministic synthetic dataset (the demo in seeds/ and the benchmarks).
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("生成一套模拟浙江的数据（points.csv、residences.csv），相同种子生成相同文件。", "Write a synthetic Zhejiang-like dataset (points.csv, residences.csv), the same for the same seed."))

    @Option(help: help("随机种子；相同种子生成相同文件。", "Random seed; the same seed gives the same files."))
    var seed: UInt64 = 1

    @Option(help: help("住所数。", "Number of residences."))
    var residences: Int = 5_000

    @Option(help: help("服务点数。", "Number of service points."))
    var points: Int = 300

    @Option(help: help("输出文件夹（不存在时创建）。", "Output folder (created if missing)."))
    var out: String

    @OptionGroup var language: LanguageOptions

    @Option(help: help("zhejiang：在真实的浙江省上生成（人口按 2020 年普查分到今天的 90 个区县）；省略时生成旧的四县示例。", "zhejiang: generate on the real province (population by the 2020 census on today's 90 counties); without it, the old four-county demo."))
    var province: String?

    func validate() throws {
        if let problem = InputBounds.problem(residences, in: InputBounds.generatedResidences, what: "--residences") {
            throw ValidationError(problem)
        }
        if let problem = InputBounds.problem(points, in: InputBounds.generatedPoints, what: "--points") { throw ValidationError(problem) }
        if let province, province.lowercased() != "zhejiang", province != "浙江" {
            throw ValidationError("--province: only zhejiang ships with the tool")
        }
    }

    func run() throws {
        let data =
            province == nil
            ? DemoGenerator(seed: seed).generate(residences: residences, points: points)
            : try ProvinceGenerator(dataFolder: DataFiles.provinceFolder(), seed: seed).generate(residences: residences, points: points)
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pointsURL = folder.appendingPathComponent("points.csv")
        let residencesURL = folder.appendingPathComponent("residences.csv")
        // Written like every output: whole or not at all, a failure in words naming the file.
        try OutputFile.write(csvData(points: data.points), to: pointsURL.path, option: "--out", protecting: OutputGuard.protected)
        try OutputFile.write(csvData(residences: data.residences), to: residencesURL.path, option: "--out", protecting: OutputGuard.protected)
        try emit(
            "wrote \(data.points.count) service points to \(pointsURL.path) and \(data.residences.count) residences to \(residencesURL.path)",
            to: nil)
    }
}
