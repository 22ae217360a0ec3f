import ArgumentParser
import Foundation
import LegalCircle
import LegalCircleSession
import LegalCircleGIS
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

/// Where the working database is.
public struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: help("工作数据库文件。", "The working database file."))
    public var db: String = "legalcircle.sqlite"

    @Flag(help: help("不显示进度条（进度条只在终端上显示）。", "Show no progress bars (they appear only on a terminal anyway)."))
    public var quiet = false

    public init() {}

    // Every long-running command has these options, so this is where `--quiet` takes effect.
    public func validate() throws {
        TerminalProgress.setQuiet(quiet)
        OutputGuard.protect(database: db)
    }
}

/// Which data a computation uses: CSV files directly (one-shot, nothing stored) or loaded datasets.
public struct InputOptions: ParsableArguments {
    @Option(name: .long, help: help("一次性计算用的服务点文件（CSV 或 xlsx，与 --residences 一起用，不使用数据库）。", "Service points CSV for a one-shot run without the database (with --residences)."))
    public var points: String?

    @Option(name: .long, help: help("一次性计算用的住所文件（CSV 或 xlsx，与 --points 一起用，不使用数据库）。", "Residences CSV for a one-shot run without the database (with --points)."))
    public var residences: String?

    @Option(name: .customLong("points-dataset"), help: help("使用的已导入服务点数据集（默认：最近导入的）。", "Loaded service point dataset to use (default: the latest loaded)."))
    public var pointsDataset: String?

    @Option(name: .customLong("residences-dataset"), help: help("使用的已导入住所数据集（默认：最近导入的）。", "Loaded residence dataset to use (default: the latest loaded)."))
    public var residencesDataset: String?

    public init() {}

    @Option(help: help("一次性计算用的区县边界 GeoJSON（补全空区县、识别海岛）。", "County boundaries GeoJSON for a one-shot run, or zhejiang for the shipped set (fills empty counties, finds islands)."))
    public var boundaries: String?

    public var isOneShot: Bool { points != nil || residences != nil }

    /// The source these options name: the CSV files, or the loaded datasets.
    public var source: InputSource {
        if let points, let residences { return .files(points: points, residences: residences, boundaries: shippedOrFile(boundaries)) }
        return .datasets(points: pointsDataset, residences: residencesDataset)
    }

    public func validate() throws {
        OutputGuard.protect(input: points, option: "--points")
        OutputGuard.protect(input: residences, option: "--residences")
        OutputGuard.protect(input: boundaries, option: "--boundaries")
        if (points == nil) != (residences == nil) {
            throw ValidationError(tr("一次性计算需要同时给出 --points 和 --residences", "a one-shot run needs both --points and --residences"))
        }
        if boundaries != nil, !isOneShot {
            throw ValidationError(
                tr(
                    "这里的 --boundaries 只用于一次性计算；请用 `legalcircle load --boundaries` 导入边界",
                    "--boundaries here is for one-shot runs; load boundaries with `legalcircle load --boundaries`"))
        }
        if isOneShot, pointsDataset != nil || residencesDataset != nil {
            throw ValidationError(
                tr(
                    "请使用文件（--points/--residences）或已导入的数据集，二者不能同时使用",
                    "use either CSV files (--points/--residences) or loaded datasets, not both"))
        }
    }
}

/// The coverage rule: profile, target minutes, eligible kinds (`PointRuleOptions`), and the area grid.
public struct RuleOptions: ParsableArguments {
    @OptionGroup var point: PointRuleOptions

    @Option(name: .customLong("cell-size"), help: help("将未覆盖住所归并为片区的网格边长（米）。", "Side in metres of the grid cells that group uncovered residences into areas."))
    public var cellSize: Double = 500

    public init() {}

    public var profile: String { point.profile }
    public var minutes: Double? { point.minutes }
    public var kinds: String? { point.kinds }

    public func validate() throws {
        if let problem = InputBounds.problem(cellSize, in: InputBounds.cellSizeMetres, what: "--cell-size", unit: "metres") {
            throw ValidationError(problem)
        }
    }

    /// The rule as plain values for the session.
    public var request: RuleRequest { point.request(cellSize: cellSize) }
}

extension StoreOptions {
    /// The session every command hands its work to, with progress bars on a terminal.
    /// - Parameter access: `.readOnly` for commands that only read stored data, `.readWrite` for those
    ///   that save a run, `.create` for `load` alone.
    func session(_ access: StoreAccess) -> CoverageSession {
        let session = CoverageSession(databasePath: db, access: access, progress: TerminalProgress.sink, notice: { note($0) })
        session.language = UI.language
        return session
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// A `--boundaries` value: a file, or the name of a set that ships with the tool (`zhejiang`).
func shippedOrFile(_ boundaries: String?) -> String? {
    boundaries.map { (try? DataFiles.boundariesPath($0)) ?? $0 }
}
