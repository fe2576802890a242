import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `HuaweiDriver` against a real `HuaweiSimulator` on loopback: in-place restores from one of the
/// instance's own backups, followed by paging the restore list.
@Suite("Huawei driver: restores")
struct HuaweiDriverRestoreTests {
    @Test("startRestore, then refresh until succeeded; the instance is RESTORING meanwhile", arguments: HuaweiSimulatorHarness.versions)
    func restoreFlow(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let backupId = try #require(await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 1).first)
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            var record = HuaweiDriverSupport.record(.restore)
            let started = try await driver.startRestore(
                ref, request: RestoreRequest(backupId: backupId, remark: "rollback", confirmOverwrite: true), operationId: record.id,
                context: HuaweiSimulatorHarness.context()
            )
            let made = try #require(await harness.simulator.restores(of: ref.instanceId).first)
            let sent = try #require(await harness.requests("Restore").first)
            #expect(started.update.state == .running)
            #expect(started.update.progress == 0)
            #expect(started.update.providerTaskId == made.restoreId)
            #expect(started.update.backupId == backupId)
            #expect(started.update.providerRequestId == sent.requestId)
            #expect(made.backupId == backupId)
            #expect(made.remark == "rollback [gw:\(record.id)]")
            #expect(await harness.simulator.instance(ref.instanceId)?.status == "RESTORING")
            let busy = try await driver.describeInstance(ref, context: HuaweiSimulatorHarness.context())
            #expect(busy.status == .busy)
            record.apply(started.update, at: Date())

            let first = try await driver.refresh(record, context: HuaweiSimulatorHarness.context())
            #expect(first.state == .running)
            #expect(first.providerTaskId == made.restoreId)
            record.apply(first, at: Date())
            try await HuaweiDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            #expect(record.progress == 100)
            #expect(record.backupId == backupId)
            #expect(record.providerTaskId == made.restoreId)
            #expect(record.failure == nil)
            #expect(await harness.simulator.restores(of: ref.instanceId).first?.status == "succeed")
            #expect(await harness.simulator.instance(ref.instanceId)?.status == "RUNNING")
            #expect(await harness.requests("Restore").count == 1)
            #expect(await harness.requests("ListRestores").count == 3)
        }
    }

    @Test("a restore that ends failed makes the operation failed with its dcs.08 error code", arguments: HuaweiSimulatorHarness.versions)
    func failedRestore(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "Restore", effect: .failTask(message: "dcs.08.0007")))
            let backupId = try #require(await harness.seedBackups(of: HuaweiSimulatorHarness.cluster, count: 1).first)
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.cluster)
            var record = HuaweiDriverSupport.record(.restore, instanceId: ref.instanceId)
            let started = try await driver.startRestore(
                ref, request: RestoreRequest(backupId: backupId, confirmOverwrite: true), operationId: record.id,
                context: HuaweiSimulatorHarness.context()
            )
            record.apply(started.update, at: Date())
            try await HuaweiDriverSupport.refreshUntilDone(&record, driver: driver)
            let restoreId = try #require(started.update.providerTaskId)
            #expect(record.state == .failed)
            #expect(record.failure?.code == "provider_error")
            #expect(record.failure?.reason == "PROVIDER_TASK_FAILED")
            #expect(record.failure?.provider?.code == "dcs.08.0007")
            #expect(record.failure?.detail == "Huawei Cloud DCS restore \(restoreId) failed (dcs.08.0007).")
            #expect(await harness.simulator.instance(ref.instanceId)?.status == "RUNNING")
        }
    }

    @Test("restoring from a backup that did not succeed is failed_precondition BACKUP_UNAVAILABLE (DCS.4087 / 111400087)", arguments: [
        (HuaweiAccount.APIVersion.v2, "DCS.4087"), (.v1_0, "111400087"),
    ])
    func backupNotSucceeded(version: HuaweiAccount.APIVersion, providerCode: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let failed = try #require(await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 1, status: "failed").first)
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            for backupId in [failed, "99999999-0000-4000-8000-000000000000"] {
                let error = await #expect(throws: GatewayError.self) {
                    try await driver.startRestore(
                        ref, request: RestoreRequest(backupId: backupId, confirmOverwrite: true), operationId: OperationID.make(),
                        context: HuaweiSimulatorHarness.context()
                    )
                }
                #expect(error?.code == .failedPrecondition)
                #expect(error?.reason == "BACKUP_UNAVAILABLE")
                #expect(error?.provider?.code == providerCode)
                #expect(error?.retryable == false)
            }
            #expect(await harness.simulator.restores(of: ref.instanceId).isEmpty)
        }
    }

    @Test("a restore while another runs is conflict RESTORE_IN_PROGRESS")
    func restoreRunning() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let backupId = try #require(await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 1).first)
            let driver = harness.driver()
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            let request = RestoreRequest(backupId: backupId, confirmOverwrite: true)
            _ = try await driver.startRestore(ref, request: request, operationId: OperationID.make(), context: HuaweiSimulatorHarness.context())
            let error = await #expect(throws: GatewayError.self) {
                try await driver.startRestore(ref, request: request, operationId: OperationID.make(), context: HuaweiSimulatorHarness.context())
            }
            #expect(error?.code == .conflict)
            #expect(error?.reason == "RESTORE_IN_PROGRESS")
            #expect(error?.provider?.code == "DCS.4097")
        }
    }

    @Test("a point-in-time restore is unsupported before any call")
    func pointInTime() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().startRestore(
                    HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha),
                    request: RestoreRequest(pointInTime: Date().addingTimeInterval(-60), confirmOverwrite: true),
                    operationId: OperationID.make(), context: HuaweiSimulatorHarness.context()
                )
            }
            #expect(error?.code == .unsupported)
            #expect(error?.reason == "POINT_IN_TIME_UNSUPPORTED")
            #expect(await harness.simulator.receivedRequests().isEmpty)
        }
    }
}
