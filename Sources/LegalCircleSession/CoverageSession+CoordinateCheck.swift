import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore
import Projection

/// What the coordinate-system check (`CoordinateSystemCheck`) found for one input file.
public struct CoordinateFinding: Sendable {
    public var input: CoordinateInput
    /// The file as the user named it.
    public var file: String
    /// The system the file was read in.
    public var declared: CoordinateSystem
    /// nil when the check could not run: no boundaries, or a system it cannot re-read (projected, other EPSG).
    public var check: CoordinateSystemCheck?
    /// The name of the boundaries it was checked against.
    public var boundaries: String?

    /// The sentence to warn with when the check flags the declared system, e.g. "p.csv (service points,
    /// read as WGS84): 7 of 9 decisive points fit only GCJ-02, 0 only WGS84 (sign test p = 0.0078):
    /// this looks like an Amap (GCJ-02) file; use --points-crs gcj02".
    public var warning: String? {
        guard let check, case .flagged(let reading, let comparison) = check.verdict else { return nil }
        return "\(file) (\(input.label), read as \(declared.canonicalName)): \(comparison.counts): "
            + "this looks like \(reading.fileDescription); use \(input.option) \(reading.option)"
    }

    /// The warning as a line to show now, in a language: "warning: …" as `warning`, or in Chinese
    /// "警告：p.csv（服务点，按 WGS84 读取）：9 个判别点中 7 个只符合 GCJ-02，0 个只符合 WGS84（符号检验
    /// p = 0.0078）：这像是高德（GCJ-02）文件；请用 --points-crs gcj02". What is stored and put in JSON stays `warning`.
    public func warningLine(_ language: Language) -> String? {
        guard let warning else { return nil }
        guard language == .zh, let check, case .flagged(let reading, let c) = check.verdict else { return "warning: \(warning)" }
        let inputs: [CoordinateInput: String] = [
            .points: "服务点", .residences: "住所", .boundaries: "区县边界", .zones: "区域类型范围", .candidates: "候选点",
            .added: "新增服务点",
        ]
        let files: [CoordinateReading: String] = [.wgs84: "WGS84（GPS、天地图）", .gcj02: "高德（GCJ-02）", .bd09: "百度（BD-09）"]
        return "警告：\(file)（\(inputs[input] ?? input.label)，按 \(declared.canonicalName) 读取）："
            + "\(c.decisive) 个判别点中 \(c.onlyOther) 个只符合 \(c.other.name)，\(c.onlyReading) 个只符合 \(c.reading.name)"
            + "（符号检验 p \(CoordinateSystemCheck.formatted(c.pOther))）："
            + "这像是\(files[reading] ?? reading.name)文件；请用 \(input.option) \(reading.option)"
    }

    /// What `validate` says after the coordinate system: the verdict, then the comparisons (the warning
    /// itself goes first, see `validate`).
    public var lines: [String] { lines(.en) }

    /// `lines` in a language.
    public func lines(_ language: Language) -> [String] {
        let l = ReportLabels(language)
        guard let check else {
            if CoordinateReading(declared) == nil {
                return [
                    l.pick(
                        "坐标检查：不适用于 \(declared.canonicalName)（只对 WGS84、CGCS2000、GCJ-02 和 BD-09 文件重新读取）",
                        "coordinate check: not available for \(declared.canonicalName) (it re-reads WGS84, CGCS2000, GCJ-02 and BD-09 files)")
                ]
            }
            return [
                l.pick(
                    "坐标检查：没有可对照的区县边界（请给出 --boundaries FILE，或使用已导入边界的 --db）",
                    "coordinate check: no county boundaries to check against (give --boundaries FILE, or --db with boundaries loaded)")
            ]
        }
        let against = l.pick(
            "对照\(boundaries.map { "边界“\($0)”" } ?? "区县边界")",
            "against \(boundaries.map { "the boundaries \"\($0)\"" } ?? "the county boundaries")")
        let examined = check.rowsExamined == check.rowCount
            ? l.pick("\(check.rowCount) 行", "\(check.rowCount) rows") : l.pick("\(check.rowCount) 行中的 \(check.rowsExamined) 行", "\(check.rowsExamined) of \(check.rowCount) rows")
        let scope = l.pick("\(examined)，其中 \(check.rowsWithCode) 行的区县代码在边界中", "\(examined), \(check.rowsWithCode) with a county code the boundaries know")
        var lines: [String]
        switch check.verdict {
        case .flagged(let reading, _):
            lines = [
                l.pick(
                    "坐标检查（\(against)）：这些点更符合 \(reading.name)，而不是 \(check.declared.name)（\(scope)）",
                    "coordinate check \(against): the points fit \(reading.name) better than \(check.declared.name) (\(scope))")
            ]
        case .confirmed:
            lines = [
                l.pick(
                    "坐标检查（\(against)）：这些点符合所声明的 \(check.declared.name)（\(scope)）",
                    "coordinate check \(against): the points fit \(check.declared.name) as declared (\(scope))")
            ]
        case .cannotCheck:
            lines = [
                l.pick(
                    "无法用这些点检查坐标系（\(scope)；\(against)的判别点太少）",
                    "the coordinate system cannot be checked from these points (\(scope); too few decisive points \(against))")
            ]
        }
        guard language == .zh else { return lines + check.details.map { "  " + $0 } }
        // `details` in Chinese: "WGS84 对 GCJ-02：判别点 9 个，只符合 WGS84 的 0 个，只符合 GCJ-02 的 7 个，…".
        return lines
            + check.comparisons.map { c in
                let lead = c.pReading <= c.pOther ? (c.reading, c.pReading) : (c.other, c.pOther)
                return "  \(c.reading.name) 对 \(c.other.name)：判别点 \(c.decisive) 个，只符合 \(c.reading.name) 的 \(c.onlyReading) 个，"
                    + "只符合 \(c.other.name) 的 \(c.onlyOther) 个，两者都符合或都不符合的 \(c.both + c.neither) 个"
                    + (c.informative > 0 ? "（符号检验 p \(CoordinateSystemCheck.formatted(lead.1))，偏向 \(lead.0.name)）" : "")
            }
    }
}

extension CoverageSession {
    /// The county table whose crosswalk maps older county codes to today's (`data/zhejiang/counties.csv`,
    /// shipped with the tool); nil when it cannot be found (codes are then compared as they are).
    static let countyTable: CountyTable? = DataFiles.folders.lazy.compactMap { try? CountyTableLoader.load(dataFolder: $0) }.first

    /// Checks service points read in `system` against `boundaries` (their given county codes, or land
    /// and sea). Run it before empty counties are filled from the boundaries.
    func checkCoordinates(
        points: [ServicePoint], system: CoordinateSystem, input: CoordinateInput, file: String, boundaries: [Boundary]?,
        boundarySetName: String?
    ) -> CoordinateFinding {
        var catalog = CountyCatalog()
        let indices = points.map { catalog.intern($0.county) }
        return checkCoordinates(
            longitudes: points.map(\.location.longitude), latitudes: points.map(\.location.latitude), countyIndices: indices,
            codes: catalog.codes, system: system, input: input, file: file, boundaries: boundaries,
            boundarySetName: boundarySetName)
    }

    /// Checks residences read in `system` against `boundaries`; see `checkCoordinates(points:…)`.
    func checkCoordinates(
        residences: ResidenceTable, system: CoordinateSystem, input: CoordinateInput = .residences, file: String,
        boundaries: [Boundary]?, boundarySetName: String?
    ) -> CoordinateFinding {
        checkCoordinates(
            longitudes: residences.longitudes, latitudes: residences.latitudes, countyIndices: residences.countyIndices,
            codes: residences.counties.codes, system: system, input: input, file: file, boundaries: boundaries,
            boundarySetName: boundarySetName)
    }

    private func checkCoordinates(
        longitudes: [Double], latitudes: [Double], countyIndices: [Int32], codes: [String], system: CoordinateSystem,
        input: CoordinateInput, file: String, boundaries: [Boundary]?, boundarySetName: String?
    ) -> CoordinateFinding {
        var finding = CoordinateFinding(input: input, file: file, declared: system, check: nil, boundaries: boundarySetName)
        guard let boundaries, !boundaries.isEmpty, let reading = CoordinateReading(system), !longitudes.isEmpty else { return finding }
        finding.check = CoordinateSystemCheck.run(
            longitudes: longitudes, latitudes: latitudes, countyIndices: countyIndices, codes: codes, declared: reading,
            index: CountyIndex(boundaries: boundaries), crosswalk: Self.countyTable)
        return finding
    }

    /// The GeoJSON files that ship in `data/zhejiang` and the systems they are in (data/SOURCES.md).
    static let shippedGeoJSONSystems: [String: CoordinateSystem] = [
        "counties_wgs84.geojson": .wgs84, "counties_gcj02.geojson": .gcj02, "counties_simplified_cgcs2000.geojson": .cgcs2000,
        "islands_wgs84.geojson": .wgs84, "province_wgs84.geojson": .wgs84,
    ]

    /// The system to read a boundaries file in: a file shipped with the tool in `data/zhejiang`
    /// (`--boundaries zhejiang` names one) declares its own and never takes `--crs`; a user's file its
    /// `--boundaries-crs`, else `--crs`.
    /// - Throws: `SessionError` for a `--boundaries-crs` that contradicts a shipped file's system.
    func boundarySystem(_ path: String, _ systems: InputCoordinateSystems) throws -> CoordinateSystem {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let shipped = Self.shippedGeoJSONSystems[url.lastPathComponent].flatMap { system in
            DataFiles.folders.contains {
                $0.appendingPathComponent("zhejiang").appendingPathComponent(url.lastPathComponent).standardizedFileURL.path == url.path
            } ? system : nil
        }
        guard let shipped else { return try systems.system(for: .boundaries) }
        if systems.own[.boundaries] != nil, let given = try? systems.system(for: .boundaries), given != shipped {
            throw SessionError(
                "--boundaries-crs \(given): \(path) ships with legalcircle in \(shipped.canonicalName); leave the option out")
        }
        return shipped
    }

    /// A run (reused, or re-read) whose inputs the check flagged is an error when `--strict` asks for it.
    func enforce(_ run: CoverageRun, systems: InputCoordinateSystems) throws -> CoverageRun {
        if systems.strictCheck, let warning = run.description.coordinateWarnings.first {
            throw SessionError("\(warning) (--strict makes this an error)")
        }
        return run
    }

    /// Throws the first flagged finding when `--strict` asks for it.
    func enforce(_ findings: [CoordinateFinding], systems: InputCoordinateSystems) throws {
        guard systems.strictCheck, let warning = findings.lazy.compactMap(\.warning).first else { return }
        throw SessionError("\(warning) (--strict makes this an error)")
    }

    /// The input systems and warnings of a stored dataset as a run reads it (up to the version with
    /// `checksum`, all when nil): the systems of its versions ("GCJ-02", or "GCJ-02 + WGS84" after an
    /// append in another system), and the findings recorded when they were loaded. Versions loaded
    /// without boundaries are checked now against `boundaries`, when given, on `rows` (the dataset's
    /// rows as read, `ServicePoint`s or a `ResidenceTable`; read from the store when nil).
    func datasetCoordinates(
        _ dataset: DatasetInfo, upTo checksum: String?, boundaries: [Boundary]?, boundarySetName: String?,
        points: [ServicePoint]? = nil, residences: ResidenceTable? = nil
    ) throws -> (system: String, warnings: [String]) {
        let store = try store()
        let checks = try store.coordinateChecks(datasetID: dataset.id, upToChecksum: checksum)
        var systems: [String] = []
        for check in checks where !systems.contains(check.crs) { systems.append(check.crs) }
        var warnings = checks.compactMap { $0.finding.flatMap { $0.isEmpty ? nil : $0 } }
        let unchecked = checks.filter { $0.finding == nil }
        guard let boundaries, !unchecked.isEmpty else {
            return (systems.isEmpty ? dataset.crs : systems.joined(separator: " + "), warnings)
        }
        let rowCounts = Dictionary(uniqueKeysWithValues: try store.versions(datasetID: dataset.id).map { ($0.version, $0.rowCount) })
        // Columns of the rows as read: longitudes, latitudes, county indices, county codes.
        let longitudes: [Double], latitudes: [Double], countyIndices: [Int32], codes: [String]
        switch dataset.kind {
        case .points:
            let rows = try points ?? (checksum.map { try store.servicePoints(datasetID: dataset.id, checksum: $0) }
                ?? store.servicePoints(datasetID: dataset.id))
            var catalog = CountyCatalog()
            countyIndices = rows.map { catalog.intern($0.county) }
            (longitudes, latitudes, codes) = (rows.map(\.location.longitude), rows.map(\.location.latitude), catalog.codes)
        case .residences:
            let table = try residences ?? (checksum.map { try store.residences(datasetID: dataset.id, checksum: $0) }
                ?? store.residences(datasetID: dataset.id))
            (longitudes, latitudes, countyIndices, codes) = (table.longitudes, table.latitudes, table.countyIndices, table.counties.codes)
        }
        let input: CoordinateInput = dataset.kind == .points ? .points : .residences
        for check in unchecked {
            let rows = (rowCounts[check.version - 1] ?? 0)..<min(longitudes.count, rowCounts[check.version] ?? longitudes.count)
            guard let system = try? CoordinateSystem(parsing: check.crs), !rows.isEmpty else { continue }
            let finding = checkCoordinates(
                longitudes: Array(longitudes[rows]), latitudes: Array(latitudes[rows]), countyIndices: Array(countyIndices[rows]),
                codes: codes, system: system, input: input, file: "dataset \"\(dataset.name)\"", boundaries: boundaries,
                boundarySetName: boundarySetName)
            warnings += finding.warning.map { [$0] } ?? []
        }
        return (systems.isEmpty ? dataset.crs : systems.joined(separator: " + "), warnings)
    }

    /// Records the findings of a load in the versions it made (`recordCoordinateCheck`), so that
    /// `report` repeats them: the latest version of the dataset each file went to.
    func recordCoordinateChecks(_ findings: [(kind: DatasetKind, name: String?, finding: CoordinateFinding)]) throws {
        let store = try store()
        for (kind, name, finding) in findings where finding.check != nil {
            let dataset = try store.dataset(named: name, kind: kind)
            try store.recordCoordinateCheck(datasetID: dataset.id, version: dataset.version, finding: finding.warning ?? "")
        }
    }
}
