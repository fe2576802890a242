import Foundation
import GatewayCore
import OperationStore
import Testing

@Suite("Idempotency store contract")
struct IdempotencyContractTests {
    static let lease: Duration = .seconds(30)
    static let retention: Duration = .seconds(24 * 3600)
    static let response = StoredResponse(
        status: 202, headers: ["Location": "/operations/op_x", "Content-Type": "application/json"], body: Array("{\"id\":\"op_x\"}".utf8) + [0, 255]
    )

    static func claim(
        _ store: any GatewayStore, key: String = "k1", fingerprint: String = "fp-a", caller: String = "alice", at seconds: TimeInterval
    ) async throws -> IdempotencyClaim {
        try await store.claim(
            caller: caller, key: key, fingerprint: fingerprint, now: Clock.at(seconds), lease: lease, retention: retention
        )
    }

    @Test("a new key is claimed; the same request again is in flight until the lease ends", arguments: StoreKind.allCases)
    func claimThenInFlight(kind: StoreKind) async throws {
        try await kind.withStore { store throws in
            #expect(try await Self.claim(store, at: 0) == .claimed(previousOperationId: nil))
            #expect(try await Self.claim(store, at: 1) == .inFlight(retryAfter: Clock.at(30)))
            #expect(try await Self.claim(store, at: 29.999_999) == .inFlight(retryAfter: Clock.at(30)))
        }
    }

    @Test("another fingerprint is a mismatch, in flight and completed", arguments: StoreKind.allCases)
    func mismatch(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.claim(store, at: 0)
            #expect(try await Self.claim(store, fingerprint: "fp-b", at: 1) == .mismatch)
            // Even once the lease is over: the key is still the first request's.
            #expect(try await Self.claim(store, fingerprint: "fp-b", at: 45) == .mismatch)
            try await store.complete(caller: "alice", key: "k1", response: Self.response, now: Clock.at(2))
            #expect(try await Self.claim(store, fingerprint: "fp-b", at: 3) == .mismatch)
            #expect(try await Self.claim(store, at: 4) == .completed(Self.response))
        }
    }

    @Test("a completed key replays its response (status, headers, body bytes)", arguments: StoreKind.allCases)
    func completedReplays(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.claim(store, at: 0)
            try await store.complete(caller: "alice", key: "k1", response: Self.response, now: Clock.at(1))
            #expect(try await Self.claim(store, at: 2) == .completed(Self.response))
            // Long after the lease: still a replay, not a takeover.
            #expect(try await Self.claim(store, at: 3600) == .completed(Self.response))

            _ = try await Self.claim(store, key: "empty", at: 0)
            let empty = StoredResponse(status: 204)
            try await store.complete(caller: "alice", key: "empty", response: empty, now: Clock.at(1))
            #expect(try await Self.claim(store, key: "empty", at: 2) == .completed(empty))
        }
    }

    @Test("the first completion wins; completing a key that is not in flight changes nothing", arguments: StoreKind.allCases)
    func firstCompletionWins(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.claim(store, at: 0)
            try await store.complete(caller: "alice", key: "k1", response: Self.response, now: Clock.at(1))
            try await store.complete(caller: "alice", key: "k1", response: StoredResponse(status: 500), now: Clock.at(2))
            #expect(try await Self.claim(store, at: 3) == .completed(Self.response))

            try await store.complete(caller: "alice", key: "never-claimed", response: Self.response, now: Clock.at(4))
            #expect(try await Self.claim(store, key: "never-claimed", at: 5) == .claimed(previousOperationId: nil))
        }
    }

    @Test("an expired lease is taken over and returns the operation linked to the key", arguments: StoreKind.allCases)
    func takeoverReturnsLinkedOperation(kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await Self.claim(store, at: 0) == .claimed(previousOperationId: nil))
            let operation = Records.make(1)
            try await store.insert(operation, idempotencyKey: IdempotencyKeyRef(caller: "alice", key: "k1"))
            // The owner crashed; at exactly the end of its lease the key is free to take over.
            #expect(try await Self.claim(store, at: 30) == .claimed(previousOperationId: operation.id))
            // The new owner has a new lease.
            #expect(try await Self.claim(store, at: 31) == .inFlight(retryAfter: Clock.at(60)))
            // If it crashes too, the next one still learns about the operation.
            #expect(try await Self.claim(store, at: 61) == .claimed(previousOperationId: operation.id))
            try await store.complete(caller: "alice", key: "k1", response: Self.response, now: Clock.at(62))
            #expect(try await Self.claim(store, at: 63) == .completed(Self.response))
        }
    }

    @Test("an expired lease without a linked operation is taken over with nil", arguments: StoreKind.allCases)
    func takeoverWithoutOperation(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.claim(store, at: 0)
            #expect(try await Self.claim(store, at: 100) == .claimed(previousOperationId: nil))
        }
    }

    @Test("a takeover keeps the original retention", arguments: StoreKind.allCases)
    func takeoverKeepsRetention(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.claim(store, at: 0)
            #expect(try await Self.claim(store, at: 3600) == .claimed(previousOperationId: nil))
            try await store.complete(caller: "alice", key: "k1", response: Self.response, now: Clock.at(3601))
            #expect(try await Self.claim(store, fingerprint: "fp-b", at: 86_399) == .mismatch)
            #expect(try await Self.claim(store, fingerprint: "fp-b", at: 86_400) == .claimed(previousOperationId: nil))
        }
    }

    @Test("after the retention a key is new again, whatever the fingerprint", arguments: StoreKind.allCases)
    func expiryAfterRetention(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.claim(store, at: 0)
            try await store.insert(Records.make(1), idempotencyKey: IdempotencyKeyRef(caller: "alice", key: "k1"))
            try await store.complete(caller: "alice", key: "k1", response: Self.response, now: Clock.at(1))
            #expect(try await Self.claim(store, at: 86_399.999_999) == .completed(Self.response))
            #expect(try await Self.claim(store, fingerprint: "fp-b", at: 86_400) == .claimed(previousOperationId: nil))
            // The fresh claim forgot the old operation and response.
            #expect(try await Self.claim(store, fingerprint: "fp-b", at: 86_400 + 31) == .claimed(previousOperationId: nil))

            // An in-flight key expires too.
            _ = try await Self.claim(store, key: "k2", at: 0)
            #expect(try await Self.claim(store, key: "k2", at: 86_400) == .claimed(previousOperationId: nil))
        }
    }

    @Test("purge deletes exactly the expired keys", arguments: StoreKind.allCases)
    func purge(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.claim(store, key: "old-done", at: 0)
            try await store.complete(caller: "alice", key: "old-done", response: Self.response, now: Clock.at(1))
            _ = try await Self.claim(store, key: "old-stuck", at: 10)
            _ = try await Self.claim(store, key: "young", at: 50_000)
            #expect(try await store.purgeExpiredIdempotencyKeys(now: Clock.at(86_399)) == 0)
            #expect(try await store.purgeExpiredIdempotencyKeys(now: Clock.at(86_410)) == 2)
            #expect(try await store.purgeExpiredIdempotencyKeys(now: Clock.at(86_410)) == 0)
            #expect(try await Self.claim(store, key: "young", at: 86_411) == .claimed(previousOperationId: nil))
            #expect(try await Self.claim(store, key: "old-done", fingerprint: "fp-b", at: 86_411) == .claimed(previousOperationId: nil))
        }
    }

    @Test("release frees an in-flight key at once, but keeps completed and linked keys", arguments: StoreKind.allCases)
    func release(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.claim(store, at: 0)
            try await store.release(caller: "alice", key: "k1")
            #expect(try await Self.claim(store, fingerprint: "fp-b", at: 1) == .claimed(previousOperationId: nil))

            _ = try await Self.claim(store, key: "done", at: 0)
            try await store.complete(caller: "alice", key: "done", response: Self.response, now: Clock.at(1))
            try await store.release(caller: "alice", key: "done")
            #expect(try await Self.claim(store, key: "done", at: 2) == .completed(Self.response))

            _ = try await Self.claim(store, key: "linked", at: 0)
            let operation = Records.make(5)
            try await store.insert(operation, idempotencyKey: IdempotencyKeyRef(caller: "alice", key: "linked"))
            try await store.release(caller: "alice", key: "linked")
            #expect(try await Self.claim(store, key: "linked", at: 1) == .inFlight(retryAfter: Clock.at(30)))
            #expect(try await Self.claim(store, key: "linked", at: 30) == .claimed(previousOperationId: operation.id))

            try await store.release(caller: "alice", key: "unknown")
        }
    }

    @Test("keys are per caller", arguments: StoreKind.allCases)
    func perCaller(kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await Self.claim(store, caller: "alice", at: 0) == .claimed(previousOperationId: nil))
            #expect(try await Self.claim(store, fingerprint: "fp-b", caller: "bob", at: 1) == .claimed(previousOperationId: nil))
            try await store.complete(caller: "bob", key: "k1", response: Self.response, now: Clock.at(2))
            #expect(try await Self.claim(store, caller: "alice", at: 3) == .inFlight(retryAfter: Clock.at(30)))
            #expect(try await Self.claim(store, fingerprint: "fp-b", caller: "bob", at: 3) == .completed(Self.response))
        }
    }

    @Test("50 concurrent claims of one key: exactly one is claimed, the others in flight", arguments: StoreKind.allCases)
    func concurrentClaims(kind: StoreKind) async throws {
        try await kind.withStores { store, another in
            // On a file, spread the claims over two stores (two connection pools) as well.
            let stores: [any GatewayStore] = [store] + (try another.map { [try $0()] } ?? [])
            let claims = try await withThrowingTaskGroup(of: IdempotencyClaim.self) { group in
                for index in 0..<50 {
                    let store = stores[index % stores.count]
                    group.addTask { try await Self.claim(store, key: "race", at: 0) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(claims.count == 50)
            #expect(claims.filter { $0 == .claimed(previousOperationId: nil) }.count == 1)
            #expect(claims.filter { $0 == .inFlight(retryAfter: Clock.at(30)) }.count == 49)
        }
    }

    @Test("50 concurrent takeovers of an expired lease: exactly one is claimed", arguments: StoreKind.allCases)
    func concurrentTakeovers(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.claim(store, key: "race", at: 0)
            let operation = Records.make(9)
            try await store.insert(operation, idempotencyKey: IdempotencyKeyRef(caller: "alice", key: "race"))
            let claims = try await withThrowingTaskGroup(of: IdempotencyClaim.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await Self.claim(store, key: "race", at: 40) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(claims.filter { $0 == .claimed(previousOperationId: operation.id) }.count == 1)
            #expect(claims.filter { $0 == .inFlight(retryAfter: Clock.at(70)) }.count == 49)
        }
    }
}
