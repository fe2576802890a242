import Foundation
import GatewayConfiguration
import GatewayCore
@testable import GatewayServer
import Logging
import OperationStore
import Synchronization
import Testing

/// `WebhookDispatcher` against a real in-memory SQLite store and a Hummingbird receiver on
/// loopback.
@Suite("Webhook delivery")
struct WebhookDispatcherTests {
    static let secret = "whsec_dispatcher-test-5f4e3d2c1b0a"
    static let fastRetries = WebhookBackoff(base: .milliseconds(10), cap: .milliseconds(40), jitter: 0)

    static func dispatcher(
        _ store: any GatewayStore, maxAttempts: Int = 8, timeout: Duration = .seconds(5), logs: LogCapture = LogCapture()
    ) -> WebhookDispatcher {
        WebhookDispatcher(
            store: store, settings: WebhookSettings(secret: .environment("UNUSED"), timeout: timeout, maxAttempts: maxAttempts),
            secret: secret, logger: logs.logger(), pollInterval: .milliseconds(20), backoff: fastRetries
        )
    }

    /// Stores `operation` and queues its webhook.
    static func enqueue(_ operation: OperationRecord, in store: SQLiteOperationStore) async throws {
        try await store.insert(operation)
        try await store.enqueueWebhook(operationId: operation.id, url: try #require(operation.callbackUrl), now: Date())
    }

    @Test("a finished operation is delivered once, signed, with the Operation as GET renders it")
    func deliveredOnce() async throws {
        let store = try SQLiteOperationStore()
        let receiver = WebhookReceiver()
        try await receiver.run { base in
            let operation = sampleOperation(state: .failed, callbackUrl: base + "/hook?token=abc")
            try await Self.enqueue(operation, in: store)
            try await whileRunning([Self.dispatcher(store)]) {
                let delivered = try await eventually { try await store.webhookDelivery(operationId: operation.id)?.state == .delivered }
                #expect(delivered)
            }
            let requests = receiver.requests
            try #require(requests.count == 1)
            let request = requests[0]
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.headers["user-agent"] == "redis-backup-gateway/\(GatewayVersion.current)")
            #expect(request.headers["x-gateway-event"] == "operation.finished")
            #expect(request.headers["x-gateway-delivery"] == operation.id)
            let signature = try #require(request.headers["x-gateway-signature"])
            #expect(WebhookSigner.verify(header: signature, body: request.body, secret: Self.secret, now: Date(), tolerance: .seconds(120)))
            #expect(!WebhookSigner.verify(header: signature, body: request.body, secret: "another", now: Date()))

            #expect(request.json.keys.sorted() == ["event", "operation"])
            #expect(request.json["event"] as? String == "operation.finished")
            let rendered = try #require(request.json["operation"] as? [String: Any])
            #expect(rendered["id"] as? String == operation.id)
            #expect(rendered["state"] as? String == "failed")
            #expect(rendered["done"] as? Bool == true)
            #expect(rendered["kind"] as? String == "backup")
            #expect(rendered["instanceId"] as? String == "crs-test01")
            #expect(rendered["provider"] as? String == "tencent")
            #expect(rendered["backupId"] as? String == "b-1")
            #expect((rendered["error"] as? [String: Any])?["reason"] as? String == "BACKUP_FAILED")
            #expect((rendered["error"] as? [String: Any])?["code"] as? String == "provider_error")
            let createdAt = try #require(rendered["createdAt"] as? String)
            #expect(createdAt.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil)
            // The body is exactly the generated Operation, encoded like the server's responses.
            #expect(request.body == (try WebhookPayload.body(for: try #require(await store.get(operation.id)))))

            let delivery = try #require(try await store.webhookDelivery(operationId: operation.id))
            #expect(delivery.attempts == 1)
            #expect(delivery.deliveredAt != nil)
            #expect(delivery.lastError == nil)
        }
    }

    @Test("500, 500, then 200: three attempts with the same delivery id, then delivered")
    func retriedUntilDelivered() async throws {
        let store = try SQLiteOperationStore()
        let receiver = WebhookReceiver { _, attempt in attempt <= 2 ? 500 : 200 }
        try await receiver.run { base in
            let operation = sampleOperation(callbackUrl: base + "/hook")
            try await Self.enqueue(operation, in: store)
            try await whileRunning([Self.dispatcher(store)]) {
                let delivered = try await eventually { try await store.webhookDelivery(operationId: operation.id)?.state == .delivered }
                #expect(delivered)
            }
            let attempts = receiver.requests(for: operation.id)
            #expect(attempts.count == 3)
            let delivery = try #require(try await store.webhookDelivery(operationId: operation.id))
            #expect(delivery.attempts == 3)
            #expect(delivery.lastError == "HTTP 500")
            // Each attempt is signed afresh over the same body.
            for attempt in attempts {
                #expect(attempt.body == attempts[0].body)
                #expect(WebhookSigner.verify(header: attempt.headers["x-gateway-signature"] ?? "", body: attempt.body, secret: Self.secret))
            }
        }
    }

    @Test("a receiver that always fails: abandoned after maxAttempts, with a short error")
    func abandonedAfterMaxAttempts() async throws {
        let store = try SQLiteOperationStore()
        let receiver = WebhookReceiver { _, _ in 503 }
        let logs = LogCapture()
        try await receiver.run { base in
            let operation = sampleOperation(callbackUrl: base + "/hook?token=receiver-token-123")
            try await Self.enqueue(operation, in: store)
            try await whileRunning([Self.dispatcher(store, maxAttempts: 4, logs: logs)]) {
                let abandoned = try await eventually { try await store.webhookDelivery(operationId: operation.id)?.state == .abandoned }
                #expect(abandoned)
            }
            #expect(receiver.requests(for: operation.id).count == 4)
            let delivery = try #require(try await store.webhookDelivery(operationId: operation.id))
            #expect(delivery.attempts == 4)
            #expect(delivery.lastError == "HTTP 503")
            #expect(delivery.deliveredAt == nil)
        }
        #expect(logs.all.contains { $0.contains("webhook abandoned") })
        #expect(!logs.all.contains { $0.contains(Self.secret) || $0.contains("receiver-token-123") })
    }

    @Test("a 3xx is not followed: it counts as a failed attempt")
    func redirectsAreNotFollowed() async throws {
        let store = try SQLiteOperationStore()
        let receiver = WebhookReceiver { _, _ in 307 }
        try await receiver.run { base in
            let operation = sampleOperation(callbackUrl: base + "/hook")
            try await Self.enqueue(operation, in: store)
            try await whileRunning([Self.dispatcher(store, maxAttempts: 1)]) {
                let abandoned = try await eventually { try await store.webhookDelivery(operationId: operation.id)?.state == .abandoned }
                #expect(abandoned)
            }
            #expect(try await store.webhookDelivery(operationId: operation.id)?.lastError == "HTTP 307")
            #expect(receiver.requests.count == 1)
        }
    }

    @Test("an unreachable receiver: the error names the transport failure, nothing else")
    func connectionRefused() async throws {
        let store = try SQLiteOperationStore()
        // A port that was just free: bind a receiver, note its port, let it stop.
        let receiver = WebhookReceiver()
        let closedBase = Mutex<String>("")
        try await receiver.run { base in closedBase.withLock { $0 = base } }
        let operation = sampleOperation(callbackUrl: closedBase.withLock { $0 } + "/hook?token=receiver-token-123")
        try await Self.enqueue(operation, in: store)
        try await whileRunning([Self.dispatcher(store, maxAttempts: 2, timeout: .seconds(1))]) {
            let abandoned = try await eventually { try await store.webhookDelivery(operationId: operation.id)?.state == .abandoned }
            #expect(abandoned)
        }
        let delivery = try #require(try await store.webhookDelivery(operationId: operation.id))
        #expect(delivery.attempts == 2)
        #expect(delivery.lastError == "connection refused")
    }

    @Test("two dispatchers on one store deliver each webhook exactly once (lease)")
    func twoDispatchersDeliverOnce() async throws {
        let store = try SQLiteOperationStore()
        let receiver = WebhookReceiver()
        try await receiver.run { base in
            var ids: [String] = []
            for index in 0..<30 {
                let operation = sampleOperation(state: index.isMultiple(of: 3) ? .failed : .succeeded, callbackUrl: base + "/hook")
                try await Self.enqueue(operation, in: store)
                ids.append(operation.id)
            }
            let all = ids
            try await whileRunning([Self.dispatcher(store), Self.dispatcher(store), Self.dispatcher(store)]) {
                let delivered = try await eventually {
                    for id in all where try await store.webhookDelivery(operationId: id)?.state != .delivered { return false }
                    return true
                }
                #expect(delivered)
            }
            let perDelivery = Dictionary(grouping: receiver.requests, by: \.deliveryId).mapValues(\.count)
            #expect(perDelivery.count == 30)
            #expect(perDelivery.values.allSatisfy { $0 == 1 })
            #expect(Set(perDelivery.keys) == Set(all))
        }
    }

    @Test("a receiver slower than the timeout: the attempt fails as a timeout")
    func timeout() async throws {
        let store = try SQLiteOperationStore()
        let receiver = WebhookReceiver { _, _ in
            try? await Task.sleep(for: .milliseconds(1500))
            return 200
        }
        try await receiver.run { base in
            let operation = sampleOperation(callbackUrl: base + "/hook")
            try await Self.enqueue(operation, in: store)
            try await whileRunning([Self.dispatcher(store, maxAttempts: 1, timeout: .milliseconds(300))]) {
                let abandoned = try await eventually { try await store.webhookDelivery(operationId: operation.id)?.state == .abandoned }
                #expect(abandoned)
            }
            #expect(try await store.webhookDelivery(operationId: operation.id)?.lastError == "timeout")
        }
    }

    @Test("in a ServiceGroup: delivers, then ends promptly on graceful shutdown")
    func gracefulShutdown() async throws {
        let store = try SQLiteOperationStore()
        let receiver = WebhookReceiver()
        try await receiver.run { base in
            let operation = sampleOperation(callbackUrl: base + "/hook")
            try await Self.enqueue(operation, in: store)
            let dispatcher = WebhookDispatcher(
                store: store, settings: WebhookSettings(), secret: nil, logger: LogCapture().logger(), pollInterval: .seconds(3600)
            )
            let shutdown = try await BackgroundReconcilerTests.whileServing([dispatcher]) {
                let delivered = try await eventually { try await store.webhookDelivery(operationId: operation.id)?.state == .delivered }
                #expect(delivered)
            }
            #expect(shutdown < .seconds(20))
            // Without a configured secret, deliveries are unsigned.
            #expect(receiver.requests.first?.headers["x-gateway-signature"] == nil)
            #expect(receiver.requests.first?.headers["x-gateway-delivery"] == operation.id)
        }
    }

    @Test("the retry schedule doubles from 1 s, stops at 10 min, with ±20 % jitter")
    func backoffSchedule() {
        let backoff = WebhookBackoff()
        #expect(backoff.delay(afterAttempt: 1, unit: 0) == .seconds(1))
        #expect(backoff.delay(afterAttempt: 2, unit: 0) == .seconds(2))
        #expect(backoff.delay(afterAttempt: 5, unit: 0) == .seconds(16))
        #expect(backoff.delay(afterAttempt: 11, unit: 0) == .seconds(600))
        #expect(backoff.delay(afterAttempt: 50, unit: 0) == .seconds(600))
        #expect(backoff.delay(afterAttempt: 1, unit: 1) == .milliseconds(1200))
        #expect(backoff.delay(afterAttempt: 1, unit: -1) == .milliseconds(800))
        #expect(backoff.delay(afterAttempt: 30, unit: 1) == .seconds(720))
        for _ in 0..<100 {
            let delay = backoff.delay(afterAttempt: 3)
            #expect(delay >= .milliseconds(3200) && delay <= .milliseconds(4800))
        }
    }
}
