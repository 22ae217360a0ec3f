import ArgumentParser
import LegalCircle
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

/// The rule without the area grid: profile, minutes and kinds. `nearest` takes it alone (it groups no
/// areas, so `--cell-size` is not its option); `RuleOptions` adds the grid to it.
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

    public func validate() throws {
        if let minutes, let problem = InputBounds.problem(minutes, in: InputBounds.minutes, what: "--minutes") {
            throw ValidationError(problem)
        }
        if profile.contains("/") || profile.hasSuffix(".json") { OutputGuard.protect(input: profile, option: "--profile") }
        _ = try serviceKinds()
    }

    func serviceKinds() throws -> ServiceKinds {
        guard let kinds else { return .all }
        guard let parsed = DomainVocabulary.kindList(kinds) else {
            throw ValidationError(
                tr("--kinds \"\(kinds)\"：服务类型必须是 ", "--kinds \"\(kinds)\": each kind must be one of ")
                    + DomainVocabulary.accepted(DomainVocabulary.kinds))
        }
        return parsed
    }

    /// The rule as plain values for the session, with areas of `cellSize` metres.
    func request(cellSize: Double) -> RuleRequest {
        RuleRequest(profile: profile, minutes: minutes, kinds: kinds == nil ? nil : try? serviceKinds(), cellSize: cellSize)
    }

    /// The rule for `nearest`, with the default grid (it groups no areas).
    public var request: RuleRequest { request(cellSize: 500) }
}
