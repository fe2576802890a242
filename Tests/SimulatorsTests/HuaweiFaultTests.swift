import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Simulators

/// Each fault effect in Huawei's terms, matching by action and instance, plus rate limits
/// and the control endpoints.
@Suite struct HuaweiFaultTests {
    @Test("error: DCS codes with their §5 status (v2 code, 9-digit on v1.0), APIGW codes in the gateway envelope")
    func errorEffect() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let v2 = harness.backupsPath(HuaweiHarness.ha)
            let v1 = harness.backupsPath(HuaweiHarness.ha, version: "v1.0")
            await harness.simulator.inject(SimulatedFault(
                action: "CreateBackup", times: 2, effect: .error(code: "DCS.5000", message: "Internal error.")
            ))
            let first = try await harness.client.post(v2, json: [:])
            #expect(first.status == 500)
            #expect(first.code == "DCS.5000")
            #expect(first.message == "Internal error.")
            let legacy = try await harness.client.post(v1, json: [:])
            #expect(legacy.status == 500)
            #expect(legacy.code == "111500000")

            for (code, status) in [("DCS.3022", 404), ("DCS.4017", 400), ("DCS.4069", 500), ("DCS.2003", 403), ("DCS.1002", 401)] {
                await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .error(code: code, message: "m")))
                let answer = try await harness.client.post(v2, json: [:])
                #expect(answer.status == status, "\(code)")
                #expect(answer.code == code)
            }
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .error(code: "DCS.1002", message: "m")))
            #expect(try await harness.client.post(v1, json: [:]).code == "111401002")
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .error(code: "111400017", message: "m")))
            let raw = try await harness.client.post(v1, json: [:])
            #expect(raw.status == 400)
            #expect(raw.code == "111400017")

            await harness.simulator.inject(SimulatedFault(action: "ListBackups", effect: .error(code: "APIGW.0613", message: "IAM unavailable")))
            let gateway = try await harness.client.get(v1)
            #expect(gateway.status == 503)
            #expect(gateway.string("error_code") == "APIGW.0613")
            #expect(gateway.string("request_id") == gateway.requestIdHeader)

            #expect(await harness.simulator.backups(of: HuaweiHarness.ha).count == 3)
            let created = try await harness.client.post(v2, json: [:])
            #expect(created.status == 200)
            let records = await harness.simulator.receivedRequests()
            #expect(records.prefix(2).map(\.fault) == ["error(DCS.5000)", "error(DCS.5000)"])
            #expect(records[1].errorCode == "111500000")
            #expect(records.last?.fault == nil)
        }
    }

    @Test("Matching: another action or instance is unaffected; faults come after the signature check")
    func matching() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            await harness.simulator.inject(SimulatedFault(instanceId: HuaweiHarness.cluster, times: 10, effect: .throttle))
            #expect(try await harness.client.get(harness.backupsPath(HuaweiHarness.ha)).status == 200)
            let throttled = try await harness.client.get(harness.backupsPath(HuaweiHarness.cluster))
            #expect(throttled.status == 429)
            #expect(throttled.code == "APIGW.0308")
            var tweaks = HuaweiTestClient.Tweaks()
            tweaks.secretKey = "wrong"
            #expect(try await harness.client.get(harness.backupsPath(HuaweiHarness.cluster), tweaks: tweaks).code == "APIGW.0301")
            #expect(await harness.simulator.faults().first?.times == 9)
            await harness.simulator.clearFaults()
            #expect(await harness.simulator.faults().isEmpty)
            #expect(try await harness.client.get(harness.backupsPath(HuaweiHarness.cluster)).status == 200)
        }
    }

    @Test("throttle: 429 APIGW.0308 with the policy message quoting the action's per-minute limit")
    func throttleEffect() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .throttle))
            let answer = try await harness.client.post(harness.backupsPath(HuaweiHarness.ha), json: [:])
            #expect(answer.status == 429)
            #expect(answer.code == "APIGW.0308")
            #expect(answer.message == "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 minute")
            #expect(answer.string("request_id") != nil)
            #expect(await harness.simulator.backups(of: HuaweiHarness.ha).count == 3)
        }
    }

    @Test("httpStatus: infrastructure answer with that status and body; nothing happens")
    func httpStatusEffect() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "Restore", effect: .httpStatus(502, body: "<html>Bad Gateway</html>")))
            let path = harness.restoresPath(HuaweiHarness.ha)
            let body: SimulatorJSON = ["backup_id": .string(HuaweiSandboxSeed.haManualBackupId)]
            let answer = try await harness.client.post(path, json: body)
            #expect(answer.status == 502)
            #expect(answer.body == "<html>Bad Gateway</html>")
            #expect(answer.requestIdHeader != nil)
            #expect(await harness.simulator.restores(of: HuaweiHarness.ha).isEmpty)
            #expect(try await harness.client.post(path, json: body).status == 200)
        }
    }

    @Test("delay: the answer comes late, the backup still starts after the client gave up")
    func delayEffect() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .delay(.seconds(3))))
            let client = harness.client
            let path = harness.backupsPath(HuaweiHarness.ha)
            await #expect(throws: HTTPClientError.deadlineExceeded) {
                var request = HTTPClientRequest(url: "http://\(client.host)\(path)")
                request.method = .POST
                let date = HuaweiTime.sdkDate(harness.clock.now)
                let headers = [("Content-Type", "application/json;charset=utf-8"), ("Host", client.host), ("X-Sdk-Date", date)]
                let canonical = HuaweiTestSigner.canonicalRequest(method: "POST", path: path, query: [], headers: headers, body: Array("{}".utf8))
                let signature = HuaweiTestSigner.signature(canonicalRequest: canonical, date: date, secretKey: HuaweiHarness.secretKey)
                for (name, value) in headers { request.headers.add(name: name, value: value) }
                request.headers.add(
                    name: "Authorization",
                    value: "SDK-HMAC-SHA256 Access=\(HuaweiHarness.accessKey), SignedHeaders=content-type;host;x-sdk-date, Signature=\(signature)"
                )
                request.body = .bytes(ByteBuffer(string: "{}"))
                _ = try await harness.http.execute(request, timeout: .seconds(1))
            }
            // The delayed action still happens: wait until it has, then a second backup is refused.
            var recorded = false
            for _ in 0..<100 where !recorded {
                try await Task.sleep(for: .milliseconds(100))
                recorded = await harness.simulator.receivedRequests().contains { $0.action == "CreateBackup" }
            }
            #expect(recorded)
            #expect(try await harness.client.post(path, json: [:]).code == "DCS.4096")
        }
    }

    @Test("dropConnection: no complete answer, but the backup was created (found again by listing)")
    func dropConnectionEffect() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .dropConnection))
            await #expect(throws: (any Error).self) {
                _ = try await harness.client.post(harness.backupsPath(HuaweiHarness.ha), json: ["remark": "op_drop"])
            }
            let list = try await harness.client.get(harness.backupsPath(HuaweiHarness.ha))
            #expect(list.array("backup_record_response").first?["remark"] == "op_drop")
            #expect(try await harness.client.post(harness.backupsPath(HuaweiHarness.ha), json: [:]).code == "DCS.4096")
        }
    }

    @Test("malformedBody: 200 with a cut JSON body; the action happened; an empty list is cut too (not 204)")
    func malformedBodyEffect() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .malformedBody))
            let answer = try await harness.client.post(harness.backupsPath(HuaweiHarness.ha), json: [:])
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
            #expect(answer.json == nil)
            #expect(answer.body.hasPrefix("{\"backup_id\""))
            #expect(try await harness.client.post(harness.backupsPath(HuaweiHarness.ha), json: [:]).code == "DCS.4096")

            await harness.simulator.inject(SimulatedFault(action: "ListRestores", effect: .malformedBody))
            let empty = try await harness.client.get(harness.restoresPath(HuaweiHarness.ha))
            #expect(empty.status == 200)
            #expect(empty.json == nil)
            #expect(!empty.body.isEmpty)
        }
    }

    @Test("failTask on CreateBackup: the record ends failed with dcs.08.0001 (or the code the message names); only once")
    func failBackup() async throws {
        try await HuaweiHarness.with(progression: .perPoll(steps: 2)) { (harness: HuaweiHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "CreateBackup", effect: .failTask(message: "disk full")))
            let created = try await harness.client.post(harness.backupsPath(HuaweiHarness.ha), json: [:])
            let backupId = try #require(created.string("backup_id"))
            #expect(try await harness.backupStatus(HuaweiHarness.ha, backupId) == "waiting")
            #expect(try await harness.backupStatus(HuaweiHarness.ha, backupId) == "failed")
            let list = try await harness.client.get(harness.backupsPath(HuaweiHarness.ha))
            let row = try #require(list.array("backup_record_response").first)
            #expect(row["error_code"] == "dcs.08.0001")
            #expect(row["is_support_restore"] == "FALSE")
            let restore = try await harness.client.post(harness.restoresPath(HuaweiHarness.ha), json: ["backup_id": .string(backupId)])
            #expect(restore.code == "DCS.4087")

            let next = try #require(try await harness.client.post(harness.backupsPath(HuaweiHarness.ha), json: [:]).string("backup_id"))
            _ = try await harness.backupStatus(HuaweiHarness.ha, next)
            #expect(try await harness.backupStatus(HuaweiHarness.ha, next) == "succeed")

            await harness.simulator.inject(SimulatedFault(
                action: "CreateBackup", instanceId: HuaweiHarness.cluster, effect: .failTask(message: "dcs.08.0002")
            ))
            let third = try #require(try await harness.client.post(harness.backupsPath(HuaweiHarness.cluster), json: [:]).string("backup_id"))
            _ = try await harness.backupStatus(HuaweiHarness.cluster, third)
            _ = try await harness.backupStatus(HuaweiHarness.cluster, third)
            #expect(await harness.simulator.backups(of: HuaweiHarness.cluster).first?.errorCode == "dcs.08.0002")
        }
    }

    @Test("failTask on Restore: RESTORING, then failed with dcs.08.0001 and the instance RUNNING again")
    func failRestore() async throws {
        try await HuaweiHarness.with(progression: .perPoll(steps: 1)) { (harness: HuaweiHarness) async throws in
            await harness.simulator.inject(SimulatedFault(action: "Restore", instanceId: HuaweiHarness.ha, effect: .failTask(message: "x")))
            let answer = try await harness.client.post(
                harness.restoresPath(HuaweiHarness.ha), json: ["backup_id": .string(HuaweiSandboxSeed.haAutoBackupId)]
            )
            let restoreId = try #require(answer.string("restore_id"))
            #expect(await harness.simulator.instance(HuaweiHarness.ha)?.status == "RESTORING")
            #expect(try await harness.restoreStatus(HuaweiHarness.ha, restoreId) == "failed")
            let restore = try #require(await harness.simulator.restores(of: HuaweiHarness.ha).first)
            #expect(restore.errorCode == "dcs.08.0001")
            #expect(await harness.simulator.instance(HuaweiHarness.ha)?.status == "RUNNING")
        }
    }

    @Test("Rate limits (when enforced): per AK and action per minute → 429 APIGW.0308")
    func rateLimits() async throws {
        try await HuaweiHarness.with(rateLimits: true) { (harness: HuaweiHarness) async throws in
            let missing = harness.backupsPath("11111111-2222-4333-8444-555555555555")
            var codes: [String?] = []
            var throttledStatus: Int?
            var throttledMessage: String?
            // 10 per minute, refilled one every 6 s: on a slow machine a request may slip through
            // after the tenth, so send until one is throttled (a refill never keeps pace with this).
            while throttledStatus == nil, codes.count < 30 {
                let answer = try await harness.client.post(missing, json: [:])
                let code: String? = answer.code
                codes.append(code)
                if code == "APIGW.0308" {
                    throttledStatus = answer.status
                    throttledMessage = answer.message
                }
            }
            let sent: Int = codes.count
            #expect(codes.prefix(10).allSatisfy { $0 == "DCS.3022" })
            #expect(sent <= 13)
            #expect(throttledStatus == 429)
            let expectedMessage = "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 minute"
            #expect(throttledMessage == expectedMessage)
            #expect(try await harness.client.get(harness.backupsPath(HuaweiHarness.ha)).status == 200)
        }
    }

    @Test("Control endpoints: inject a fault as JSON, read redacted requests")
    func controlEndpoints() async throws {
        let credential = HuaweiSimulatorCredential(accessKey: "STSAK000000000000001", secretKey: "sts-secret", securityToken: "sts-token-value")
        try await HuaweiHarness.with(credentials: [credential]) { (harness: HuaweiHarness) async throws in
            var inject = HTTPClientRequest(url: "http://\(harness.client.host)/_simulator/faults")
            inject.method = .POST
            inject.body = .bytes(ByteBuffer(string: #"{"action":"ShowInstance","effect":{"type":"error","code":"DCS.4104","message":"recovering"}}"#))
            let injected = try await HuaweiTestClient.execute(harness.http, inject)
            #expect(injected.status == 200)
            #expect(await harness.simulator.faults().count == 1)

            var client = harness.client
            client.accessKey = credential.accessKey
            client.secretKey = credential.secretKey
            client.securityToken = credential.securityToken
            let answer = try await client.get(client.path(instance: HuaweiHarness.ha))
            #expect(answer.code == "DCS.4104")

            let requests = try await HuaweiTestClient.execute(
                harness.http, HTTPClientRequest(url: "http://\(harness.client.host)/_simulator/requests")
            )
            #expect(requests.status == 200)
            #expect(requests.body.contains("\"action\":\"ShowInstance\""))
            #expect(requests.body.contains("\"errorCode\":\"DCS.4104\""))
            #expect(!requests.body.contains("sts-token-value"))
            #expect(requests.body.contains("Signature=<redacted>"))
        }
    }
}
