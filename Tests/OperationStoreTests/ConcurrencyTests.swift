import Foundation
import GatewayCore
@testable import OperationStore
import Testing

@Suite("Operation store under concurrency")
struct ConcurrencyTests {
    @Test("50 tasks inserting and updating on one store all land", arguments: StoreKind.allCases)
    func fiftyWriters(kind: StoreKind) async throws {
        try await kind.withStores { store, another in
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

            // A second store on the same database sees everything.
            if let another {
                let other = try another()
                #expect(try await other.list(OperationFilter(state: .succeeded), pageSize: 100, pageToken: nil).operations.count == 25)
            }
        }
    }

    @Test("two stores on one database write concurrently without losing anything", arguments: StoreKind.shared)
    func twoStores(kind: StoreKind) async throws {
        try await kind.withStores { first, another in
            let second = try #require(try another?())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    let store = index.isMultiple(of: 2) ? first : second
                    group.addTask { try await store.insert(Records.make(index)) }
                }
                try await group.waitForAll()
            }
            #expect(try await first.list(OperationFilter(), pageSize: 100, pageToken: nil).operations.count == 40)
            #expect(try await second.list(OperationFilter(), pageSize: 100, pageToken: nil).operations.count == 40)
        }
    }

    @Test("racing updates from two stores: the first terminal state wins and every caller sees what is stored",
          arguments: StoreKind.allCases)
    func racingTerminalUpdates(kind: StoreKind) async throws {
        try await kind.withStores { first, another in
            let second = try another?() ?? first
            for index in 0..<10 {
                let record = Records.make(index, state: .running)
                try await first.insert(record)
                let results = try await withThrowingTaskGroup(of: (OperationState, OperationRecord).self) { group in
                    for attempt in 0..<12 {
                        let store = attempt.isMultiple(of: 2) ? first : second
                        let target: OperationState = [.succeeded, .failed, .running][attempt % 3]
                        group.addTask {
                            var change = record
                            change.apply(
                                OperationUpdate(state: target, progress: target == .running ? attempt : nil, backupId: "b-\(attempt)"),
                                at: Records.base.addingTimeInterval(TimeInterval(100 + attempt))
                            )
                            return (target, try await store.update(change))
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let stored = try #require(try await second.get(record.id))
                #expect(stored.state.isTerminal)
                for (target, returned) in results {
                    if returned.state.isTerminal {
                        // Whoever got a terminal answer got the stored record, byte for byte.
                        #expect(returned == stored)
                    } else {
                        #expect(target == .running)
                    }
                }
                // The update that won answered with its own change, as stored.
                #expect(results.filter { $0.0 == stored.state && $0.1 == stored }.count >= 1)
            }
        }
    }
}
