import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import LegalCircle
import LegalCircleGIS
import LegalCircleReports
import LegalCircleSession
import LegalCircleStore

/// The saved runs, read from the store per request through a read-only `CoverageSession` (the same
/// calls `legalcircle runs`, `report`, `gaps` and `export` make), so runs saved while the service is
/// up are listed.
struct RunCatalogue: Sendable {
    let databasePath: String
    let pageCache = PageCache()

    /// One session per request: `CoverageSession` is not Sendable, and the store allows many readers.
    func session() -> CoverageSession {
        CoverageSession(databasePath: databasePath, access: .readOnly)
    }

    /// The run id in a path: 400 when not a number, 404 when no such run is saved.
    func run(_ text: String?, in session: CoverageSession) throws(APIError) -> CoverageRun {
        let summary = try summary(text, in: session)
        do {
            return try session.storedRun(id: summary.id)
        } catch {
            throw APIError(status: .internalServerError, reason: "\(error)")
        }
    }

    /// The saved run's summary (`runs`), with the same refusals as `run`.
    func summary(_ text: String?, in session: CoverageSession) throws(APIError) -> RunSummary {
        guard let text, let id = Int64(text), id > 0 else {
            throw .badRequest("a run id is a positive whole number, not \"\(text ?? "")\"")
        }
        do {
            guard let summary = try session.runs().first(where: { $0.id == id }) else {
                throw APIError.notFound("no run \(id) in this database; GET /api/runs lists the saved runs")
            }
            return summary
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(status: .internalServerError, reason: "\(error)")
        }
    }

    /// `GET /api/runs`.
    func list() throws -> [UInt8] {
        let runs = try session().runs()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(RunsDocument(runs: runs.map(RunItem.init)))) + [UInt8(ascii: "\n")]
    }

    /// `GET /api/runs/{id}`: the report as `report --format json` writes it (with county names).
    func report(_ id: String?) throws -> String {
        let session = session()
        let run = try run(id, in: session)
        return try ReportWriter.render(
            run.report, run: run.description, format: .json, names: session.placeNames(for: run.report.counties.map(\.county)))
    }

    /// `GET /runs/{id}/report.csv`.
    func csv(_ id: String?) throws -> String {
        let session = session()
        let run = try run(id, in: session)
        return try ReportWriter.render(
            run.report, run: run.description, format: .csv, names: session.placeNames(for: run.report.counties.map(\.county)))
    }

    /// `GET /runs/{id}/report.xlsx`: the workbook `report --format xlsx` writes (the county sheet and the
    /// sheet saying how it was computed), headers in `language`.
    func workbook(_ id: String?, language: Language) throws -> Data {
        let session = session()
        let run = try run(id, in: session)
        return try XLSXWriter.workbook(
            ReportWriter.sheets(
                run.report, run: run.description, language: language, names: session.placeNames(for: run.report.counties.map(\.county))))
    }

    /// `GET /api/runs/{id}/areas`: the uncovered areas as the `uncovered_areas` layer of `export`.
    func areas(_ id: String?) throws -> String {
        let session = session()
        let run = try run(id, in: session)
        var layer = try UncoveredAreaLayer(areas: run.areas, frame: try run.frame(), cellSize: run.description.areaCellSize)
        layer.countyNames = session.placeNames(for: run.report.counties.map(\.county))
        return try GeoJSONLayersWriter.render(layer, run: run.description)
    }

    /// `GET /runs/{id}/report.gpkg`: the four layers of `export --format gpkg`, through a temporary file.
    func geoPackage(_ id: String?) throws -> Data {
        let session = session()
        let run = try run(id, in: session)
        let layers = try session.layers(run).all
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("run.gpkg").path
        try GeoPackageWriter.write(layers, description: run.description.summary, to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// `GET /runs/{id}`: the page `report --format html` writes, its county table linking each county's page.
    /// Drawn once per run, staleness and language (`PageCache`); the staleness is part of the key because the page warns of it.
    /// - Parameter query: `?lang=…` for the county links when the page is not in the default language.
    func page(_ id: String?, language: Language, query: String = "") throws -> String {
        let session = session()
        let summary = try summary(id, in: session)
        return try pageCache.page("\(summary.id) \(summary.isStale) \(language.rawValue)") {
            let run = try run(String(summary.id), in: session)
            var input = try session.reportMaps(run)
            input.names = session.placeNames(for: run.report.counties.map(\.county))
            input.countyPage = { [id = summary.id] code in Self.countyAddress(run: id, county: code) + query }
            return try HTMLReportWriter.render(input, language: language)
        }
    }

    /// `/runs/{id}/counties/{county}`, the county code percent-encoded.
    static func countyAddress(run id: Int64, county code: String) -> String {
        "/runs/\(id)/counties/\(code.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? code)"
    }

    func summaries() throws -> [RunSummary] { try session().runs() }
}

/// The list of runs as JSON.
struct RunsDocument: Encodable {
    var runs: [RunItem]
}

struct RunItem: Encodable {
    var id: Int64
    var createdAt: Date
    var pointsDataset: String
    var residencesDataset: String
    var profile: String
    var minutes: Double
    var kinds: [String]
    var residents: Double
    var coveragePercent: Double?
    var stale: Bool
    var travelModel: String

    init(_ run: RunSummary) {
        id = run.id
        createdAt = run.createdAt
        pointsDataset = run.pointsDatasetName
        residencesDataset = run.residencesDatasetName
        profile = run.profileName
        minutes = run.minutes
        kinds = run.kinds.canonicalNames
        residents = run.residents
        coveragePercent = run.coveragePercent
        stale = run.isStale
        travelModel = run.travelModel ?? NearestEndpoint.straightLine
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(pointsDataset, forKey: .pointsDataset)
        try container.encode(residencesDataset, forKey: .residencesDataset)
        try container.encode(profile, forKey: .profile)
        try container.encode(minutes, forKey: .minutes)
        try container.encode(kinds, forKey: .kinds)
        try container.encode(residents, forKey: .residents)
        try container.encode(coveragePercent, forKey: .coveragePercent)  // null when there are no residents
        try container.encode(stale, forKey: .stale)
        try container.encode(travelModel, forKey: .travelModel)
    }

    enum CodingKeys: String, CodingKey {
        case id, createdAt, pointsDataset, residencesDataset, profile, minutes, kinds, residents, coveragePercent, stale, travelModel
    }
}
