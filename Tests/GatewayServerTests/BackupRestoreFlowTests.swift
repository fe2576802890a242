import Foundation
import Simulators
import Testing

/// Caller → gateway → simulator over real loopback HTTP: the whole life of a backup and a restore.
@Suite("Backup and restore, end to end")
struct BackupRestoreFlowTests {
    @Test("backup → poll → list → restore → poll")
    func fullCycle() async throws {
        try await GatewayHarness.run { harness in
            let client = harness.client
            let accepted = try await client.post("/instances/crs-test01/backups", json: #"{"remark":"pre-release","retentionDays":3}"#)
            #expect(accepted.status == 202)
            let operationId = try #require(accepted.json["id"] as? String)
            #expect(accepted.header("Location") == "/operations/\(operationId)")
            #expect(accepted.header("Retry-After") != nil)
            #expect(accepted.json["state"] as? String == "running")
            #expect(accepted.json["remark"] as? String == "pre-release")

            // What Tencent received: the business parameters of ManualBackupInstance.
            let sent = try #require(await harness.simulator.receivedRequests().last { $0.action == "ManualBackupInstance" })
            let body = try #require(try JSONSerialization.jsonObject(with: Data(sent.body)) as? [String: Any])
            #expect(body["InstanceId"] as? String == "crs-test01")
            #expect(body["StorageDays"] as? Int == 3)
            #expect((body["Remark"] as? String)?.hasPrefix("pre-release [gw:\(operationId)]") == true)
            #expect(Set(body.keys) == ["InstanceId", "Remark", "StorageDays"])
            #expect(sent.headers.contains { $0.name.lowercased() == "x-tc-language" && $0.value == "en-US" })
            #expect(sent.headers.contains { $0.name.lowercased() == "x-tc-region" && $0.value == "ap-guangzhou" })
            #expect(sent.errorCode == nil)

            let done = try await harness.waitUntilDone(operationId)
            #expect(done.json["state"] as? String == "succeeded")
            #expect(done.json["done"] as? Bool == true)
            #expect(done.json["progress"] as? Int == 100)
            #expect(done.header("Retry-After") == nil)
            let backupId = try #require(done.json["backupId"] as? String)

            let listed = try await client.get("/instances/crs-test01/backups")
            #expect(listed.status == 200)
            let backups = try #require(listed.json["backups"] as? [[String: Any]])
            let made = try #require(backups.first { $0["id"] as? String == backupId })
            #expect(made["remark"] as? String == "pre-release")
            #expect(made["kind"] as? String == "manual")
            #expect(made["state"] as? String == "succeeded")
            #expect(made["restorable"] as? Bool == true)

            let restore = try await client.post(
                "/instances/crs-test01/restores",
                json: #"{"backupId":"\#(backupId)","instancePassword":"\#(GatewayHarness.password)","confirmOverwrite":true}"#
            )
            #expect(restore.status == 202)
            #expect(!restore.body.contains(GatewayHarness.password))
            let restoreId = try #require(restore.json["id"] as? String)
            #expect(restore.json["kind"] as? String == "restore")
            #expect(restore.json["backupId"] as? String == backupId)
            let restored = try await harness.waitUntilDone(restoreId)
            #expect(restored.json["state"] as? String == "succeeded")

            let sentRestore = try #require(await harness.simulator.receivedRequests().last { $0.action == "RestoreInstance" })
            let restoreBody = try #require(try JSONSerialization.jsonObject(with: Data(sentRestore.body)) as? [String: Any])
            #expect(Set(restoreBody.keys) == ["InstanceId", "BackupId", "Password"])
            #expect(restoreBody["Password"] as? String == GatewayHarness.password)

            let operations = try await client.get("/operations?instanceId=crs-test01")
            let listedOperations = try #require(operations.json["operations"] as? [[String: Any]])
            #expect(listedOperations.map { $0["id"] as? String } == [restoreId, operationId])
        }
    }

    @Test("a password-free instance restores without instancePassword")
    func passwordFree() async throws {
        try await GatewayHarness.run { harness in
            let reply = try await harness.client.post(
                "/instances/crs-test02/restores", json: #"{"backupId":"\#(GatewayHarness.backupOf02)","confirmOverwrite":true}"#
            )
            #expect(reply.status == 202)
            let id = try #require(reply.json["id"] as? String)
            let done = try await harness.waitUntilDone(id)
            #expect(done.json["state"] as? String == "succeeded")
        }
    }

    @Test("a failed provider task fails the operation, with the message redacted, and stays failed")
    func failedTask() async throws {
        try await GatewayHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(
                action: "ManualBackupInstance",
                effect: .failTask(message: "disk full while dumping; key \(GatewayHarness.secretKey)")
            ))
            let accepted = try await harness.client.post("/instances/crs-test01/backups", json: "{}")
            let id = try #require(accepted.json["id"] as? String)
            let failed = try await harness.waitUntilDone(id)
            #expect(failed.json["state"] as? String == "failed")
            let error = try #require(failed.json["error"] as? [String: Any])
            #expect(error["reason"] as? String == "PROVIDER_TASK_FAILED")
            #expect((error["detail"] as? String)?.contains("disk full") == true)
            #expect(!failed.body.contains(GatewayHarness.secretKey))

            try await Task.sleep(for: .milliseconds(250))
            let again = try await harness.client.get("/operations/\(id)")
            #expect(again.json["state"] as? String == "failed")
            #expect(again.json["updatedAt"] as? String == failed.json["updatedAt"] as? String)
        }
    }

    @Test("concurrent polls of one operation share one provider call per refresh interval")
    func singleFlight() async throws {
        try await GatewayHarness.run(progression: .perPoll(steps: 1000), refreshInterval: .seconds(2)) { harness in
            let accepted = try await harness.client.post("/instances/crs-test01/backups", json: "{}")
            let id = try #require(accepted.json["id"] as? String)
            try await Task.sleep(for: .milliseconds(2100))
            let before = await harness.simulator.receivedRequests().filter { $0.action == "DescribeTaskInfo" }.count
            let clock = ContinuousClock()
            let burstStarted = clock.now
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await harness.client.get("/operations/\(id)").status }
                }
                for try await status in group { #expect(status == 200) }
            }
            let burst = clock.now - burstStarted
            let after = await harness.simulator.receivedRequests().filter { $0.action == "DescribeTaskInfo" }.count
            // One call per 2 s refresh interval, whoever triggers it (a poller or the background
            // reconciler): on a loaded machine the burst may span more than one interval.
            let intervals = Int((burst / .seconds(2)).rounded(.up))
            #expect(after - before <= 1 + intervals)
        }
    }
}
