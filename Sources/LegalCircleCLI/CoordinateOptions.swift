import ArgumentParser
import LegalCircle
import LegalCircleImport
import LegalCircleReports
import Projection

/// The coordinate systems of the files of a run: `--points-crs`, `--residences-crs`, `--boundaries-crs`
/// (each overrides `--crs` for its file).
public struct InputSystemOptions: ParsableArguments {
    @Option(name: .customLong("points-crs"), help: help("--points 文件的坐标系（覆盖 --crs）：wgs84、cgcs2000、gcj02、bd09 或 EPSG:n。", "Coordinate system of the --points file (overrides --crs): wgs84, cgcs2000, gcj02, bd09 or EPSG:n."))
    public var points: String?

    @Option(name: .customLong("residences-crs"), help: help("--residences 文件的坐标系（覆盖 --crs）。", "Coordinate system of the --residences file (overrides --crs)."))
    public var residences: String?

    @Option(name: .customLong("boundaries-crs"), help: help("--boundaries GeoJSON 的坐标系（覆盖 --crs；否则采用文件自身声明的 crs）。", "Coordinate system of the --boundaries GeoJSON (overrides --crs; a crs member the file declares is used otherwise)."))
    public var boundaries: String?

    public init() {}

    /// The per-file systems given.
    public var own: [CoordinateInput: String] {
        var own: [CoordinateInput: String] = [:]
        own[.points] = points
        own[.residences] = residences
        own[.boundaries] = boundaries
        return own
    }
}

/// `--out-crs`: the system that a command's table, CSV, JSON (and other) outputs write locations in. Each
/// command that takes it has its own option group, so its help names exactly the outputs it writes
/// (`GapsOutputSystemOptions`, `NearestOutputSystemOptions`, `SuggestOutputSystemOptions`).
protocol OutputSystemOptions: ParsableArguments {
    var outCRS: String? { get }
}

/// The help of `--out-crs`: what it applies to (`zhOutputs`, `enOutputs`), then the systems.
private func outCRSHelp(zhOutputs: String, enOutputs: String, geoJSON: Bool = false) -> ArgumentHelp {
    help(
        "写出位置的坐标系（\(zhOutputs)）：wgs84（默认）、gcj02（可粘贴到高德/腾讯地图）、bd09（百度）或 EPSG:n。"
            + (geoJSON ? "GeoJSON 始终为 WGS84。" : ""),
        "Coordinate system of the locations written (\(enOutputs)): wgs84 (default), gcj02 (to paste into Amap/Tencent), "
            + "bd09 (Baidu) or EPSG:n." + (geoJSON ? " GeoJSON stays WGS84." : ""))
}

/// `gaps --out-crs`: the areas' centroids and boxes.
struct GapsOutputSystemOptions: OutputSystemOptions {
    @Option(
        name: .customLong("out-crs"),
        help: outCRSHelp(zhOutputs: "片区的中心和范围：table、csv、json、markdown、xlsx", enOutputs: "the areas' centroids and boxes: table, csv, json, markdown, xlsx", geoJSON: true))
    var outCRS: String?

    func validate() throws { _ = try coordinates() }
}

/// `nearest --out-crs`: the listed points.
struct NearestOutputSystemOptions: OutputSystemOptions {
    @Option(
        name: .customLong("out-crs"),
        help: outCRSHelp(zhOutputs: "列出的服务点：table、csv、json", enOutputs: "the listed points: table, csv, json"))
    var outCRS: String?

    func validate() throws { _ = try coordinates() }
}

/// `suggest --out-crs`: the sites, in the output and in the `--sites-out` file.
struct SuggestOutputSystemOptions: OutputSystemOptions {
    @Option(
        name: .customLong("out-crs"),
        help: outCRSHelp(zhOutputs: "建议站点：table、csv、json、markdown、xlsx 和 --sites-out 文件", enOutputs: "the suggested sites: table, csv, json, markdown, xlsx and the --sites-out file"))
    var outCRS: String?

    func validate() throws { _ = try coordinates() }
}

extension OutputSystemOptions {
    /// The output system; nil for WGS84 (written as computed).
    func coordinates() throws -> OutputCoordinates? {
        guard let outCRS else { return nil }
        do {
            return try OutputCoordinates(CoordinateSystem(parsing: outCRS))
        } catch {
            throw ValidationError("--out-crs \(error)")
        }
    }

    /// Refuses `--out-crs` other than WGS84 for GeoJSON, which RFC 7946 fixes to WGS84.
    func check(_ format: OutputFormat) throws {
        guard format == .geojson, let outCRS, let system = try? CoordinateSystem(parsing: outCRS),
            ![.wgs84, .cgcs2000, .epsg(4326), .epsg(4490)].contains(system)
        else { return }
        throw ValidationError(
            "--out-crs \(outCRS): GeoJSON is always WGS84 (RFC 7946; GIS tools honour no GCJ-02 or BD-09 code); "
                + "use --format csv, json or table for \(system.canonicalName)")
    }
}

extension CSVInputOptions {
    /// The settings with the per-file systems of the command.
    func settings(_ own: [CoordinateInput: String]) -> CSVImportSettings {
        var settings = self.settings
        settings.systems.own = own
        return settings
    }

    /// Refuses coordinate options that no file of this command reads: a per-file option without its
    /// file, `--crs` when the command reads no file (loaded datasets keep the system they were loaded in).
    /// - Parameters:
    ///   - given: each per-file option of the command with the file it belongs to (nil when not given).
    ///   - readsFiles: whether the command reads any user file with these options.
    func requireFiles(_ given: [(input: CoordinateInput, value: String?, file: String?, fileOption: String)], readsFiles: Bool) throws {
        for entry in given where entry.value != nil && entry.file == nil {
            throw ValidationError(
                "\(entry.input.option) gives the coordinate system of the \(entry.fileOption) file; "
                    + "without \(entry.fileOption) FILE it has nothing to apply to")
        }
        if crs != nil, !readsFiles {
            throw ValidationError(
                "--crs gives the coordinate system of input files, and this command reads none: loaded datasets keep the "
                    + "system they were loaded in (see `legalcircle load --crs`)")
        }
        let systems = settings(Dictionary(uniqueKeysWithValues: given.compactMap { entry in entry.value.map { (entry.input, $0) } })).systems
        if let problem = systems.problem() { throw ValidationError(problem) }
    }
}

extension InputOptions {
    /// The per-file coordinate options with the one-shot files they belong to, for `requireFiles`.
    func fileSystems(_ systems: InputSystemOptions) -> [(input: CoordinateInput, value: String?, file: String?, fileOption: String)] {
        [(.points, systems.points, points, "--points"), (.residences, systems.residences, residences, "--residences"),
            (.boundaries, systems.boundaries, boundaries, "--boundaries")]
    }
}
