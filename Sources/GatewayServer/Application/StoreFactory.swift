import GatewayConfiguration
import GatewayCore
import Logging
import OperationStore
import ServiceLifecycle

/// A store ready for requests, and the services that must run alongside it while the
/// application runs.
struct OpenedStore: Sendable {
    var store: any GatewayStore
    /// Put them first in the application's services: services shut down in reverse order, so
    /// the store outlives everything that uses it (reconciler, janitor, webhooks, the server).
    var services: [any Service]
}

/// Opens the store that `store:` names.
///
/// - SQLite (file or memory): opened and migrated here; no service.
/// - PostgreSQL: migrated here, on a connection of its own (`PostgresOperationStore.migrate()`),
///   so a bad password or an unreachable server stops the start with `STORE_UNAVAILABLE` and
///   the schema is current before the HTTP server answers. The connection pool is not started
///   here: `PostgresStoreService` runs it as part of the application's service group, so no
///   task outlives an application that is never run (tests), and graceful shutdown closes it
///   (postgres-nio ends `PostgresClient.run()` on graceful shutdown) once the services listed
///   after it have stopped. Calls made before the pool runs wait for it.
enum StoreFactory {
    static func make(_ settings: StoreSettings, environment: [String: String], logger: Logger) async throws -> OpenedStore {
        switch settings.location {
        case let .sqlite(path):
            return OpenedStore(store: try await SQLiteOperationStore.open(path: path), services: [])
        case .memory:
            return OpenedStore(store: try SQLiteOperationStore(), services: [])
        case let .postgres(address):
            let configuration = PostgresStoreConfiguration(
                host: address.host, port: address.port, user: address.user,
                password: try settings.resolvePassword(environment: environment), database: address.database,
                schema: settings.schema, tls: tlsMode(settings.tls), poolSize: settings.poolSize
            )
            let store = PostgresOperationStore(configuration: configuration, logger: logger)
            try await store.migrate()
            logger.info("PostgreSQL store ready", metadata: ["store": "\(configuration)"])
            return OpenedStore(store: store, services: [PostgresStoreService(store: store)])
        }
    }

    /// The configuration's TLS mode as the store's (same meaning, libpq's names): `disable`
    /// plain TCP; `prefer` TLS when offered, unverified; `require` TLS, unverified;
    /// `verify-full` TLS verified against the system trust store and the host name.
    static func tlsMode(_ mode: PostgresTLSMode) -> PostgresStoreConfiguration.TLSMode {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer
        case .require: .require
        case .verifyFull: .verifyFull
        }
    }
}

/// Runs a PostgreSQL store's connection pool while the application runs; returns at graceful
/// shutdown (or cancellation), closing the pool.
struct PostgresStoreService: Service {
    let store: PostgresOperationStore

    func run() async throws {
        await store.run()
    }
}
