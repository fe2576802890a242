import Foundation
import GatewayCore
@testable import OperationStore
import Testing

@Suite("Operation store contract: instance patterns")
struct InstancePatternFilterTests {
    static let instances = [
        "crs-abc1", "crs-abc2", "crs-ABC3", "crs-xyz", "r-abc", "crs_abc9", "crs%abc", "crsXabc", "a\\b", "crs-[1]", "实例-1",
    ]

    static func seeded(_ store: any GatewayStore) async throws {
        for (index, instance) in instances.enumerated() {
            try await store.insert(Records.make(index, instanceId: instance))
        }
    }

    static func matching(_ store: any GatewayStore, _ patterns: [String]?, pageSize: Int = 100) async throws -> [String] {
        var ids: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try await store.list(OperationFilter(instancePatterns: patterns), pageSize: pageSize, pageToken: token)
            ids += page.operations.map(\.instanceId)
            token = page.nextPageToken
            pages += 1
        } while token != nil && pages < 100
        return ids.sorted()
    }

    @Test("exact ids, globs, case sensitivity and literal % _ \\ [", arguments: StoreKind.allCases)
    func patterns(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Self.seeded(store)
            let cases: [([String]?, [String])] = [
                (nil, Self.instances.sorted()),
                ([], []),
                (["crs-abc1"], ["crs-abc1"]),
                (["CRS-ABC1"], []),
                (["crs-abc*"], ["crs-abc1", "crs-abc2"]),
                (["crs-ABC*"], ["crs-ABC3"]),
                (["crs-abc?"], ["crs-abc1", "crs-abc2"]),
                (["crs-abc"], []),
                (["crs-???"], ["crs-xyz", "crs-[1]"]),
                (["crs_abc*"], ["crs_abc9"]),
                (["crs%abc"], ["crs%abc"]),
                (["crs%"], []),
                (["crs_abc"], []),
                (["crs?abc"], ["crs%abc", "crsXabc"]),
                (["a\\b"], ["a\\b"]),
                (["a\\*"], ["a\\b"]),
                (["crs-[1]"], ["crs-[1]"]),
                (["crs-[1]*"], ["crs-[1]"]),
                (["crs-[a]*"], []),
                (["实例-?"], ["实例-1"]),
                (["*"], Self.instances.sorted()),
                (["r-*", "crs-xyz", "crs-abc2"], ["crs-abc2", "crs-xyz", "r-abc"]),
                (["nothing", "no-*"], []),
            ]
            for (patterns, expected) in cases {
                #expect(try await Self.matching(store, patterns) == expected.sorted(), "\(String(describing: patterns))")
            }
        }
    }

    @Test("patterns combine with the other filters and hold across pages", arguments: StoreKind.allCases)
    func pagingWithPatterns(kind: StoreKind) async throws {
        try await kind.withStore { store in
            var expected: [String] = []
            for index in 0..<30 {
                let instance = ["crs-a\(index)", "crs-B\(index)", "r-\(index)"][index % 3]
                let record = Records.make(index, state: index.isMultiple(of: 2) ? .running : .succeeded, instanceId: instance,
                                          createdAt: Records.base.addingTimeInterval(TimeInterval(index / 4)))
                try await store.insert(record)
                if instance.hasPrefix("crs-a") || instance.hasPrefix("r-") { expected.append(record.id) }
            }
            let filter = OperationFilter(instancePatterns: ["crs-a*", "r-?", "r-??"])
            let all = try await store.list(filter, pageSize: 100, pageToken: nil).operations
            #expect(Set(all.map(\.id)) == Set(expected))
            for pageSize in [1, 3, 7] {
                var ids: [String] = []
                var token: String?
                repeat {
                    let page = try await store.list(filter, pageSize: pageSize, pageToken: token)
                    #expect(page.operations.count <= pageSize)
                    ids += page.operations.map(\.id)
                    token = page.nextPageToken
                } while token != nil && ids.count <= 100
                #expect(ids == all.map(\.id), "pageSize \(pageSize)")
            }
            let running = try await store.list(
                OperationFilter(state: .running, instancePatterns: ["crs-a*"]), pageSize: 100, pageToken: nil
            ).operations
            #expect(running.allSatisfy { $0.state == .running && $0.instanceId.hasPrefix("crs-a") })
            #expect(running.count == 5)
            #expect(try await store.list(
                OperationFilter(instanceId: "crs-a0", instancePatterns: ["r-*"]), pageSize: 100, pageToken: nil
            ).operations.isEmpty)
        }
    }

    @Test("an empty pattern list still checks the page token", arguments: StoreKind.allCases)
    func emptyPatternsBadToken(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let error = await #expect(throws: GatewayError.self) {
                try await store.list(OperationFilter(instancePatterns: []), pageSize: 10, pageToken: "garbage!")
            }
            #expect(error?.reason == "PAGE_TOKEN_INVALID")
        }
    }

    @Test("LIKE translation (the portable form, for PostgreSQL)")
    func likeTranslation() {
        #expect(InstancePatternSQL.like("crs-abc1") == "crs-abc1")
        #expect(InstancePatternSQL.like("crs-*") == "crs-%")
        #expect(InstancePatternSQL.like("crs-??") == "crs-__")
        #expect(InstancePatternSQL.like("a%b_c\\d") == "a\\%b\\_c\\\\d")
        #expect(InstancePatternSQL.like("*_?%") == "%\\__\\%")
    }

    @Test("GLOB translation (SQLite) escapes only [")
    func globTranslation() {
        #expect(InstancePatternSQL.glob("crs-*") == "crs-*")
        #expect(InstancePatternSQL.glob("a[1]?") == "a[[]1]?")
        #expect(InstancePatternSQL.glob("a%b_c\\d") == "a%b_c\\d")
    }
}
