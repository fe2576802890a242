import Foundation
import GatewayCore
@testable import GatewayServer
import OperationStore
import Testing

/// `InstrumentedStore` forwards every call unchanged and times each into
/// `gateway_store_operation_duration_seconds{operation}`.
@Suite("Instrumented store")
struct InstrumentedStoreTests {
    @Test("calls go through to the store; each method's duration is recorded")
    func forwardsAndTimes() async throws {
        let metrics = GatewayMetrics()
        let store = InstrumentedStore(try SQLiteOperationStore(), metrics: metrics)
        let now = Date()
        var operation = sampleOperation(state: .running, callbackUrl: "https://hooks.example.com/x")
        try await store.insert(operation)
        #expect(try await store.get(operation.id)?.id == operation.id)
        #expect(try await store.unfinished(limit: 10).map(\.id) == [operation.id])
        #expect(try await store.claimRefresh(id: operation.id, now: now, freshSince: now.addingTimeInterval(1), leaseUntil: now.addingTimeInterval(5)))
        #expect(try await !store.claimRefresh(id: operation.id, now: now, freshSince: now.addingTimeInterval(1), leaseUntil: now.addingTimeInterval(5)))
        operation.state = .succeeded
        #expect(try await store.update(operation).state == .succeeded)
        #expect(try await store.list(OperationFilter(), pageSize: 10, pageToken: nil).operations.count == 1)
        #expect(await store.ping())

        #expect(try await store.claim(caller: "c", key: "k", fingerprint: "f", now: now, lease: .seconds(60), retention: .seconds(600))
            == .claimed(previousOperationId: nil))
        try await store.complete(caller: "c", key: "k", response: StoredResponse(status: 202), now: now)
        try await store.release(caller: "c", key: "k")
        #expect(try await store.purgeExpiredIdempotencyKeys(now: now.addingTimeInterval(3600)) == 1)

        try await store.append(AuditEvent(at: now, caller: "c", action: "backups.create", instanceId: "crs-test01", outcome: "accepted", httpStatus: 202, requestId: "r"))
        #expect(try await store.listAuditEvents(AuditFilter(), pageSize: 10, pageToken: nil).events.count == 1)

        try await store.enqueueWebhook(operationId: operation.id, url: "https://hooks.example.com/x", now: now)
        #expect(try await store.dueWebhooks(now: now, limit: 10, lease: .seconds(30)).count == 1)
        try await store.rescheduleWebhook(operationId: operation.id, attempts: 1, nextAttemptAt: now, lastError: "e")
        try await store.abandonWebhook(operationId: operation.id, attempts: 2, lastError: "e")
        try await store.markWebhookDelivered(operationId: operation.id, at: now)
        #expect(try await store.webhookDelivery(operationId: operation.id)?.state == .abandoned)

        let scrape = try PrometheusText(metrics.exposition())
        let operations = [
            "insert", "get", "unfinished", "claim_refresh", "update", "list", "ping", "claim", "complete", "release",
            "purge_expired_idempotency_keys", "append_audit_event", "list_audit_events", "enqueue_webhook", "due_webhooks",
            "reschedule_webhook", "abandon_webhook", "mark_webhook_delivered", "webhook_delivery",
        ]
        for name in operations {
            #expect(scrape.total("gateway_store_operation_duration_seconds_count", ["operation": name]) >= 1, "\(name)")
            #expect(scrape.total("gateway_store_operation_duration_seconds_sum", ["operation": name]) > 0, "\(name)")
        }
        #expect(scrape.total("gateway_store_operation_duration_seconds_count", ["operation": "claim_refresh"]) == 2)
    }

    @Test("a store failure still reaches the caller unchanged, and is timed")
    func failuresPassThrough() async throws {
        let metrics = GatewayMetrics()
        let store = InstrumentedStore(try SQLiteOperationStore(), metrics: metrics)
        await #expect(throws: GatewayError.self) {
            try await store.list(OperationFilter(), pageSize: 10, pageToken: "not-a-token")
        }
        let scrape = try PrometheusText(metrics.exposition())
        #expect(scrape.total("gateway_store_operation_duration_seconds_count", ["operation": "list"]) == 1)
    }
}
