import ArgumentParser
import LegalCircleSession
import LegalCircleStore

/// The database alone, for commands that show no progress bar (`runs`, `compare`): `--quiet` would be
/// an option they do not use, so their help does not list it.
public struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: help("工作数据库文件。", "The working database file."))
    public var db: String = "legalcircle.sqlite"

    public init() {}

    public func validate() throws {
        OutputGuard.protect(database: db)
    }

    /// The session of the command (see `StoreOptions.session`).
    func session(_ access: StoreAccess) -> CoverageSession {
        let session = CoverageSession(databasePath: db, access: access, progress: nil, notice: { note($0) })
        session.language = UI.language
        return session
    }
}

/// The rule without the area grid, for `nearest` (it groups no areas, so `--cell-size` is not its option):
/// profile, minutes and kinds, checked and turned into a request exactly as `RuleOptions` does.
public struct PointRuleOptions: ParsableArguments {
    @Option(name: .long, help: help("配置名称（data/profiles 中的 default、policy 等）或配置 JSON 文件路径。", "Profile name in data/profiles (default, ...) or a path to a profile JSON file."))
    public var profile: String = "default"

    @Option(name: .long, help: help("目标出行时间（分钟，覆盖配置中的值）。", "Target travel time in minutes (overrides the profile's)."))
    public var minutes: Double?

    @Option(
        name: .long,
        help: help(
            "计入的服务类型，逗号分隔（法律咨询、法律援助、人民调解、公证、律师、司法鉴定、仲裁、法治宣传，或 consultation、legal_aid 等）。默认：全部。",
            "Service kinds that count, comma-separated (consultation, legal_aid, mediation, notary, lawyer, forensic, arbitration, publicity, or 法律援助 etc.). Default: any."))
    public var kinds: String?

    public init() {}

    /// The same options parsed as a `RuleOptions` (default cell size), which checks them.
    func rule() throws -> RuleOptions {
        let arguments = ["--profile", profile] + (minutes.map { ["--minutes", "\($0)"] } ?? []) + (kinds.map { ["--kinds", $0] } ?? [])
        return try RuleOptions.parse(arguments)
    }

    public func validate() throws {
        do {
            _ = try rule()
        } catch {
            throw ValidationError(RuleOptions.message(for: error))
        }
    }

    public var request: RuleRequest { (try? rule())?.request ?? RuleRequest(profile: profile, minutes: minutes, kinds: nil, cellSize: 500) }
}
