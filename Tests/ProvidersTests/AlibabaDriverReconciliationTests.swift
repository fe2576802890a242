import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `AlibabaDriver` against a real `AlibabaSimulator` on loopback: operations whose start call had
/// an unknown outcome are reconciled from Alibaba's lists, never started again.
@Suite("Alibaba driver: reconciling unknown outcomes")
struct AlibabaDriverReconciliationTests {
    @Test("a backup whose CreateBackup answer was lost adopts the manual job started after it, then succeeds")
    func adoptsJob() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver()
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            var record = AlibabaDriverSupport.record(.backup, instanceId: ref.instanceId)
            // Alibaba starts the job, then the connection drops: the outcome is unknown.
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .dropConnection))
            let error = await #expect(throws: GatewayError.self) {
                try await driver.startBackup(ref, request: BackupRequest(), operationId: record.id, context: AlibabaSimulatorHarness.context())
            }
            #expect(error?.outcomeUnknown == true)
            record.apply(OperationUpdate(state: .unknown), at: Date())
            #expect(record.providerTaskId == nil)

            let update = try await driver.refresh(record, context: AlibabaSimulatorHarness.context())
            #expect(update.state == .running)
            #expect(update.providerTaskId == "10000")
            let lookup = AlibabaSimulatorHarness.parameters(try #require(await harness.requests("DescribeBackupTasks").first))
            #expect(lookup["InstanceId"] == ref.instanceId)
            #expect(lookup["JobMode"] == "Manual")

            record.apply(update, at: Date())
            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            let made = try #require(await harness.simulator.backups(of: ref.instanceId).first)
            #expect(record.backupId == String(made.backupId))
            #expect(await harness.requests("CreateBackup").count == 1)
        }
    }

    @Test("a lost answer whose job already finished is adopted too, and succeeds at once")
    func adoptsFinishedJob() async throws {
        try await AlibabaSimulatorHarness.run(progression: .immediate) { harness in
            let driver = harness.driver()
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.redis)
            var record = AlibabaDriverSupport.record(.backup, instanceId: ref.instanceId)
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .dropConnection))
            _ = await #expect(throws: GatewayError.self) {
                try await driver.startBackup(ref, request: BackupRequest(), operationId: record.id, context: AlibabaSimulatorHarness.context())
            }
            record.apply(OperationUpdate(state: .unknown), at: Date())
            let update = try await driver.refresh(record, context: AlibabaSimulatorHarness.context())
            #expect(update.providerTaskId == "10000")
            record.apply(update, at: Date())
            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            #expect(await harness.requests("CreateBackup").count == 1)
        }
    }

    @Test("an automated job or an older manual backup is not adopted; the operation stays unknown")
    func ignoresOthers() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            let now = AlibabaFixture.wholeSecondNow()
            await harness.simulator.addBackup(AlibabaSimulatedBackup(
                backupId: 1_700_000_300, backupJobId: 42, instanceId: ref.instanceId, startTime: now.addingTimeInterval(-3600), mode: "Manual"
            ))
            await harness.simulator.addBackup(AlibabaSimulatedBackup(
                backupId: 1_700_000_301, backupJobId: 43, instanceId: ref.instanceId, startTime: now, mode: "Automated"
            ))
            var record = AlibabaDriverSupport.record(.backup, instanceId: ref.instanceId)
            record.state = .unknown
            let update = try await harness.driver().refresh(record, context: AlibabaSimulatorHarness.context())
            #expect(update.state == .unknown)
            #expect(update.providerTaskId == nil)
        }
    }

    @Test("an unknown backup with no job after 15 minutes failed: BACKUP_NOT_STARTED")
    func neverStarted() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            var old = AlibabaDriverSupport.record(.backup, instanceId: AlibabaSimulatorHarness.tair, createdAt: Date().addingTimeInterval(-20 * 60))
            old.state = .unknown
            let update = try await harness.driver().refresh(old, context: AlibabaSimulatorHarness.context())
            #expect(update.state == .failed)
            #expect(update.failure?.code == "provider_error")
            #expect(update.failure?.reason == "BACKUP_NOT_STARTED")
            #expect(await harness.requests("CreateBackup").isEmpty)
        }
    }

    @Test("an unknown restore is reconciled from the instance status: BackupRecovering, then Normal")
    func unknownRestore() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let backupId = try #require(await harness.seedBackups(of: AlibabaSimulatorHarness.tair, count: 1).first)
            let driver = harness.driver()
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            var record = AlibabaDriverSupport.record(.restore, instanceId: ref.instanceId)
            await harness.simulator.inject(SimulatedFault(action: "RestoreInstance", effect: .dropConnection))
            let error = await #expect(throws: GatewayError.self) {
                try await driver.startRestore(
                    ref, request: RestoreRequest(backupId: backupId, confirmOverwrite: true), operationId: record.id,
                    context: AlibabaSimulatorHarness.context()
                )
            }
            #expect(error?.outcomeUnknown == true)
            record.apply(OperationUpdate(state: .unknown), at: Date())

            let update = try await driver.refresh(record, context: AlibabaSimulatorHarness.context())
            #expect(update.state == .running)
            #expect(update.providerContext["sawRecovering"] == "1")
            record.apply(update, at: Date())
            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            #expect(await harness.requests("RestoreInstance").count == 1)
        }
    }

    @Test("an unknown restore with no sign of recovering stays unknown")
    func unknownRestoreNeverSeen() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            var record = AlibabaDriverSupport.record(.restore, instanceId: AlibabaSimulatorHarness.tair)
            record.state = .unknown
            let update = try await harness.driver().refresh(record, context: AlibabaSimulatorHarness.context())
            #expect(update.state == .unknown)
            #expect(await harness.requests("RestoreInstance").isEmpty)
        }
    }
}
