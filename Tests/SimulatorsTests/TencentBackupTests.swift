import Foundation
import Testing
@testable import Simulators

/// ManualBackupInstance, task progression, DescribeTaskInfo and DescribeTaskList.
@Suite struct TencentBackupTests {
    @Test("perPoll(3): preparing, running, succeed; the backup goes from status 1 to 2")
    func perPollProgression() async throws {
        try await TencentHarness.with(progression: .perPoll(steps: 3)) { (harness: TencentHarness) async throws in
            let client = harness.client
            let started = try await client.call(
                "ManualBackupInstance",
                json: ["InstanceId": "crs-sandbox01", "Remark": "gw-op-42", "StorageDays": 3]
            )
            let taskId = try #require(started.int("TaskId"), "\(started.body)")
            #expect(started.response?["BackupId"] == nil)

            let running = try #require(await harness.simulator.backups(of: "crs-sandbox01").first)
            #expect(running.status == 1)
            #expect(running.remark == "gw-op-42")
            #expect(running.backupType == "0")
            #expect(running.expireTime == running.startTime.addingTimeInterval(3 * 86_400))

            // The default listing (Status [2]) hides the running backup; Status [1] shows it.
            let listed = try await client.call("DescribeInstanceBackups", json: ["InstanceId": "crs-sandbox01"])
            #expect(!listed.array("BackupSet").contains { $0["Remark"] == "gw-op-42" })
            let inProgress = try await client.call("DescribeInstanceBackups", json: ["InstanceId": "crs-sandbox01", "Status": [1]])
            let item = try #require(inProgress.array("BackupSet").first)
            #expect(item["EndTime"] == "0000-00-00 00:00:00")

            let info = try await client.call("DescribeTaskInfo", json: ["TaskId": .int(taskId)])
            #expect(info.string("Status") == "preparing")
            #expect(info.string("InstanceId") == "crs-sandbox01")
            #expect(info.string("StartTime") == "2026-01-01 08:00:00")
            #expect(info.string("TaskMessage") == "")
            #expect(info.string("TaskType") != nil)
            harness.clock.advance(by: 42)
            #expect(try await harness.pollUntilDone(taskId) == ["running", "succeed"])

            let done = try #require(await harness.simulator.backups(of: "crs-sandbox01").first)
            #expect(done.status == 2)
            #expect(done.backupSize > 0)
            #expect(done.endTime == harness.clock.now)
            let after = try await client.call("DescribeInstanceBackups", json: ["InstanceId": "crs-sandbox01"])
            let newest = try #require(after.array("BackupSet").first)
            #expect(newest["Remark"] == "gw-op-42")
            #expect(newest["BackupType"] == "0")
            #expect(newest["Status"] == 2)
            #expect(newest["Locked"] == 0)
            #expect(newest["StartTime"] == "2026-01-01 08:00:00")
            #expect(newest["EndTime"] == "2026-01-01 08:00:42")
            #expect(newest["ExpireTime"] == "2026-01-04 08:00:00")
            #expect(newest["InstanceName"] == "orders-cache")
            #expect(newest["Region"] == "ap-guangzhou")
            #expect(newest["FileType"] == "RDB")
            #expect(newest["BackupId"]?.stringValue?.count == 24)
            #expect(newest["BackupId"]?.stringValue?.allSatisfy(\.isNumber) == true)
        }
    }

    @Test("timed: the injected clock drives preparing → running → succeed")
    func timedProgression() async throws {
        try await TencentHarness.with(progression: .timed(preparing: .seconds(10), running: .seconds(30))) { (harness: TencentHarness) async throws in
            let started = try await harness.client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01"])
            let taskId = try #require(started.int("TaskId"))
            let first = try await harness.client.call("DescribeTaskInfo", json: ["TaskId": .int(taskId)])
            #expect(first.string("Status") == "preparing")
            harness.clock.advance(by: 10)
            let second = try await harness.client.call("DescribeTaskInfo", json: ["TaskId": .int(taskId)])
            #expect(second.string("Status") == "running")
            harness.clock.advance(by: 29)
            let third = try await harness.client.call("DescribeTaskInfo", json: ["TaskId": .int(taskId)])
            #expect(third.string("Status") == "running")
            harness.clock.advance(by: 1)
            let fourth = try await harness.client.call("DescribeTaskInfo", json: ["TaskId": .int(taskId)])
            #expect(fourth.string("Status") == "succeed")
            let backup = try #require(await harness.simulator.backups(of: "crs-sandbox01").first)
            #expect(backup.status == 2)
            #expect(backup.endTime == backup.startTime.addingTimeInterval(40))
            let expire = backup.expireTime.timeIntervalSince(backup.startTime)
            #expect(expire == 7 * 86_400)
        }
    }

    @Test("immediate: the task has ended when the call returns")
    func immediateProgression() async throws {
        try await TencentHarness.with(progression: .immediate) { (harness: TencentHarness) async throws in
            let started = try await harness.client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01"])
            let taskId = try #require(started.int("TaskId"))
            #expect(await harness.simulator.task(Int(taskId))?.status == .succeed)
            #expect(try await harness.pollUntilDone(taskId) == ["succeed"])
            #expect(await harness.simulator.backups(of: "crs-sandbox01").first?.status == 2)
        }
    }

    @Test("Instance checks: unknown, other region, isolated, locked by a running task")
    func instanceChecks() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            var client = harness.client
            #expect(try await client.call("ManualBackupInstance", json: ["InstanceId": "crs-nope"]).errorCode == "ResourceNotFound.InstanceNotExists")
            #expect(try await client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox03"]).errorCode == "ResourceUnavailable.InstanceStatusAbnormal")
            let first = try await client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01"])
            let taskId = try #require(first.int("TaskId"))
            // No provider idempotency: a retry while the first runs is refused, not merged.
            #expect(try await client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01"]).errorCode == "ResourceUnavailable.InstanceLockedError")
            _ = try await harness.pollUntilDone(taskId)
            #expect(try await client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01"]).errorCode == nil)
            client.region = "ap-shanghai"
            #expect(try await client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox02"]).errorCode == "ResourceNotFound.InstanceNotExists")
            let otherRegion = try await client.call("DescribeTaskInfo", json: ["TaskId": .int(taskId)])
            #expect(otherRegion.errorCode == "InvalidParameter.InvalidParameter")
        }
    }

    @Test("DescribeTaskInfo of an unknown task")
    func unknownTask() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let answer = try await harness.client.call("DescribeTaskInfo", json: ["TaskId": 123])
            #expect(answer.errorCode == "InvalidParameter.InvalidParameter")
            #expect(answer.errorMessage == "task not found")
        }
    }

    @Test("DescribeTaskList finds tasks by type and result, newest first")
    func taskList() async throws {
        try await TencentHarness.with(progression: .perPoll(steps: 2)) { (harness: TencentHarness) async throws in
            let client = harness.client
            let backup = try #require(try await client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01"]).int("TaskId"))
            _ = try await harness.pollUntilDone(backup)
            harness.clock.advance(by: 60)
            let restore = try await client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-sandbox02", "BackupId": .string(TencentSandboxSeed.clusterBackupId)]
            )
            let restoreId = try #require(restore.int("TaskId"))

            let all = try await client.call("DescribeTaskList", json: [:])
            #expect(all.int("TotalCount") == 2)
            #expect(all.array("Tasks").first?["TaskId"] == .int(restoreId))

            let backups = try await client.call("DescribeTaskList", json: ["InstanceId": "crs-sandbox01", "TaskTypes": ["012"]])
            let item = try #require(backups.array("Tasks").first)
            #expect(backups.int("TotalCount") == 1)
            #expect(item["TaskId"] == .int(backup))
            #expect(item["TaskType"] == "012")
            #expect(item["Result"] == 2)
            #expect(item["InstanceName"] == "orders-cache")

            let running = try await client.call("DescribeTaskList", json: ["TaskTypes": ["010"], "Result": [0, 1]])
            #expect(running.array("Tasks").map { $0["TaskId"] } == [.int(restoreId)])
            let none = try await client.call("DescribeTaskList", json: ["TaskTypes": ["017"]])
            #expect(none.int("TotalCount") == 0)
            let window = try await client.call(
                "DescribeTaskList",
                json: ["BeginTime": "2026-01-01 08:00:30", "EndTime": "2026-01-01 09:00:00"]
            )
            #expect(window.array("Tasks").map { $0["TaskId"] } == [.int(restoreId)])
        }
    }
}
