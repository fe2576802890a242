import Foundation
import Testing
@testable import Simulators

/// CreateBackup → DescribeBackupTasks → DescribeBackups on classic and cloud-native standard
/// instances, legacy per-shard jobs, and the parameter rules.
@Suite struct AlibabaBackupTests {
    static let tair: [String: String] = ["InstanceId": AlibabaHarness.tair]

    static func stages(_ answer: AlibabaAnswer) -> [String] {
        answer.array("BackupJobs").compactMap { $0["BackupProgressStatus"]?.stringValue }
    }

    @Test("perPoll(6): every DescribeBackupTasks moves the job one stage; the finished job appears in DescribeBackups")
    func perPollProgression() async throws {
        try await AlibabaHarness.with(progression: .perPoll(steps: 6)) { (harness: AlibabaHarness) async throws in
            let client = harness.client
            let created = try await client.v1("CreateBackup", Self.tair.merging(["BackupRetentionPeriod": "30"]) { a, _ in a })
            #expect(created.status == 200, "\(created.body)")
            let jobId = try #require(created.string("BackupJobID"))
            #expect(jobId == "10000")
            var seen: [String] = []
            var progress: [String] = []
            for _ in 0..<6 {
                let tasks = try await client.v1("DescribeBackupTasks", Self.tair.merging(["BackupJobId": jobId]) { a, _ in a })
                #expect(tasks.string("InstanceId") == AlibabaHarness.tair)
                let row = try #require(tasks.array("BackupJobs").first)
                #expect(row["BackupJobID"] == .int(10_000))
                #expect(row["JobMode"] == "Manual")
                #expect(row["TaskAction"] == "TempBackupTask")
                #expect(row["NodeId"] == .string(AlibabaHarness.tair))
                #expect(row["StartTime"] == .string(AlibabaTime.seconds(harness.clock.now)))
                #expect(row["Process"] == row["Progress"])
                seen.append(row["BackupProgressStatus"]?.stringValue ?? "?")
                progress.append(row["Progress"]?.stringValue ?? "?")
            }
            #expect(seen == ["NoStart", "Preparing", "Waiting", "Uploading", "Checking", "Finished"])
            #expect(progress.first == "0")
            #expect(progress.last == "100")

            let list = try await client.v1("DescribeBackups", Self.tair.merging(harness.window()) { a, _ in a }.merging(["BackupJobId": jobId]) { a, _ in a })
            #expect(list.int("TotalCount") == 1, "\(list.body)")
            let row = try #require(list.array("Backups", "Backup").first)
            #expect(row["BackupJobID"] == .int(10_000))
            #expect(row["BackupId"] == .int(1_651_234_550))
            #expect(row["BackupStatus"] == "Success")
            #expect(row["BackupMode"] == "Manual")
            #expect(row["BackupType"] == "FullBackup")
            #expect(row["BackupMethod"] == "Physical")
            #expect(row["NodeInstanceId"] == .string(AlibabaHarness.tair))
            #expect(row["EngineVersion"] == "5.0")
            #expect(row["BackupStartTime"] == .string(AlibabaTime.seconds(harness.clock.now)))
            #expect(row["ExpectExpireTime"] == .string(AlibabaTime.seconds(harness.clock.now.addingTimeInterval(30 * 86_400))))
            #expect((row["BackupSize"]?.intValue ?? 0) > 0)
            #expect(row["BackupDownloadURL"]?.stringValue?.hasPrefix("https://") == true)
        }
    }

    @Test("DescribeBackups polls the job too; terraform's wait (rows by BackupJobId) works without DescribeBackupTasks")
    func describeBackupsAdvances() async throws {
        try await AlibabaHarness.with(progression: .perPoll(steps: 3)) { (harness: AlibabaHarness) async throws in
            let jobId = try #require(try await harness.client.v1("CreateBackup", Self.tair).string("BackupJobID"))
            let query = Self.tair.merging(harness.window()) { a, _ in a }.merging(["BackupJobId": jobId]) { a, _ in a }
            #expect(try await harness.client.v1("DescribeBackups", query).int("TotalCount") == 0)
            #expect(try await harness.client.v1("DescribeBackups", query).int("TotalCount") == 0)
            #expect(try await harness.client.acs3("DescribeBackups", query).int("TotalCount") == 1)
        }
    }

    @Test("timed: stages follow the clock; a running job refuses a second CreateBackup with BackupJobExists")
    func timedAndJobExists() async throws {
        try await AlibabaHarness.with(progression: .timed(.seconds(100))) { (harness: AlibabaHarness) async throws in
            let client = harness.client
            let jobId = try #require(try await client.v1("CreateBackup", Self.tair).string("BackupJobID"))
            let second = try await client.v1("CreateBackup", Self.tair)
            #expect(second.code == "BackupJobExists")
            #expect(second.status == 400)
            var seen: [String] = []
            for _ in 0..<6 {
                seen += Self.stages(try await client.v1("DescribeBackupTasks", Self.tair))
                harness.clock.advance(by: 20)
            }
            #expect(seen == ["NoStart", "Preparing", "Waiting", "Uploading", "Checking", "Finished"])
            let rows = try await client.v1("DescribeBackups", Self.tair.merging(harness.window()) { a, _ in a })
            let first = try #require(rows.array("Backups", "Backup").first)
            #expect(first["BackupJobID"] == .int(Int64(jobId)!))
            #expect(first["BackupEndTime"] == .string(AlibabaTime.seconds(harness.clock.now.addingTimeInterval(-20))))
            // Finished: a new backup may start; the old job stays listed for a while, then drops out.
            #expect(try await client.v1("CreateBackup", Self.tair).code == nil)
            harness.clock.advance(by: 11 * 60)
            let listed = try await client.v1("DescribeBackupTasks", Self.tair.merging(["BackupJobId": jobId]) { a, _ in a })
            #expect(listed.array("BackupJobs").isEmpty)
        }
    }

    @Test("CreateBackup checks: unknown instance 404, not Normal 403, retention 7–730 or -1")
    func createChecks() async throws {
        try await AlibabaHarness.with(progression: .immediate) { (harness: AlibabaHarness) async throws in
            let client = harness.client
            let unknown = try await client.v1("CreateBackup", ["InstanceId": "r-unknown"])
            #expect(unknown.code == "InvalidInstanceId.NotFound")
            #expect(unknown.status == 404)
            #expect(try await client.v1("CreateBackup", [:]).code == "MissingInstanceId")
            await harness.simulator.addInstance(AlibabaSimulatedInstance(
                instanceId: "r-changing", instanceName: "busy", instanceStatus: "Changing"
            ))
            let busy = try await client.v1("CreateBackup", ["InstanceId": "r-changing"])
            #expect(busy.code == "IncorrectDBInstanceState")
            #expect(busy.status == 403)
            for days in ["6", "731", "0", "seven"] {
                let answer = try await client.v1("CreateBackup", Self.tair.merging(["BackupRetentionPeriod": days]) { a, _ in a })
                #expect(answer.code == "InvalidParameter", "\(days)")
            }
            #expect(try await client.v1("CreateBackup", Self.tair.merging(["BackupRetentionPeriod": "-1"]) { a, _ in a }).code == nil)
            #expect(try await client.v1("CreateBackup", Self.tair.merging(["BackupRetentionPeriod": "730"]) { a, _ in a }).code == nil)
        }
    }

    @Test("Legacy classic cluster: one job per shard, ids comma-separated, one DescribeBackups row per job")
    func legacyShardJobs() async throws {
        try await AlibabaHarness.with(progression: .perPoll(steps: 2)) { (harness: AlibabaHarness) async throws in
            await harness.simulator.addInstance(AlibabaSimulatedInstance(
                instanceId: "r-legacy", instanceName: "old-cluster", architectureType: "cluster", instanceType: "Redis",
                instanceClass: "redis.logic.sharding.2g.2db.0rodb.4proxy.default", nodeType: "double", shardCount: 2,
                capacityMB: 4096, legacyShardJobs: true
            ))
            let client = harness.client
            let legacy = ["InstanceId": "r-legacy"]
            let created = try await client.v1("CreateBackup", legacy)
            #expect(created.string("BackupJobID") == "10000,10001")
            let tasks = try await client.v1("DescribeBackupTasks", legacy)
            #expect(tasks.array("BackupJobs").compactMap { $0["NodeId"]?.stringValue } == ["r-legacy-db-0", "r-legacy-db-1"])
            #expect(tasks.array("BackupJobs").compactMap { $0["BackupJobID"]?.intValue } == [10_000, 10_001])
            _ = try await client.v1("DescribeBackupTasks", legacy)
            for (job, node) in [("10000", "r-legacy-db-0"), ("10001", "r-legacy-db-1")] {
                let rows = try await client.v1(
                    "DescribeBackups", legacy.merging(harness.window()) { a, _ in a }.merging(["BackupJobId": job]) { a, _ in a }
                )
                #expect(rows.int("TotalCount") == 1, "\(job)")
                #expect(rows.array("Backups", "Backup").first?["NodeInstanceId"] == .string(node))
            }

            // A classic cluster created later: one job, one row per shard with the same BackupJobID.
            await harness.simulator.addInstance(AlibabaSimulatedInstance(
                instanceId: "r-modern", instanceName: "new-cluster", architectureType: "cluster", nodeType: "double",
                shardCount: 2, capacityMB: 4096
            ))
            let modern = try await client.v1("CreateBackup", ["InstanceId": "r-modern"])
            #expect(modern.string("BackupJobID") == "10002")
            #expect(try await client.v1("DescribeBackupTasks", ["InstanceId": "r-modern"]).array("BackupJobs").count == 2)
            _ = try await client.v1("DescribeBackupTasks", ["InstanceId": "r-modern"])
            let rows = try await client.v1("DescribeBackups", ["InstanceId": "r-modern"].merging(harness.window()) { a, _ in a })
            #expect(rows.array("Backups", "Backup").compactMap { $0["BackupJobID"]?.intValue } == [10_002, 10_002])
        }
    }

    @Test("DescribeBackups parameters: required minute-precision window, End > Start, PageSize set, paging, newest first")
    func describeBackupsParameters() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            let client = harness.client
            let window = harness.window()
            #expect(try await client.v1("DescribeBackups", Self.tair).code == "MissingStartTime")
            #expect(try await client.v1("DescribeBackups", Self.tair.merging(["StartTime": window["StartTime"]!]) { a, _ in a }).code == "MissingEndTime")
            let seconds = ["StartTime": "2025-12-20T00:00:00Z", "EndTime": "2026-01-02T00:00:00Z"]
            #expect(try await client.v1("DescribeBackups", Self.tair.merging(seconds) { a, _ in a }).code == "InvalidParameter")
            let reversed = ["StartTime": window["EndTime"]!, "EndTime": window["StartTime"]!]
            #expect(try await client.v1("DescribeBackups", Self.tair.merging(reversed) { a, _ in a }).code == "InvalidParameter")
            for (name, value) in [("PageSize", "20"), ("PageSize", "10"), ("PageNumber", "0"), ("BackupId", "abc"), ("NeedAof", "2")] {
                let answer = try await client.v1("DescribeBackups", Self.tair.merging(window) { a, _ in a }.merging([name: value]) { a, _ in a })
                #expect(answer.code == "InvalidParameter", "\(name)=\(value)")
                #expect(answer.status == 400)
            }
            let list = try await client.v1("DescribeBackups", Self.tair.merging(window) { a, _ in a })
            #expect(list.int("PageNumber") == 1)
            #expect(list.int("PageSize") == 30)
            #expect(list.int("TotalCount") == 2)
            #expect(list.array("Backups", "Backup").compactMap { $0["BackupId"]?.intValue } == [
                AlibabaSandboxSeed.tairAutomatedBackupId, AlibabaSandboxSeed.tairManualBackupId,
            ])
            #expect(list.int("FullStorageSize") == Int64(47 * 1024 * 1024))
            let byId = try await client.v1(
                "DescribeBackups",
                Self.tair.merging(window) { a, _ in a }.merging(["BackupId": String(AlibabaSandboxSeed.tairManualBackupId)]) { a, _ in a }
            )
            #expect(byId.array("Backups", "Backup").first?["BackupMode"] == "Manual")
            let page2 = try await client.v1("DescribeBackups", Self.tair.merging(window) { a, _ in a }.merging(["PageNumber": "2"]) { a, _ in a })
            #expect(page2.int("TotalCount") == 2)
            #expect(page2.array("Backups", "Backup").isEmpty)
            // The window filters by start time; the end minute counts whole.
            let narrow = [
                "StartTime": AlibabaTime.minutes(harness.clock.now.addingTimeInterval(-86_400 - 60)),
                "EndTime": AlibabaTime.minutes(harness.clock.now.addingTimeInterval(-86_400)),
            ]
            #expect(try await client.v1("DescribeBackups", Self.tair.merging(narrow) { a, _ in a }).int("TotalCount") == 1)
            // A cloud-native cluster lists nothing here.
            let cluster = try await client.v1("DescribeBackups", ["InstanceId": AlibabaHarness.cluster].merging(window) { a, _ in a })
            #expect(cluster.status == 200)
            #expect(cluster.int("TotalCount") == 0)
        }
    }
}
