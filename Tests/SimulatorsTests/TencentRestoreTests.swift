import Foundation
import Testing
@testable import Simulators

/// RestoreInstance rules (tencent.md §3.1, §8).
@Suite struct TencentRestoreTests {
    static let own = TencentSandboxSeed.manualBackupId

    @Test("Only the instance's own backups: a foreign or unknown backup does not exist")
    func foreignBackup() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let foreign = try await harness.client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-sandbox01", "BackupId": .string(TencentSandboxSeed.clusterBackupId), "Password": "sandbox-password"]
            )
            #expect(foreign.errorCode == "InvalidParameterValue.BackupNotExists")
            let unknown = try await harness.client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-sandbox01", "BackupId": "000000000000000000000000", "Password": "sandbox-password"]
            )
            #expect(unknown.errorCode == "InvalidParameterValue.BackupNotExists")
        }
    }

    @Test("Password: missing, empty or wrong is refused; a password-free instance needs none")
    func passwords() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let client = harness.client
            let missing = try await client.call("RestoreInstance", json: ["InstanceId": "crs-sandbox01", "BackupId": .string(Self.own)])
            #expect(missing.errorCode == "InvalidParameterValue.PasswordEmpty")
            let empty = try await client.call("RestoreInstance", json: ["InstanceId": "crs-sandbox01", "BackupId": .string(Self.own), "Password": ""])
            #expect(empty.errorCode == "InvalidParameterValue.PasswordEmpty")
            let wrong = try await client.call("RestoreInstance", json: ["InstanceId": "crs-sandbox01", "BackupId": .string(Self.own), "Password": "guess"])
            #expect(wrong.errorCode == "InvalidParameterValue.PasswordError")
            let free = try await client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-sandbox02", "BackupId": .string(TencentSandboxSeed.clusterBackupId)]
            )
            #expect(free.errorCode == nil)
            #expect(free.int("TaskId") != nil)
        }
    }

    @Test("A running restore locks the instance (status 1) until it ends; then status 2 again")
    func lockedInstance() async throws {
        try await TencentHarness.with(progression: .perPoll(steps: 3)) { (harness: TencentHarness) async throws in
            let client = harness.client
            let body: SimulatorJSON = ["InstanceId": "crs-sandbox01", "BackupId": .string(Self.own), "Password": "sandbox-password"]
            let started = try await client.call("RestoreInstance", json: body)
            let taskId = try #require(started.int("TaskId"), "\(started.body)")
            #expect(await harness.simulator.instance("crs-sandbox01")?.status == 1)
            let described = try await client.call("DescribeInstances", json: ["InstanceIds": ["crs-sandbox01"]])
            #expect(described.array("InstanceSet").first?["Status"] == 1)
            #expect(try await client.call("RestoreInstance", json: body).errorCode == "ResourceUnavailable.InstanceLockedError")
            #expect(try await client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01"]).errorCode == "ResourceUnavailable.InstanceLockedError")
            #expect(try await harness.pollUntilDone(Int64(taskId)) == ["preparing", "running", "succeed"])
            let instance = try #require(await harness.simulator.instance("crs-sandbox01"))
            #expect(instance.status == 2)
            #expect(instance.lastRestoredBackupId == Self.own)
            let task = try #require(await harness.simulator.task(Int(taskId)))
            #expect(task.type == "RestoreInstance")
            #expect(task.backupId == Self.own)
        }
    }

    @Test("Backup must be Status 2 and not locked; the instance must be running")
    func backupAndInstanceState() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let client = harness.client
            let expired = try await client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-sandbox01", "BackupId": .string(TencentSandboxSeed.expiredBackupId), "Password": "sandbox-password"]
            )
            #expect(expired.errorCode == "ResourceUnavailable.BackupStatusAbnormal")
            let now = harness.clock.now
            await harness.simulator.addBackup(TencentSimulatedBackup(
                backupId: "111111111111111111111111", instanceId: "crs-sandbox01", instanceName: "orders-cache",
                startTime: now.addingTimeInterval(-3600), endTime: now.addingTimeInterval(-3500), locked: 1,
                backupSize: 1024, expireTime: now.addingTimeInterval(86_400)
            ))
            let locked = try await client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-sandbox01", "BackupId": "111111111111111111111111", "Password": "sandbox-password"]
            )
            #expect(locked.errorCode == "ResourceUnavailable.BackupLockedError")
            let isolated = try await client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-sandbox03", "BackupId": .string(Self.own), "Password": "sandbox-password"]
            )
            #expect(isolated.errorCode == "ResourceUnavailable.InstanceStatusAbnormal")
            let missing = try await client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-gone", "BackupId": .string(Self.own), "Password": "sandbox-password"]
            )
            #expect(missing.errorCode == "ResourceNotFound.InstanceNotExists")
        }
    }

    @Test("A backup past its ExpireTime turns to status -1 and cannot be restored")
    func expiry() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            harness.clock.advance(by: 6 * 86_400)
            let backup = try #require(await harness.simulator.backups(of: "crs-sandbox01").first { $0.backupId == Self.own })
            #expect(backup.status == -1)
            let answer = try await harness.client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-sandbox01", "BackupId": .string(Self.own), "Password": "sandbox-password"]
            )
            #expect(answer.errorCode == "ResourceUnavailable.BackupStatusAbnormal")
        }
    }
}
