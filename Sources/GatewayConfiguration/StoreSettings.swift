import Foundation

/// Where the operation store keeps its data.
public enum StoreLocation: Sendable, Hashable {
    /// An SQLite database file (relative paths are relative to the working directory).
    case sqlite(path: String)
    /// An in-memory SQLite database, lost at exit (`sqlite::memory:`).
    case memory
    /// A PostgreSQL server (`postgres://USER@HOST[:PORT]/DATABASE`).
    case postgres(PostgresAddress)
}

/// The parts of a `postgres://` store URL. The URL never carries a password (see
/// `StoreSettings.password`).
public struct PostgresAddress: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String

    public init(host: String, port: Int = 5432, user: String, database: String) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
    }

    /// Parses `postgres://USER@HOST[:PORT]/DATABASE` (or `postgresql://`); nil with the reason
    /// in `problem` when the text is not of that shape.
    static func parse(_ url: String) -> Result<PostgresAddress, PostgresURLProblem> {
        guard let scheme = ["postgres://", "postgresql://"].first(where: url.hasPrefix) else { return .failure(.notPostgres) }
        let rest = url.dropFirst(scheme.count)
        guard !rest.contains("?"), !rest.contains("#") else { return .failure(.query) }
        guard let slash = rest.firstIndex(of: "/") else { return .failure(.shape) }
        let authority = rest[..<slash]
        let database = String(rest[rest.index(after: slash)...])
        guard let at = authority.lastIndex(of: "@") else { return .failure(.shape) }
        let userInfo = authority[..<at]
        guard !userInfo.contains(":") else { return .failure(.password) }
        let hostPort = authority[authority.index(after: at)...]
        var host = String(hostPort)
        var port = 5432
        if let colon = hostPort.lastIndex(of: ":"), !hostPort.hasSuffix("]") {
            host = String(hostPort[..<colon])
            guard let value = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(value) else { return .failure(.port) }
            port = value
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let user = String(userInfo).removingPercentEncodingIfPossible
        guard !user.isEmpty, !host.isEmpty, !database.isEmpty, !database.contains("/") else { return .failure(.shape) }
        return .success(PostgresAddress(host: host, port: port, user: user, database: database.removingPercentEncodingIfPossible))
    }
}

/// Why a `postgres://` URL was refused.
enum PostgresURLProblem: Error {
    case notPostgres, shape, password, port, query

    var message: String {
        switch self {
        case .notPostgres: "not a postgres:// URL"
        case .shape: "expected postgres://USER@HOST[:PORT]/DATABASE"
        case .password: "the URL must not contain a password: give it with passwordEnv or passwordFile"
        case .port: "the port must be a number between 1 and 65535"
        case .query: "query parameters are not read; use the store keys tls, schema and poolSize"
        }
    }
}

/// How the PostgreSQL connection uses TLS (libpq's `sslmode` names).
public enum PostgresTLSMode: String, Sendable, Hashable, CaseIterable {
    /// Plain TCP.
    case disable
    /// TLS when the server offers it, without verifying its certificate.
    case prefer
    /// TLS or no connection, without verifying the certificate.
    case require
    /// TLS, the certificate verified against the system trust store and the host name.
    case verifyFull = "verify-full"
}

/// `store:` section.
public struct StoreSettings: Sendable, Hashable {
    /// `sqlite://PATH`, `sqlite::memory:` or `postgres://USER@HOST[:PORT]/DATABASE`.
    /// Default `sqlite://./data/gateway.sqlite`.
    public var url: String
    /// PostgreSQL only: the password by reference (`passwordEnv` / `passwordFile`).
    public var password: SecretSource?
    /// PostgreSQL only: TLS mode, default `prefer`.
    public var tls: PostgresTLSMode
    /// PostgreSQL only: the schema the gateway's tables live in (created if missing), default `public`.
    public var schema: String
    /// PostgreSQL only: connections per gateway process, 1...100, default 10.
    public var poolSize: Int

    public static let defaultURL = "sqlite://./data/gateway.sqlite"
    public static let poolSizeRange: ClosedRange<Int> = 1...100
    static let memoryURL = "sqlite::memory:"
    static let sqlitePrefix = "sqlite://"
    /// The keys that only make sense with a `postgres://` URL.
    static let postgresOnlyKeys = ["passwordEnv", "passwordFile", "tls", "schema", "poolSize"]

    public init(
        url: String = StoreSettings.defaultURL, password: SecretSource? = nil, tls: PostgresTLSMode = .prefer,
        schema: String = "public", poolSize: Int = 10
    ) {
        self.url = url
        self.password = password
        self.tls = tls
        self.schema = schema
        self.poolSize = poolSize
    }

    /// Whether `url` names a PostgreSQL server.
    public var isPostgres: Bool {
        url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    /// The location `url` names. The loader only accepts the forms above; any other text
    /// (possible only when built in code) is taken as a file path.
    public var location: StoreLocation {
        if url == Self.memoryURL { return .memory }
        if case .success(let address) = PostgresAddress.parse(url) { return .postgres(address) }
        if url.hasPrefix(Self.sqlitePrefix) { return .sqlite(path: String(url.dropFirst(Self.sqlitePrefix.count))) }
        return .sqlite(path: url)
    }

    /// Reads the PostgreSQL password, if one is configured. A missing variable or unreadable file
    /// is an issue at `store.passwordEnv` / `store.passwordFile` naming it, never its value.
    public func resolvePassword(environment: [String: String]) throws(ConfigurationError) -> String? {
        guard let password else { return nil }
        return try password.resolve(environment: environment, path: "store.password\(password.keySuffix)")
    }
}

extension String {
    fileprivate var removingPercentEncodingIfPossible: String {
        removingPercentEncoding ?? self
    }
}
