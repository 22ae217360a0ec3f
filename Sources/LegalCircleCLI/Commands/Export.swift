import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

/// `legalcircle export`: a run as GIS layers (GeoPackage or GeoJSON) for QGIS, GDAL and PostGIS.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr(
            "把一次运行写成 GIS 图层：服务点、住所、区县结果和未覆盖片区。",
            "Write a run as GIS layers: service points, residences, county results and uncovered areas."),
        discussion: prose(
            """
            gpkg：一个 GeoPackage 1.2 文件，含四个 EPSG:4326 图层和 R 树空间索引，QGIS 和 GDAL 可直接打开。

            geojson：--out 为文件夹，每个图层写一个 RFC 7946 FeatureCollection 文件。

            默认导出最近保存的运行，--run 指定其他运行；或用 --points 和 --residences 一次性计算（不保存）。
            """,
            """
            gpkg: one GeoPackage 1.2 file with four layers in EPSG:4326 and R-tree spatial indexes, for QGIS \
            and GDAL as is.

            geojson: --out is a folder that receives one RFC 7946 FeatureCollection file per layer.

            Exports the latest saved run unless --run names another, or computes a one-shot run from \
            --points and --residences (nothing is saved).
            """))

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case gpkg, geojson
    }

    @OptionGroup var store: StoreOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var rule: RuleOptions
    @OptionGroup var csv: CSVInputOptions
    @OptionGroup var systems: InputSystemOptions
    @OptionGroup var travel: TravelOptions

    @Option(help: help("gpkg（一个 GeoPackage 文件）或 geojson（一个 FeatureCollection 文件夹）。", "gpkg (one GeoPackage file) or geojson (a folder of FeatureCollection files)."))
    var format: Format

    @Option(help: help("GeoPackage 文件，或 GeoJSON 文件所在文件夹（不存在时创建）。", "The GeoPackage file, or the folder for the GeoJSON files (created if missing)."))
    var out: String

    @Option(name: .customLong("run"), help: help("导出这次已保存的运行（默认：最近保存的；见 `legalcircle runs`）。", "Export this saved run (default: the latest saved run; see `legalcircle runs`)."))
    var runID: Int64?

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if runID != nil, inputs.isOneShot { throw ValidationError("--run exports a saved run; it takes no input files") }
        // Rule options only make sense when computing; a saved run keeps its own.
        let ruleGiven = rule.minutes != nil || rule.kinds != nil || rule.profile != "default" || rule.cellSize != 500
        if !inputs.isOneShot, ruleGiven || inputs.pointsDataset != nil || inputs.residencesDataset != nil {
            throw ValidationError(
                "a saved run keeps its own profile, minutes, kinds and datasets; compute a new run with "
                    + "`legalcircle report ...` and export it, or pass --points and --residences for a one-shot export")
        }
        try csv.requireFiles(inputs.fileSystems(systems), readsFiles: inputs.isOneShot)
        try travel.check(oneShot: inputs.isOneShot, rereads: !inputs.isOneShot)
    }

    func run() throws {
        if format == .gpkg { try OutputGuard.check(out) } else { try OutputGuard.checkFolder(out) }
        let session = store.session(.readOnly)
        let request: RunRequest = inputs.isOneShot ? .compute(inputs.source, travel.request(rule.request)) : runID.map { .stored($0) } ?? .latestStored
        let run = try session.run(request, csv: csv.settings(systems.own))
        if inputs.isOneShot {
            note(
                tr(
                    "导出 \(inputs.points ?? "") 和 \(inputs.residences ?? "") 的一次性计算（不保存）",
                    "exporting a one-shot run of \(inputs.points ?? "") and \(inputs.residences ?? "") (not saved)"))
        } else if let id = run.description.runID {
            note(
                runID == nil
                    ? tr("导出运行 \(id)（最近保存的运行）", "exporting run \(id), the latest saved run")
                    : tr("导出运行 \(id)", "exporting run \(id)"))
        }
        let layers = try session.layers(run).all
        switch format {
        case .gpkg:
            try GeoPackageWriter.write(layers, description: run.description.summary, to: out)
        case .geojson:
            try OutputGuard.checkFolder(out, files: layers.map { $0.name + ".geojson" })
            do {
                try GeoJSONLayersWriter.write(layers, run: run.description, directory: out)
            } catch let error where FileProblem.errorNumber(of: error) != nil {
                // The file system's refusal (disk full, permission) names the folder, in words.
                throw SessionError("cannot write the layers to \(out) (--out): \(FileProblem.words(errno: FileProblem.errorNumber(of: error)!))")
            }
        }
        let counts = layers.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
        try emit(tr("已将 \(layers.count) 个图层写入 \(out)：\(counts)", "wrote \(layers.count) layers to \(out): \(counts)"), to: nil)
    }
}
