import Foundation
import GatewayCore
@testable import OperationStore
import Testing

@Suite("Operation store under concurrency")
struct ConcurrencyTests {
    @Test("50 tasks inserting and updating on one file all land")
    func fiftyWriters() async throws {
        try await withStoreFile { path in
            let store = try SQLiteOperationStore(path: path)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        var record = Records.make(index)
                        try await store.insert(record)
                        record.apply(
                            OperationUpdate(state: .running, progress: index % 100, providerTaskId: String(1000 + index)),
                            at: Records.base.addingTimeInterval(100)
                        )
                        _ = try await store.update(record)
                        record.apply(OperationUpdate(state: index.isMultiple(of: 2) ? .succeeded : .failed), at: Records.base.addingTimeInterval(200))
                        _ = try await store.update(record)
                    }
                }
                try await group.waitForAll()
            }
            var listed: [OperationRecord] = []
            var token: String?
            repeat {
                let page = try await store.list(OperationFilter(), pageSize: 7, pageToken: token)
                listed += page.operations
                token = page.nextPageToken
            } while token != nil
            #expect(listed.count == 50)
            #expect(Set(listed.map(\.id)) == Set((0..<50).map(Records.id)))
            for record in listed {
                let index = try #require((0..<50).first { Records.id($0) == record.id })
                #expect(record.state == (index.isMultiple(of: 2) ? .succeeded : .failed))
                #expect(record.providerTaskId == String(1000 + index))
            }
            #expect(try await store.unfinished(limit: 100).isEmpty)

            // A second store on the same file sees everything.
            let other = try SQLiteOperationStore(path: path)
            #expect(try await other.list(OperationFilter(state: .succeeded), pageSize: 100, pageToken: nil).operations.count == 25)
        }
    }

    @Test("two stores on one file write concurrently without losing anything")
    func twoStores() async throws {
        try await withStoreFile { path in
            let first = try SQLiteOperationStore(path: path)
            let second = try SQLiteOperationStore(path: path)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    let store = index.isMultiple(of: 2) ? first : second
                    group.addTask { try await store.insert(Records.make(index)) }
                }
                try await group.waitForAll()
            }
            #expect(try await first.list(OperationFilter(), pageSize: 100, pageToken: nil).operations.count == 40)
        }
    }
}
