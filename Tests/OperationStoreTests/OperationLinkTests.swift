import Foundation
import GatewayCore
import OperationStore
import Testing

@Suite("Operation store contract: idempotency link and callbackUrl")
struct OperationLinkTests {
    static func claim(_ store: any GatewayStore, key: String) async throws -> IdempotencyClaim {
        try await store.claim(caller: "alice", key: key, fingerprint: "fp", now: Clock.at(0), lease: .seconds(30), retention: .seconds(86_400))
    }

    @Test("insert with a key stores the operation and links it to the key", arguments: StoreKind.allCases)
    func insertLinks(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.claim(store, key: "k1")
            let operation = Records.make(1)
            try await store.insert(operation, idempotencyKey: IdempotencyKeyRef(caller: "alice", key: "k1"))
            #expect(try await store.get(operation.id) == operation)
            let takeover = try await store.claim(
                caller: "alice", key: "k1", fingerprint: "fp", now: Clock.at(31), lease: .seconds(30), retention: .seconds(86_400)
            )
            #expect(takeover == .claimed(previousOperationId: operation.id))
        }
    }

    @Test("insert with a key that is not in flight writes nothing", arguments: StoreKind.allCases)
    func insertWithoutClaim(kind: StoreKind) async throws {
        try await kind.withStore { store in
            // Never claimed, another caller's key, and a completed key.
            _ = try await Self.claim(store, key: "done")
            try await store.complete(caller: "alice", key: "done", response: StoredResponse(status: 202), now: Clock.at(1))
            let refs = [
                IdempotencyKeyRef(caller: "alice", key: "nope"), IdempotencyKeyRef(caller: "bob", key: "done"),
                IdempotencyKeyRef(caller: "alice", key: "done"),
            ]
            for (index, ref) in refs.enumerated() {
                let operation = Records.make(10 + index)
                let error = await #expect(throws: GatewayError.self) {
                    try await store.insert(operation, idempotencyKey: ref)
                }
                #expect(error?.code == .internal)
                #expect(error?.reason == "IDEMPOTENCY_KEY_NOT_CLAIMED")
                #expect(try await store.get(operation.id) == nil)
            }
        }
    }

    @Test("a duplicate operation id with a key leaves the key unlinked", arguments: StoreKind.allCases)
    func duplicateInsertDoesNotLink(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let operation = Records.make(1)
            try await store.insert(operation)
            _ = try await Self.claim(store, key: "k1")
            await #expect(throws: GatewayError.self) {
                try await store.insert(operation, idempotencyKey: IdempotencyKeyRef(caller: "alice", key: "k1"))
            }
            let takeover = try await store.claim(
                caller: "alice", key: "k1", fingerprint: "fp", now: Clock.at(31), lease: .seconds(30), retention: .seconds(86_400)
            )
            #expect(takeover == .claimed(previousOperationId: nil))
        }
    }

    @Test("callbackUrl round-trips; update leaves it alone", arguments: StoreKind.allCases)
    func callbackUrl(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var record = Records.make(1)
            record.callbackUrl = "https://hooks.example.com/redis?token=abc&x=%20"
            try await store.insert(record)
            #expect(try await store.get(record.id)?.callbackUrl == "https://hooks.example.com/redis?token=abc&x=%20")
            #expect(try await store.get(record.id) == record)

            var changed = record
            changed.apply(OperationUpdate(state: .running, progress: 10), at: Clock.at(100))
            changed.callbackUrl = "https://elsewhere.example.com"
            let stored = try await store.update(changed)
            #expect(stored.state == .running)
            #expect(stored.callbackUrl == record.callbackUrl)

            let plain = Records.make(2)
            try await store.insert(plain)
            #expect(try await store.get(plain.id)?.callbackUrl == nil)
            #expect(try await store.list(OperationFilter(), pageSize: 10, pageToken: nil).operations.map(\.callbackUrl)
                == [nil, record.callbackUrl])
        }
    }
}
