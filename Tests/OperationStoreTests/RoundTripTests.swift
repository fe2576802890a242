import Foundation
import GatewayCore
@testable import OperationStore
import Testing

@Suite("Operation store round trip")
struct RoundTripTests {
    @Test("every field survives insert then get, dates to the microsecond", arguments: StoreKind.allCases)
    func everyField(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let record = OperationRecord(
                id: Records.id(42), kind: .restore, state: .failed, instanceId: "crs-5a4py64p", provider: .tencent,
                account: "main", region: "ap-shanghai", progress: 37, backupId: "678362566696298532848117",
                providerTaskId: "6954227", providerRequestId: "6c3d9e2f-1b7a-4a3c-9a7e-2f1f0c8f0a11",
                remark: "before-migration — «quoted» 备注",
                createdAt: Date(timeIntervalSince1970: 1_767_225_600.123456),
                updatedAt: Date(timeIntervalSince1970: 1_767_225_661.000001),
                refreshedAt: Date(timeIntervalSince1970: 1_767_225_662.999999),
                failure: OperationFailure(
                    code: "permission_denied", reason: "INSTANCE_PASSWORD_INCORRECT", detail: "Tencent said no.",
                    provider: ProviderErrorInfo(
                        name: "tencent", code: "InvalidParameterValue.PasswordError", message: "The password is incorrect.",
                        requestId: "rid-1", httpStatus: 200
                    )
                ),
                providerContext: ["backupLookupMisses": "2", "window": "2026-01-01 08:00:00", "empty": ""]
            )
            try await store.insert(record)
            let loaded = try #require(try await store.get(record.id))
            #expect(loaded == record)
            #expect(loaded.createdAt.timeIntervalSince1970 == 1_767_225_600.123456)
            #expect(loaded.updatedAt.timeIntervalSince1970 == 1_767_225_661.000001)
            #expect(loaded.refreshedAt?.timeIntervalSince1970 == 1_767_225_662.999999)
            #expect(loaded.failure?.provider?.code == "InvalidParameterValue.PasswordError")
            #expect(loaded.providerContext == ["backupLookupMisses": "2", "window": "2026-01-01 08:00:00", "empty": ""])
        }
    }

    @Test("nil optionals and an empty context stay nil and empty", arguments: StoreKind.allCases)
    func nilOptionals(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let record = Records.make(7)
            try await store.insert(record)
            let loaded = try #require(try await store.get(record.id))
            #expect(loaded == record)
            #expect(loaded.progress == nil)
            #expect(loaded.backupId == nil)
            #expect(loaded.providerTaskId == nil)
            #expect(loaded.providerRequestId == nil)
            #expect(loaded.remark == nil)
            #expect(loaded.refreshedAt == nil)
            #expect(loaded.failure == nil)
            #expect(loaded.providerContext.isEmpty)
            #expect(loaded.updatedAt == loaded.createdAt)
        }
    }

    @Test("a failure without provider info round-trips", arguments: StoreKind.allCases)
    func failureWithoutProvider(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var record = Records.make(8, state: .failed)
            record.failure = OperationFailure(code: "provider_error", reason: "BACKUP_NOT_STARTED", detail: "never started")
            try await store.insert(record)
            #expect(try await store.get(record.id) == record)
        }
    }

    @Test("an unknown id is nil", arguments: StoreKind.allCases)
    func unknownId(kind: StoreKind) async throws {
        try await kind.withStore { store throws in
            #expect(try await store.get(Records.id(999)) == nil)
        }
    }

    @Test("inserting the same id twice fails with internal STORE_UNAVAILABLE and keeps the first", arguments: StoreKind.allCases)
    func duplicateInsert(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let record = Records.make(3)
            try await store.insert(record)
            var other = record
            other.instanceId = "crs-other"
            let error = await #expect(throws: GatewayError.self) {
                try await store.insert(other)
            }
            #expect(error?.code == .internal)
            #expect(error?.reason == "STORE_UNAVAILABLE")
            #expect(try await store.get(record.id) == record)
        }
    }
}
