import Foundation
import Logging
import OperationStore
import ServiceLifecycle

/// Deletes idempotency keys whose 24 h retention is over, every `interval` (expired keys are
/// already ignored by `claim`; this only keeps the table small). Stops on graceful shutdown.
struct StoreJanitor: Service {
    let store: any IdempotencyStore
    let interval: Duration
    let clock: @Sendable () -> Date
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let purged = try await store.purgeExpiredIdempotencyKeys(now: clock())
                if purged > 0 { logger.info("expired idempotency keys purged", metadata: ["count": "\(purged)"]) }
            } catch {
                logger.warning("could not purge expired idempotency keys", metadata: ["reason": "\(error.reason)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
