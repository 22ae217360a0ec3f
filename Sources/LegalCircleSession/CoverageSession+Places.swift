import Foundation
import LegalCircle
import LegalCircleImport
import LegalCircleReports
import LegalCircleStore

extension CoverageSession {
    /// The names of counties and townships: the shipped tables (`PlaceNamesLoader`), with the names of
    /// the latest loaded county boundaries for codes the tables lack (another province's counties).
    /// - Parameter codes: the county codes a report shows; the boundaries are read only when one of
    ///   them has no name in the tables.
    public func placeNames(for codes: some Sequence<String> = [String]()) -> PlaceNames {
        var names = DataFiles.folders.lazy.map { PlaceNamesLoader.load(dataFolder: $0) }.first { !$0.isEmpty } ?? PlaceNames()
        let missing = codes.contains { !$0.isEmpty && $0 != CountyFigures.totalKey && names.counties[$0] == nil }
        if missing, !databasePath.isEmpty, databaseExists, let boundaries = try? store().latestBoundaries() {
            names = names.filling(from: PlaceNamesLoader.counties(of: boundaries.boundaries))
        }
        return names
    }

    /// The county code a county option names: a code as given, or a name (上城区, or 上城 without its
    /// suffix) that exactly one county among `candidates` (the run's counties) has.
    /// - Throws: `SessionError` when the name is unknown or ambiguous, listing what would do.
    public func countyCode(_ text: String, among candidates: Set<String>) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.allSatisfy(\.isASCII) { return trimmed }
        let names = placeNames(for: candidates)
        let words = ReportLabels(language)
        switch names.countyCode(named: trimmed, among: candidates) {
        case .found(let code): return code
        case .ambiguous(let codes):
            throw SessionError(
                words.pick(
                    "区县名称“\(trimmed)”不唯一：\(codes.map { "\($0) \(names.county($0) ?? "")" }.joined(separator: "、"))；请给出6位代码",
                    "the county name \"\(trimmed)\" is ambiguous: \(codes.map { "\($0) \(names.county($0) ?? "")" }.joined(separator: ", ")); give the 6-digit code"))
        case .unknown:
            let known = candidates.sorted().filter { !$0.isEmpty }.map { code in names.county(code).map { "\(code) \($0)" } ?? code }
            throw SessionError(
                words.pick(
                    "本次运行中没有名为“\(trimmed)”的区县；其区县为 \(known.joined(separator: "、"))",
                    "no county named \"\(trimmed)\" in the run; its counties are \(known.joined(separator: ", "))"))
        }
    }
}

extension CoverageSession {
    /// The uncovered villages and communities of a run, by name, most populous first.
    public func uncoveredVillages(_ run: CoverageRun) throws -> [UncoveredVillage] {
        let (residences, result) = try perResidence(run)
        return UncoveredPlaces.villages(residences: residences, result: result, points: try points(of: run))
    }

    /// The most populous named places of each uncovered area of a run (empty when the residences have
    /// no names).
    public func areaPlaces(_ run: CoverageRun, limit: Int = 3) throws -> [Int: [String]] {
        let (residences, result) = try perResidence(run)
        guard residences.hasNames else { return [:] }
        return try UncoveredPlaces.areaNames(
            areas: run.areas, residences: residences, result: result, frame: try run.frame(),
            cellSize: run.description.areaCellSize, limit: limit)
    }
}

extension CoverageSession {
    /// Everything the assessment page draws: the village table, county outlines, names, the uncovered
    /// villages and their places in the run's projection, and each township's village centroid.
    public func assessment(
        _ run: CoverageRun, level: VillageCoverage.Level, targets: VillageCoverage.Targets
    ) throws -> AssessmentReportWriter.Input {
        let (residences, result) = try perResidence(run)
        let table = VillageCoverage.table(residences: residences, result: result, level: level, targets: targets)
        let uncovered = UncoveredPlaces.villages(residences: residences, result: result, points: try points(of: run))
        let frame = try run.frame()
        let plane = try frame.project(
            longitudes: uncovered.map(\.location.longitude), latitudes: uncovered.map(\.location.latitude))
        let positions = (0..<plane.count).map { PlanarPoint(x: plane.x[$0], y: plane.y[$0]) }
        var townships: [String: PlanarPoint] = [:]
        if level == .township {
            // Population-weighted centroid of each township's villages (the first 9 digits of their codes).
            var sums: [String: (x: Double, y: Double, weight: Double)] = [:]
            let villages = (0..<residences.count).filter { VillageCoverage.isVillageCode(residences.ids[$0]) }
            let all = try frame.project(
                longitudes: villages.map { residences.longitudes[$0] }, latitudes: villages.map { residences.latitudes[$0] })
            for (position, i) in villages.enumerated() {
                let weight = max(residences.populations[i], 1e-9)
                let key = String(residences.ids[i].prefix(9))
                let sum = sums[key] ?? (0, 0, 0)
                sums[key] = (sum.x + all.x[position] * weight, sum.y + all.y[position] * weight, sum.weight + weight)
            }
            townships = sums.mapValues { PlanarPoint(x: $0.x / $0.weight, y: $0.y / $0.weight) }
        }
        let codes = run.report.counties.map(\.county) + table.rows.map(\.county)
        return AssessmentReportWriter.Input(
            table: table, run: run.description, layers: try reportMaps(run).layers, names: placeNames(for: codes),
            uncovered: uncovered, uncoveredPositions: positions, townshipPositions: townships)
    }
}
