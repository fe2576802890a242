import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ProviderSigning
import Testing
@testable import Simulators

/// Each fault effect on the legacy simulator, and the control endpoints.
@Suite struct TencentLegacyFaultTests {
    static let backup = [("redisId", "crs-legacy01")]

    @Test("error: numeric common and module codes, text codes; `times` uses are consumed")
    func errorEffect() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            await harness.simulator.inject(SimulatedFault(
                action: "ManualBackupInstance", times: 2, effect: .error(code: "6000", message: "internal error")
            ))
            for _ in 0..<2 {
                let answer = try await harness.client.call("ManualBackupInstance", Self.backup)
                #expect(answer.status == 200)
                #expect(answer.json == ["code": 6000, "message": "internal error", "codeDesc": "InternalError"])
            }
            #expect(await harness.simulator.backups(of: "crs-legacy01").count == 3)
            #expect(try await harness.client.call("ManualBackupInstance", Self.backup).code == 0)
            let records = await harness.simulator.receivedRequests()
            #expect(records.map(\.fault) == ["error(6000)", "error(6000)", nil])
            #expect(records.map(\.errorCode) == ["6000", "6000", nil])

            await harness.simulator.inject(SimulatedFault(effect: .error(code: "10707", message: "instance locked")))
            let module = try await harness.client.call("DescribeRedis", [("limit", "1"), ("offset", "0")])
            #expect(module.json == ["code": 5100, "message": "(10707)instance locked", "codeDesc": "InstanceLockedError"])

            await harness.simulator.inject(SimulatedFault(effect: .error(code: "ServiceBusy", message: "busy")))
            let text = try await harness.client.call("DescribeRedis", [("limit", "1"), ("offset", "0")])
            #expect(text.json == ["code": 5100, "message": "busy", "codeDesc": "ServiceBusy"])
        }
    }

    @Test("Matching: by instance, and DescribeTaskInfo by the task's instance")
    func matching() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            await harness.simulator.addInstance(TencentSimulatedInstance(id: "crs-legacy03", name: "third"))
            await harness.simulator.inject(SimulatedFault(instanceId: "crs-legacy03", times: 10, effect: .throttle))
            let ok = try await harness.client.call("ManualBackupInstance", Self.backup)
            let taskId = try #require(ok.data?["requestId"]?.intValue)
            let throttled = try await harness.client.call("ManualBackupInstance", [("redisId", "crs-legacy03")])
            #expect(throttled.code == 4400)
            #expect(throttled.codeDesc == "RequestLimitExceeded")
            await harness.simulator.clearFaults()
            await harness.simulator.inject(SimulatedFault(
                action: "DescribeTaskInfo", instanceId: "crs-legacy01", effect: .error(code: "6000", message: "x")
            ))
            #expect(try await harness.client.call("DescribeTaskInfo", [("requestId", String(taskId))]).code == 6000)
            #expect(try await harness.client.call("DescribeTaskInfo", [("requestId", String(taskId))]).code == 0)
        }
    }

    @Test("Faults never hide an authentication failure")
    func authenticationFirst() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            await harness.simulator.inject(SimulatedFault(effect: .throttle))
            var tweaks = TencentLegacyTestClient.Tweaks()
            tweaks.secretKey = "wrong"
            #expect(try await harness.client.call("DescribeRedis", [("limit", "1"), ("offset", "0")], tweaks: tweaks).code == 4100)
            #expect(await harness.simulator.faults().count == 1)
        }
    }

    @Test("throttle → 4400, the action is not performed")
    func throttle() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .throttle))
            let answer = try await harness.client.call("ManualBackupInstance", Self.backup)
            #expect(answer.code == 4400)
            #expect(await harness.simulator.tasks().isEmpty)
        }
    }

    @Test("httpStatus: the given status and body, the action is not performed")
    func httpStatus() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .httpStatus(502, body: "Bad Gateway")))
            let answer = try await harness.client.call("ManualBackupInstance", Self.backup)
            #expect(answer.status == 502)
            #expect(answer.body == "Bad Gateway")
            #expect(await harness.simulator.tasks().isEmpty)
            #expect(await harness.simulator.receivedRequests().last?.httpStatus == 502)
        }
    }

    @Test("delay: a short client deadline times out, the action still happens")
    func delay() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .delay(.seconds(3))))
            let clock = ContinuousClock()
            await #expect(throws: HTTPClientError.deadlineExceeded) {
                _ = try await Self.rawCall(harness, deadline: .seconds(1))
            }
            // The action still happens once the delay is over.
            var tasks = 0
            for _ in 0..<100 where tasks == 0 {
                try await Task.sleep(for: .milliseconds(100))
                tasks = await harness.simulator.tasks().count
            }
            #expect(tasks == 1)

            await harness.simulator.inject(SimulatedFault(action: "DescribeRedis", effect: .delay(.milliseconds(200))))
            let before = clock.now
            #expect(try await harness.client.call("DescribeRedis", [("limit", "1"), ("offset", "0")]).code == 0)
            #expect(clock.now - before >= .milliseconds(200))
        }
    }

    @Test("dropConnection: the action happens, the client gets no complete response")
    func dropConnection() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .dropConnection))
            await #expect(throws: (any Error).self) {
                _ = try await harness.client.call("ManualBackupInstance", Self.backup)
            }
            #expect(await harness.simulator.tasks().count == 1)
        }
    }

    @Test("malformedBody: the action happens, the 200 body is not JSON")
    func malformedBody() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .malformedBody))
            let answer = try await harness.client.call("ManualBackupInstance", Self.backup)
            #expect(answer.status == 200)
            #expect(answer.json == nil)
            #expect(!answer.body.isEmpty)
            #expect(await harness.simulator.tasks().count == 1)
        }
    }

    @Test("failTask: the next matching task ends with status 3; the failed backup disappears")
    func failTask() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .failTask(message: "disk full")))
            let first = try await harness.client.call("ManualBackupInstance", Self.backup)
            #expect(first.code == 0)
            let firstId = try #require(first.data?["requestId"]?.intValue)
            #expect(try await harness.pollUntilDone(firstId) == [0, 1, 3])
            #expect(await harness.simulator.backups(of: "crs-legacy01").count == 3)
            #expect(await harness.simulator.task(Int(firstId))?.message == "disk full")
            let second = try await harness.client.call("ManualBackupInstance", Self.backup)
            let secondId = try #require(second.data?["requestId"]?.intValue)
            #expect(try await harness.pollUntilDone(secondId) == [0, 1, 2])

            await harness.simulator.inject(SimulatedFault(action: "RestoreInstance", effect: .failTask(message: "restore failed")))
            let restore = try await harness.client.call("RestoreInstance", [
                ("redisId", "crs-legacy01"), ("password", TencentLegacySandboxSeed.password),
                ("backupId", TencentLegacySandboxSeed.manualBackupId),
            ])
            let restoreId = try #require(restore.data?["requestId"]?.intValue)
            #expect(try await harness.pollUntilDone(restoreId) == [0, 1, 3])
            #expect(await harness.simulator.instance("crs-legacy01")?.status == 2)
            #expect(await harness.simulator.instance("crs-legacy01")?.lastRestoredBackupId == nil)
        }
    }

    @Test("Control endpoints: inject, list and clear faults over HTTP")
    func controlEndpoints() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            var post = HTTPClientRequest(url: "http://\(harness.client.host)/_simulator/faults")
            post.method = .POST
            post.body = .bytes(ByteBuffer(string: #"{"action":"DescribeRedis","effect":{"type":"error","code":"6200","message":"maintenance"}}"#))
            let injected = try await TencentLegacyTestClient.execute(harness.http, post)
            #expect(injected.status == 200)
            #expect(injected.body.contains("6200"))
            let answer = try await harness.client.call("DescribeRedis", [("limit", "1"), ("offset", "0")])
            #expect(answer.code == 6200)
            #expect(answer.codeDesc == "ServiceUnavailable")
            var delete = HTTPClientRequest(url: "http://\(harness.client.host)/_simulator/faults")
            delete.method = .DELETE
            _ = try await TencentLegacyTestClient.execute(harness.http, post)
            let cleared = try await TencentLegacyTestClient.execute(harness.http, delete)
            #expect(cleared.json == ["faults": []])
        }
    }

    static func rawCall(_ harness: TencentLegacyHarness, deadline: TimeAmount) async throws -> HTTPClientResponse {
        let signed = ProviderSigningLegacy.query(harness.client, action: "ManualBackupInstance", parameters: Self.backup)
        let request = HTTPClientRequest(url: "http://\(harness.client.host)/v2/index.php?\(signed)")
        return try await harness.http.execute(request, timeout: deadline)
    }
}

/// A signed GET query for a raw AsyncHTTPClient call.
enum ProviderSigningLegacy {
    static func query(_ client: TencentLegacyTestClient, action: String, parameters: [(String, String)]) -> String {
        TencentV2Signer.sign(
            method: "GET", host: client.host, path: "/v2/index.php",
            parameters: [("Action", action), ("Region", client.region ?? "gz")] + parameters,
            credentials: SigningCredentials(accessKeyId: client.secretId, secret: client.secretKey),
            timestamp: client.clock.timestamp,
            nonce: TencentLegacyTestClient.nonces.add(1, ordering: .relaxed).newValue
        ).formEncoded
    }
}
