import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `HuaweiDriver.listBackups` against a real `HuaweiSimulator` on loopback, on both API
/// generations.
@Suite("Huawei driver: listing backups")
struct HuaweiDriverListingTests {
    @Test("pages with nextPageToken: no duplicates, no gaps, newest first (v2 offset, v1.0 start)", arguments: HuaweiSimulatorHarness.versions)
    func paging(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let seeded = await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 5)
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            var seen: [Backup] = []
            var tokens: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let page = try await driver.listBackups(ref, query: BackupListQuery(pageSize: 2, pageToken: token), context: HuaweiSimulatorHarness.context())
                pages += 1
                #expect(page.backups.count <= 2)
                seen += page.backups
                token = page.nextPageToken
                if let token { tokens.append(token) }
            } while token != nil && pages < 10
            #expect(pages == 3)
            #expect(seen.map(\.id) == seeded)
            #expect(tokens == [OffsetPageToken(offset: 2, limit: 2).encoded, OffsetPageToken(offset: 4, limit: 2).encoded])
            #expect(seen.allSatisfy { $0.state == .succeeded && $0.kind == .automatic && $0.restorable })
            #expect(seen.allSatisfy { $0.instanceId == ref.instanceId && $0.sizeBytes == 4096 && $0.format == "rdb" })
            #expect(seen.map(\.remark) == (1...5).map { "seed \($0)" })
            #expect(seen.allSatisfy { $0.startedAt != nil && $0.finishedAt != nil })

            let calls = await harness.requests("ListBackups").map { HuaweiSimulatorHarness.query($0) }
            #expect(calls.count == 3)
            switch version {
            case .v2: #expect(calls.map { $0["offset"] } == ["0", "2", "4"])
            case .v1_0: #expect(calls.map { $0["start"] } == ["1", "3", "5"])
            }
            #expect(calls.allSatisfy { $0["limit"] == "2" })
        }
    }

    @Test("since and until become the list's time filter; the window is honoured", arguments: HuaweiSimulatorHarness.versions)
    func window(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let now = HuaweiFixture.wholeSecondNow()
            let seeded = await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 6, anchor: now)
            let page = try await harness.driver(version).listBackups(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha),
                query: BackupListQuery(since: now.addingTimeInterval(-4 * 3600), until: now.addingTimeInterval(-2 * 3600)),
                context: HuaweiSimulatorHarness.context()
            )
            #expect(page.backups.map(\.id) == Array(seeded[1...3]))
            #expect(page.nextPageToken == nil)
            let call = HuaweiSimulatorHarness.query(try #require(await harness.requests("ListBackups").first))
            let begin = version == .v2 ? "begin_time" : "beginTime"
            let end = version == .v2 ? "end_time" : "endTime"
            #expect(call[begin] == HuaweiTime.query(now.addingTimeInterval(-4 * 3600)))
            #expect(call[end] == HuaweiTime.query(now.addingTimeInterval(-2 * 3600)))
        }
    }

    @Test("an instance without backups lists empty, whether DCS answers 204 or 200", arguments: [
        (HuaweiAccount.APIVersion.v2, 204, 204), (.v2, 200, 200), (.v1_0, 204, 200), (.v1_0, 200, 200),
    ])
    func emptyList(version: HuaweiAccount.APIVersion, emptyListStatus: Int, answered: Int) async throws {
        try await HuaweiSimulatorHarness.run(emptyListStatus: emptyListStatus) { harness in
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.empty)
            let page = try await driver.listBackups(ref, query: BackupListQuery(), context: HuaweiSimulatorHarness.context())
            #expect(page.backups.isEmpty)
            #expect(page.nextPageToken == nil)
            let filtered = try await driver.listBackups(ref, query: BackupListQuery(state: .succeeded), context: HuaweiSimulatorHarness.context())
            #expect(filtered.backups.isEmpty)
            #expect(filtered.nextPageToken == nil)
            let calls = await harness.requests("ListBackups")
            #expect(calls.count == 2)
            #expect(calls.allSatisfy { $0.httpStatus == answered })
            if answered == 204 { #expect(calls.allSatisfy { $0.errorCode == nil }) }

            // A restore refresh over an empty list keeps waiting for a known id.
            var record = HuaweiDriverSupport.record(.restore, instanceId: HuaweiSimulatorHarness.empty)
            record.state = .running
            record.providerTaskId = "33333333-0000-4000-8000-000000000001"
            let update = try await driver.refresh(record, context: HuaweiSimulatorHarness.context())
            #expect(update.state == .running)
            #expect(await harness.requests("ListRestores").first?.httpStatus == answered)
        }
    }

    @Test("a page past the end is empty with no token")
    func pastTheEnd() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 2)
            let page = try await harness.driver().listBackups(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha),
                query: BackupListQuery(pageToken: OffsetPageToken(offset: 10, limit: 5).encoded), context: HuaweiSimulatorHarness.context()
            )
            #expect(page.backups.isEmpty)
            #expect(page.nextPageToken == nil)
            #expect(HuaweiSimulatorHarness.query(try #require(await harness.requests("ListBackups").first))["limit"] == "5")
        }
    }

    @Test("a state filter is applied by the gateway over DCS's pages", arguments: HuaweiSimulatorHarness.versions)
    func stateFilter(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let now = HuaweiFixture.wholeSecondNow()
            let id = HuaweiSimulatorHarness.ha
            let good = await harness.seedBackups(of: id, count: 3, anchor: now, spacing: 3600)
            let failed = await harness.seedBackups(of: id, count: 2, status: "failed", backupType: "manual", anchor: now.addingTimeInterval(-600), spacing: 3600, idPrefix: "55555555")
            let expired = await harness.seedBackups(of: id, count: 1, status: "expired", anchor: now.addingTimeInterval(-1200), idPrefix: "66666666")
            let deleted = await harness.seedBackups(of: id, count: 1, status: "deleted", anchor: now.addingTimeInterval(-1800), idPrefix: "77777777")
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(id)

            let failedPage = try await driver.listBackups(ref, query: BackupListQuery(state: .failed), context: HuaweiSimulatorHarness.context())
            #expect(failedPage.backups.map(\.id) == failed)
            #expect(failedPage.backups.allSatisfy { $0.kind == .manual && !$0.restorable })
            #expect(failedPage.nextPageToken == nil)

            let gone = try await driver.listBackups(ref, query: BackupListQuery(state: .expired), context: HuaweiSimulatorHarness.context())
            #expect(Set(gone.backups.map(\.id)) == Set(expired + deleted))
            #expect(gone.backups.allSatisfy { !$0.restorable })

            let first = try await driver.listBackups(ref, query: BackupListQuery(state: .succeeded, pageSize: 2), context: HuaweiSimulatorHarness.context())
            #expect(first.backups.map(\.id) == Array(good.prefix(2)))
            let token = try #require(first.nextPageToken)
            let second = try await driver.listBackups(
                ref, query: BackupListQuery(state: .succeeded, pageSize: 2, pageToken: token), context: HuaweiSimulatorHarness.context()
            )
            #expect(second.backups.map(\.id) == [good[2]])
            #expect(second.nextPageToken == nil)

            // The filter scans DCS in pages of 100 from the start.
            let calls = await harness.requests("ListBackups").map { HuaweiSimulatorHarness.query($0) }
            #expect(calls.allSatisfy { $0["limit"] == "100" && ($0["offset"] ?? $0["start"]) == (version == .v2 ? "0" : "1") })
        }
    }

    @Test("a running backup lists as pending/running with its progress source, not restorable")
    func runningBackup() async throws {
        try await HuaweiSimulatorHarness.run(progression: .perPoll(steps: 3)) { harness in
            let driver = harness.driver(.v1_0)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            _ = try await driver.startBackup(ref, request: BackupRequest(remark: "manual one"), operationId: OperationID.make(), context: HuaweiSimulatorHarness.context())
            let page = try await driver.listBackups(ref, query: BackupListQuery(), context: HuaweiSimulatorHarness.context())
            let backup = try #require(page.backups.first)
            #expect(backup.state == .pending)
            #expect(backup.kind == .manual)
            #expect(backup.remark == "manual one")
            #expect(backup.format == "rdb", "v1.0 spells it RDB")
            #expect(!backup.restorable)
            #expect(backup.finishedAt == nil)
            let later = try await driver.listBackups(ref, query: BackupListQuery(), context: HuaweiSimulatorHarness.context())
            #expect(later.backups.first?.state == .running)
            #expect(later.backups.first?.id == backup.id)
        }
    }

    @Test("a pageToken the gateway did not issue is invalid_argument before any call")
    func invalidToken() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().listBackups(
                    HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), query: BackupListQuery(pageToken: "not-a-token"),
                    context: HuaweiSimulatorHarness.context()
                )
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.reason == "PAGE_TOKEN_INVALID")
            #expect(await harness.simulator.receivedRequests().isEmpty)
        }
    }

    @Test("listing an unknown instance is not_found", arguments: HuaweiSimulatorHarness.versions)
    func unknownInstance(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver(version).listBackups(
                    HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.unknown), query: BackupListQuery(), context: HuaweiSimulatorHarness.context()
                )
            }
            #expect(error?.code == .notFound)
            #expect(error?.reason == "INSTANCE_NOT_FOUND")
        }
    }
}
