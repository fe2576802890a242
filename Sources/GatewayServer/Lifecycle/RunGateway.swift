import GatewayConfiguration
import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the application until SIGTERM or SIGINT, then shuts down in order:
/// 1. `/readyz` answers 503 for `server.drainDelay` while requests are still served;
/// 2. the listener closes and in-flight requests finish (HTTP keep-alive connections are
///    closed once idle);
/// 3. background services stop (webhooks, reconciler, janitor), then the HTTP client, the
///    simulators and the store.
/// Whatever still runs after `drainDelay + gracePeriod` is cancelled.
public func runGateway(
    _ app: some ApplicationProtocol, shutdown: ShutdownState, server: ServerSettings, logger: Logger
) async throws {
    var configuration = ServiceGroupConfiguration(
        services: [
            // Shut down in reverse order: the gate first, then the application.
            .init(service: app),
            .init(service: DrainGate(state: shutdown, delay: server.drainDelay, logger: logger)),
        ],
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger
    )
    configuration.maximumGracefulShutdownDuration = server.drainDelay + server.gracePeriod
    configuration.maximumCancellationDuration = .seconds(5)
    try await ServiceGroup(configuration: configuration).run()
}
