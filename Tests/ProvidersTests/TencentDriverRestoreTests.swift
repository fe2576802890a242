import Foundation
import GatewayCore
@testable import Providers
import Testing

/// `TencentDriver` against a real `TencentSimulator` on loopback: restores.
@Suite("Tencent driver: restores")
struct TencentDriverRestoreTests {
    @Test("startRestore with the password, then refresh until succeeded")
    func restoreFlow() async throws {
        try await SimulatorHarness.run { harness in
            let backupId = try #require(await harness.seedBackups(of: "crs-test01", count: 1).first)
            let driver = harness.driver()
            var record = DriverSupport.record(.restore)
            let started = try await driver.startRestore(
                harness.ref,
                request: RestoreRequest(backupId: backupId, instancePassword: Secret(SimulatorHarness.password), confirmOverwrite: true),
                operationId: record.id, context: SimulatorHarness.context()
            )
            #expect(started.update.state == .running)
            #expect(started.update.backupId == backupId)
            #expect(started.update.providerTaskId == "6954227")
            record.apply(started.update, at: Date())
            let sent = try #require(await harness.requests("RestoreInstance").first)
            #expect(sent.bodyString == #"{"BackupId":"\#(backupId)","InstanceId":"crs-test01","Password":"\#(SimulatorHarness.password)"}"#)

            let refreshes = try await DriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(refreshes == 3)
            #expect(record.state == .succeeded)
            #expect(record.backupId == backupId)
            #expect(await harness.simulator.instance("crs-test01")?.lastRestoredBackupId == backupId)
        }
    }

    @Test("startRestore of a password-free instance sends no Password")
    func restoreNoAuth() async throws {
        try await SimulatorHarness.run { harness in
            let backupId = try #require(await harness.seedBackups(of: "crs-test02", count: 1).first)
            let started = try await harness.driver().startRestore(
                SimulatorHarness.ref("crs-test02"), request: RestoreRequest(backupId: backupId, confirmOverwrite: true),
                operationId: OperationID.make(), context: SimulatorHarness.context()
            )
            #expect(started.update.state == .running)
            let sent = try #require(await harness.requests("RestoreInstance").first)
            #expect(sent.bodyString == #"{"BackupId":"\#(backupId)","InstanceId":"crs-test02"}"#)
        }
    }

    @Test("startRestore with a wrong password is permission_denied INSTANCE_PASSWORD_INCORRECT, password not echoed")
    func restoreWrongPassword() async throws {
        try await SimulatorHarness.run { harness in
            let backupId = try #require(await harness.seedBackups(of: "crs-test01", count: 1).first)
            let wrong = "wrong-Pa55word!"
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().startRestore(
                    harness.ref, request: RestoreRequest(backupId: backupId, instancePassword: Secret(wrong), confirmOverwrite: true),
                    operationId: OperationID.make(), context: SimulatorHarness.context()
                )
            }
            #expect(error?.code == .permissionDenied)
            #expect(error?.reason == "INSTANCE_PASSWORD_INCORRECT")
            #expect(error?.provider?.code == "InvalidParameterValue.PasswordError")
            #expect(error.map { String(describing: $0).contains(wrong) } == false)
        }
    }

    @Test("startRestore of a backup of another instance is not_found BACKUP_NOT_FOUND")
    func restoreForeignBackup() async throws {
        try await SimulatorHarness.run { harness in
            let foreign = try #require(await harness.seedBackups(of: "crs-test02", count: 1).first)
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().startRestore(
                    harness.ref,
                    request: RestoreRequest(backupId: foreign, instancePassword: Secret(SimulatorHarness.password), confirmOverwrite: true),
                    operationId: OperationID.make(), context: SimulatorHarness.context()
                )
            }
            #expect(error?.code == .notFound)
            #expect(error?.reason == "BACKUP_NOT_FOUND")
        }
    }

    @Test("startRestore to a point in time is unsupported without calling Tencent")
    func restorePointInTime() async throws {
        try await SimulatorHarness.run { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().startRestore(
                    harness.ref, request: RestoreRequest(pointInTime: Date(), confirmOverwrite: true),
                    operationId: OperationID.make(), context: SimulatorHarness.context()
                )
            }
            #expect(error?.code == .unsupported)
            #expect(error?.reason == "POINT_IN_TIME_UNSUPPORTED")
            #expect(await harness.simulator.receivedRequests().isEmpty)
        }
    }
}
