import Foundation
import GatewayCore
@testable import OperationStore
import Testing

@Suite("Operation store migrations")
struct MigrationTests {
    @Test("a fresh file (in a folder that does not exist yet) gets v1_operations")
    func freshFile() async throws {
        try await withStoreFile { path in
            #expect(!FileManager.default.fileExists(atPath: path))
            let store = try SQLiteOperationStore(path: path)
            #expect(try await store.appliedMigrations() == ["v1_operations"])
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
            #expect(try await second.appliedMigrations() == ["v1_operations"])
            #expect(try await second.get(record.id) == record)
            let third = try SQLiteOperationStore(path: path)
            #expect(try await third.list(OperationFilter(), pageSize: 10, pageToken: nil).operations == [record])
        }
    }

    @Test("the in-memory store is migrated too")
    func inMemory() async throws {
        let store = try SQLiteOperationStore()
        #expect(try await store.appliedMigrations() == ["v1_operations"])
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
