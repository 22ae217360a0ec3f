import ArgumentParser
import Foundation
import LegalCircleSession

extension TravelChoice: ExpressibleByArgument {}

/// `--roads FILE` and `--travel network|straight`, shared by every command that computes coverage
/// (`report`, `gaps`, `nearest`, `what-if`, `export`), so they all measure minutes the same way.
struct TravelOptions: ParsableArguments {
    @Option(
        help: help(
            "一次性计算用的道路网（OpenStreetMap .osm.pbf 或 GeoJSON 线图层）：按路网计算出行分钟数。使用已导入数据集时用 `load --roads` 导入的道路网。",
            "Roads for a one-shot run (an OpenStreetMap .osm.pbf extract or GeoJSON lines): minutes over the road network. Over loaded datasets, the roads stored by `load --roads` are used."))
    var roads: String?

    @Option(
        help: help(
            "出行时间的算法：network 按路网（有道路时的默认），straight 按直线距离估算（不用道路时的结果）。",
            "How minutes are measured: network over the roads (the default with roads), straight the straight-line estimate (the results without roads)."))
    var travel: TravelChoice?

    /// Checks the options against how the command reads its inputs.
    /// - Parameters:
    ///   - oneShot: the command reads files (`--points`/`--residences`) rather than loaded datasets.
    ///   - rereads: the command re-reads a saved run (`--run`), which keeps its own travel model.
    ///   - files: the options that make a run one-shot, for the messages.
    func check(oneShot: Bool, rereads: Bool, files: String = "--points and --residences") throws {
        OutputGuard.protect(input: roads, option: "--roads")
        if roads != nil, !oneShot {
            throw ValidationError(
                tr(
                    "--roads 只用于一次性计算（与 \(files.replacingOccurrences(of: " and ", with: " 和 ")) 一起用）；用 `legalcircle load --roads` 导入道路网",
                    "--roads is for one-shot runs (with \(files)); load roads with `legalcircle load --roads`"))
        }
        if travel == .network, roads == nil, oneShot {
            throw ValidationError(
                tr("--travel network 需要道路网：请给出 --roads 文件", "--travel network needs a road network: give --roads FILE"))
        }
        if rereads, travel != nil {
            throw ValidationError(tr("--run 重读已保存的运行，沿用其出行算法", "--run re-reads a saved run with its own travel model; --travel applies when computing"))
        }
    }

    /// `rule` with the roads and travel model asked for; over loaded datasets, the stored road network
    /// (`load --roads`) unless `--travel straight`.
    func request(_ rule: RuleRequest) -> RuleRequest {
        var request = rule
        request.roads = roads
        request.travel = travel
        request.storedRoadsByDefault = true
        return request
    }
}
