import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `HuaweiDriver` against a real `HuaweiSimulator` on loopback: a backup or restore whose create
/// call had an unknown outcome is found again by the `[gw:<operation id>]` tag in its remark,
/// never started twice.
@Suite("Huawei driver: reconciling unknown outcomes")
struct HuaweiDriverReconciliationTests {
    @Test("a backup whose create answer was lost is found by its remark tag, then succeeds", arguments: HuaweiSimulatorHarness.versions)
    func unknownBackup(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            var record = HuaweiDriverSupport.record(.backup)
            // DCS creates the backup, then the connection drops: the outcome is unknown.
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .dropConnection))
            let error = await #expect(throws: GatewayError.self) {
                try await driver.startBackup(ref, request: BackupRequest(remark: "nightly"), operationId: record.id, context: HuaweiSimulatorHarness.context())
            }
            #expect(error?.outcomeUnknown == true)
            record.apply(OperationUpdate(state: .unknown), at: Date())
            #expect(record.providerTaskId == nil)
            // Another operation's backup, made just before, is not ours.
            await harness.simulator.addBackup(HuaweiSimulatedBackup(
                backupId: "88888888-0000-4000-8000-000000000001", instanceId: ref.instanceId,
                remark: "other [gw:\(OperationID.make())]", createdAt: Date().addingTimeInterval(1)
            ))
            let made = try #require(await harness.simulator.backups(of: ref.instanceId).first { $0.remark.contains(record.id) })

            let update = try await driver.refresh(record, context: HuaweiSimulatorHarness.context())
            #expect(update.state == .running)
            #expect(update.providerTaskId == made.backupId)
            #expect(update.backupId == made.backupId)
            record.apply(update, at: Date())
            try await HuaweiDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            #expect(record.backupId == made.backupId)
            #expect(await harness.requests("CreateBackup").count == 1)
        }
    }

    @Test("a restore whose create answer was lost is found by its restore_remark tag, then succeeds", arguments: HuaweiSimulatorHarness.versions)
    func unknownRestore(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let backupId = try #require(await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 1).first)
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            var record = HuaweiDriverSupport.record(.restore)
            await harness.simulator.inject(SimulatedFault(action: "Restore", effect: .dropConnection))
            let error = await #expect(throws: GatewayError.self) {
                try await driver.startRestore(
                    ref, request: RestoreRequest(backupId: backupId, confirmOverwrite: true), operationId: record.id,
                    context: HuaweiSimulatorHarness.context()
                )
            }
            #expect(error?.outcomeUnknown == true)
            record.apply(OperationUpdate(state: .unknown), at: Date())
            let made = try #require(await harness.simulator.restores(of: ref.instanceId).first)
            #expect(made.remark == "[gw:\(record.id)]")

            let update = try await driver.refresh(record, context: HuaweiSimulatorHarness.context())
            #expect(update.state == .running)
            #expect(update.providerTaskId == made.restoreId)
            record.apply(update, at: Date())
            try await HuaweiDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            #expect(record.providerTaskId == made.restoreId)
            #expect(await harness.requests("Restore").count == 1)
        }
    }

    @Test("an unknown operation with no tagged record stays unknown within 15 minutes", arguments: OperationKind.allCases)
    func stillUnknown(kind: OperationKind) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 2, anchor: Date().addingTimeInterval(2), spacing: 1)
            var record = HuaweiDriverSupport.record(kind, createdAt: Date().addingTimeInterval(-10 * 60))
            record.state = .unknown
            let update = try await harness.driver().refresh(record, context: HuaweiSimulatorHarness.context())
            #expect(update.state == .unknown)
            #expect(update.providerTaskId == nil)
            #expect(update.failure == nil)
            #expect(await harness.requests("CreateBackup").isEmpty)
            #expect(await harness.requests("Restore").isEmpty)
        }
    }

    @Test("an unknown operation with no trace after 15 minutes failed: BACKUP_NOT_STARTED / RESTORE_NOT_STARTED", arguments: [
        (OperationKind.backup, "BACKUP_NOT_STARTED"), (.restore, "RESTORE_NOT_STARTED"),
    ])
    func neverStarted(kind: OperationKind, reason: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            var record = HuaweiDriverSupport.record(kind, createdAt: Date().addingTimeInterval(-20 * 60))
            record.state = .unknown
            let update = try await harness.driver().refresh(record, context: HuaweiSimulatorHarness.context())
            #expect(update.state == .failed)
            #expect(update.failure?.code == "provider_error")
            #expect(update.failure?.reason == reason)
            #expect(await harness.requests("CreateBackup").isEmpty)
            #expect(await harness.requests("Restore").isEmpty)
        }
    }

    @Test("a known provider task that is not listed keeps waiting, however old")
    func knownIdKeepsWaiting() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            var record = HuaweiDriverSupport.record(.backup, createdAt: Date().addingTimeInterval(-20 * 60))
            record.state = .running
            record.providerTaskId = "22222222-0000-4000-8000-000000000999"
            let update = try await harness.driver().refresh(record, context: HuaweiSimulatorHarness.context())
            #expect(update.state == .running)
            #expect(update.failure == nil)
        }
    }
}
