import AsyncHTTPClient
import Foundation
import Testing
@testable import Simulators

/// DescribeClusterBackupList (GET only) and CreateBackup on a cloud-native cluster.
@Suite struct AlibabaClusterBackupTests {
    static func query(_ harness: AlibabaHarness, _ instanceId: String = AlibabaHarness.cluster) -> [String: String] {
        ["InstanceId": instanceId, "RegionId": "cn-hangzhou"].merging(harness.window()) { a, _ in a }
    }

    @Test("GET lists the seeded set with its shard backups; POST is UnsupportedHTTPMethod 403 (both schemes)")
    func getOnly() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            let client = harness.client
            let list = try await client.v1("DescribeClusterBackupList", Self.query(harness), method: .GET)
            #expect(list.status == 200, "\(list.body)")
            let sets = list.array("ClusterBackups")
            #expect(sets.count == 1)
            let set = try #require(sets.first)
            #expect(set["ClusterBackupId"] == .string(AlibabaSandboxSeed.clusterBackupId))
            #expect(set["ClusterBackupStatus"] == "OK")
            #expect(set["ClusterBackupMode"] == "Automated")
            #expect(set["ClusterBackupSize"] == .string(String(96 * 1024 * 1024)))
            #expect(set["IsAvail"] == 1)
            #expect(set["Progress"] == nil)
            #expect(set["ShardClassMemory"] == 4096)
            guard case .array(let shards)? = set["Backups"] else {
                Issue.record("no shard backups")
                return
            }
            #expect(shards.compactMap { $0["BackupId"]?.stringValue } == AlibabaSandboxSeed.clusterShardBackupIds)
            #expect(shards.compactMap { $0["InstanceName"]?.stringValue } == ["r-sandbox-cluster03-db-0", "r-sandbox-cluster03-db-1"])
            #expect(shards.first?["BackupStatus"] == "OK")
            #expect(shards.first?["Engine"] == "redis")
            #expect(list.int("PageSize") == 30)
            #expect(list.int("MaxResults") == 1)

            let post = try await client.v1("DescribeClusterBackupList", Self.query(harness))
            #expect(post.code == "UnsupportedHTTPMethod")
            #expect(post.status == 403)
            #expect(try await client.acs3("DescribeClusterBackupList", Self.query(harness)).code == "UnsupportedHTTPMethod")
            #expect(try await client.acs3("DescribeClusterBackupList", Self.query(harness), method: .GET).array("ClusterBackups").count == 1)

            var noShards = Self.query(harness)
            noShards["NoShardBackup"] = "true"
            let bare = try await client.v1("DescribeClusterBackupList", noShards, method: .GET)
            #expect(bare.array("ClusterBackups").first?["Backups"] == nil)
        }
    }

    @Test("Parameter and instance rules: required fields, classic or standalone → InvalidClusterInstance.NotFound 404")
    func rules() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            let client = harness.client
            var missing = Self.query(harness)
            missing["RegionId"] = nil
            #expect(try await client.v1("DescribeClusterBackupList", missing, method: .GET).code == "MissingRegionId")
            missing = Self.query(harness)
            missing["StartTime"] = nil
            #expect(try await client.v1("DescribeClusterBackupList", missing, method: .GET).code == "MissingStartTime")
            for id in [AlibabaHarness.tair, AlibabaHarness.redis] {
                let answer = try await client.v1("DescribeClusterBackupList", Self.query(harness, id), method: .GET)
                #expect(answer.code == "InvalidClusterInstance.NotFound")
                #expect(answer.status == 404)
            }
            await harness.simulator.addInstance(AlibabaSimulatedInstance(
                instanceId: "r-native-std", instanceName: "native", architectureType: "standard", instanceType: "Tair",
                instanceClass: "tair.rdb.1g", nodeType: "MASTER_SLAVE"
            ))
            #expect(try await client.v1("DescribeClusterBackupList", Self.query(harness, "r-native-std"), method: .GET).code == "InvalidClusterInstance.NotFound")
            #expect(try await client.v1("DescribeClusterBackupList", Self.query(harness, "r-nope"), method: .GET).code == "InvalidInstanceId.NotFound")
        }
    }

    @Test("CreateBackup on a cloud-native cluster makes a RUNNING cb-… set with Progress, then OK")
    func createClusterBackup() async throws {
        try await AlibabaHarness.with(progression: .perPoll(steps: 3)) { (harness: AlibabaHarness) async throws in
            let client = harness.client
            let created = try await client.v1("CreateBackup", ["InstanceId": AlibabaHarness.cluster])
            let jobId = try #require(created.string("BackupJobID"))
            #expect(jobId == "10000")
            let tasks = try await client.v1("DescribeBackupTasks", ["InstanceId": AlibabaHarness.cluster])
            #expect(tasks.array("BackupJobs").count == 2)
            #expect(tasks.array("BackupJobs").first?["BackupProgressStatus"] == "NoStart")
            let running = try await client.v1("DescribeClusterBackupList", Self.query(harness), method: .GET)
            let newest = try #require(running.array("ClusterBackups").first)
            let setId = try #require(newest["ClusterBackupId"]?.stringValue)
            #expect(setId.hasPrefix("cb-"))
            #expect(setId.count == 19)
            #expect(newest["ClusterBackupStatus"] == "RUNNING")
            #expect(newest["Progress"] == "20")
            #expect(newest["IsAvail"] == 0)
            let done = try await client.v1("DescribeClusterBackupList", Self.query(harness).merging(["ClusterBackupId": setId]) { a, _ in a }, method: .GET)
            let set = try #require(done.array("ClusterBackups").first)
            #expect(done.array("ClusterBackups").count == 1)
            #expect(set["ClusterBackupStatus"] == "OK")
            #expect(set["ClusterBackupMode"] == "Manual")
            #expect(set["Progress"] == nil)
            #expect(set["ClusterBackupEndTime"] == .string(AlibabaTime.seconds(harness.clock.now)))
            let stored = await harness.simulator.clusterBackups(of: AlibabaHarness.cluster)
            #expect(stored.first?.clusterBackupId == setId)
            #expect(stored.first?.backupJobId == 10_000)
            #expect(stored.first?.shardBackupIds.count == 2)
        }
    }
}
