import LegalCircle

/// What `legalcircle serve` is given, as plain values (tests build the application from these too).
public struct ServerConfiguration: Sendable {
    /// The working database, opened read-only.
    public var databasePath: String
    public var host: String
    public var port: Int
    /// A file holding the bearer token of the write endpoints; nil: the service is read-only.
    public var tokenFile: String?
    /// The language of the pages when the request does not ask (`?lang=`).
    public var language: Language
    /// Uploads larger than this are refused with 413.
    public var maximumUploadBytes = 64 << 20

    public init(databasePath: String, host: String = "127.0.0.1", port: Int = 8080, tokenFile: String? = nil, language: Language = .zh) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.tokenFile = tokenFile
        self.language = language
    }
}

/// Why the service cannot start; the message says what to do.
public struct ServerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
