import Foundation
import GatewayCore
@testable import OperationStore
import Testing

@Suite("Operation store keeps terminal states terminal")
struct TerminalStateTests {
    @Test("a non-terminal record is updated and the stored record returned", arguments: StoreKind.allCases)
    func updatesNonTerminal(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var record = Records.make(1)
            try await store.insert(record)
            record.apply(
                OperationUpdate(state: .running, progress: 40, providerTaskId: "6954227", providerRequestId: "rid", providerContext: ["k": "v"]),
                at: Records.base.addingTimeInterval(30)
            )
            record.refreshedAt = Records.base.addingTimeInterval(31)
            let stored = try await store.update(record)
            #expect(stored == record)
            #expect(try await store.get(record.id) == record)
        }
    }

    @Test("after succeeded, an update to failed, running or unknown returns the stored succeeded record unchanged",
          arguments: StoreKind.allCases, [OperationState.failed, .running, .unknown, .pending])
    func succeededIsFinal(kind: StoreKind, next: OperationState) async throws {
        try await kind.withStore { store in
            var record = Records.make(2, state: .running)
            try await store.insert(record)
            record.apply(OperationUpdate(state: .succeeded, backupId: "678362566696298532848117"), at: Records.base.addingTimeInterval(60))
            let succeeded = try await store.update(record)
            #expect(succeeded.state == .succeeded)
            #expect(succeeded.progress == 100)

            var late = succeeded
            late.state = next
            late.progress = 10
            late.backupId = nil
            late.failure = OperationFailure(code: "provider_error", reason: "LATE", detail: "a late answer")
            late.updatedAt = Records.base.addingTimeInterval(120)
            late.providerContext = ["late": "yes"]
            let returned = try await store.update(late)
            #expect(returned == succeeded)
            #expect(try await store.get(record.id) == succeeded)
        }
    }

    @Test("failed is final too", arguments: StoreKind.allCases)
    func failedIsFinal(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var record = Records.make(3, state: .failed)
            record.failure = OperationFailure(code: "provider_error", reason: "PROVIDER_TASK_FAILED", detail: "disk full")
            try await store.insert(record)
            var retry = record
            retry.state = .succeeded
            retry.failure = nil
            retry.backupId = "678362566696298532848117"
            #expect(try await store.update(retry) == record)
            #expect(try await store.get(record.id) == record)
        }
    }

    @Test("updating an operation that is not stored is internal STORE_UNAVAILABLE", arguments: StoreKind.allCases)
    func updateMissing(kind: StoreKind) async throws {
        try await kind.withStore { store throws in
            let error = await #expect(throws: GatewayError.self) {
                _ = try await store.update(Records.make(4))
            }
            #expect(error?.code == .internal)
            #expect(try await store.get(Records.id(4)) == nil)
        }
    }
}
