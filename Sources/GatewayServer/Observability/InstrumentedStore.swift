import Foundation
import GatewayCore
import OperationStore
import ServiceContextModule
import Tracing

/// Wraps the gateway's store: every call is forwarded unchanged, timed into
/// `gateway_store_operation_duration_seconds{operation}` and, inside a traced request, traced
/// as a `store.<operation>` child span (kind client). Background polling (reconciler, janitor,
/// webhook dispatcher) opens no root spans of its own. `buildApplication` wraps whatever store
/// the configuration selects.
struct InstrumentedStore: GatewayStore {
    let base: any GatewayStore
    let metrics: GatewayMetrics

    init(_ base: any GatewayStore, metrics: GatewayMetrics) {
        self.base = base
        self.metrics = metrics
    }

    /// Runs one store call inside its span and records its duration.
    private func measure<T>(_ operation: String, _ body: () async throws(GatewayError) -> T) async throws(GatewayError) -> T {
        let span = ServiceContext.current.map { startSpan("store.\(operation)", context: $0, ofKind: .client) }
        span?.attributes["db.operation.name"] = operation
        let started = ContinuousClock.now
        defer {
            metrics.storeCall(operation, duration: started.duration(to: .now))
            span?.end()
        }
        do {
            return try await body()
        } catch {
            span?.attributes["error.type"] = error.code.rawValue
            span?.setStatus(SpanStatus(code: .error, message: error.reason))
            throw error
        }
    }

    // MARK: OperationStore

    func insert(_ operation: OperationRecord, idempotencyKey: IdempotencyKeyRef?) async throws(GatewayError) {
        try await measure("insert") { () async throws(GatewayError) in try await base.insert(operation, idempotencyKey: idempotencyKey) }
    }

    func update(_ operation: OperationRecord) async throws(GatewayError) -> OperationRecord {
        try await measure("update") { () async throws(GatewayError) in try await base.update(operation) }
    }

    func get(_ id: String) async throws(GatewayError) -> OperationRecord? {
        try await measure("get") { () async throws(GatewayError) in try await base.get(id) }
    }

    func list(_ filter: OperationFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> OperationPage {
        try await measure("list") { () async throws(GatewayError) in try await base.list(filter, pageSize: pageSize, pageToken: pageToken) }
    }

    func unfinished(limit: Int) async throws(GatewayError) -> [OperationRecord] {
        try await measure("unfinished") { () async throws(GatewayError) in try await base.unfinished(limit: limit) }
    }

    func claimRefresh(id: String, now: Date, freshSince: Date, leaseUntil: Date) async throws(GatewayError) -> Bool {
        try await measure("claim_refresh") { () async throws(GatewayError) in
            try await base.claimRefresh(id: id, now: now, freshSince: freshSince, leaseUntil: leaseUntil)
        }
    }

    func ping() async -> Bool {
        // `ping` cannot fail; `measure` only needs a typed-throws body.
        (try? await measure("ping") { () async throws(GatewayError) in await base.ping() }) ?? false
    }

    // MARK: IdempotencyStore

    func claim(
        caller: String, key: String, fingerprint: String, now: Date, lease: Duration, retention: Duration
    ) async throws(GatewayError) -> IdempotencyClaim {
        try await measure("claim") { () async throws(GatewayError) in
            try await base.claim(caller: caller, key: key, fingerprint: fingerprint, now: now, lease: lease, retention: retention)
        }
    }

    func complete(caller: String, key: String, response: StoredResponse, now: Date) async throws(GatewayError) {
        try await measure("complete") { () async throws(GatewayError) in try await base.complete(caller: caller, key: key, response: response, now: now) }
    }

    func release(caller: String, key: String) async throws(GatewayError) {
        try await measure("release") { () async throws(GatewayError) in try await base.release(caller: caller, key: key) }
    }

    func purgeExpiredIdempotencyKeys(now: Date) async throws(GatewayError) -> Int {
        try await measure("purge_expired_idempotency_keys") { () async throws(GatewayError) in try await base.purgeExpiredIdempotencyKeys(now: now) }
    }

    // MARK: AuditLog

    func append(_ event: AuditEvent) async throws(GatewayError) {
        try await measure("append_audit_event") { () async throws(GatewayError) in try await base.append(event) }
    }

    func listAuditEvents(_ filter: AuditFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> AuditPage {
        try await measure("list_audit_events") { () async throws(GatewayError) in
            try await base.listAuditEvents(filter, pageSize: pageSize, pageToken: pageToken)
        }
    }

    // MARK: WebhookOutbox

    func enqueueWebhook(operationId: String, url: String, now: Date) async throws(GatewayError) {
        try await measure("enqueue_webhook") { () async throws(GatewayError) in try await base.enqueueWebhook(operationId: operationId, url: url, now: now) }
    }

    func dueWebhooks(now: Date, limit: Int, lease: Duration) async throws(GatewayError) -> [WebhookDelivery] {
        try await measure("due_webhooks") { () async throws(GatewayError) in try await base.dueWebhooks(now: now, limit: limit, lease: lease) }
    }

    func markWebhookDelivered(operationId: String, at: Date) async throws(GatewayError) {
        try await measure("mark_webhook_delivered") { () async throws(GatewayError) in try await base.markWebhookDelivered(operationId: operationId, at: at) }
    }

    func rescheduleWebhook(operationId: String, attempts: Int, nextAttemptAt: Date, lastError: String) async throws(GatewayError) {
        try await measure("reschedule_webhook") { () async throws(GatewayError) in
            try await base.rescheduleWebhook(operationId: operationId, attempts: attempts, nextAttemptAt: nextAttemptAt, lastError: lastError)
        }
    }

    func abandonWebhook(operationId: String, attempts: Int, lastError: String) async throws(GatewayError) {
        try await measure("abandon_webhook") { () async throws(GatewayError) in
            try await base.abandonWebhook(operationId: operationId, attempts: attempts, lastError: lastError)
        }
    }

    func webhookDelivery(operationId: String) async throws(GatewayError) -> WebhookDelivery? {
        try await measure("webhook_delivery") { () async throws(GatewayError) in try await base.webhookDelivery(operationId: operationId) }
    }
}
