import Foundation
import GatewayCore

/// The POST announcing an operation's end, at most one per operation, retried with backoff.
public struct WebhookDelivery: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        case pending, delivered, abandoned
    }

    public var operationId: String
    public var url: String
    /// Attempts made so far.
    public var attempts: Int
    /// When a pending delivery may be tried (again); while a dispatcher holds it, the end of its lease.
    public var nextAttemptAt: Date
    public var state: State
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?

    public init(
        operationId: String, url: String, attempts: Int = 0, nextAttemptAt: Date, state: State = .pending,
        lastError: String? = nil, createdAt: Date, deliveredAt: Date? = nil
    ) {
        self.operationId = operationId
        self.url = url
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.state = state
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}

/// The webhook outbox (transactional-outbox pattern). `delivered` and `abandoned` are final: the
/// mark/reschedule/abandon calls change pending deliveries only and ignore the others (and
/// unknown ids). Failures are `internal` / `STORE_UNAVAILABLE`.
public protocol WebhookOutbox: Sendable {
    /// Queues the delivery of `operationId`'s end to `url`, due at `now`. Idempotent per
    /// operation: a second enqueue changes nothing.
    func enqueueWebhook(operationId: String, url: String, now: Date) async throws(GatewayError)

    /// Up to `limit` pending deliveries with `nextAttemptAt <= now`, oldest `nextAttemptAt` first,
    /// claimed atomically by moving their `nextAttemptAt` to `now + lease` (as returned), so two
    /// dispatchers never get the same delivery while the lease runs.
    func dueWebhooks(now: Date, limit: Int, lease: Duration) async throws(GatewayError) -> [WebhookDelivery]

    /// The delivery succeeded at `at`: final, and it counts one more attempt.
    func markWebhookDelivered(operationId: String, at: Date) async throws(GatewayError)

    /// The attempt failed; try again at `nextAttemptAt`. `attempts` is the new total.
    func rescheduleWebhook(operationId: String, attempts: Int, nextAttemptAt: Date, lastError: String) async throws(GatewayError)

    /// Gives up for good. `attempts` is the new total.
    func abandonWebhook(operationId: String, attempts: Int, lastError: String) async throws(GatewayError)

    func webhookDelivery(operationId: String) async throws(GatewayError) -> WebhookDelivery?
}
