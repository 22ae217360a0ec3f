import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import LegalCircle
import LegalCircleReports
import LegalCircleStore

/// The HTML pages: Chinese unless `?lang=en` (or `serve --lang en`).
struct Pages: Sendable {
    let runs: RunCatalogue
    let stations: StationIndex
    let defaultLanguage: Language
    /// The residents' page per language, drawn once (the stations do not change while serving).
    private let nearestPages: [Language: String]

    init(runs: RunCatalogue, stations: StationIndex, defaultLanguage: Language) {
        self.runs = runs
        self.stations = stations
        self.defaultLanguage = defaultLanguage
        nearestPages = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, NearestPage.render(stations, language: $0)) })
    }

    func language(_ request: Request) -> Language {
        request.uri.queryParameters.get("lang").flatMap { Language(rawValue: $0) } ?? defaultLanguage
    }

    /// `/`: the saved runs, newest first, each linking to its report.
    func index(language: Language) throws -> Response {
        let zh = language == .zh
        let summaries = try runs.summaries()
        let suffix = language == defaultLanguage ? "" : "?lang=\(language.rawValue)"
        var html = Self.head(title: zh ? "公共法律服务圈覆盖情况" : "Public legal service coverage", language: language)
        html += "<h1>\(zh ? "已保存的运行" : "Saved runs")</h1>\n"
        html += "<p><a href=\"/nearest\(suffix)\">\(zh ? "查找最近的公共法律服务站点" : "Find the nearest legal service station")</a> · "
        html += "<a href=\"/openapi.json\">OpenAPI</a> · <a href=\"?lang=\(zh ? "en" : "zh")\">\(zh ? "English" : "中文")</a></p>\n"
        if summaries.isEmpty {
            html += "<p>\(zh ? "数据库中还没有运行：用 legalcircle report 计算一次。" : "No run is saved yet: compute one with legalcircle report.")</p>\n"
        } else {
            html += "<table><thead><tr><th>\(zh ? "运行" : "Run")</th><th>\(zh ? "时间" : "Created")</th>"
            html += "<th>\(zh ? "服务点" : "Points")</th><th>\(zh ? "住所" : "Residences")</th>"
            html += "<th>\(zh ? "覆盖率" : "Coverage")</th><th>\(zh ? "下载" : "Downloads")</th></tr></thead><tbody>\n"
            for run in summaries {
                let coverage = run.coveragePercent.map { String(format: "%.1f%%", $0) } ?? "—"
                html += "<tr><td><a href=\"/runs/\(run.id)\(suffix)\">\(run.id)</a>\(run.isStale ? (zh ? "（数据已更新）" : " (stale)") : "")</td>"
                html += "<td>\(Self.escaped(ISO8601DateFormatter().string(from: run.createdAt)))</td>"
                html += "<td>\(Self.escaped(run.pointsDatasetName))</td><td>\(Self.escaped(run.residencesDatasetName))</td><td>\(coverage)</td>"
                html += "<td>\(Self.downloadLinks(run.id, query: suffix))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        html += "</body></html>\n"
        return Self.html(html, policy: HTMLReportWriter.contentSecurityPolicy)
    }

    /// `/runs/{id}`: the page `report --format html` writes, with a line of links on top.
    func run(_ id: String?, language: Language) throws -> Response {
        var html = try runs.page(id, language: language, query: language == defaultLanguage ? "" : "?lang=\(language.rawValue)")
        let zh = language == .zh
        let nav = "<nav class=\"service\"><a href=\"/\(language == defaultLanguage ? "" : "?lang=\(language.rawValue)")\">"
            + "\(zh ? "全部运行" : "All runs")</a> · \(Self.downloadLinks(Int64(id ?? "") ?? 0, query: language == defaultLanguage ? "" : "?lang=\(language.rawValue)"))</nav>\n"
        if let body = html.range(of: "<body>\n") { html.insert(contentsOf: nav, at: body.upperBound) }
        return Self.html(html, policy: HTMLReportWriter.contentSecurityPolicy)
    }

    /// `/runs/{id}/counties/{county}`: one county's page, with links back to the run, to the downloads and
    /// to the other language on top.
    func county(_ id: String?, county: String?, language: Language) throws -> Response {
        var (html, code) = try runs.countyPage(id, county: county, language: language)
        let zh = language == .zh
        let runID = Int64(id ?? "") ?? 0
        let query = language == defaultLanguage ? "" : "?lang=\(language.rawValue)"
        let other: Language = zh ? .en : .zh
        let nav = "<nav class=\"service\"><a href=\"/runs/\(runID)\(query)\">\(zh ? "返回运行 \(runID)" : "Back to run \(runID)")</a> · "
            + "\(Self.downloadLinks(runID, query: query)) · "
            + "<a href=\"\(RunCatalogue.countyAddress(run: runID, county: code))?lang=\(other.rawValue)\">\(zh ? "English" : "中文")</a></nav>\n"
        if let body = html.range(of: "<body>\n") { html.insert(contentsOf: nav, at: body.upperBound) }
        return Self.html(html, policy: HTMLReportWriter.contentSecurityPolicy)
    }

    func nearest(language: Language) -> Response {
        Self.html(nearestPages[language] ?? "", policy: NearestPage.contentSecurityPolicy)
    }

    /// - Parameter query: `?lang=…` when the page is not in the default language: the workbook's headers follow the page.
    static func downloadLinks(_ id: Int64, query: String = "") -> String {
        ["csv", "xlsx", "geojson", "gpkg"].map { format in
            "<a href=\"/runs/\(id)/report.\(format)\(format == "xlsx" ? query : "")\" download>\(format.uppercased())</a>"
        }.joined(separator: " ")
    }

    static func head(title: String, language: Language) -> String {
        "<!DOCTYPE html>\n<html lang=\"\(language == .zh ? "zh-CN" : "en")\"><head><meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>\(escaped(title))</title>\n"
            + "<style>body{font-family:system-ui,sans-serif;margin:1.5em;max-width:70em}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}</style></head>\n<body>\n"
    }

    /// An HTML page with its Content-Security-Policy as a header (the report also carries it as a meta tag).
    static func html(_ text: String, policy: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = policy
        headers[.xContentTypeOptions] = "nosniff"
        let bytes = Array(text.utf8)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func download(_ bytes: [UInt8], type: String, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func escaped(_ text: String) -> String { MarkupText.escaped(text) }
}
