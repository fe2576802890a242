import Foundation
import GatewayCore
@testable import OperationStore
import Testing

@Suite("Operation store listing")
struct ListingTests {
    /// Every page of `filter`, following tokens; fails the test on a loop.
    static func allPages(_ store: any GatewayStore, _ filter: OperationFilter = OperationFilter(), pageSize: Int) async throws -> [OperationPage] {
        var pages: [OperationPage] = []
        var token: String?
        repeat {
            let page = try await store.list(filter, pageSize: pageSize, pageToken: token)
            pages.append(page)
            token = page.nextPageToken
        } while token != nil && pages.count < 50
        #expect(pages.count < 50, "the listing did not end")
        return pages
    }

    /// Newest first, ties by id descending (what the store promises).
    static func newestFirst(_ records: [OperationRecord]) -> [String] {
        records.sorted { $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : $0.id > $1.id }.map(\.id)
    }

    @Test("newest first", arguments: StoreKind.allCases)
    func newestFirst(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let records = [3, 1, 4, 0, 2].map { Records.make($0) }
            for record in records { try await store.insert(record) }
            let page = try await store.list(OperationFilter(), pageSize: 10, pageToken: nil)
            #expect(page.operations.map(\.id) == [4, 3, 2, 1, 0].map(Records.id))
            #expect(page.nextPageToken == nil)
        }
    }

    @Test("filters by instanceId, kind, state and their combinations", arguments: StoreKind.allCases)
    func filters(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let records = [
                Records.make(0, kind: .backup, state: .succeeded, instanceId: "crs-a"),
                Records.make(1, kind: .restore, state: .running, instanceId: "crs-a"),
                Records.make(2, kind: .backup, state: .running, instanceId: "crs-b"),
                Records.make(3, kind: .backup, state: .running, instanceId: "crs-a"),
                Records.make(4, kind: .restore, state: .failed, instanceId: "crs-b"),
                Records.make(5, kind: .backup, state: .unknown, instanceId: "crs-a"),
            ]
            for record in records { try await store.insert(record) }
            let cases: [(OperationFilter, [Int])] = [
                (OperationFilter(), [5, 4, 3, 2, 1, 0]),
                (OperationFilter(instanceId: "crs-a"), [5, 3, 1, 0]),
                (OperationFilter(instanceId: "crs-zzz"), []),
                (OperationFilter(kind: .restore), [4, 1]),
                (OperationFilter(state: .running), [3, 2, 1]),
                (OperationFilter(instanceId: "crs-a", kind: .backup), [5, 3, 0]),
                (OperationFilter(instanceId: "crs-a", state: .running), [3, 1]),
                (OperationFilter(kind: .backup, state: .running), [3, 2]),
                (OperationFilter(instanceId: "crs-b", kind: .restore, state: .failed), [4]),
                (OperationFilter(instanceId: "crs-b", kind: .backup, state: .failed), []),
            ]
            for (filter, expected) in cases {
                let page = try await store.list(filter, pageSize: 100, pageToken: nil)
                #expect(page.operations.map(\.id) == expected.map(Records.id), "\(filter)")
                #expect(page.nextPageToken == nil)
            }
            // Filters hold across pages too.
            let pages = try await Self.allPages(store, OperationFilter(instanceId: "crs-a"), pageSize: 1)
            #expect(pages.flatMap(\.operations).map(\.id) == [5, 3, 1, 0].map(Records.id))
        }
    }

    @Test("pageSize 2 over 5 records: 2, 2, 1, no duplicates, no gaps, the last page has no token", arguments: StoreKind.allCases)
    func paging(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let records = (0..<5).map { Records.make($0) }
            for record in records { try await store.insert(record) }
            let pages = try await Self.allPages(store, pageSize: 2)
            #expect(pages.map(\.operations.count) == [2, 2, 1])
            #expect(pages.dropLast().allSatisfy { $0.nextPageToken != nil })
            #expect(pages.last?.nextPageToken == nil)
            #expect(pages.flatMap(\.operations).map(\.id) == Self.newestFirst(records))
        }
    }

    @Test("paging with equal createdAt: ties are broken by id, nothing lost or repeated", arguments: StoreKind.allCases)
    func pagingWithTies(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let same = Records.base.addingTimeInterval(0.000_001)
            // Ids chosen so that id order differs from insertion order; three share one instant.
            let records = [
                Records.make(31, createdAt: same),
                Records.make(2, createdAt: same),
                Records.make(17, createdAt: same),
                Records.make(40, createdAt: Records.base.addingTimeInterval(5)),
                Records.make(9, createdAt: Records.base.addingTimeInterval(-5)),
            ]
            for record in records { try await store.insert(record) }
            for pageSize in [1, 2, 3] {
                let pages = try await Self.allPages(store, pageSize: pageSize)
                let ids = pages.flatMap(\.operations).map(\.id)
                #expect(ids == Self.newestFirst(records), "pageSize \(pageSize)")
                #expect(Set(ids).count == records.count)
                #expect(pages.last?.nextPageToken == nil)
            }
        }
    }

    @Test("exactly a full last page has no token", arguments: StoreKind.allCases)
    func exactPages(kind: StoreKind) async throws {
        try await kind.withStore { store in
            for index in 0..<4 { try await store.insert(Records.make(index)) }
            let pages = try await Self.allPages(store, pageSize: 2)
            #expect(pages.map(\.operations.count) == [2, 2])
            #expect(pages.last?.nextPageToken == nil)
        }
    }

    @Test("a garbage page token is invalid_argument PAGE_TOKEN_INVALID", arguments: StoreKind.allCases, [
        "garbage!", "", "bzF8MTIzfA", Data("v1:0:20".utf8).base64EncodedString(), Data("o1|abc|op_x".utf8).base64EncodedString(),
    ])
    func garbageToken(kind: StoreKind, token: String) async throws {
        try await kind.withStore { store in
            try await store.insert(Records.make(1))
            let error = await #expect(throws: GatewayError.self) {
                try await store.list(OperationFilter(), pageSize: 2, pageToken: token)
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.reason == "PAGE_TOKEN_INVALID")
        }
    }

    @Test("the page token round-trips")
    func tokenRoundTrip() throws {
        let token = OperationPageToken(createdAtMicros: 1_767_225_600_123_456, id: Records.id(5))
        let decoded = try OperationPageToken(decoding: token.encoded)
        #expect(decoded == token)
        #expect(!token.encoded.contains("="))
    }

    @Test("pageSize is clamped to 1…100", arguments: StoreKind.allCases)
    func pageSizeClamp(kind: StoreKind) async throws {
        try await kind.withStore { store in
            for index in 0..<3 { try await store.insert(Records.make(index)) }
            #expect(try await store.list(OperationFilter(), pageSize: 0, pageToken: nil).operations.count == 1)
            #expect(try await store.list(OperationFilter(), pageSize: -5, pageToken: nil).operations.count == 1)
            #expect(try await store.list(OperationFilter(), pageSize: 1000, pageToken: nil).operations.count == 3)
        }
    }
}
