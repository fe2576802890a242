import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Simulators

/// Each fault effect, matching by action and instance, and the control endpoints.
@Suite struct TencentFaultTests {
    static let backupBody: SimulatorJSON = ["InstanceId": "crs-sandbox01"]

    @Test("error: the coded answer replaces the action, `times` uses are consumed")
    func errorEffect() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            await harness.simulator.inject(SimulatedFault(
                action: "ManualBackupInstance", times: 2,
                effect: .error(code: "FailedOperation.SystemError", message: "boom")
            ))
            for _ in 0..<2 {
                let answer = try await harness.client.call("ManualBackupInstance", json: Self.backupBody)
                #expect(answer.status == 200)
                #expect(answer.errorCode == "FailedOperation.SystemError")
                #expect(answer.errorMessage == "boom")
            }
            #expect(await harness.simulator.backups(of: "crs-sandbox01").count == 3)
            let third = try await harness.client.call("ManualBackupInstance", json: Self.backupBody)
            #expect(third.errorCode == nil)
            let records = await harness.simulator.receivedRequests()
            #expect(records.map(\.fault) == ["error(FailedOperation.SystemError)", "error(FailedOperation.SystemError)", nil])
        }
    }

    @Test("Matching: another action or another instance is unaffected; DescribeTaskInfo matches by the task's instance")
    func matching() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let client = harness.client
            await harness.simulator.inject(SimulatedFault(instanceId: "crs-sandbox02", times: 10, effect: .throttle))
            #expect(try await client.call("DescribeInstances", json: ["InstanceId": "crs-sandbox01"]).errorCode == nil)
            #expect(try await client.call("DescribeInstances", json: ["InstanceId": "crs-sandbox02"]).errorCode == "RequestLimitExceeded")
            await harness.simulator.clearFaults()
            let restore = try await client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-sandbox02", "BackupId": .string(TencentSandboxSeed.clusterBackupId)]
            )
            let taskId = try #require(restore.int("TaskId"))
            await harness.simulator.inject(SimulatedFault(action: "DescribeTaskInfo", instanceId: "crs-sandbox02", effect: .error(code: "InternalError", message: "x")))
            #expect(try await client.call("DescribeTaskInfo", json: ["TaskId": .int(taskId)]).errorCode == "InternalError")
            #expect(try await client.call("DescribeTaskInfo", json: ["TaskId": .int(taskId)]).errorCode == nil)
        }
    }

    @Test("delay: a short client deadline times out, the action still happens")
    func delayEffect() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", effect: .delay(.milliseconds(300))))
            let clock = ContinuousClock()
            let start = clock.now
            let answer = try await harness.client.call("DescribeInstances", json: [:])
            #expect(answer.errorCode == nil)
            #expect(clock.now - start >= .milliseconds(300))

            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .delay(.milliseconds(800))))
            await #expect(throws: HTTPClientError.deadlineExceeded) {
                _ = try await Self.callWithDeadline(harness.client, .milliseconds(150))
            }
            #expect(await harness.simulator.backups(of: "crs-sandbox01").count == 3)
            try await Task.sleep(for: .milliseconds(1000))
            #expect(await harness.simulator.backups(of: "crs-sandbox01").first?.status == 1)
        }
    }

    static func callWithDeadline(_ client: TencentTestClient, _ deadline: TimeAmount) async throws -> HTTPClientResponse {
        let body = Array(#"{"InstanceId":"crs-sandbox01"}"#.utf8)
        let signed = try await Self.signedRequest(client, action: "ManualBackupInstance", body: body)
        return try await client.http.execute(signed, timeout: deadline)
    }

    static func signedRequest(_ client: TencentTestClient, action: String, body: [UInt8]) async throws -> HTTPClientRequest {
        var request = HTTPClientRequest(url: "http://\(client.host)/")
        request.method = .POST
        let timestamp = client.clock.timestamp
        let signature = ProviderSigningBridge.authorization(
            host: client.host, body: body, secretId: client.secretId, secretKey: client.secretKey, timestamp: timestamp
        )
        request.headers.add(name: "Host", value: client.host)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-TC-Action", value: action)
        request.headers.add(name: "X-TC-Version", value: "2018-04-12")
        request.headers.add(name: "X-TC-Timestamp", value: String(timestamp))
        request.headers.add(name: "X-TC-Region", value: "ap-guangzhou")
        request.headers.add(name: "Authorization", value: signature)
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    @Test("httpStatus: infrastructure answer with that status and body; nothing happens")
    func httpStatusEffect() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .httpStatus(503, body: "upstream unavailable")))
            let answer = try await harness.client.call("ManualBackupInstance", json: Self.backupBody)
            #expect(answer.status == 503)
            #expect(answer.body == "upstream unavailable")
            #expect(answer.json == nil)
            #expect(await harness.simulator.backups(of: "crs-sandbox01").count == 3)
        }
    }

    @Test("dropConnection: the client sees no complete response, but the backup was started")
    func dropConnectionEffect() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .dropConnection))
            await #expect(throws: (any Error).self) {
                _ = try await harness.client.call("ManualBackupInstance", json: Self.backupBody)
            }
            let backups = await harness.simulator.backups(of: "crs-sandbox01")
            #expect(backups.count == 4)
            #expect(backups.first?.status == 1)
            // Reconciliation finds the task the lost answer named.
            let tasks = try await harness.client.call("DescribeTaskList", json: ["InstanceId": "crs-sandbox01", "TaskTypes": ["012"]])
            #expect(tasks.int("TotalCount") == 1)
            // The server keeps serving.
            #expect(try await harness.client.call("DescribeInstances", json: [:]).errorCode == nil)
        }
    }

    @Test("malformedBody: 200 application/json that does not parse; the action happened")
    func malformedBodyEffect() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .malformedBody))
            let answer = try await harness.client.call("ManualBackupInstance", json: Self.backupBody)
            #expect(answer.status == 200)
            #expect(answer.contentType == "application/json")
            #expect(answer.json == nil)
            #expect(!answer.body.isEmpty)
            #expect(await harness.simulator.backups(of: "crs-sandbox01").count == 4)
        }
    }

    @Test("throttle: Tencent's RequestLimitExceeded with count and limit in the message")
    func throttleEffect() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "DescribeTaskInfo", effect: .throttle))
            let answer = try await harness.client.call("DescribeTaskInfo", json: ["TaskId": 1])
            #expect(answer.errorCode == "RequestLimitExceeded")
            #expect(answer.errorMessage == "Your current request times equals to `21` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.")
        }
    }

    @Test("failTask: the backup task ends failed with the message and leaves no backup")
    func failBackupTask() async throws {
        try await TencentHarness.with(progression: .perPoll(steps: 2)) { (harness: TencentHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .failTask(message: "disk full")))
            let answer = try await harness.client.call("ManualBackupInstance", json: Self.backupBody)
            let taskId = try #require(answer.int("TaskId"))
            #expect(try await harness.pollUntilDone(taskId) == ["preparing", "failed"])
            let info = try await harness.client.call("DescribeTaskInfo", json: ["TaskId": .int(taskId)])
            #expect(info.string("Status") == "failed")
            #expect(info.string("TaskMessage") == "disk full")
            #expect(await harness.simulator.backups(of: "crs-sandbox01").count == 3)
            let list = try await harness.client.call("DescribeTaskList", json: ["InstanceId": "crs-sandbox01"])
            #expect(list.array("Tasks").first?["Result"] == 4)
            // Only the next task fails.
            let next = try #require(try await harness.client.call("ManualBackupInstance", json: Self.backupBody).int("TaskId"))
            #expect(try await harness.pollUntilDone(next) == ["preparing", "succeed"])
        }
    }

    @Test("failTask: a failed restore leaves the instance running and unrestored")
    func failRestoreTask() async throws {
        try await TencentHarness.with(progression: .immediate) { (harness: TencentHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "RestoreInstance", instanceId: "crs-sandbox02", effect: .failTask(message: "restore aborted")))
            let answer = try await harness.client.call(
                "RestoreInstance",
                json: ["InstanceId": "crs-sandbox02", "BackupId": .string(TencentSandboxSeed.clusterBackupId)]
            )
            let taskId = try #require(answer.int("TaskId"))
            let task = try #require(await harness.simulator.task(Int(taskId)))
            #expect(task.status == .failed)
            #expect(task.message == "restore aborted")
            let instance = try #require(await harness.simulator.instance("crs-sandbox02"))
            #expect(instance.status == 2)
            #expect(instance.lastRestoredBackupId == nil)
        }
    }

    @Test("Control endpoints: inject, list, clear faults; the request log redacts signatures")
    func controlEndpoints() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let base = "http://\(harness.client.host)/_simulator"
            var inject = HTTPClientRequest(url: "\(base)/faults")
            inject.method = .POST
            inject.body = .bytes(ByteBuffer(string: #"{"action": "DescribeInstances", "times": 2, "effect": {"type": "error", "code": "InternalError", "message": "injected"}}"#))
            let injected = try await TencentTestClient.execute(harness.http, inject)
            #expect(injected.status == 200)
            if case .array(let faults)? = injected.json?["faults"] {
                #expect(faults.count == 1)
                #expect(faults.first?["times"] == 2)
            } else {
                Issue.record("no fault list: \(injected.body)")
            }
            #expect(try await harness.client.call("DescribeInstances").errorCode == "InternalError")

            var bad = HTTPClientRequest(url: "\(base)/faults")
            bad.method = .POST
            bad.body = .bytes(ByteBuffer(string: #"{"effect": {"type": "explode"}}"#))
            #expect(try await TencentTestClient.execute(harness.http, bad).status == 400)

            for body in [
                #"{"effect": {"type": "delay", "milliseconds": 5}}"#,
                #"{"effect": {"type": "httpStatus", "status": 502}}"#,
                #"{"effect": {"type": "dropConnection"}}"#,
                #"{"effect": {"type": "malformedBody"}}"#,
                #"{"effect": {"type": "throttle"}}"#,
                #"{"action": "ManualBackupInstance", "instanceId": "crs-sandbox01", "effect": {"type": "failTask", "message": "m"}}"#,
            ] {
                var request = HTTPClientRequest(url: "\(base)/faults")
                request.method = .POST
                request.body = .bytes(ByteBuffer(string: body))
                #expect(try await TencentTestClient.execute(harness.http, request).status == 200, "\(body)")
            }
            #expect(await harness.simulator.state.faults().count == 7)
            var clear = HTTPClientRequest(url: "\(base)/faults")
            clear.method = .DELETE
            #expect(try await TencentTestClient.execute(harness.http, clear).status == 200)
            #expect(await harness.simulator.state.faults().isEmpty)

            let log = try await TencentTestClient.execute(harness.http, HTTPClientRequest(url: "\(base)/requests"))
            guard case .array(let entries)? = log.json, let entry = entries.first else {
                Issue.record("no request log: \(log.body)")
                return
            }
            #expect(entries.count == 1)
            #expect(entry["action"] == "DescribeInstances")
            #expect(entry["errorCode"] == "InternalError")
            guard case .array(let headers)? = entry["headers"] else {
                Issue.record("no headers")
                return
            }
            let authorization = headers.first { $0["name"]?.stringValue?.lowercased() == "authorization" }?["value"]?.stringValue
            #expect(authorization?.hasSuffix("Signature=<redacted>") == true)
            #expect(authorization?.contains(TencentHarness.secretId) == true)
            #expect(!log.body.contains("Signature=0") && !log.body.contains(TencentHarness.secretKey))
        }
    }
}
