import Foundation
import GatewayCore
import OperationStore
import Testing

@Suite("Operation store contract: refresh claims (cross-replica single flight)")
struct RefreshClaimContractTests {
    /// A claim at `now` seconds for a record not refreshed in the last 5 s, lasting 10 s.
    static func claim(_ store: any GatewayStore, _ id: String, at now: TimeInterval) async throws -> Bool {
        try await store.claimRefresh(id: id, now: Clock.at(now), freshSince: Clock.at(now - 5), leaseUntil: Clock.at(now + 10))
    }

    static func running(_ index: Int, refreshedAt: TimeInterval? = nil) -> OperationRecord {
        var record = Records.make(index, state: .running, createdAt: Clock.at(-100))
        record.refreshedAt = refreshedAt.map(Clock.at)
        return record
    }

    @Test("concurrent claims (two stores where the kind has them): exactly one is true", arguments: StoreKind.allCases)
    func race(kind: StoreKind) async throws {
        try await kind.withStores { store, another in
            let stores: [any GatewayStore] = [store] + (try another.map { [try $0()] } ?? [])
            for index in 0..<5 {
                let record = Self.running(index)
                try await store.insert(record)
                let claims = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for attempt in 0..<20 {
                        let store = stores[attempt % stores.count]
                        group.addTask { try await Self.claim(store, record.id, at: 0) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(claims.filter { $0 }.count == 1, "operation \(index)")
            }
        }
    }

    @Test("never refreshed or refreshed before freshSince: claimable; refreshed since: not", arguments: StoreKind.allCases)
    func freshness(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let never = Self.running(1)
            let stale = Self.running(2, refreshedAt: -5.000_001)
            let fresh = Self.running(3, refreshedAt: -5)
            let newer = Self.running(4, refreshedAt: 0)
            for record in [never, stale, fresh, newer] { try await store.insert(record) }
            #expect(try await Self.claim(store, never.id, at: 0))
            #expect(try await Self.claim(store, stale.id, at: 0))
            #expect(try await !Self.claim(store, fresh.id, at: 0))
            #expect(try await !Self.claim(store, newer.id, at: 0))
        }
    }

    @Test("a claim lasts until leaseUntil, then the operation is claimable again", arguments: StoreKind.allCases)
    func leaseExpires(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let record = Self.running(1)
            try await store.insert(record)
            #expect(try await Self.claim(store, record.id, at: 0))
            #expect(try await !Self.claim(store, record.id, at: 1))
            #expect(try await !Self.claim(store, record.id, at: 9.999_999))
            // The claim ran until 10: free at exactly 10.
            #expect(try await Self.claim(store, record.id, at: 10))
            #expect(try await !Self.claim(store, record.id, at: 11))
        }
    }

    @Test("update ends the claim; the refresh it stores makes the record fresh", arguments: StoreKind.allCases)
    func updateEndsClaim(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var record = Self.running(1)
            try await store.insert(record)
            #expect(try await Self.claim(store, record.id, at: 0))
            record.apply(OperationUpdate(state: .running, progress: 50), at: Clock.at(1))
            record.refreshedAt = Clock.at(1)
            #expect(try await store.update(record) == record)
            // The claim (until 10) ended with the update; the record is fresh until 1 + 5.
            #expect(try await !Self.claim(store, record.id, at: 2, freshSince: 1))
            #expect(try await Self.claim(store, record.id, at: 6, freshSince: 1.000_001))
            // Claimed again at 6, until 16.
            #expect(try await !Self.claim(store, record.id, at: 7, freshSince: 2))
            #expect(try await store.get(record.id) == record)
        }
    }

    @Test("terminal operations are never claimed", arguments: StoreKind.allCases, [OperationState.succeeded, .failed])
    func terminal(kind: StoreKind, state: OperationState) async throws {
        try await kind.withStore { store in
            let record = Records.make(1, state: state)
            try await store.insert(record)
            #expect(try await !Self.claim(store, record.id, at: 0))
            var running = Self.running(2)
            try await store.insert(running)
            #expect(try await Self.claim(store, running.id, at: 0))
            running.apply(OperationUpdate(state: state), at: Clock.at(20))
            _ = try await store.update(running)
            #expect(try await !Self.claim(store, running.id, at: 30))
        }
    }

    @Test("pending and unknown operations are claimable like running ones", arguments: StoreKind.allCases, [OperationState.pending, .unknown])
    func notTerminal(kind: StoreKind, state: OperationState) async throws {
        try await kind.withStore { store in
            let record = Records.make(1, state: state)
            try await store.insert(record)
            #expect(try await Self.claim(store, record.id, at: 0))
        }
    }

    @Test("an unknown id is false and creates nothing", arguments: StoreKind.allCases)
    func unknownId(kind: StoreKind) async throws {
        try await kind.withStore { store throws in
            #expect(try await !Self.claim(store, Records.id(404), at: 0))
            #expect(try await store.get(Records.id(404)) == nil)
        }
    }
}

extension RefreshClaimContractTests {
    /// A claim at `now` with an explicit `freshSince`, lasting 10 s.
    static func claim(_ store: any GatewayStore, _ id: String, at now: TimeInterval, freshSince: TimeInterval) async throws -> Bool {
        try await store.claimRefresh(id: id, now: Clock.at(now), freshSince: Clock.at(freshSince), leaseUntil: Clock.at(now + 10))
    }
}
