import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `AlibabaDriver` against a real `AlibabaSimulator` on loopback: starting and following backups.
@Suite("Alibaba driver: backups")
struct AlibabaDriverBackupTests {
    static let schemes: [AlibabaAccount.SignatureVersion] = [.acs3, .v1]

    @Test("startBackup, then refresh until succeeded with the backup set's id", arguments: schemes)
    func backupFlow(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver(scheme)
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            var record = AlibabaDriverSupport.record(.backup, instanceId: ref.instanceId)
            let started = try await driver.startBackup(
                ref, request: BackupRequest(retentionDays: 30), operationId: record.id, context: AlibabaSimulatorHarness.context()
            )
            #expect(started.update.state == .running)
            #expect(started.update.progress == 0)
            #expect(started.update.providerTaskId == "10000")
            #expect(started.update.providerRequestId?.isEmpty == false)
            #expect(started.update.backupId == nil)
            record.apply(started.update, at: Date())

            let sent = try #require(await harness.requests("CreateBackup").first)
            let parameters = AlibabaSimulatorHarness.parameters(sent)
            #expect(parameters["InstanceId"] == ref.instanceId)
            #expect(parameters["BackupRetentionPeriod"] == "30")
            #expect(sent.method == "POST")

            // The first refresh sees the job running, not finished.
            let first = try await driver.refresh(record, context: AlibabaSimulatorHarness.context())
            #expect(first.state == .running)
            #expect((0..<100).contains(first.progress ?? -1))
            record.apply(first, at: Date())
            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)
            #expect(record.progress == 100)
            let made = try #require(await harness.simulator.backups(of: ref.instanceId).first)
            #expect(made.backupJobId == 10_000)
            #expect(made.status == "Success")
            #expect(made.mode == "Manual")
            #expect(made.expectExpireTime == made.startTime.addingTimeInterval(30 * 86_400))
            #expect(record.backupId == String(made.backupId))

            // The outcome comes from DescribeBackups: a minute window, pages of 300 (one call for most clusters).
            let lookup = try #require(await harness.requests("DescribeBackups").last)
            let window = AlibabaSimulatorHarness.parameters(lookup)
            #expect(window["PageSize"] == "300")
            for name in ["StartTime", "EndTime"] {
                let text = try #require(window[name])
                #expect(text.count == "2026-01-01T00:00Z".count, "\(name)=\(text)")
                #expect(AlibabaTime.parse(text) != nil)
            }
            #expect(await harness.requests("CreateBackup").count == 1)
        }
    }

    @Test("startBackup without retentionDays sends no BackupRetentionPeriod")
    func backupWithoutRetention() async throws {
        try await AlibabaSimulatorHarness.run(progression: .immediate) { harness in
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.redis)
            _ = try await harness.driver().startBackup(
                ref, request: BackupRequest(), operationId: OperationID.make(), context: AlibabaSimulatorHarness.context()
            )
            let sent = try #require(await harness.requests("CreateBackup").first)
            #expect(AlibabaSimulatorHarness.parameters(sent)["BackupRetentionPeriod"] == nil)
            #expect(AlibabaSimulatorHarness.parameters(sent)["InstanceId"] == ref.instanceId)
        }
    }

    @Test("legacy per-shard jobs (\"10000,10001\") are each tracked to succeeded with both backup ids", arguments: schemes)
    func legacyShardJobs(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver(scheme)
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.legacyCluster)
            var record = AlibabaDriverSupport.record(.backup, instanceId: ref.instanceId)
            let started = try await driver.startBackup(
                ref, request: BackupRequest(), operationId: record.id, context: AlibabaSimulatorHarness.context()
            )
            #expect(started.update.providerTaskId == "10000,10001")
            record.apply(started.update, at: Date())
            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)

            let made = await harness.simulator.backups(of: ref.instanceId)
            #expect(made.count == 2)
            let byJob = Dictionary(uniqueKeysWithValues: made.map { ($0.backupJobId, String($0.backupId)) })
            let expected = [byJob[10_000], byJob[10_001]].compactMap { $0 }.joined(separator: ",")
            #expect(record.backupId == expected)
            #expect(Set(made.map(\.nodeInstanceId)) == ["\(ref.instanceId)-db-0", "\(ref.instanceId)-db-1"])
        }
    }

    /// A classic cluster has up to 256 shards; per-shard jobs make one DescribeBackups row each,
    /// more than one provider page of 100.
    @Test("legacy per-shard jobs of a cluster with more shards than one DescribeBackups page are tracked to succeeded")
    func legacyShardJobsBeyondOnePage() async throws {
        try await AlibabaSimulatorHarness.run(progression: .immediate) { harness in
            let id = "r-legacy120"
            await harness.simulator.addInstance(.init(
                instanceId: id, instanceName: "big-legacy-cluster", architectureType: "cluster", nodeType: "double",
                shardCount: 120, legacyShardJobs: true
            ))
            let driver = harness.driver()
            let ref = AlibabaSimulatorHarness.ref(id)
            var record = AlibabaDriverSupport.record(.backup, instanceId: id)
            let started = try await driver.startBackup(ref, request: BackupRequest(), operationId: record.id, context: AlibabaSimulatorHarness.context())
            #expect(AlibabaDriver.jobIds(started.update.providerTaskId).count == 120)
            record.apply(started.update, at: Date())
            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver, limit: 3)
            #expect(record.state == .succeeded, "stuck \(record.state) at \(record.progress ?? -1)%")
            #expect(record.backupId?.split(separator: ",").count == 120)
        }
    }

    @Test("a job that ends Failed makes the operation failed: PROVIDER_TASK_FAILED")
    func failedJob() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .failTask(message: "disk full")))
            let driver = harness.driver()
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            var record = AlibabaDriverSupport.record(.backup, instanceId: ref.instanceId)
            let started = try await driver.startBackup(ref, request: BackupRequest(), operationId: record.id, context: AlibabaSimulatorHarness.context())
            record.apply(started.update, at: Date())
            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .failed)
            #expect(record.failure?.code == "provider_error")
            #expect(record.failure?.reason == "PROVIDER_TASK_FAILED")
            #expect(record.failure?.detail.contains("10000") == true)
            #expect(record.backupId == nil)
            #expect(await harness.simulator.backups(of: ref.instanceId).first?.status == "Failed")
        }
    }

    @Test("a second backup while one runs is conflict BACKUP_IN_PROGRESS")
    func backupJobExists() async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver()
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair)
            _ = try await driver.startBackup(ref, request: BackupRequest(), operationId: OperationID.make(), context: AlibabaSimulatorHarness.context())
            let error = await #expect(throws: GatewayError.self) {
                try await driver.startBackup(ref, request: BackupRequest(), operationId: OperationID.make(), context: AlibabaSimulatorHarness.context())
            }
            #expect(error?.code == .conflict)
            #expect(error?.reason == "BACKUP_IN_PROGRESS")
            #expect(error?.provider?.code == "BackupJobExists")
            #expect(error?.retryable == true)
        }
    }

    @Test("a cloud-native cluster's backup is tracked to its cluster set (cb-…), listed by GET", arguments: schemes)
    func cloudNativeClusterBackup(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver(scheme)
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.cloudNativeCluster)
            var record = AlibabaDriverSupport.record(.backup, instanceId: ref.instanceId)
            let started = try await driver.startBackup(ref, request: BackupRequest(), operationId: record.id, context: AlibabaSimulatorHarness.context())
            #expect(started.update.providerTaskId == "10000")
            record.apply(started.update, at: Date())
            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver)
            #expect(record.state == .succeeded)

            let set = try #require(await harness.simulator.clusterBackups(of: ref.instanceId).first)
            #expect(set.clusterBackupId.hasPrefix("cb-"))
            #expect(set.backupJobId == 10_000)
            #expect(set.status == "OK")
            #expect(record.backupId == set.clusterBackupId)

            let lists = await harness.requests("DescribeClusterBackupList")
            #expect(!lists.isEmpty)
            for list in lists {
                #expect(list.method == "GET")
                #expect(list.httpStatus == 200)
                #expect(AlibabaSimulatorHarness.parameters(list)["RegionId"] == AlibabaFixture.region)
            }
            #expect(await harness.requests("DescribeBackups").isEmpty)
        }
    }

    @Test("a failed cloud-native cluster set makes the operation failed with its cb- id")
    func cloudNativeClusterFailed() async throws {
        try await AlibabaSimulatorHarness.run(progression: .immediate) { harness in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .failTask(message: "shard lost")))
            let driver = harness.driver()
            let ref = AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.cloudNativeCluster)
            var record = AlibabaDriverSupport.record(.backup, instanceId: ref.instanceId)
            let started = try await driver.startBackup(ref, request: BackupRequest(), operationId: record.id, context: AlibabaSimulatorHarness.context())
            record.apply(started.update, at: Date())
            try await AlibabaDriverSupport.refreshUntilDone(&record, driver: driver)
            let set = try #require(await harness.simulator.clusterBackups(of: ref.instanceId).first)
            #expect(record.state == .failed)
            #expect(record.failure?.reason == "PROVIDER_TASK_FAILED")
            #expect(record.backupId == set.clusterBackupId)
        }
    }
}
