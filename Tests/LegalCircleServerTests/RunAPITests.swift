import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LegalCircle
import LegalCircleReports
import LegalCircleServer
import LegalCircleSession
import LegalCircleStore
import NIOCore
import Testing
import ZIPFoundation

/// `/api/runs…`, the planners' pages and downloads, and `/openapi.json` against the real answers.
@Suite struct RunAPITests {
    @Test func runsListTheSavedRun() async throws {
        let app = try ServiceDatabase.application()
        let id = try ServiceDatabase.runID
        try await app.test(.router) { client in
            let runs = try #require(try await client.execute(uri: "/api/runs", method: .get).json["runs"]?.array)
            let run = try #require(runs.first { $0["id"]?.number == Double(id) })
            #expect(run["residencesDataset"]?.string == "residences")
            #expect(run["travelModel"]?.string == "straight-line estimate")
            #expect((run["coveragePercent"]?.number ?? -1) > 0)
        }
    }

    @Test func aRunsReportIsTheReportCommandsJSONWithCountyNames() async throws {
        let app = try ServiceDatabase.application()
        let id = try ServiceDatabase.runID
        let session = CoverageSession(databasePath: try ServiceDatabase.path, access: .readOnly)
        let run = try session.storedRun(id: id)
        let expected = try ReportWriter.render(
            run.report, run: run.description, format: .json, names: session.placeNames(for: run.report.counties.map(\.county)))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/runs/\(id)", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == expected)
            let counties = try #require(try response.json["counties"]?.array)
            #expect(counties.contains { $0["countyName"]?.string == "西湖区" })
        }
    }

    @Test func areasAreGeoJSONFeatures() async throws {
        let app = try ServiceDatabase.application()
        let id = try ServiceDatabase.runID
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/runs/\(id)/areas", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/geo+json")
            let json = try response.json
            #expect(json["type"]?.string == "FeatureCollection")
            let features = try #require(json["features"]?.array)
            #expect(!features.isEmpty)
            #expect(features.first?["geometry"]?["type"]?.string == "MultiPolygon")
        }
    }

    @Test(arguments: [
        ("/api/runs/999999", 404), ("/api/runs/abc", 400), ("/api/runs/-1", 400), ("/api/runs/999999/areas", 404),
        ("/api/runs/1.5/areas", 400), ("/runs/999999", 404), ("/runs/x", 400), ("/runs/999999/report.csv", 404),
    ])
    func unknownOrMalformedRunsAreRefused(uri: String, status: Int) async throws {
        let app = try ServiceDatabase.application()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status.code == status, "\(uri)")
            #expect(try response.json["error"]?.string?.isEmpty == false)
        }
    }

    @Test func pagesAreChineseByDefaultWithTheReportsPolicy() async throws {
        let app = try ServiceDatabase.application()
        let id = try ServiceDatabase.runID
        try await app.test(.router) { client in
            let index = try await client.execute(uri: "/", method: .get)
            #expect(index.headers[.contentSecurityPolicy] == HTMLReportWriter.contentSecurityPolicy)
            #expect(index.text.contains("已保存的运行"))
            #expect(index.text.contains("href=\"/runs/\(id)\""))
            let english = try await client.execute(uri: "/?lang=en", method: .get)
            #expect(english.text.contains("Saved runs"))

            let page = try await client.execute(uri: "/runs/\(id)", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentSecurityPolicy] == HTMLReportWriter.contentSecurityPolicy)
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("西湖区"))
            #expect(page.text.contains("/runs/\(id)/report.gpkg"))
            // Nothing fetched from elsewhere: no external address in any src or href.
            #expect(!page.text.contains("src=\"http"))
            #expect(!page.text.contains("href=\"http"))
            let pageEnglish = try await client.execute(uri: "/runs/\(id)?lang=en", method: .get)
            #expect(pageEnglish.text.contains("<html lang=\"en\""))
        }
    }

    @Test func downloadsAreTheExportsOfTheRun() async throws {
        let app = try ServiceDatabase.application()
        let id = try ServiceDatabase.runID
        try await app.test(.router) { client in
            let csv = try await client.execute(uri: "/runs/\(id)/report.csv", method: .get)
            #expect(csv.status == .ok)
            #expect(csv.text.hasPrefix("county,"))
            #expect(csv.headers[.contentDisposition]?.contains("attachment") == true)
            let geojson = try await client.execute(uri: "/runs/\(id)/report.geojson", method: .get)
            #expect(try geojson.json["type"]?.string == "FeatureCollection")
            let gpkg = try await client.execute(uri: "/runs/\(id)/report.gpkg", method: .get)
            #expect(gpkg.status == .ok)
            #expect(Array(gpkg.body.readableBytesView.prefix(15)) == Array("SQLite format 3".utf8))
        }
    }

    /// The workbook `report --format xlsx` writes: a zip whose county sheet has the Chinese headers (English
    /// with `?lang=en`), one row per county of the run plus the header and the total, and the county names.
    @Test func theXLSXDownloadIsTheReportWorkbook() async throws {
        let app = try ServiceDatabase.application()
        let id = try ServiceDatabase.runID
        let session = CoverageSession(databasePath: try ServiceDatabase.path, access: .readOnly)
        let report = try session.storedRun(id: id).report
        let names = session.placeNames(for: report.counties.map(\.county))
        try await app.test(.router) { client in
            for (query, headers) in [("", ["区县代码", "区县名称", "覆盖率 %"]), ("?lang=en", ["county", "name", "coverage %"])] {
                let response = try await client.execute(uri: "/runs/\(id)/report.xlsx\(query)", method: .get)
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.contains("report.xlsx") == true)
                let archive = try Archive(data: Data(response.body.readableBytesView), accessMode: .read)
                func part(_ path: String) throws -> String {
                    let entry = try #require(archive[path], "\(path) is missing")
                    var data = Data()
                    _ = try archive.extract(entry) { data.append($0) }
                    return String(decoding: data, as: UTF8.self)
                }
                let strings = try part("xl/sharedStrings.xml")
                for header in headers { #expect(strings.contains("<t>\(header)</t>") || strings.contains(">\(header)<"), "\(header)") }
                let sheet = try part("xl/worksheets/sheet1.xml")
                #expect(sheet.components(separatedBy: "<row ").count - 1 == report.counties.count + 2)
                for county in report.counties.prefix(5) {
                    let name = try #require(names.counties[county.county])
                    #expect(strings.contains(name), "\(name)")
                }
            }
        }
    }

    @Test func residentsPageRunsOnlyItsOwnScript() async throws {
        let app = try ServiceDatabase.application()
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/nearest", method: .get)
            #expect(page.status == .ok)
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("connect-src 'self'"))
            // Scripts only by hash: the page's one inline script, and nothing injected into it would run.
            let scriptSource = try #require(policy.split(separator: ";").first { $0.contains("script-src") })
            #expect(!scriptSource.contains("unsafe-inline"))
            let script = try #require(page.text.components(separatedBy: "<script>").last?.components(separatedBy: "</script>").first)
            #expect(scriptSource.contains("'sha256-\(Self.base64SHA256(script))'"))
            #expect(page.text.contains("最近的公共法律服务站点"))
            #expect(page.text.contains("<path id=\"stations\""))
            let english = try await client.execute(uri: "/nearest?lang=en", method: .get)
            #expect(english.text.contains("Nearest public legal service station"))
        }
    }

    /// Every JSON answer of the API, good and refused, conforms to the served OpenAPI document.
    @Test func answersConformToTheOpenAPIDocument() async throws {
        let app = try ServiceDatabase.application()
        let id = try ServiceDatabase.runID
        try await app.test(.router) { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get).json
            #expect(document["openapi"]?.string == "3.1.0")
            let check = OpenAPICheck(document: document)
            let calls: [(uri: String, path: String, status: Int, type: String)] = [
                ("/api/nearest?lon=120.16&lat=30.25", "/api/nearest", 200, "application/json"),
                ("/api/nearest?lon=121.5&lat=28.6&crs=gcj02&kinds=legal_aid&count=50&zone=mountain", "/api/nearest", 200, "application/json"),
                ("/api/nearest?lon=x&lat=30", "/api/nearest", 400, "application/json"),
                ("/api/runs", "/api/runs", 200, "application/json"),
                ("/api/runs/\(id)", "/api/runs/{id}", 200, "application/json"),
                ("/api/runs/abc", "/api/runs/{id}", 400, "application/json"),
                ("/api/runs/999999", "/api/runs/{id}", 404, "application/json"),
                ("/api/runs/\(id)/areas", "/api/runs/{id}/areas", 200, "application/geo+json"),
                ("/api/runs/999999/areas", "/api/runs/{id}/areas", 404, "application/json"),
            ]
            for call in calls {
                let response = try await client.execute(uri: call.uri, method: .get)
                #expect(response.status.code == call.status, "\(call.uri)")
                let schema = try #require(check.responseSchema(path: call.path, status: call.status, type: call.type), "\(call.path) \(call.status)")
                let problems = check.problems(try response.json, schema)
                #expect(problems.isEmpty, "\(call.uri): \(problems.prefix(5))")
            }
            // The check itself catches a wrong type and a missing field.
            let station = try #require(check.resolve("#/components/schemas/Station"))
            #expect(!check.problems(.object(["id": .number(1)]), station).isEmpty)
        }
    }

    static func base64SHA256(_ text: String) -> String {
        let hex = Array(SHA256.hexDigest(Data(text.utf8)).utf8)
        let bytes = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16) ?? 0 }
        return Data(bytes).base64EncodedString()
    }
}
