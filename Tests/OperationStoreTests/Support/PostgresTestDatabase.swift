import Foundation
import Logging
import OperationStore
import PostgresNIO

/// The PostgreSQL server the tests use: `GATEWAY_TEST_POSTGRES_URL`
/// (`postgres://USER@HOST:PORT/DATABASE`, e.g. from `scripts/test-postgres start`) and, if the
/// server wants one, `GATEWAY_TEST_POSTGRES_PASSWORD`. Without the URL the PostgreSQL cases
/// are not run (`StoreKind.allCases`), which fails a test on CI (`PostgresCoverageTests`).
enum PostgresTestDatabase {
    static let urlVariable = "GATEWAY_TEST_POSTGRES_URL"
    static let passwordVariable = "GATEWAY_TEST_POSTGRES_PASSWORD"

    static var url: String? { ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 } }

    /// The server's settings (schema `public`), nil when the URL is not set or malformed.
    static let configuration: PostgresStoreConfiguration? = url.flatMap { parse($0) }

    static var isConfigured: Bool { configuration != nil }

    /// Nothing from the tests' stores reaches the test output.
    static let quietLogger = Logger(label: "store-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    static func parse(_ url: String) -> PostgresStoreConfiguration? {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme),
              let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty, components.password == nil
        else { return nil }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { return nil }
        let password = ProcessInfo.processInfo.environment[passwordVariable].flatMap { $0.isEmpty ? nil : $0 }
        return PostgresStoreConfiguration(
            host: host, port: components.port ?? 5432, user: user.removingPercentEncoding ?? user, password: password,
            database: database.removingPercentEncoding ?? database, schema: "public", tls: .disable, poolSize: 4,
            connectTimeout: .seconds(10), acquireTimeout: .seconds(60)
        )
    }

    static func requiredConfiguration() throws -> PostgresStoreConfiguration {
        guard let configuration else { throw NotConfigured() }
        return configuration
    }

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "\(PostgresTestDatabase.urlVariable) is not set (or not postgres://USER@HOST:PORT/DATABASE)" }
    }

    /// A new schema name: `t_` and 16 random hex digits.
    static func makeSchemaName() -> String {
        "t_" + String(format: "%016llx", UInt64.random(in: .min ... .max))
    }

    /// Fresh schemas in use at once (each with up to two pools of `poolSize` connections).
    static let slots = TestSlots(limit: 12)

    /// Runs `body` with the settings of a fresh, not yet created schema, dropped afterwards
    /// (waiting for one of the `slots`).
    static func withFreshSchema<T>(_ body: (PostgresStoreConfiguration) async throws -> T) async throws -> T {
        await slots.acquire()
        do {
            let result = try await withUnslottedFreshSchema(body)
            await slots.release()
            return result
        } catch {
            await slots.release()
            throw error
        }
    }

    private static func withUnslottedFreshSchema<T>(_ body: (PostgresStoreConfiguration) async throws -> T) async throws -> T {
        var configuration = try requiredConfiguration()
        configuration.schema = makeSchemaName()
        let result: T
        do {
            result = try await body(configuration)
        } catch {
            try? await dropSchema(configuration.schema)
            throw error
        }
        try await dropSchema(configuration.schema)
        return result
    }

    static func dropSchema(_ schema: String) async throws {
        try await execute("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
    }

    /// Runs `sql` statements on a connection of their own (`database`: another database of the
    /// same server), returning the rows of the last one.
    @discardableResult
    static func execute(_ statements: String..., database: String? = nil) async throws -> [PostgresRow] {
        try await execute(statements, database: database)
    }

    @discardableResult
    static func execute(_ statements: [String], database: String? = nil) async throws -> [PostgresRow] {
        let settings = try requiredConfiguration()
        let connection = try await PostgresConnection.connect(
            configuration: PostgresConnection.Configuration(
                host: settings.host, port: settings.port, username: settings.user, password: settings.password,
                database: database ?? settings.database, tls: .disable
            ),
            id: 1, logger: quietLogger
        )
        do {
            var rows: [PostgresRow] = []
            for statement in statements {
                rows = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: quietLogger).collect()
            }
            try await connection.close()
            return rows
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// A store on `configuration`, logging nothing.
    static func store(_ configuration: PostgresStoreConfiguration) -> PostgresOperationStore {
        PostgresOperationStore(configuration: configuration, logger: quietLogger)
    }

    /// Runs the stores' connection pools while `body` runs.
    static func withRunning<T>(_ stores: [PostgresOperationStore], _ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores {
                group.addTask { await store.run() }
            }
            do {
                let result = try await body()
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    /// A fresh schema, migrated, with two running stores on it (two replicas).
    static func withStores<T>(_ body: (PostgresOperationStore, PostgresOperationStore) async throws -> T) async throws -> T {
        try await withFreshSchema { configuration in
            let store = self.store(configuration)
            let replica = self.store(configuration)
            try await store.migrate()
            return try await withRunning([store, replica]) { try await body(store, replica) }
        }
    }
}
