import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `TencentDriver` against a real `TencentSimulator` on loopback: reconciliation.
@Suite("Tencent driver: reconciling unknown outcomes")
struct TencentDriverReconciliationTests {
    @Test("a backup whose start outcome is unknown is reconciled from the remark")
    func reconcileUnknownBackup() async throws {
        try await SimulatorHarness.run(progression: .immediate) { harness in
            let driver = harness.driver()
            var record = DriverSupport.record(.backup)
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .dropConnection))
            let error = await #expect(throws: GatewayError.self) {
                try await driver.startBackup(harness.ref, request: BackupRequest(), operationId: record.id, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerUnavailable)
            #expect(error?.outcomeUnknown == true)
            record.apply(OperationUpdate(state: .unknown), at: Date())

            let update = try await driver.refresh(record, context: SimulatorHarness.context())
            let made = try #require(await harness.simulator.backups(of: "crs-test01").first)
            #expect(made.remark == "[gw:\(record.id)]")
            #expect(update.state == .succeeded)
            #expect(update.backupId == made.backupId)
            #expect(await harness.requests("DescribeTaskInfo").isEmpty)
        }
    }

    @Test("an unknown backup with no trace after 15 minutes failed: BACKUP_NOT_STARTED; before that it stays unknown")
    func reconcileNeverStarted() async throws {
        try await SimulatorHarness.run { harness in
            let driver = harness.driver()
            var old = DriverSupport.record(.backup)
            old.state = .unknown
            old.createdAt = Date().addingTimeInterval(-20 * 60)
            let update = try await driver.refresh(old, context: SimulatorHarness.context())
            #expect(update.state == .failed)
            #expect(update.failure?.reason == "BACKUP_NOT_STARTED")

            var recent = DriverSupport.record(.backup)
            recent.state = .unknown
            #expect(try await driver.refresh(recent, context: SimulatorHarness.context()).state == .unknown)
        }
    }

    @Test("an unknown restore that did start is reconciled from DescribeTaskList, then followed by its task")
    func reconcileUnknownRestore() async throws {
        try await SimulatorHarness.run { harness in
            let backupId = try #require(await harness.seedBackups(of: "crs-test01", count: 1).first)
            let driver = harness.driver()
            var record = DriverSupport.record(.restore)
            // Tencent performs the restore, then the connection drops: the outcome is unknown.
            await harness.simulator.inject(SimulatedFault(action: "RestoreInstance", effect: .dropConnection))
            let error = await #expect(throws: GatewayError.self) {
                try await driver.startRestore(
                    harness.ref,
                    request: RestoreRequest(backupId: backupId, instancePassword: Secret(SimulatorHarness.password), confirmOverwrite: true),
                    operationId: record.id, context: SimulatorHarness.context()
                )
            }
            #expect(error?.outcomeUnknown == true)
            record.apply(OperationUpdate(state: .unknown), at: Date())

            let update = try await driver.refresh(record, context: SimulatorHarness.context())
            let task = try #require(await harness.simulator.tasks().first)
            #expect(update.state == .running)
            #expect(update.providerTaskId == String(task.id))
            let query = try #require(await harness.requests("DescribeTaskList").first?.parameters)
            #expect(query["InstanceId"] == "crs-test01")
            #expect(query["TaskTypes"] == ["010"])
            #expect(await harness.requests("RestoreInstance").count == 1)

            record.apply(update, at: Date())
            try await DriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            #expect(await harness.requests("RestoreInstance").count == 1)
        }
    }

    @Test("an unknown restore with no task stays unknown, and after 15 minutes failed: RESTORE_NOT_STARTED")
    func reconcileRestoreNeverStarted() async throws {
        try await SimulatorHarness.run { harness in
            let driver = harness.driver()
            var recent = DriverSupport.record(.restore)
            recent.state = .unknown
            let update = try await driver.refresh(recent, context: SimulatorHarness.context())
            #expect(update.state == .unknown)
            #expect(update.providerTaskId == nil)

            var old = DriverSupport.record(.restore)
            old.state = .unknown
            old.createdAt = Date().addingTimeInterval(-20 * 60)
            let late = try await driver.refresh(old, context: SimulatorHarness.context())
            #expect(late.state == .failed)
            #expect(late.failure?.reason == "RESTORE_NOT_STARTED")
            #expect(await harness.requests("RestoreInstance").isEmpty)
        }
    }
}
