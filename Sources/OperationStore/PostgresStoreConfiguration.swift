import Foundation
import PostgresNIO

/// Where and how `PostgresOperationStore` connects. Its `description` never shows the password.
public struct PostgresStoreConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS (libpq's `sslmode` names).
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without verifying its certificate.
        case prefer
        /// TLS or no connection, without verifying the certificate.
        case require
        /// TLS, the certificate verified against the system trust store and the host name.
        case verifyFull
    }

    public var host: String
    public var port: Int
    public var user: String
    /// nil: no password (trust or certificate authentication).
    public var password: String?
    public var database: String
    /// The schema holding the gateway's tables; created by `migrate()` when missing. Every
    /// connection of the store has it as its `search_path`.
    public var schema: String
    public var tls: TLSMode
    /// The most connections this store opens (per process).
    public var poolSize: Int
    /// How long opening one connection (TCP, TLS, authentication) may take.
    public var connectTimeout: Duration
    /// How long a store call waits for a pooled connection (the server unreachable, every
    /// connection busy) before it fails with `internal` / `STORE_UNAVAILABLE`. A statement
    /// already sent is not interrupted.
    public var acquireTimeout: Duration

    public init(
        host: String, port: Int = 5432, user: String, password: String? = nil, database: String,
        schema: String = "public", tls: TLSMode = .prefer, poolSize: Int = 10,
        connectTimeout: Duration = .seconds(5), acquireTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.schema = schema
        self.tls = tls
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.acquireTimeout = acquireTimeout
    }

    /// `postgres://USER@HOST:PORT/DATABASE (schema …, tls …, pool …)`: never the password.
    public var description: String {
        "postgres://\(user)@\(hostForURL):\(port)/\(database) (schema \(schema), tls \(tls.rawValue), pool \(poolSize))"
    }

    /// `HOST:PORT` for messages (IPv6 addresses in brackets).
    var endpoint: String { "\(hostForURL):\(port)" }

    private var hostForURL: String { host.contains(":") ? "[\(host)]" : host }

    /// `schema` as a quoted SQL identifier.
    var quotedSchema: String { Self.quoteIdentifier(schema) }

    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The TLS settings of the modes that do not verify the server (prefer, require).
    private static var unverifiedTLS: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }

    /// The NIOSSL configuration of `tls`, nil for `disable`.
    var tlsConfiguration: TLSConfiguration? {
        switch tls {
        case .disable: nil
        case .prefer, .require: Self.unverifiedTLS
        case .verifyFull: TLSConfiguration.makeClientConfiguration()
        }
    }

    /// The pool's configuration: `search_path` set to the schema on every connection.
    var clientConfiguration: PostgresClient.Configuration {
        let clientTLS: PostgresClient.Configuration.TLS = switch (tls, tlsConfiguration) {
        case (.prefer, let configuration?): .prefer(configuration)
        case (.require, let configuration?), (.verifyFull, let configuration?): .require(configuration)
        default: .disable
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: clientTLS
        )
        configuration.options.connectTimeout = connectTimeout
        configuration.options.maximumConnections = max(1, poolSize)
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// A single connection's configuration (migrations), with the same settings as the pool.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let connectionTLS: PostgresConnection.Configuration.TLS = switch (tls, tlsConfiguration) {
        case (.prefer, let configuration?): .prefer(try NIOSSLContext(configuration: configuration))
        case (.require, let configuration?), (.verifyFull, let configuration?): .require(try NIOSSLContext(configuration: configuration))
        default: .disable
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: connectionTLS
        )
        let (seconds, attoseconds) = connectTimeout.components
        configuration.options.connectTimeout = .nanoseconds(max(1, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    private var startupParameters: [(String, String)] {
        [("search_path", quotedSchema), ("application_name", "redis-backup-gateway")]
    }
}
