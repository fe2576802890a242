import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import Simulators

/// `AlibabaSimulator.sandbox` with the real clock, and the control endpoints.
@Suite struct AlibabaSandboxTests {
    @Test("Sandbox data: three instances, fixed backup ids, cluster set, capabilities")
    func sandbox() async throws {
        let simulator = AlibabaSimulator.sandbox(accessKeyId: "LTAI5tSandbox", secret: "sandbox-secret")
        try await simulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(60))))
        do {
            #expect(simulator.port > 0)
            #expect(simulator.endpoint == "http://127.0.0.1:\(simulator.port)")
            #expect(simulator.configuration.progression == .timed(.seconds(4)))
            var client = AlibabaTestClient(http: http, port: simulator.port, clock: TestClock(Date()))
            client.accessKeyId = "LTAI5tSandbox"
            client.secret = "sandbox-secret"

            let instances = try await client.v1("DescribeInstances", ["RegionId": "cn-hangzhou"])
            #expect(instances.int("TotalCount") == 3)
            let rows = instances["Instances"]?["KVStoreInstance"]
            guard case .array(let items)? = rows else {
                Issue.record("no instances: \(instances.body)")
                return
            }
            let byId = Dictionary(uniqueKeysWithValues: items.compactMap { item in item["InstanceId"]?.stringValue.map { ($0, item) } })
            #expect(byId[AlibabaSandboxSeed.tairInstanceId]?["InstanceName"] == "orders-tair")
            #expect(byId[AlibabaSandboxSeed.tairInstanceId]?["InstanceClass"] == "tair.rdb.2g")
            #expect(byId[AlibabaSandboxSeed.redisInstanceId]?["InstanceType"] == "Redis")
            #expect(byId[AlibabaSandboxSeed.clusterInstanceId]?["NodeType"] == "MASTER_SLAVE")
            #expect(byId[AlibabaSandboxSeed.clusterInstanceId]?["ShardCount"] == 2)

            let tair = try #require(await simulator.instance(AlibabaSandboxSeed.tairInstanceId))
            #expect(tair.supportsInPlaceRestore)
            #expect(try #require(tair.backupLogStartTime).timeIntervalSinceNow < -3 * 86_400 + 60)
            #expect(await simulator.instance(AlibabaSandboxSeed.redisInstanceId)?.supportsInPlaceRestore == false)
            #expect(await simulator.instance(AlibabaSandboxSeed.clusterInstanceId)?.isCloudNativeCluster == true)
            #expect(await simulator.backups(of: AlibabaSandboxSeed.tairInstanceId).map(\.backupId) == [
                AlibabaSandboxSeed.tairAutomatedBackupId, AlibabaSandboxSeed.tairManualBackupId,
            ])
            #expect(await simulator.backups(of: AlibabaSandboxSeed.redisInstanceId).map(\.backupId) == [AlibabaSandboxSeed.redisBackupId])
            #expect(await simulator.clusterBackups(of: AlibabaSandboxSeed.clusterInstanceId).map(\.clusterBackupId) == [AlibabaSandboxSeed.clusterBackupId])

            let policy = try await client.acs3("DescribeBackupPolicy", ["InstanceId": AlibabaSandboxSeed.tairInstanceId])
            #expect(policy["EnableBackupLog"] == 1)
            #expect(policy.string("BackupLogStartTime") != nil)
            let redisPolicy = try await client.acs3("DescribeBackupPolicy", ["InstanceId": AlibabaSandboxSeed.redisInstanceId])
            #expect(redisPolicy["EnableBackupLog"] == 0)

            // A new job gets an id no earlier sandbox run used, and runs on the real clock.
            let created = try await client.v1("CreateBackup", ["InstanceId": AlibabaSandboxSeed.tairInstanceId])
            let jobId = try #require(created.string("BackupJobID").flatMap { Int($0) })
            #expect(jobId > 1_700_000_000)
            let tasks = try await client.v1("DescribeBackupTasks", ["InstanceId": AlibabaSandboxSeed.tairInstanceId])
            #expect(tasks.array("BackupJobs").first?["BackupProgressStatus"] != "Finished")
        } catch {
            try? await http.shutdown()
            await simulator.stop()
            throw error
        }
        try await http.shutdown()
        await simulator.stop()
    }

    @Test("Control endpoints: inject, list, clear faults; the request log redacts signatures and tokens")
    func controlEndpoints() async throws {
        let credentials = [AlibabaSimulatorCredential(accessKeyId: AlibabaHarness.accessKeyId, secret: AlibabaHarness.secret, securityToken: "CAIS.secret-token")]
        try await AlibabaHarness.with(credentials: credentials) { (harness: AlibabaHarness) async throws in
            var client = harness.client
            client.securityToken = "CAIS.secret-token"
            let base = "http://\(client.host)/_simulator"
            var inject = HTTPClientRequest(url: "\(base)/faults")
            inject.method = .POST
            inject.body = .bytes(ByteBuffer(string: #"{"action": "CreateBackup", "instanceId": "r-sandbox-tair01", "times": 2, "effect": {"type": "throttle"}}"#))
            let injected = try await AlibabaTestClient.execute(harness.http, inject)
            #expect(injected.status == 200)
            if case .array(let faults)? = injected["faults"] {
                #expect(faults.first?["times"] == 2)
                #expect(faults.first?["effect"]?["type"] == "throttle")
            } else {
                Issue.record("no fault list: \(injected.body)")
            }
            #expect(try await client.v1("CreateBackup", ["InstanceId": AlibabaHarness.tair]).code == "Throttling.User")
            #expect(try await client.acs3("CreateBackup", ["InstanceId": AlibabaHarness.tair]).code == "Throttling.User")
            #expect(try await client.v1("CreateBackup", ["InstanceId": AlibabaHarness.tair]).code == nil)

            var bad = HTTPClientRequest(url: "\(base)/faults")
            bad.method = .POST
            bad.body = .bytes(ByteBuffer(string: #"{"effect": {"type": "explode"}}"#))
            #expect(try await AlibabaTestClient.execute(harness.http, bad).status == 400)
            var failTask = HTTPClientRequest(url: "\(base)/faults")
            failTask.method = .POST
            failTask.body = .bytes(ByteBuffer(string: #"{"action": "RestoreInstance", "effect": {"type": "failTask", "message": "m"}}"#))
            #expect(try await AlibabaTestClient.execute(harness.http, failTask).status == 200)
            #expect(await harness.simulator.faults().count == 1)
            var clear = HTTPClientRequest(url: "\(base)/faults")
            clear.method = .DELETE
            #expect(try await AlibabaTestClient.execute(harness.http, clear).status == 200)
            #expect(await harness.simulator.faults().isEmpty)

            let log = try await AlibabaTestClient.execute(harness.http, HTTPClientRequest(url: "\(base)/requests"))
            guard case .array(let entries)? = log.json else {
                Issue.record("no request log: \(log.body)")
                return
            }
            #expect(entries.count == 3)
            #expect(entries.first?["action"] == "CreateBackup")
            #expect(entries.first?["errorCode"] == "Throttling.User")
            #expect(entries.first?["httpStatus"] == 400)
            #expect(entries.first?["fault"] == "throttle")
            #expect(entries.first?["query"]?.stringValue?.contains("Signature=<redacted>") == true)
            #expect(entries.first?["query"]?.stringValue?.contains("SecurityToken=<redacted>") == true)
            #expect(!log.body.contains("CAIS.secret-token"))
            #expect(!log.body.contains(AlibabaHarness.secret))
            guard case .array(let headers)? = entries[1]["headers"] else {
                Issue.record("no headers")
                return
            }
            let authorization = headers.first { $0["name"]?.stringValue?.lowercased() == "authorization" }?["value"]?.stringValue
            #expect(authorization?.hasSuffix("Signature=<redacted>") == true)
            #expect(authorization?.contains(AlibabaHarness.accessKeyId) == true)

            var forget = HTTPClientRequest(url: "\(base)/requests")
            forget.method = .DELETE
            #expect(try await AlibabaTestClient.execute(harness.http, forget).status == 200)
            #expect(await harness.simulator.receivedRequests().isEmpty)
        }
    }
}
