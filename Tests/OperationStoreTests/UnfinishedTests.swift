import Foundation
import GatewayCore
@testable import OperationStore
import Testing

@Suite("Operation store: unfinished operations and ping")
struct UnfinishedTests {
    @Test("unfinished returns only non-terminal records, oldest first, up to the limit", arguments: StoreKind.allCases)
    func unfinished(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let states: [OperationState] = [.succeeded, .running, .failed, .pending, .unknown, .succeeded, .running]
            // Inserted newest first, so insertion order is not the answer.
            for (index, state) in states.enumerated().reversed() {
                try await store.insert(Records.make(index, state: state))
            }
            let all = try await store.unfinished(limit: 100)
            #expect(all.map(\.id) == [1, 3, 4, 6].map(Records.id))
            #expect(all.allSatisfy { !$0.state.isTerminal })
            #expect(try await store.unfinished(limit: 2).map(\.id) == [1, 3].map(Records.id))
            #expect(try await store.unfinished(limit: 0).isEmpty)
        }
    }

    @Test("a record that becomes terminal leaves the unfinished list", arguments: StoreKind.allCases)
    func becomesTerminal(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var record = Records.make(1, state: .running)
            try await store.insert(record)
            #expect(try await store.unfinished(limit: 10).map(\.id) == [record.id])
            record.apply(OperationUpdate(state: .succeeded), at: Records.base.addingTimeInterval(10))
            _ = try await store.update(record)
            #expect(try await store.unfinished(limit: 10).isEmpty)
        }
    }

    @Test("ping answers true", arguments: StoreKind.allCases)
    func ping(kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(await store.ping())
        }
    }
}
