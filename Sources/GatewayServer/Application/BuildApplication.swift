import Foundation
import GatewayConfiguration
import GatewayCore
import Hummingbird
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
import OperationStore
import Providers
import ServiceLifecycle

/// Builds the gateway — store, drivers, sandbox simulators, routes and middleware — from a
/// validated configuration. Shared by `backup-gateway serve` and the end-to-end tests.
///
/// - Parameters:
///   - environment: where `…Env` credential references are read.
///   - clock: the gateway's notion of now (operations, deadlines).
///   - shutdown: set while draining (`runGateway`); `/readyz` answers 503 then.
///   - secrets: receives every secret value the configuration resolves to, so that the log
///     handlers sharing it mask them (`LogRedaction`).
///   - metrics: the registry `GET /metrics` serves (one per application).
///   - additionalServices: run before the gateway's own services and stopped after them (e.g.
///     the span exporter of `GatewayTracing`).
public func buildApplication(
    configuration: GatewayConfiguration,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    logger: Logger = Logger(label: "backup-gateway"),
    shutdown: ShutdownState = ShutdownState(),
    secrets: SecretRegistry = SecretRegistry(),
    metrics: GatewayMetrics = GatewayMetrics(),
    additionalServices: [any Service] = [],
    clock: @escaping @Sendable () -> Date = { Date() }
) async throws -> some ApplicationProtocol {
    var configuration = configuration
    var environment = environment
    let sandbox: Sandbox? = configuration.sandbox ? try await Sandbox.start(logger: logger) : nil
    if let sandbox {
        configuration.accounts += sandbox.accounts
        environment.merge(sandbox.environment) { _, sandboxValue in sandboxValue }
    }

    let issues = ConfigurationLoader.validateSecrets(configuration, environment: environment)
    guard issues.isEmpty else {
        await sandbox?.stop()
        throw ConfigurationError(issues: issues)
    }
    var credentials: [String: ResolvedCredentials] = [:]
    for account in configuration.accounts {
        credentials[account.name] = try account.resolveCredentials(environment: environment)
    }
    let redactor = Redactor(knownSecrets: credentials.values.flatMap { [$0.secret, $0.accessKeyId] + ($0.token.map { [$0] } ?? []) })
    secrets.register(KnownSecrets.collect(configuration, environment: environment, credentials: credentials.values))

    let transport = ProviderTransport()
    var accounts: [RoutedAccount] = []
    for settings in configuration.accounts {
        guard let resolved = credentials[settings.name] else { continue }
        let driver = DriverFactory.driver(
            for: settings, credentials: resolved, transport: transport, redactor: redactor, logger: logger,
            observer: ProviderCallMetrics(metrics: metrics)
        )
        accounts.append(RoutedAccount(settings: settings, driver: driver))
    }

    let webhookSecret = try configuration.webhooks?.resolveSecret(environment: environment)
    let verifier: TokenVerifier? = try configuration.auth.flatMap { auth in
        auth.disabled ? nil : try TokenVerifier(settings: auth, environment: environment)
    }

    // Migrated before the server answers; its services (the PostgreSQL pool) go first in
    // `services` so that they shut down last. A store that cannot be opened (PostgreSQL down,
    // a wrong password) ends the start cleanly: what was started so far is stopped.
    let openedStore: OpenedStore
    do {
        openedStore = try await StoreFactory.make(configuration.store, environment: environment, logger: logger)
    } catch {
        try? await transport.shutdown()
        await sandbox?.stop()
        throw error
    }
    let store = openedStore.store
    // Every store call is timed and traced (`gateway_store_operation_duration_seconds`, `store.*` spans).
    let observedStore: any GatewayStore = InstrumentedStore(store, metrics: metrics)

    let directory = AccountDirectory(accounts: accounts)
    let service = GatewayService(
        directory: directory, store: observedStore, refreshInterval: configuration.operations.refreshInterval,
        webhooksEnabled: webhookSecret != nil, clock: clock, logger: logger, metrics: metrics
    )
    let providerInfos = ProviderListing.make(accounts: accounts)
    let api = GatewayAPI(
        service: service,
        providers: { providerInfos },
        openAPIDocument: { OpenAPIDocument.text },
        isReady: {
            if shutdown.isDraining { return ["shutdown": "draining"] }
            return ["store": await store.ping() ? "ok" : "unreachable"]
        },
        metrics: { metrics.exposition() }
    )

    // Outermost first: the request's span (with `tracing.enabled`; continues a W3C `traceparent`),
    // HTTP metrics (see final statuses), CORS (preflights answered before authentication;
    // problems carry the CORS headers too), request id + problems + access log, audit (sees
    // refusals of authenticated callers), authentication, idempotency keys (per authenticated
    // caller), then the generated handlers.
    let router = Router(context: GatewayRequestContext.self)
    if configuration.tracing.enabled {
        router.add(middleware: TracingMiddleware())
    }
    router.add(middleware: HTTPMetricsMiddleware(metrics: metrics))
    if !configuration.server.corsOrigins.isEmpty {
        router.add(middleware: CORSPolicyMiddleware(allowedOrigins: Set(configuration.server.corsOrigins)))
    }
    router.add(middleware: GatewayMiddleware(logger: logger))
    router.add(middleware: AuditMiddleware(log: observedStore, clock: clock, logger: logger))
    router.add(middleware: AuthenticationMiddleware(verifier: verifier, probes: configuration.auth?.probes ?? .privateNetwork))
    router.add(middleware: IdempotencyMiddleware(
        store: observedStore, clock: clock, lease: .seconds(300), retention: .seconds(24 * 3600), logger: logger
    ))
    try api.registerHandlers(
        on: router,
        configuration: Configuration(
            dateTranscoder: RFC3339DateTranscoder(), jsonEncodingOptions: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        )
    )

    let cleanup = CleanupService {
        try? await transport.shutdown()
        await sandbox?.stop()
    }
    var services: [any Service] = additionalServices + openedStore.services + [
        cleanup,
        BackgroundReconciler(
            store: observedStore, refresher: service.refresher, interval: configuration.operations.refreshInterval, logger: logger,
            metrics: metrics
        ),
        StoreJanitor(store: observedStore, interval: .seconds(3600), clock: clock, logger: logger),
    ]
    if let webhooks = configuration.webhooks {
        services.append(WebhookDispatcher(store: observedStore, settings: webhooks, secret: webhookSecret, logger: logger, clock: clock))
    }
    let accountNames = accounts.map(\.settings.name).joined(separator: ",")
    let host = configuration.server.host
    let port = configuration.server.port
    return Application(
        router: router,
        configuration: .init(address: .hostname(host, port: port), serverName: nil),
        services: services,
        onServerRunning: { channel in
            logger.notice("backup-gateway listening", metadata: [
                "address": "\(channel.localAddress?.description ?? "\(host):\(port)")",
                "accounts": "\(accountNames)",
            ])
        },
        logger: logger
    )
}

/// Releases what the application holds (HTTP client, simulators) once shutdown begins.
struct CleanupService: Service {
    let cleanup: @Sendable () async -> Void

    func run() async throws {
        try? await gracefulShutdown()
        await cleanup()
    }
}

/// `GET /providers`: the kinds this build speaks, their capabilities and configured accounts.
enum ProviderListing {
    static func make(accounts: [RoutedAccount]) -> [Components.Schemas.ProviderInfo] {
        DriverFactory.available.keys.sorted { $0.rawValue < $1.rawValue }.map { kind in
            Components.Schemas.ProviderInfo(
                kind: APIConversions.providerKind(kind),
                displayName: kind.displayName,
                api: kind.apiDescription,
                signing: kind.signingSchemes,
                capabilities: APIConversions.capabilities(DriverFactory.available[kind]!),
                accounts: accounts.filter { $0.settings.provider == kind }.map(\.settings.name)
            )
        }
    }
}
