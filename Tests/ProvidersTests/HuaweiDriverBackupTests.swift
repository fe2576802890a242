import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `HuaweiDriver` against a real `HuaweiSimulator` on loopback: starting backups and following
/// them by paging the backup list (DCS has no get-by-id).
@Suite("Huawei driver: backups")
struct HuaweiDriverBackupTests {
    @Test("startBackup, then refresh until succeeded; backupId is the created backup_id", arguments: HuaweiSimulatorHarness.versions)
    func backupFlow(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            var record = HuaweiDriverSupport.record(.backup)
            let started = try await driver.startBackup(
                ref, request: BackupRequest(remark: "nightly"), operationId: record.id, context: HuaweiSimulatorHarness.context()
            )
            let made = try #require(await harness.simulator.backups(of: ref.instanceId).first)
            let sent = try #require(await harness.requests("CreateBackup").first)
            #expect(started.update.state == .running)
            #expect(started.update.progress == 0)
            #expect(started.update.backupId == made.backupId)
            #expect(started.update.providerTaskId == made.backupId)
            #expect(started.update.providerRequestId == sent.requestId)
            #expect(made.status == "waiting")
            #expect(made.backupType == "manual")
            #expect(made.remark == "nightly [gw:\(record.id)]")
            record.apply(started.update, at: Date())

            // The first refresh sees it running, not finished.
            let first = try await driver.refresh(record, context: HuaweiSimulatorHarness.context())
            #expect(first.state == .running)
            #expect(first.providerTaskId == made.backupId)
            #expect((0..<100).contains(first.progress ?? -1))
            record.apply(first, at: Date())
            let refreshes = try await HuaweiDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(refreshes == 2)
            #expect(record.state == .succeeded)
            #expect(record.progress == 100)
            #expect(record.backupId == made.backupId)
            #expect(record.providerTaskId == made.backupId)
            #expect(record.failure == nil)
            #expect(await harness.simulator.backups(of: ref.instanceId).first?.status == "succeed")
            #expect(await harness.requests("CreateBackup").count == 1)
            #expect(await harness.requests("ListBackups").count == 3)
        }
    }

    /// DCS lists newest first; backups created after this one push it to the second page of 100.
    @Test("refresh pages the list until it finds the id (v2 offset=100, v1.0 start=101)", arguments: HuaweiSimulatorHarness.versions)
    func refreshPages(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            var record = HuaweiDriverSupport.record(.backup)
            let started = try await driver.startBackup(ref, request: BackupRequest(), operationId: record.id, context: HuaweiSimulatorHarness.context())
            record.apply(started.update, at: Date())
            // 150 automatic backups listed before it (created up to 150 s later).
            let anchor = Date().addingTimeInterval(151)
            await harness.seedBackups(of: ref.instanceId, count: 150, anchor: anchor, spacing: 1, idPrefix: "44444444")

            let refreshes = try await HuaweiDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            #expect(record.backupId == started.update.backupId)
            let calls = await harness.requests("ListBackups")
            #expect(calls.count == 2 * refreshes)
            let pages = calls.map { HuaweiSimulatorHarness.query($0) }
            for (index, page) in pages.enumerated() {
                #expect(page["limit"] == "100")
                switch version {
                case .v2:
                    #expect(page["offset"] == (index.isMultiple(of: 2) ? "0" : "100"))
                    #expect(page["begin_time"] != nil && page["end_time"] != nil)
                    #expect(page["start"] == nil)
                case .v1_0:
                    #expect(page["start"] == (index.isMultiple(of: 2) ? "1" : "101"))
                    #expect(page["beginTime"] != nil && page["endTime"] != nil)
                    #expect(page["offset"] == nil)
                }
            }
        }
    }

    @Test("a backup that ends failed makes the operation failed with its dcs.08 error code", arguments: [
        (HuaweiAccount.APIVersion.v2, "dcs.08.0002"), (.v1_0, "dcs.08.0005"), (.v2, "disk full"),
    ])
    func failedBackup(version: HuaweiAccount.APIVersion, message: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .failTask(message: message)))
            let expectedCode = message.hasPrefix("dcs.08.") ? message : "dcs.08.0001"
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            var record = HuaweiDriverSupport.record(.backup)
            let started = try await driver.startBackup(ref, request: BackupRequest(), operationId: record.id, context: HuaweiSimulatorHarness.context())
            record.apply(started.update, at: Date())
            try await HuaweiDriverSupport.refreshUntilDone(&record, driver: driver)
            let backupId = try #require(started.update.backupId)
            #expect(record.state == .failed)
            #expect(record.failure?.code == "provider_error")
            #expect(record.failure?.reason == "PROVIDER_TASK_FAILED")
            #expect(record.failure?.provider?.name == "huawei")
            #expect(record.failure?.provider?.code == expectedCode)
            #expect(record.failure?.detail == "Huawei Cloud DCS backup \(backupId) failed (\(expectedCode)).")
            #expect(record.backupId == backupId)
            let made = try #require(await harness.simulator.backups(of: ref.instanceId).first)
            #expect(made.status == "failed")
            #expect(made.errorCode == expectedCode)
        }
    }

    @Test("a backup that expires or is deleted before it is seen finished is failed", arguments: ["expired", "deleted"])
    func goneBackup(status: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let ids = await harness.seedBackups(
                of: HuaweiSimulatorHarness.ha, count: 1, status: status, anchor: Date().addingTimeInterval(2), spacing: 1
            )
            var record = HuaweiDriverSupport.record(.backup)
            record.state = .running
            record.providerTaskId = ids.first
            let update = try await harness.driver().refresh(record, context: HuaweiSimulatorHarness.context())
            #expect(update.state == .failed)
            #expect(update.failure?.reason == "PROVIDER_TASK_FAILED")
            #expect(update.backupId == ids.first)
        }
    }

    @Test("a second backup while one runs is conflict BACKUP_IN_PROGRESS (DCS.4096 / 111400096)", arguments: [
        (HuaweiAccount.APIVersion.v2, "DCS.4096"), (.v1_0, "111400096"),
    ])
    func backupRunning(version: HuaweiAccount.APIVersion, providerCode: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let driver = harness.driver(version)
            let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
            _ = try await driver.startBackup(ref, request: BackupRequest(), operationId: OperationID.make(), context: HuaweiSimulatorHarness.context())
            let error = await #expect(throws: GatewayError.self) {
                try await driver.startBackup(ref, request: BackupRequest(), operationId: OperationID.make(), context: HuaweiSimulatorHarness.context())
            }
            #expect(error?.code == .conflict)
            #expect(error?.reason == "BACKUP_IN_PROGRESS")
            #expect(error?.provider?.code == providerCode)
            #expect(error?.provider?.message == "the instance is backuping.")
            #expect(error?.retryable == true)
            #expect(error?.outcomeUnknown == false)
            #expect(await harness.simulator.backups(of: ref.instanceId).count == 1)
        }
    }

    @Test("a backup of a restoring instance is conflict RESTORE_IN_PROGRESS (DCS.4097 / 111400097)", arguments: [
        (HuaweiAccount.APIVersion.v2, "DCS.4097"), (.v1_0, "111400097"),
    ])
    func restoreRunning(version: HuaweiAccount.APIVersion, providerCode: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver(version).startBackup(
                    HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.restoring), request: BackupRequest(), operationId: OperationID.make(),
                    context: HuaweiSimulatorHarness.context()
                )
            }
            #expect(error?.code == .conflict)
            #expect(error?.reason == "RESTORE_IN_PROGRESS")
            #expect(error?.provider?.code == providerCode)
        }
    }

    /// v1.0 answers every DCS 400 error with its nine-digit form; a busy instance (`DCS.4117`,
    /// "instance is being upgraded") becomes `111400117` there.
    @Test("an instance-busy error is conflict INSTANCE_BUSY on both generations (DCS.4117 / 111400117)", arguments: [
        (HuaweiAccount.APIVersion.v2, "DCS.4117"), (.v1_0, "111400117"),
    ])
    func instanceBusy(version: HuaweiAccount.APIVersion, providerCode: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(
                action: "CreateBackup", effect: .error(code: "DCS.4117", message: "The instance is being upgraded.")
            ))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver(version).startBackup(
                    HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), request: BackupRequest(), operationId: OperationID.make(),
                    context: HuaweiSimulatorHarness.context()
                )
            }
            #expect(error?.provider?.code == providerCode)
            #expect(error?.code == .conflict)
            #expect(error?.reason == "INSTANCE_BUSY")
        }
    }

    @Test("a 5xx answer to a create is an unknown outcome (reconciled, never repeated)", arguments: HuaweiSimulatorHarness.versions)
    func serverErrorIsUnknown(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .error(code: "DCS.5000", message: "Internal error.")))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver(version).startBackup(
                    HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), request: BackupRequest(), operationId: OperationID.make(),
                    context: HuaweiSimulatorHarness.context()
                )
            }
            #expect(error?.code == .providerError)
            #expect(error?.reason == "PROVIDER_INTERNAL_ERROR")
            #expect(error?.provider?.code == (version == .v2 ? "DCS.5000" : "111500000"))
            #expect(error?.provider?.httpStatus == 500)
            #expect(error?.outcomeUnknown == true)
            #expect(await harness.requests("CreateBackup").count == 1)
        }
    }

    @Test("a 200 without backup_id is PROVIDER_RESPONSE_MALFORMED, outcome unknown")
    func noBackupId() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .httpStatus(200, body: #"{"backup_id":""}"#)))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().startBackup(
                    HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), request: BackupRequest(), operationId: OperationID.make(),
                    context: HuaweiSimulatorHarness.context()
                )
            }
            #expect(error?.code == .providerError)
            #expect(error?.reason == "PROVIDER_RESPONSE_MALFORMED")
            #expect(error?.outcomeUnknown == true)
            #expect(error?.provider?.requestId?.count == 32)
        }
    }
}
