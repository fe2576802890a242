import Foundation
import GatewayCore
import OperationStore
import Testing

@Suite("Webhook outbox contract")
struct WebhookOutboxContractTests {
    static let url = "https://hooks.example.com/ops"

    @Test("enqueue twice keeps one pending delivery, due at once", arguments: StoreKind.allCases)
    func enqueueIsIdempotent(kind: StoreKind) async throws {
        try await kind.withStore { outbox in
            try await outbox.enqueueWebhook(operationId: "op_1", url: Self.url, now: Clock.at(0))
            try await outbox.enqueueWebhook(operationId: "op_1", url: "https://other.example.com", now: Clock.at(5))
            let delivery = try #require(try await outbox.webhookDelivery(operationId: "op_1"))
            #expect(delivery == WebhookDelivery(operationId: "op_1", url: Self.url, attempts: 0, nextAttemptAt: Clock.at(0),
                                                state: .pending, createdAt: Clock.at(0)))
            #expect(try await outbox.dueWebhooks(now: Clock.at(10), limit: 10, lease: .seconds(60)).map(\.operationId) == ["op_1"])
            #expect(try await outbox.webhookDelivery(operationId: "op_unknown") == nil)
        }
    }

    @Test("due: pending and due only, oldest first, up to the limit, leased", arguments: StoreKind.allCases)
    func dueAndLease(kind: StoreKind) async throws {
        try await kind.withStore { outbox in
            try await outbox.enqueueWebhook(operationId: "op_c", url: Self.url, now: Clock.at(3))
            try await outbox.enqueueWebhook(operationId: "op_a", url: Self.url, now: Clock.at(1))
            try await outbox.enqueueWebhook(operationId: "op_b", url: Self.url, now: Clock.at(2))
            try await outbox.enqueueWebhook(operationId: "op_later", url: Self.url, now: Clock.at(100))
            try await outbox.enqueueWebhook(operationId: "op_done", url: Self.url, now: Clock.at(0))
            try await outbox.markWebhookDelivered(operationId: "op_done", at: Clock.at(0.5))

            #expect(try await outbox.dueWebhooks(now: Clock.at(0.9), limit: 10, lease: .seconds(60)).isEmpty)
            let first = try await outbox.dueWebhooks(now: Clock.at(10), limit: 2, lease: .seconds(60))
            #expect(first.map(\.operationId) == ["op_a", "op_b"])
            #expect(first.allSatisfy { $0.nextAttemptAt == Clock.at(70) && $0.state == .pending && $0.attempts == 0 })
            #expect(try await outbox.webhookDelivery(operationId: "op_a")?.nextAttemptAt == Clock.at(70))
            // Leased ones are not handed out again while the lease runs.
            #expect(try await outbox.dueWebhooks(now: Clock.at(11), limit: 10, lease: .seconds(60)).map(\.operationId) == ["op_c"])
            #expect(try await outbox.dueWebhooks(now: Clock.at(12), limit: 10, lease: .seconds(60)).isEmpty)
            #expect(try await outbox.dueWebhooks(now: Clock.at(12), limit: 0, lease: .seconds(60)).isEmpty)
            // When a lease ends (the dispatcher died), the delivery is due again.
            #expect(try await outbox.dueWebhooks(now: Clock.at(70), limit: 10, lease: .seconds(60)).map(\.operationId) == ["op_a", "op_b"])
            #expect(try await outbox.dueWebhooks(now: Clock.at(200), limit: 10, lease: .seconds(60)).map(\.operationId)
                == ["op_c", "op_later", "op_a", "op_b"])
        }
    }

    @Test("concurrent dispatchers never get the same delivery", arguments: StoreKind.allCases)
    func concurrentDispatchers(kind: StoreKind) async throws {
        try await kind.withStores { outbox, another in
            for index in 0..<40 {
                try await outbox.enqueueWebhook(operationId: "op_\(index)", url: Self.url, now: Clock.at(TimeInterval(index)))
            }
            let stores: [any GatewayStore] = [outbox] + (try another.map { [try $0()] } ?? [])
            let batches = try await withThrowingTaskGroup(of: [String].self) { group in
                for index in 0..<10 {
                    let store = stores[index % stores.count]
                    group.addTask { try await store.dueWebhooks(now: Clock.at(100), limit: 3, lease: .seconds(60)).map(\.operationId) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let handedOut = batches.flatMap { $0 }
            #expect(handedOut.count == 30)
            #expect(Set(handedOut).count == 30)
        }
    }

    @Test("reschedule counts attempts, records the error and sets the next attempt", arguments: StoreKind.allCases)
    func reschedule(kind: StoreKind) async throws {
        try await kind.withStore { outbox in
            try await outbox.enqueueWebhook(operationId: "op_1", url: Self.url, now: Clock.at(0))
            _ = try await outbox.dueWebhooks(now: Clock.at(1), limit: 10, lease: .seconds(60))
            try await outbox.rescheduleWebhook(operationId: "op_1", attempts: 1, nextAttemptAt: Clock.at(31), lastError: "HTTP 503")
            let delivery = try #require(try await outbox.webhookDelivery(operationId: "op_1"))
            #expect(delivery.attempts == 1)
            #expect(delivery.nextAttemptAt == Clock.at(31))
            #expect(delivery.lastError == "HTTP 503")
            #expect(delivery.state == .pending)
            #expect(try await outbox.dueWebhooks(now: Clock.at(30), limit: 10, lease: .seconds(60)).isEmpty)
            #expect(try await outbox.dueWebhooks(now: Clock.at(31), limit: 10, lease: .seconds(60)).map(\.attempts) == [1])
        }
    }

    @Test("delivered is final and counts the attempt", arguments: StoreKind.allCases)
    func delivered(kind: StoreKind) async throws {
        try await kind.withStore { outbox in
            try await outbox.enqueueWebhook(operationId: "op_1", url: Self.url, now: Clock.at(0))
            try await outbox.rescheduleWebhook(operationId: "op_1", attempts: 2, nextAttemptAt: Clock.at(5), lastError: "timeout")
            try await outbox.markWebhookDelivered(operationId: "op_1", at: Clock.at(6.25))
            let delivery = try #require(try await outbox.webhookDelivery(operationId: "op_1"))
            #expect(delivery.state == .delivered)
            #expect(delivery.attempts == 3)
            #expect(delivery.deliveredAt == Clock.at(6.25))
            #expect(delivery.lastError == "timeout")
            // Nothing moves a delivered one again, and it is never due.
            try await outbox.rescheduleWebhook(operationId: "op_1", attempts: 9, nextAttemptAt: Clock.at(7), lastError: "late")
            try await outbox.abandonWebhook(operationId: "op_1", attempts: 9, lastError: "late")
            try await outbox.markWebhookDelivered(operationId: "op_1", at: Clock.at(8))
            try await outbox.enqueueWebhook(operationId: "op_1", url: Self.url, now: Clock.at(9))
            #expect(try await outbox.webhookDelivery(operationId: "op_1") == delivery)
            #expect(try await outbox.dueWebhooks(now: Clock.at(1000), limit: 10, lease: .seconds(60)).isEmpty)
        }
    }

    @Test("abandoned is final", arguments: StoreKind.allCases)
    func abandoned(kind: StoreKind) async throws {
        try await kind.withStore { outbox in
            try await outbox.enqueueWebhook(operationId: "op_1", url: Self.url, now: Clock.at(0))
            try await outbox.abandonWebhook(operationId: "op_1", attempts: 8, lastError: "HTTP 410")
            let delivery = try #require(try await outbox.webhookDelivery(operationId: "op_1"))
            #expect(delivery.state == .abandoned)
            #expect(delivery.attempts == 8)
            #expect(delivery.lastError == "HTTP 410")
            #expect(delivery.deliveredAt == nil)
            try await outbox.markWebhookDelivered(operationId: "op_1", at: Clock.at(1))
            try await outbox.rescheduleWebhook(operationId: "op_1", attempts: 9, nextAttemptAt: Clock.at(2), lastError: "x")
            #expect(try await outbox.webhookDelivery(operationId: "op_1") == delivery)
            #expect(try await outbox.dueWebhooks(now: Clock.at(1000), limit: 10, lease: .seconds(60)).isEmpty)
        }
    }

    @Test("calls on an unknown delivery change nothing", arguments: StoreKind.allCases)
    func unknownDelivery(kind: StoreKind) async throws {
        try await kind.withStore { outbox in
            try await outbox.markWebhookDelivered(operationId: "op_x", at: Clock.at(0))
            try await outbox.rescheduleWebhook(operationId: "op_x", attempts: 1, nextAttemptAt: Clock.at(0), lastError: "x")
            try await outbox.abandonWebhook(operationId: "op_x", attempts: 1, lastError: "x")
            #expect(try await outbox.webhookDelivery(operationId: "op_x") == nil)
        }
    }
}
