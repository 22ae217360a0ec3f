import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LegalCircle
import LegalCircleReports
import LegalCircleServer
import LegalCircleSession
import LegalCircleStore
import Testing

/// `/runs/{id}/counties/{county}`: one county's page, from the saved run without its residences.
@Suite struct CountyPageTests {
    /// The county of the demo run with the most uncovered areas among those with stations and a name.
    struct Chosen {
        var run: CoverageRun
        var figures: CountyFigures
        var name: String
        var points: [ServicePoint]
        var areas: [UncoveredArea]
        /// The named places of the county's most populous area, as `gaps` finds them from the residences.
        var worstPlaces: [String]
    }

    static func chosen() throws -> Chosen {
        let session = CoverageSession(databasePath: try ServiceDatabase.path, access: .readOnly)
        let run = try session.storedRun(id: try ServiceDatabase.runID)
        let names = session.placeNames(for: run.report.counties.map(\.county))
        let places = try session.areaPlaces(run)
        let candidates = run.report.counties.filter { figures in
            let worst = run.areas.filter { $0.county == figures.county }.max { $0.population < $1.population }
            return figures.servicePoints > 0 && names.county(figures.county) != nil && !(worst.flatMap { places[$0.id] } ?? []).isEmpty
        }
        let figures = try #require(candidates.max { $0.uncoveredAreas < $1.uncoveredAreas }, "no county with areas, stations and places")
        let areas = run.areas.filter { $0.county == figures.county }.sorted { $0.population > $1.population }
        let points = try session.points(of: run).filter { $0.county == figures.county && $0.isEligible(for: run.parameters.kinds) }
        return Chosen(
            run: run, figures: figures, name: try #require(names.county(figures.county)), points: points, areas: areas,
            worstPlaces: places[areas[0].id] ?? [])
    }

    /// The full-precision value of a row of the page's figures table.
    static func figure(_ key: String, in page: String) -> Double? {
        guard let row = page.range(of: "<tr data-key=\"\(key)\">") else { return nil }
        let rest = page[row.upperBound...]
        guard let start = rest.range(of: "data-value=\""), let end = rest[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return Double(rest[start.upperBound..<end])
    }

    @Test(arguments: [("", "覆盖率", "zh-CN"), ("?lang=en", "coverage", "en")])
    func aCountysPageHasItsLineMapAndWorstAreas(query: String, coverageWord: String, htmlLanguage: String) async throws {
        let app = try ServiceDatabase.application()
        let chosen = try Self.chosen()
        let id = try ServiceDatabase.runID
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/runs/\(id)/counties/\(chosen.figures.county)\(query)", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentSecurityPolicy] == HTMLReportWriter.contentSecurityPolicy)
            let page = response.text
            #expect(page.contains("<html lang=\"\(htmlLanguage)\""))
            #expect(page.contains(chosen.name))
            #expect(page.contains(coverageWord))
            // The county's line as the stored report has it.
            #expect(Self.figure("coveragePercent", in: page) == chosen.figures.coveragePercent)
            #expect(Self.figure("residents", in: page) == chosen.figures.residents)
            // The map: the county's stations and its areas' shapes.
            let map = try #require(page.range(of: "<svg").map { String(page[$0.lowerBound...]) })
            #expect(!chosen.points.isEmpty)
            for point in chosen.points { #expect(map.contains("(\(MarkupText.escaped(point.id)))"), "station \(point.id)") }
            for area in chosen.areas { #expect(map.contains("<path data-area=\"\(area.id)\""), "area \(area.id)") }
            // The worst area first in its table, with its named places.
            let table = try #require(page.range(of: "<tr data-area=").map { String(page[$0.lowerBound...]) })
            #expect(table.hasPrefix("<tr data-area=\"\(chosen.areas[0].id)\""))
            #expect(!chosen.worstPlaces.isEmpty)
            let row = String(table.prefix { $0 != "\n" })
            for place in chosen.worstPlaces { #expect(row.contains(place), "\(place)") }
            // Links back to the run, to its downloads and to the other language; nothing from elsewhere.
            #expect(page.contains("href=\"/runs/\(id)\(query)\""))
            #expect(page.contains("/runs/\(id)/report.gpkg"))
            #expect(page.contains("?lang=\(query.isEmpty ? "en" : "zh")\""))
            #expect(!page.contains("src=\"http"))
            #expect(!page.contains("href=\"http"))
        }
    }

    /// A county named as the report's table names it, percent-encoded Chinese included, is the same page.
    @Test func aCountyMayBeNamed() async throws {
        let app = try ServiceDatabase.application()
        let chosen = try Self.chosen()
        let id = try ServiceDatabase.runID
        let encoded = try #require(chosen.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed))
        #expect(encoded != chosen.name)
        try await app.test(.router) { client in
            let byCode = try await client.execute(uri: "/runs/\(id)/counties/\(chosen.figures.county)", method: .get)
            let byName = try await client.execute(uri: "/runs/\(id)/counties/\(encoded)", method: .get)
            #expect(byName.status == .ok)
            #expect(byName.text == byCode.text)
        }
    }

    @Test(arguments: [
        ("/runs/RUN/counties/999999", 404), ("/runs/RUN/counties/%E4%B8%8D%E5%AD%98%E5%9C%A8%E5%8E%BF", 404),
        ("/runs/999999/counties/330106", 404), ("/runs/x/counties/330106", 400),
    ])
    func unknownCountiesAndRunsAreRefused(uri: String, status: Int) async throws {
        let app = try ServiceDatabase.application()
        let path = uri.replacingOccurrences(of: "RUN", with: String(try ServiceDatabase.runID))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status.code == status, "\(path)")
            let reason = try #require(try response.json["error"]?.string)
            if path.contains("/counties/999999") || path.contains("%E4") { #expect(reason.contains("no county"), "\(reason)") }
        }
    }

    /// A county page reads only the points its map can show (`GeoBox.countyMap`): for every county of the
    /// demo run (3,000 stations over the province) it is the page drawn with all the run's points.
    @Test func everyCountysPageIsTheSameAsWithAllPoints() throws {
        let session = CoverageSession(databasePath: try ServiceDatabase.path, access: .readOnly)
        let run = try session.storedRun(id: try ServiceDatabase.runID)
        let all = try session.points(of: run)
        var (checked, read) = (0, 0)
        for figures in run.report.counties where !figures.county.isEmpty {
            let input = try session.countyPage(run, county: figures.county)
            read += input.layers.points.count
            var reference = input
            reference.layers.points = try MapLayers.build(
                frame: try run.frame(), points: all, kinds: run.parameters.kinds, areas: [], areaCellSize: run.description.areaCellSize,
                boundaries: nil, boundarySetName: nil, radius: input.layers.radius
            ).points
            #expect(
                HTMLReportWriter.countyPage(input, county: figures.county) == HTMLReportWriter.countyPage(reference, county: figures.county),
                "\(figures.county)")
            checked += 1
        }
        #expect(checked > 50)
        #expect(read < checked * all.count / 4, "on average a page reads under a quarter of the points")
    }

    /// The run page's county table links each county's page.
    @Test func theRunPageLinksEachCountysPage() async throws {
        let app = try ServiceDatabase.application()
        let chosen = try Self.chosen()
        let id = try ServiceDatabase.runID
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/runs/\(id)", method: .get).text
            #expect(page.contains("class=\"county-page\" href=\"/runs/\(id)/counties/\(chosen.figures.county)\""))
            let english = try await client.execute(uri: "/runs/\(id)?lang=en", method: .get).text
            #expect(english.contains("href=\"/runs/\(id)/counties/\(chosen.figures.county)?lang=en\""))
        }
    }

    /// The page reads neither the run's per-residence results nor the residences: with both deleted from a
    /// copy of the database, the county page is unchanged while the run's full page cannot be drawn.
    /// (The rows go once the service has started: it reads the residences' zones for `/api/nearest` then.)
    @Test func theCountyPageReadsNoResidences() async throws {
        let chosen = try Self.chosen()
        let id = try ServiceDatabase.runID
        let copy = try Self.copy()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        let uri = "/runs/\(id)/counties/\(chosen.figures.county)"
        let expected = try await ServiceDatabase.application().test(.router) { client in
            try await client.execute(uri: uri, method: .get).text
        }
        let app = try LegalCircleServer.application(ServerConfiguration(databasePath: copy, host: "127.0.0.1", port: 0))
        try Self.deleteResidences(in: copy, run: id)
        try await app.test(.router) { client in
            let county = try await client.execute(uri: uri, method: .get)
            #expect(county.status == .ok)
            #expect(county.text == expected)
            let full = try await client.execute(uri: "/runs/\(id)", method: .get)
            #expect(full.status != .ok)
        }
    }

    /// A copy of the service database, made with SQLite itself.
    static func copy() throws -> String {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-county-\(UUID().uuidString).sqlite").path
        var readOnly = Configuration()
        readOnly.readonly = true
        try DatabaseQueue(path: try ServiceDatabase.path, configuration: readOnly).inDatabase { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [copy])
        }
        return copy
    }

    /// Deletes run `id`'s per-residence results and every residence row of the database at `path`.
    static func deleteResidences(in path: String, run id: Int64) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM run_residence_chunks WHERE run_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM residence_chunks")
        }
        let left = try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM run_residence_chunks) + (SELECT count(*) FROM residence_chunks)")
        }
        guard left == 0 else { throw ServerTestError("\(left ?? -1) residence rows are left in \(path)") }
        try queue.close()
    }
}
