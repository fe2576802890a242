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
public func buildApplication(
    configuration: GatewayConfiguration,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    logger: Logger = Logger(label: "backup-gateway"),
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

    let transport = ProviderTransport()
    var accounts: [RoutedAccount] = []
    for settings in configuration.accounts {
        guard let resolved = credentials[settings.name] else { continue }
        let driver = DriverFactory.driver(
            for: settings, credentials: resolved, transport: transport, redactor: redactor, logger: logger
        )
        accounts.append(RoutedAccount(settings: settings, driver: driver))
    }

    let webhookSecret = try configuration.webhooks?.resolveSecret(environment: environment)
    let verifier: TokenVerifier? = try configuration.auth.flatMap { auth in
        auth.disabled ? nil : try TokenVerifier(settings: auth, environment: environment)
    }

    let store: any GatewayStore
    switch configuration.store.location {
    case let .sqlite(path): store = try SQLiteOperationStore(path: path)
    case .memory: store = try SQLiteOperationStore()
    }

    let directory = AccountDirectory(accounts: accounts)
    let service = GatewayService(
        directory: directory, store: store, refreshInterval: configuration.operations.refreshInterval,
        webhooksEnabled: webhookSecret != nil, clock: clock, logger: logger
    )
    let providerInfos = ProviderListing.make(accounts: accounts)
    let api = GatewayAPI(
        service: service,
        providers: { providerInfos },
        openAPIDocument: { OpenAPIDocument.text },
        isReady: { ["store": await store.ping() ? "ok" : "unreachable"] }
    )

    // Outermost first: CORS (preflights answered before authentication; problems carry the
    // CORS headers too), request id + problems + access log, audit (sees refusals of authenticated callers), authentication,
    // idempotency keys (per authenticated caller), then the generated handlers.
    let router = Router(context: GatewayRequestContext.self)
    if !configuration.server.corsOrigins.isEmpty {
        router.add(middleware: CORSPolicyMiddleware(allowedOrigins: Set(configuration.server.corsOrigins)))
    }
    router.add(middleware: GatewayMiddleware(logger: logger))
    router.add(middleware: AuditMiddleware(log: store, clock: clock, logger: logger))
    router.add(middleware: AuthenticationMiddleware(verifier: verifier, probes: configuration.auth?.probes ?? .privateNetwork))
    router.add(middleware: IdempotencyMiddleware(
        store: store, clock: clock, lease: .seconds(300), retention: .seconds(24 * 3600), logger: logger
    ))
    try api.registerHandlers(
        on: router, configuration: Configuration(jsonEncodingOptions: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    )

    let cleanup = CleanupService {
        try? await transport.shutdown()
        await sandbox?.stop()
    }
    var services: [any Service] = [
        cleanup,
        BackgroundReconciler(store: store, refresher: service.refresher, interval: configuration.operations.refreshInterval, logger: logger),
        StoreJanitor(store: store, interval: .seconds(3600), clock: clock, logger: logger),
    ]
    if let webhooks = configuration.webhooks {
        services.append(WebhookDispatcher(store: store, settings: webhooks, secret: webhookSecret, logger: logger, clock: clock))
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
