import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `AlibabaDriver.listBackups` against a real `AlibabaSimulator` on loopback.
@Suite("Alibaba driver: listing backups")
struct AlibabaDriverListingTests {
    static let schemes: [AlibabaAccount.SignatureVersion] = [.acs3, .v1]

    @Test("pages with nextPageToken: no duplicates, no gaps, newest first; restorable on an eligible instance", arguments: schemes)
    func paging(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let seeded = await harness.seedBackups(of: AlibabaSimulatorHarness.tair, count: 5)
            let driver = harness.driver(scheme)
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            var seen: [Backup] = []
            var token: String?
            var pages = 0
            repeat {
                let page = try await driver.listBackups(
                    ref, query: BackupListQuery(pageSize: 2, pageToken: token), context: AlibabaSimulatorHarness.context()
                )
                pages += 1
                #expect(page.backups.count <= 2)
                seen += page.backups
                token = page.nextPageToken
            } while token != nil && pages < 10
            #expect(pages == 3)
            #expect(seen.map(\.id) == seeded)
            #expect(seen.allSatisfy { $0.state == .succeeded && $0.kind == .automatic && $0.restorable })
            #expect(seen.allSatisfy { $0.instanceId == ref.instanceId && $0.sizeBytes == 4096 })

            let calls = await harness.requests("DescribeBackups")
            #expect(calls.count == 3)
            for call in calls {
                let parameters = AlibabaSimulatorHarness.parameters(call)
                #expect(parameters["PageSize"] == "100")
                #expect(parameters["PageNumber"] == "1")
                #expect(parameters["StartTime"]?.count == "2026-01-01T00:00Z".count)
                #expect(parameters["EndTime"]?.count == "2026-01-01T00:00Z".count)
            }
        }
    }

    @Test("the backups of an instance that cannot restore in place are not restorable")
    func notRestorable() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let seeded = await harness.seedBackups(of: AlibabaSimulatorHarness.redis, count: 2)
            let page = try await harness.driver().listBackups(
                AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.redis), query: BackupListQuery(),
                context: AlibabaSimulatorHarness.context()
            )
            #expect(page.backups.map(\.id) == seeded)
            #expect(page.backups.allSatisfy { $0.state == .succeeded && !$0.restorable })
            #expect(page.nextPageToken == nil)
        }
    }

    @Test("a state filter is applied by the gateway over Alibaba's pages")
    func stateFilter() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let good = await harness.seedBackups(of: AlibabaSimulatorHarness.tair, count: 3)
            let now = AlibabaFixture.wholeSecondNow()
            await harness.simulator.addBackup(AlibabaSimulatedBackup(
                backupId: 1_700_000_100, backupJobId: 9, instanceId: AlibabaSimulatorHarness.tair, status: "Failed",
                startTime: now.addingTimeInterval(-1800), mode: "Manual"
            ))
            let driver = harness.driver()
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            let failed = try await driver.listBackups(ref, query: BackupListQuery(state: .failed), context: AlibabaSimulatorHarness.context())
            #expect(failed.backups.map(\.id) == ["1700000100"])
            #expect(failed.backups.first?.kind == .manual)
            #expect(failed.backups.first?.restorable == false)

            let succeeded = try await driver.listBackups(
                ref, query: BackupListQuery(state: .succeeded, pageSize: 2), context: AlibabaSimulatorHarness.context()
            )
            #expect(succeeded.backups.map(\.id) == Array(good.prefix(2)))
            let token = try #require(succeeded.nextPageToken)
            let rest = try await driver.listBackups(
                ref, query: BackupListQuery(state: .succeeded, pageToken: token), context: AlibabaSimulatorHarness.context()
            )
            #expect(rest.backups.map(\.id) == [good[2]])
            #expect(rest.nextPageToken == nil)
        }
    }

    @Test("since/until narrow the window")
    func window() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let seeded = await harness.seedBackups(of: AlibabaSimulatorHarness.tair, count: 5)
            let now = Date()
            let page = try await harness.driver().listBackups(
                AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair),
                query: BackupListQuery(since: now.addingTimeInterval(-2.5 * 3600), until: now), context: AlibabaSimulatorHarness.context()
            )
            #expect(page.backups.map(\.id) == Array(seeded.prefix(2)))
            let sent = AlibabaSimulatorHarness.parameters(try #require(await harness.requests("DescribeBackups").first))
            #expect(sent["StartTime"] == AlibabaTime.minutes(now.addingTimeInterval(-2.5 * 3600)))
            #expect(sent["EndTime"] == AlibabaTime.minutes(now, roundUp: true))
        }
    }

    @Test("a cloud-native cluster lists its cluster sets (cb-…) with a GET carrying RegionId", arguments: schemes)
    func clusterSets(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let id = AlibabaSimulatorHarness.cloudNativeCluster
            let now = AlibabaFixture.wholeSecondNow()
            await harness.simulator.addClusterBackup(AlibabaSimulatedClusterBackup(
                clusterBackupId: "cb-newer00000000001", instanceId: id, status: "OK", startTime: now.addingTimeInterval(-3600),
                endTime: now.addingTimeInterval(-3300), mode: "Manual", sizeBytes: 2048, shardBackupIds: ["1", "2"]
            ))
            await harness.simulator.addClusterBackup(AlibabaSimulatedClusterBackup(
                clusterBackupId: "cb-older00000000002", instanceId: id, status: "FAILED", startTime: now.addingTimeInterval(-7200),
                endTime: now.addingTimeInterval(-7000), shardBackupIds: ["3", "4"]
            ))
            let page = try await harness.driver(scheme).listBackups(
                AlibabaSimulatorHarness.ref(id), query: BackupListQuery(), context: AlibabaSimulatorHarness.context()
            )
            #expect(page.backups.map(\.id) == ["cb-newer00000000001", "cb-older00000000002"])
            #expect(page.backups.map(\.state) == [.succeeded, .failed])
            #expect(page.backups.map(\.kind) == [.manual, .automatic])
            #expect(page.backups.first?.sizeBytes == 2048)
            #expect(page.backups.allSatisfy { !$0.restorable })

            let call = try #require(await harness.requests("DescribeClusterBackupList").first)
            #expect(call.method == "GET")
            #expect(call.httpStatus == 200)
            let parameters = AlibabaSimulatorHarness.parameters(call)
            #expect(parameters["RegionId"] == AlibabaFixture.region)
            #expect(parameters["InstanceId"] == id)
            #expect(parameters["NoShardBackup"] == "true")
            #expect(await harness.requests("DescribeBackups").isEmpty)
        }
    }

    /// Alibaba's window is by the minute, so rows started after `until` (in its rounded-up
    /// minute) come back on provider page 1 and are dropped by the gateway; the page token must
    /// still point at the right row when paging continues on provider page 2.
    @Test("paging across a provider page with rows dropped by the minute window: no duplicates, no gaps")
    func pagingAcrossProviderPages() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let id = AlibabaSimulatorHarness.tair
            let minute = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 600
            let until = Date(timeIntervalSince1970: minute + 30)
            // Two rows after `until` but inside its minute, then 150 rows before it, one a minute.
            for (index, offset) in [50.0, 40.0].enumerated() {
                await harness.simulator.addBackup(AlibabaSimulatedBackup(
                    backupId: 1_800_000_000 + Int64(index), instanceId: id, startTime: Date(timeIntervalSince1970: minute + offset)
                ))
            }
            var expected: [String] = []
            for index in 1...150 {
                let backupId = 1_700_000_000 + Int64(index)
                await harness.simulator.addBackup(AlibabaSimulatedBackup(
                    backupId: backupId, instanceId: id, startTime: Date(timeIntervalSince1970: minute - Double(index) * 60)
                ))
                expected.append(String(backupId))
            }
            let driver = harness.driver()
            var seen: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let page = try await driver.listBackups(
                    AlibabaSimulatorHarness.ref(id), query: BackupListQuery(until: until, pageSize: 100, pageToken: token),
                    context: AlibabaSimulatorHarness.context()
                )
                pages += 1
                seen += page.backups.map(\.id)
                token = page.nextPageToken
            } while token != nil && pages < 5
            #expect(pages == 2)
            #expect(seen.count == Set(seen).count, "duplicates: \(Dictionary(grouping: seen, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
            let firstMismatch = zip(seen, expected).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(seen.count == expected.count)
            #expect(firstMismatch == nil, "first difference at position \(firstMismatch?.offset ?? -1): \(firstMismatch.map { "\($0.element.0) instead of \($0.element.1)" } ?? "")")
        }
    }

    @Test("an unknown instance is not_found before any listing call")
    func unknownInstance() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().listBackups(
                    AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.unknown), query: BackupListQuery(),
                    context: AlibabaSimulatorHarness.context()
                )
            }
            #expect(error?.reason == "INSTANCE_NOT_FOUND")
            #expect(await harness.requests("DescribeBackups").isEmpty)
        }
    }
}
