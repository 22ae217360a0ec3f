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
        abstract: "Write a synthetic Zhejiang-like dataset (points.csv, residences.csv), the same for the same seed.")

    @Option(help: "Random seed; the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(help: "Number of residences.")
    var residences: Int = 5_000

    @Option(help: "Number of service points.")
    var points: Int = 300

    @Option(help: "Output folder (created if missing).")
    var out: String

    func validate() throws {
        guard residences >= 1, points >= 1 else { throw ValidationError("--residences and --points must be at least 1") }
    }

    func run() throws {
        let data = DemoGenerator(seed: seed).generate(residences: residences, points: points)
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pointsURL = folder.appendingPathComponent("points.csv")
        let residencesURL = folder.appendingPathComponent("residences.csv")
        try csvData(points: data.points).write(to: pointsURL)
        try csvData(residences: data.residences).write(to: residencesURL)
        try emit(
            "wrote \(data.points.count) service points to \(pointsURL.path) and \(data.residences.count) residences to \(residencesURL.path)",
            to: nil)
    }
}
