import Foundation
import GatewayCore
import GRDB
@testable import OperationStore
import Testing

@Suite("Operation store migrations")
struct MigrationTests {
    static let allMigrations = ["v1_operations", "v2_idempotency_audit_webhooks", "v3_refresh_lease"]

    @Test("the migrations, in order, the same for SQLite and PostgreSQL")
    func names() {
        #expect(OperationStoreMigrations.all == Self.allMigrations)
        #expect(PostgresMigrations.names == Self.allMigrations)
    }

    @Test("a v1 database migrates to the latest version and keeps its operations")
    func v1ToLatest() async throws {
        try await withStoreFile { path in
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true
            )
            do {
                let v1 = try DatabaseQueue(path: path)
                try OperationStoreMigrations.migrator.migrate(v1, upTo: "v1_operations")
                try await v1.write { db in
                    // Rows as the v1 store wrote them (no callback_url column yet).
                    try db.execute(sql: """
                        INSERT INTO operations (id, kind, state, instance_id, provider, account, region, progress, backup_id,
                          provider_task_id, provider_request_id, remark, created_at, updated_at, refreshed_at, failure, provider_context)
                        VALUES (?, 'backup', 'succeeded', 'crs-old', 'tencent', 'main', 'ap-guangzhou', 100, 'b-1',
                          '6954227', 'rid-1', 'old remark', 1767225600123456, 1767225660000001, NULL, NULL, '{"k":"v"}'),
                        (?, 'restore', 'running', 'crs-old', 'tencent', 'main', 'ap-guangzhou', NULL, NULL,
                          NULL, NULL, NULL, 1767225700000000, 1767225700000000, NULL, NULL, '{}')
                        """, arguments: [Records.id(1), Records.id(2)])
                }
                #expect(try await v1.read { db in try OperationStoreMigrations.migrator.appliedMigrations(db) } == ["v1_operations"])
                try v1.close()
            }

            let store = try SQLiteOperationStore(path: path)
            #expect(try await store.appliedMigrations() == Self.allMigrations)
            let old = try #require(try await store.get(Records.id(1)))
            #expect(old.state == .succeeded)
            #expect(old.backupId == "b-1")
            #expect(old.remark == "old remark")
            #expect(old.createdAt.timeIntervalSince1970 == 1_767_225_600.123456)
            #expect(old.providerContext == ["k": "v"])
            #expect(old.callbackUrl == nil)
            #expect(try await store.unfinished(limit: 10).map(\.id) == [Records.id(2)])
            // v3: old rows can be claimed for a refresh.
            #expect(try await store.claimRefresh(id: Records.id(2), now: Records.base, freshSince: Records.base, leaseUntil: Records.base.addingTimeInterval(5)))

            // The new tables work on the migrated file, and the old rows can still change.
            var running = try #require(try await store.get(Records.id(2)))
            running.apply(OperationUpdate(state: .succeeded), at: Records.base.addingTimeInterval(200))
            #expect(try await store.update(running).state == .succeeded)
            var fresh = Records.make(3)
            fresh.callbackUrl = "https://hooks.example.com"
            try await store.insert(fresh)
            #expect(try await store.get(fresh.id) == fresh)
            try await store.append(AuditEvent(at: Records.base, caller: "c", action: "backups.create", instanceId: "crs-old",
                                              outcome: "accepted", httpStatus: 202, requestId: "r"))
            try await store.enqueueWebhook(operationId: fresh.id, url: "https://hooks.example.com", now: Records.base)
            #expect(try await store.webhookDelivery(operationId: fresh.id) != nil)
            let claim = try await store.claim(caller: "c", key: "k", fingerprint: "f", now: Records.base, lease: .seconds(30), retention: .seconds(60))
            #expect(claim == .claimed(previousOperationId: nil))

            // Re-opening applies nothing more.
            let again = try SQLiteOperationStore(path: path)
            #expect(try await again.appliedMigrations() == Self.allMigrations)
            #expect(try await again.list(OperationFilter(), pageSize: 10, pageToken: nil).operations.count == 3)
        }
    }
    @Test("a fresh file (in a folder that does not exist yet) gets every migration")
    func freshFile() async throws {
        try await withStoreFile { path in
            #expect(!FileManager.default.fileExists(atPath: path))
            let store = try SQLiteOperationStore(path: path)
            #expect(try await store.appliedMigrations() == Self.allMigrations)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(await store.ping())
        }
    }

    @Test("re-opening an existing file applies nothing and keeps the data")
    func reopen() async throws {
        try await withStoreFile { path in
            let record = Records.make(1, state: .running)
            do {
                let first = try SQLiteOperationStore(path: path)
                try await first.insert(record)
            }
            let second = try SQLiteOperationStore(path: path)
            #expect(try await second.appliedMigrations() == Self.allMigrations)
            #expect(try await second.get(record.id) == record)
            let third = try SQLiteOperationStore(path: path)
            #expect(try await third.list(OperationFilter(), pageSize: 10, pageToken: nil).operations == [record])
        }
    }

    @Test("the in-memory store is migrated too")
    func inMemory() async throws {
        let store = try SQLiteOperationStore()
        #expect(try await store.appliedMigrations() == Self.allMigrations)
        #expect(await store.ping())
    }

    @Test("a path that cannot be a database is internal STORE_UNAVAILABLE")
    func unusablePath() async throws {
        try await withStoreFile { path in
            // A folder where the file should be.
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let error = #expect(throws: GatewayError.self) {
                _ = try SQLiteOperationStore(path: path)
            }
            #expect(error?.code == .internal)
            #expect(error?.reason == "STORE_UNAVAILABLE")
        }
    }
}
