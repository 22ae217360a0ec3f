import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix
import LegalCircle
import LegalCircleReports
import LegalCircleSession
import LegalCircleStore
import Logging

/// The web service of `legalcircle serve`: planners' pages of the saved runs, the residents' nearest
/// station page, and their JSON API, over one database opened read-only.
public enum LegalCircleServer {
    /// The application, ready to `runService()` or to test in-process (`app.test(.router)`).
    /// Reads the service points and builds their index before it returns.
    /// - Throws: `ServerError` when the database is missing or holds no service points.
    /// - Parameter listening: told the port once the socket is bound (the port 0 asks for any free one).
    public static func application(
        _ configuration: ServerConfiguration, listening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = try router(configuration)
        var logger = Logger(label: "legalcircle.serve")
        logger.logLevel = .warning
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "legalcircle"),
            onServerRunning: { channel in await listening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM (what `legalcircle serve` runs).
    public static func run(_ configuration: ServerConfiguration, listening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        _ = tasksRunOnEventLoops
        try await application(configuration, listening: listening).runService()
    }

    /// Swift tasks, and so every handler, run on NIO's event loops rather than on the concurrency pool,
    /// so that a request no longer crosses from one pool's thread to the other's and back. Installed
    /// once per process, by `run` only: the in-process tests keep the usual executor. Store reads and
    /// computations already run on NIO's blocking pool (`BlockingWork`), never on the event loops.
    /// `LEGALCIRCLE_EVENT_LOOP_TASKS=0` keeps the usual executor (to compare, or should the take-over fail).
    private static let tasksRunOnEventLoops: Bool = {
        if ProcessInfo.processInfo.environment["LEGALCIRCLE_EVENT_LOOP_TASKS"] == "0" { return false }
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }()

    /// The routes; `application` wraps them in a server.
    public static func router(_ configuration: ServerConfiguration) throws -> Router<BasicRequestContext> {
        guard FileManager.default.fileExists(atPath: configuration.databasePath) else {
            throw ServerError(
                "no database at \(configuration.databasePath) (--db): load data with `legalcircle load` first, or give the path of one")
        }
        let stations = try StationIndex(session: CoverageSession(databasePath: configuration.databasePath, access: .readOnly))
        let runs = RunCatalogue(databasePath: configuration.databasePath)
        let writes = try WriteEndpoints(
            databasePath: configuration.databasePath, tokenFile: configuration.tokenFile, maximumUploadBytes: configuration.maximumUploadBytes)
        let pages = Pages(runs: runs, stations: stations, defaultLanguage: configuration.language)
        let router = Router()
        router.add(middleware: JSONErrorMiddleware())
        router.get("/api/nearest") { request, _ in
            let query = try NearestEndpoint.parse(request.uri.queryParameters)
            return JSONResponse.bytes(try NearestEndpoint.answer(query, stations: stations))
        }
        // Everything that reads the store or computes runs on the blocking pool (`BlockingWork`), not on
        // the threads of Swift tasks that answer every request; the look-up and the fixed pages stay there.
        router.get("/api/runs") { _, _ in JSONResponse.bytes(try await BlockingWork.run { try runs.list() }) }
        router.get("/api/runs/:id") { _, context in
            let id = context.parameters.get("id")
            return JSONResponse.text(try await BlockingWork.run { try runs.report(id) })
        }
        router.get("/api/runs/:id/areas") { _, context in
            let id = context.parameters.get("id")
            return JSONResponse.text(try await BlockingWork.run { try runs.areas(id) }, type: "application/geo+json")
        }
        router.post("/api/datasets") { request, _ in JSONResponse.bytes(try await writes.upload(request), status: .created) }
        router.post("/api/runs") { request, _ in
            JSONResponse.bytes(try await BlockingWork.run { try writes.compute(request) }, status: .created)
        }
        router.get("/openapi.json") { _, _ in JSONResponse.text(OpenAPIDocument.json) }
        router.get("/") { request, _ in
            let language = pages.language(request)
            return try await BlockingWork.run { try pages.index(language: language) }
        }
        router.get("/nearest") { request, _ in pages.nearest(language: pages.language(request)) }
        router.get("/runs/:id") { request, context in
            let (id, language) = (context.parameters.get("id"), pages.language(request))
            return try await BlockingWork.run { try pages.run(id, language: language) }
        }
        router.get("/runs/:id/counties/:county") { request, context in
            let (id, county, language) = (context.parameters.get("id"), context.parameters.get("county"), pages.language(request))
            return try await BlockingWork.run { try pages.county(id, county: county, language: language) }
        }
        router.get("/runs/:id/report.csv") { _, context in
            let id = context.parameters.get("id")
            return Pages.download(
                Array(try await BlockingWork.run { try runs.csv(id) }.utf8), type: "text/csv; charset=utf-8", name: "report.csv")
        }
        router.get("/runs/:id/report.xlsx") { request, context in
            let (id, language) = (context.parameters.get("id"), pages.language(request))
            return Pages.download(
                Array(try await BlockingWork.run { try runs.workbook(id, language: language) }),
                type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "report.xlsx")
        }
        router.get("/runs/:id/report.geojson") { _, context in
            let id = context.parameters.get("id")
            return Pages.download(
                Array(try await BlockingWork.run { try runs.areas(id) }.utf8), type: "application/geo+json", name: "uncovered_areas.geojson")
        }
        router.get("/runs/:id/report.gpkg") { _, context in
            let id = context.parameters.get("id")
            return Pages.download(
                Array(try await BlockingWork.run { try runs.geoPackage(id) }), type: "application/geopackage+sqlite3", name: "run.gpkg")
        }
        return router
    }
}
