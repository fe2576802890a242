import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `AlibabaDriver` against a real `AlibabaSimulator` on loopback: in-place restores, followed
/// through `BackupRecovering` → `Normal`.
@Suite("Alibaba driver: restores")
struct AlibabaDriverRestoreTests {
    static let schemes: [AlibabaAccount.SignatureVersion] = [.acs3, .v1]

    @Test("startRestore from a backup: RestoreType 0 + BackupId, then refresh until succeeded", arguments: schemes)
    func restoreFromBackup(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let backupId = try #require(await harness.seedBackups(of: AlibabaSimulatorHarness.tair, count: 1).first)
            let driver = harness.driver(scheme)
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            var record = AlibabaDriverSupport.record(.restore, instanceId: ref.instanceId)
            let started = try await driver.startRestore(
                ref, request: RestoreRequest(backupId: backupId, confirmOverwrite: true), operationId: record.id,
                context: AlibabaSimulatorHarness.context()
            )
            #expect(started.update.state == .running)
            #expect(started.update.providerRequestId?.isEmpty == false)
            #expect(started.update.providerTaskId == nil)
            #expect(started.update.providerContext["restoreSentAt"].flatMap(AlibabaTime.parse) != nil)
            #expect(started.update.providerContext["sawRecovering"] == "1")
            record.apply(started.update, at: Date())

            let sent = AlibabaSimulatorHarness.parameters(try #require(await harness.requests("RestoreInstance").first))
            #expect(sent["InstanceId"] == ref.instanceId)
            #expect(sent["BackupId"] == backupId)
            #expect(sent["RestoreType"] == "0")
            #expect(sent["RestoreTime"] == nil)
            #expect(sent["FilterKey"] == nil)

            #expect(await harness.simulator.instance(ref.instanceId)?.instanceStatus == "BackupRecovering")
            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            let instance = try #require(await harness.simulator.instance(ref.instanceId))
            #expect(instance.instanceStatus == "Normal")
            let restored = try #require(instance.lastRestore)
            #expect(restored.restoreType == "0")
            #expect(restored.backupId.map(String.init) == backupId)
            #expect(restored.finishedAt != nil)
            #expect(await harness.requests("RestoreInstance").count == 1)
        }
    }

    @Test("startRestore to a point in time with FilterKey and TimeShift, then refresh until succeeded", arguments: schemes)
    func restorePointInTime(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver(scheme)
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            let info = try await driver.describeInstance(ref, context: AlibabaSimulatorHarness.context())
            let now = AlibabaFixture.wholeSecondNow()
            let request = RestoreRequest(
                pointInTime: now.addingTimeInterval(-3600), keyPatterns: ["user:.*", "h.*llo", "a+b"],
                timeShift: now.addingTimeInterval(-1800), confirmOverwrite: true
            )
            try request.validate()
            try info.capabilities.check(request, provider: .alibaba)
            try info.capabilities.checkWindow(request, now: Date(), provider: .alibaba)
            try driver.validate(request, for: info)

            var record = AlibabaDriverSupport.record(.restore, instanceId: ref.instanceId)
            let started = try await driver.startRestore(ref, request: request, operationId: record.id, context: AlibabaSimulatorHarness.context())
            record.apply(started.update, at: Date())

            let call = try #require(await harness.requests("RestoreInstance").first)
            #expect(call.httpStatus == 200)
            let sent = AlibabaSimulatorHarness.parameters(call)
            #expect(sent["RestoreType"] == "1")
            #expect(sent["RestoreTime"] == AlibabaTime.seconds(now.addingTimeInterval(-3600)))
            #expect(sent["FilterKey"] == "user:.*,h.*llo,a+b")
            #expect(sent["TimeShift"] == AlibabaTime.seconds(now.addingTimeInterval(-1800)))
            #expect(sent["BackupId"] == nil)
            #expect(!call.query.contains("+"), "a literal + would arrive as a space: \(call.query)")

            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            let restored = try #require(await harness.simulator.instance(ref.instanceId)?.lastRestore)
            #expect(restored.restoreType == "1")
            #expect(restored.restoreTime == now.addingTimeInterval(-3600))
            #expect(restored.filterKey == "user:.*,h.*llo,a+b")
            #expect(restored.timeShift == now.addingTimeInterval(-1800))
            #expect(restored.backupId == nil)
        }
    }

    @Test("a refresh while BackupRecovering is running; Normal after it is succeeded")
    func followsInstanceStatus() async throws {
        try await AlibabaSimulatorHarness.run(progression: .perPoll(steps: 4)) { harness in
            let backupId = try #require(await harness.seedBackups(of: AlibabaSimulatorHarness.tair, count: 1).first)
            let driver = harness.driver()
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            var record = AlibabaDriverSupport.record(.restore, instanceId: ref.instanceId)
            let started = try await driver.startRestore(
                ref, request: RestoreRequest(backupId: backupId, confirmOverwrite: true), operationId: record.id,
                context: AlibabaSimulatorHarness.context()
            )
            record.apply(started.update, at: Date())
            // perPoll(4): the check right after RestoreInstance was poll 1; polls 2 and 3 still recover.
            for _ in 0..<2 {
                let update = try await driver.refresh(record, context: AlibabaSimulatorHarness.context())
                #expect(update.state == .running)
                #expect(update.providerContext["sawRecovering"] == "1")
                record.apply(update, at: Date())
            }
            let done = try await driver.refresh(record, context: AlibabaSimulatorHarness.context())
            #expect(done.state == .succeeded)
        }
    }

    @Test("a restore that finished before the first look is succeeded only after the settle grace")
    func quickRestoreSettles() async throws {
        try await AlibabaSimulatorHarness.run(progression: .immediate) { harness in
            let backupId = try #require(await harness.seedBackups(of: AlibabaSimulatorHarness.tair, count: 1).first)
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            var record = AlibabaDriverSupport.record(.restore, instanceId: ref.instanceId)
            let started = try await harness.driver().startRestore(
                ref, request: RestoreRequest(backupId: backupId, confirmOverwrite: true), operationId: record.id,
                context: AlibabaSimulatorHarness.context()
            )
            #expect(started.update.providerContext["sawRecovering"] == nil)
            record.apply(started.update, at: Date())
            let early = try await harness.driver().refresh(record, context: AlibabaSimulatorHarness.context())
            #expect(early.state == .running)
            // The driver's clock past restoreSentAt + 60 s.
            let later = harness.driver(clock: { Date().addingTimeInterval(90) })
            // (The simulator accepts the skewed signature: 90 s is inside its 15-minute window.)
            let settled = try await later.refresh(record, context: AlibabaSimulatorHarness.context())
            #expect(settled.state == .succeeded)
        }
    }

    @Test("Alibaba's refusals reach the caller mapped", arguments: [
        ("r-redis01", RestoreRequest(backupId: "1700000001", confirmOverwrite: true), "unsupported", "IN_PLACE_RESTORE_UNSUPPORTED"),
        ("r-tair01", RestoreRequest(backupId: "999", confirmOverwrite: true), "invalid_argument", "INVALID_PARAMETER"),
        ("r-tair01", RestoreRequest(pointInTime: Date(timeIntervalSince1970: 1_600_000_000), confirmOverwrite: true),
         "failed_precondition", "POINT_IN_TIME_NOT_RECOVERABLE"),
    ])
    func refusals(instanceId: String, request: RestoreRequest, code: String, reason: String) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            await harness.seedBackups(of: AlibabaSimulatorHarness.redis, count: 1)
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().startRestore(
                    AlibabaSimulatorHarness.ref(instanceId), request: request, operationId: OperationID.make(),
                    context: AlibabaSimulatorHarness.context()
                )
            }
            #expect(error?.code.rawValue == code)
            #expect(error?.reason == reason)
            #expect(error?.provider?.httpStatus == 400)
        }
    }
}
