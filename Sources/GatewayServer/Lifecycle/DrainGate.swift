import Logging
import ServiceLifecycle

/// The first step of a graceful shutdown: marks the gateway as draining (`/readyz` → 503) and
/// waits `delay` while requests are still served, so a Kubernetes Service or load balancer
/// removes this replica before its listener closes. `runGateway` orders it before the
/// application, so the HTTP server starts its own shutdown only once this returns.
struct DrainGate: Service {
    let state: ShutdownState
    let delay: Duration
    let logger: Logger

    func run() async {
        do {
            try await gracefulShutdown()
        } catch {
            return  // cancelled: no drain
        }
        state.beginDraining()
        logger.notice("shutting down: draining", metadata: ["drainDelay": "\(delay)"])
        try? await Task.sleep(for: delay)
        logger.notice("closing the listener; in-flight requests may finish")
    }
}
