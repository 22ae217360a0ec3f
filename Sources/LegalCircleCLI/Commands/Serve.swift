import ArgumentParser
import LegalCircle
import LegalCircleServer

/// `legalcircle serve`: the web service over a database (planners' pages, residents' nearest station).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr(
            "网页服务：规划人员查看已保存的运行与地图，居民查询最近的公共法律服务站点。",
            "Web service: planners browse the saved runs and maps, residents find the nearest legal service station."),
        discussion: prose(
            """
            默认只监听本机（127.0.0.1），用 --host 0.0.0.0 对外提供。数据库以只读方式打开；服务点在启动时读入，
            之后导入的服务点需重启服务才生效。页面默认中文，网址加 ?lang=en 为英文。
            """,
            """
            Listens on loopback (127.0.0.1) unless --host says otherwise (0.0.0.0 for every interface). The
            database is opened read-only; the service points are read at start-up, so points loaded later need a
            restart. Pages are Chinese unless --lang en or ?lang=en in the address.
            """))

    @OptionGroup var store: DatabaseOptions

    @Option(help: help("监听的地址。", "Address to listen on."))
    var host = "127.0.0.1"

    @Option(help: help("监听的端口。", "Port to listen on."))
    var port = 8080

    @Option(name: .customLong("token-file"), help: help("写入接口的令牌文件（未给出时服务只读）。", "File holding the bearer token of the write endpoints (read-only without it)."))
    var tokenFile: String?

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError(tr("--port 必须在 1…65535 之间", "--port must be within 1…65535")) }
    }

    func run() async throws {
        let configuration = ServerConfiguration(
            databasePath: store.db, host: host, port: port, tokenFile: tokenFile, language: language.lang ?? .zh)
        let host = host
        try await LegalCircleServer.run(configuration) { port in
            note(tr("在 http://\(host):\(port)/ 提供服务（Ctrl-C 停止）", "serving on http://\(host):\(port)/ (Ctrl-C stops)"))
        }
    }
}
