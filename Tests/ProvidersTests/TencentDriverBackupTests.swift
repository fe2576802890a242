import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `TencentDriver` against a real `TencentSimulator` on loopback: backups.
@Suite("Tencent driver: backups")
struct TencentDriverBackupTests {
    @Test("startBackup, then refresh until succeeded: the backupId is found by the remark")
    func backupFlow() async throws {
        try await SimulatorHarness.run { harness in
            let driver = harness.driver()
            var record = DriverSupport.record(.backup, remark: "nightly")
            let started = try await driver.startBackup(
                harness.ref, request: BackupRequest(remark: "nightly", retentionDays: 3), operationId: record.id,
                context: SimulatorHarness.context()
            )
            #expect(started.update.state == .running)
            #expect(started.update.providerTaskId == "6954227")
            #expect(started.update.providerRequestId?.isEmpty == false)
            #expect(started.update.backupId == nil)
            record.apply(started.update, at: Date())

            let sent = try #require(await harness.requests("ManualBackupInstance").first)
            #expect(sent.bodyString == #"{"InstanceId":"crs-test01","Remark":"nightly [gw:\#(record.id)]","StorageDays":3}"#)

            // perPoll(steps: 3): preparing, running, succeed (+ the lookup).
            let refreshes = try await DriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(refreshes == 3)
            #expect(record.state == .succeeded)
            #expect(record.progress == 100)
            let made = try #require(await harness.simulator.backups(of: "crs-test01").first)
            #expect(made.remark == "nightly [gw:\(record.id)]")
            #expect(record.backupId == made.backupId)

            let lookup = try #require(await harness.requests("DescribeInstanceBackups").last)
            let body = try #require(lookup.parameters)
            #expect(body["InstanceId"] == "crs-test01")
            #expect(body["Status"] == [1, 2, 3, 4, -1])
            #expect(body["BeginTime"]?.stringValue.flatMap { ChinaStandardTime.parse($0) } != nil)
            #expect(body["EndTime"]?.stringValue.flatMap { ChinaStandardTime.parse($0) } != nil)

            // The caller sees its own remark back, without the tag.
            let page = try await driver.listBackups(harness.ref, query: BackupListQuery(), context: SimulatorHarness.context())
            let listed = try #require(page.backups.first { $0.id == made.backupId })
            #expect(listed.remark == "nightly")
            #expect(listed.kind == .manual)
            #expect(listed.state == .succeeded)
            #expect(listed.restorable)
        }
    }

    @Test("a backup task that fails ends failed with PROVIDER_TASK_FAILED")
    func backupTaskFails() async throws {
        try await SimulatorHarness.run(progression: .perPoll(steps: 1)) { harness in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .failTask(message: "disk full")))
            let driver = harness.driver()
            var record = DriverSupport.record(.backup)
            let started = try await driver.startBackup(harness.ref, request: BackupRequest(), operationId: record.id, context: SimulatorHarness.context())
            record.apply(started.update, at: Date())
            try await DriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .failed)
            #expect(record.failure?.code == "provider_error")
            #expect(record.failure?.reason == "PROVIDER_TASK_FAILED")
            #expect(record.failure?.detail.contains("disk full") == true)
            #expect(record.backupId == nil)
        }
    }

    @Test("listBackups pages with nextPageToken: no duplicates, no gaps, newest first")
    func listPaging() async throws {
        try await SimulatorHarness.run { harness in
            let seeded = await harness.seedBackups(of: "crs-test01", count: 5)
            let driver = harness.driver()
            var seen: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let page = try await driver.listBackups(
                    harness.ref, query: BackupListQuery(pageSize: 2, pageToken: token), context: SimulatorHarness.context()
                )
                pages += 1
                #expect(page.backups.count <= 2)
                seen += page.backups.map(\.id)
                token = page.nextPageToken
            } while token != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == seeded)

            let offsets = await harness.requests("DescribeInstanceBackups").compactMap { $0.parameters?["Offset"]?.intValue }
            #expect(offsets == [0, 2, 4])
            let limits = await harness.requests("DescribeInstanceBackups").compactMap { $0.parameters?["Limit"]?.intValue }
            #expect(limits == [2, 2, 2])
        }
    }

    @Test("listBackups: since/until become BeginTime/EndTime in UTC+8 and filter")
    func listWindow() async throws {
        try await SimulatorHarness.run { harness in
            let seeded = await harness.seedBackups(of: "crs-test01", count: 5)
            let now = Date()
            let since = now.addingTimeInterval(-2.5 * 3600)
            let page = try await harness.driver().listBackups(
                harness.ref, query: BackupListQuery(since: since, until: now), context: SimulatorHarness.context()
            )
            #expect(page.backups.map(\.id) == Array(seeded.prefix(2)))
            #expect(page.nextPageToken == nil)
            let sent = try #require(await harness.requests("DescribeInstanceBackups").first?.parameters)
            #expect(sent["BeginTime"]?.stringValue == ChinaStandardTime.format(since))
            #expect(sent["EndTime"]?.stringValue == ChinaStandardTime.format(now.addingTimeInterval(-1)))
        }
    }

    @Test("listBackups: pending/failed match nothing without calling; a garbage token is refused before calling")
    func listShortCircuits() async throws {
        try await SimulatorHarness.run { harness in
            let driver = harness.driver()
            for state in [Backup.State.pending, .failed] {
                let page = try await driver.listBackups(harness.ref, query: BackupListQuery(state: state), context: SimulatorHarness.context())
                #expect(page.backups.isEmpty)
                #expect(page.nextPageToken == nil)
            }
            let error = await #expect(throws: GatewayError.self) {
                try await driver.listBackups(harness.ref, query: BackupListQuery(pageToken: "garbage!"), context: SimulatorHarness.context())
            }
            #expect(error?.reason == "PAGE_TOKEN_INVALID")
            let tooBig = await #expect(throws: GatewayError.self) {
                try await driver.listBackups(harness.ref, query: BackupListQuery(pageSize: 101), context: SimulatorHarness.context())
            }
            #expect(tooBig?.reason == "PAGE_SIZE_OUT_OF_RANGE")
            #expect(await harness.requests("DescribeInstanceBackups").isEmpty)
        }
    }
}
