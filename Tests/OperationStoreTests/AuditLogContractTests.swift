import Foundation
import GatewayCore
@testable import OperationStore
import Testing

@Suite("Audit log contract")
struct AuditLogContractTests {
    static func event(
        _ index: Int, at seconds: TimeInterval? = nil, caller: String = "alice", action: String = "backups.create",
        instanceId: String = "crs-a", outcome: String = "accepted"
    ) -> AuditEvent {
        AuditEvent(
            id: "ae_" + Records.id(index).dropFirst(3), at: Clock.at(seconds ?? TimeInterval(index)), caller: caller,
            action: action, instanceId: instanceId, outcome: outcome, httpStatus: outcome == "accepted" ? 202 : 400,
            requestId: "req-\(index)"
        )
    }

    static func allPages(_ log: any GatewayStore, _ filter: AuditFilter = AuditFilter(), pageSize: Int) async throws -> [AuditPage] {
        var pages: [AuditPage] = []
        var token: String?
        repeat {
            let page = try await log.listAuditEvents(filter, pageSize: pageSize, pageToken: token)
            pages.append(page)
            token = page.nextPageToken
        } while token != nil && pages.count < 100
        return pages
    }

    @Test("makeId is ae_ and 26 lower-case base32 characters, fresh each time")
    func makeId() {
        let ids = (0..<100).map { _ in AuditEvent.makeId() }
        #expect(Set(ids).count == 100)
        for id in ids {
            #expect(id.hasPrefix("ae_"))
            #expect(id.count == 29)
            #expect(id.dropFirst(3).allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
        }
    }

    @Test("every field survives append then list, dates to the microsecond", arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) async throws {
        try await kind.withStore { log in
            let full = AuditEvent(
                at: Date(timeIntervalSince1970: 1_767_225_600.123456), caller: "ci-pipeline", action: "restores.create",
                instanceId: "crs-5a4py64p", provider: "tencent", account: "main", operationId: Records.id(3),
                outcome: "refused", httpStatus: 422, code: "invalid_argument", reason: "CONFIRM_OVERWRITE_REQUIRED",
                summary: ["backupId": "678362566696298532848117", "keyPatterns": "[\"user:*\"]", "remark": "备注 «x»"],
                providerRequestId: "6c3d9e2f", requestId: "req-1"
            )
            let bare = Self.event(1, at: -10)
            try await log.append(full)
            try await log.append(bare)
            let page = try await log.listAuditEvents(AuditFilter(), pageSize: 10, pageToken: nil)
            #expect(page.events == [full, bare])
            #expect(page.events.first?.at.timeIntervalSince1970 == 1_767_225_600.123456)
            #expect(page.events.last?.summary == [:])
            #expect(page.nextPageToken == nil)
        }
    }

    @Test("a repeated id is a store failure and keeps the first", arguments: StoreKind.allCases)
    func duplicateId(kind: StoreKind) async throws {
        try await kind.withStore { log in
            let event = Self.event(1)
            try await log.append(event)
            var other = event
            other.caller = "mallory"
            let error = await #expect(throws: GatewayError.self) { try await log.append(other) }
            #expect(error?.code == .internal)
            #expect(error?.reason == "STORE_UNAVAILABLE")
            #expect(try await log.listAuditEvents(AuditFilter(), pageSize: 10, pageToken: nil).events == [event])
        }
    }

    @Test("filters: caller, instance, action, outcome, since (inclusive), until (exclusive), patterns", arguments: StoreKind.allCases)
    func filters(kind: StoreKind) async throws {
        try await kind.withStore { log in
            let events = [
                Self.event(0, caller: "alice", action: "backups.create", instanceId: "crs-a", outcome: "accepted"),
                Self.event(1, caller: "bob", action: "restores.create", instanceId: "crs-a", outcome: "refused"),
                Self.event(2, caller: "alice", action: "restores.create", instanceId: "crs-B", outcome: "accepted"),
                Self.event(3, caller: "alice", action: "backups.create", instanceId: "r-1", outcome: "denied"),
                Self.event(4, caller: "bob", action: "backups.create", instanceId: "crs_b", outcome: "replayed"),
                Self.event(5, caller: "alice", action: "backups.create", instanceId: "crs-a", outcome: "validated"),
            ]
            for event in events.shuffled() { try await log.append(event) }
            let cases: [(AuditFilter, [Int])] = [
                (AuditFilter(), [5, 4, 3, 2, 1, 0]),
                (AuditFilter(caller: "alice"), [5, 3, 2, 0]),
                (AuditFilter(caller: "ALICE"), []),
                (AuditFilter(instanceId: "crs-a"), [5, 1, 0]),
                (AuditFilter(action: "restores.create"), [2, 1]),
                (AuditFilter(outcome: "accepted"), [2, 0]),
                (AuditFilter(since: Clock.at(2)), [5, 4, 3, 2]),
                (AuditFilter(until: Clock.at(2)), [1, 0]),
                (AuditFilter(since: Clock.at(1), until: Clock.at(4)), [3, 2, 1]),
                (AuditFilter(since: Clock.at(1.5), until: Clock.at(1.5)), []),
                (AuditFilter(instancePatterns: ["crs-*"]), [5, 2, 1, 0]),
                (AuditFilter(instancePatterns: ["crs-b"]), []),
                (AuditFilter(instancePatterns: ["crs_?"]), [4]),
                (AuditFilter(instancePatterns: []), []),
                (AuditFilter(caller: "alice", action: "backups.create", instancePatterns: ["crs-?", "r-*"]), [5, 3, 0]),
                (AuditFilter(caller: "bob", outcome: "refused", since: Clock.at(1), until: Clock.at(2)), [1]),
            ]
            for (filter, expected) in cases {
                let page = try await log.listAuditEvents(filter, pageSize: 100, pageToken: nil)
                #expect(page.events.map(\.id) == expected.map { events[$0].id }, "\(filter)")
                #expect(page.nextPageToken == nil)
            }
        }
    }

    @Test("paging newest first with ties, filters across pages, no duplicates or gaps", arguments: StoreKind.allCases)
    func paging(kind: StoreKind) async throws {
        try await kind.withStore { log in
            var events: [AuditEvent] = []
            for index in 0..<23 {
                // Several events share an instant; ids decide the order among them.
                events.append(Self.event((index * 7) % 23, at: TimeInterval(index / 3), instanceId: index.isMultiple(of: 2) ? "crs-a" : "r-b"))
            }
            for event in events { try await log.append(event) }
            let newestFirst = events.sorted { $0.at != $1.at ? $0.at > $1.at : $0.id > $1.id }
            for pageSize in [1, 2, 5, 23, 100] {
                let pages = try await Self.allPages(log, pageSize: pageSize)
                #expect(pages.flatMap(\.events).map(\.id) == newestFirst.map(\.id), "pageSize \(pageSize)")
                #expect(pages.dropLast().allSatisfy { $0.events.count == pageSize && $0.nextPageToken != nil })
                #expect(pages.last?.nextPageToken == nil)
            }
            let filtered = try await Self.allPages(log, AuditFilter(instancePatterns: ["crs-*"]), pageSize: 4)
            #expect(filtered.flatMap(\.events).map(\.id) == newestFirst.filter { $0.instanceId == "crs-a" }.map(\.id))
        }
    }

    @Test("a bad page token is invalid_argument PAGE_TOKEN_INVALID (operation tokens included)", arguments: StoreKind.allCases)
    func badToken(kind: StoreKind) async throws {
        try await kind.withStore { log in
            try await log.append(Self.event(1))
            try await log.append(Self.event(2))
            try await log.insert(Records.make(1))
            try await log.insert(Records.make(2))
            let operationToken = try #require(try await log.list(OperationFilter(), pageSize: 1, pageToken: nil).nextPageToken)
            let auditToken = try #require(try await log.listAuditEvents(AuditFilter(), pageSize: 1, pageToken: nil).nextPageToken)
            for token in ["garbage!", "", "YTF8MTIzfA", Data("a1|x|ae_x".utf8).base64EncodedString(), operationToken] {
                let error = await #expect(throws: GatewayError.self, "\(token)") {
                    try await log.listAuditEvents(AuditFilter(), pageSize: 2, pageToken: token)
                }
                #expect(error?.code == .invalidArgument)
                #expect(error?.reason == "PAGE_TOKEN_INVALID")
            }
            let error = await #expect(throws: GatewayError.self) {
                try await log.list(OperationFilter(), pageSize: 2, pageToken: auditToken)
            }
            #expect(error?.reason == "PAGE_TOKEN_INVALID")
        }
    }

    @Test("the audit page token round-trips")
    func tokenRoundTrip() throws {
        let token = AuditPageToken(atMicros: 1_767_225_600_123_456, id: "ae_abc")
        #expect(try AuditPageToken(decoding: token.encoded) == token)
        #expect(!token.encoded.contains("="))
    }
}
