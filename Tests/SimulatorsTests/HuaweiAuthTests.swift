import AsyncHTTPClient
import Foundation
import Testing
@testable import Simulators

/// API Gateway's checks over real HTTP: routing, AK/SK, the ±15-minute window, STS tokens,
/// the project, and the gateway error envelope with `X-Request-Id`.
@Suite struct HuaweiAuthTests {
    static func isRequestId(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.count == 32 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    @Test("Good v2 and v1.0 requests succeed: ShowInstance, lists, with X-Request-Id and Server headers")
    func goodRequests() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let show = try await harness.client.get(harness.client.path(instance: HuaweiHarness.ha))
            #expect(show.status == 200, "\(show.body)")
            #expect(show.string("instance_id") == HuaweiHarness.ha)
            #expect(show.string("name") == "orders-ha")
            #expect(show.string("cache_mode") == "ha")
            #expect(show.string("status") == "RUNNING")
            #expect(show["resource_spec_code"] == nil)
            #expect(Self.isRequestId(show.requestIdHeader))
            #expect(show.headers.first(name: "Server") == "api-gateway")

            let legacy = try await harness.client.get(harness.client.path("v1.0", instance: HuaweiHarness.ha))
            #expect(legacy.status == 200, "\(legacy.body)")
            #expect(legacy.string("resource_spec_code") == "dcs.master_standby")
            #expect(legacy.string("cache_mode") == "ha")
            let single = try await harness.client.get(harness.client.path("v1.0", instance: HuaweiHarness.single))
            #expect(single.string("resource_spec_code") == "dcs.single_node")
            #expect(single["instance_backup_policy"] == .null)

            let list = try await harness.client.get(harness.backupsPath(HuaweiHarness.ha), query: [("offset", "0"), ("limit", "10")])
            #expect(list.status == 200, "\(list.body)")
            #expect(list.int("total_num") == 3)
            let v1List = try await harness.client.get(harness.backupsPath(HuaweiHarness.ha, version: "v1.0"), query: [("start", "1")])
            #expect(v1List.status == 200, "\(v1List.body)")
            #expect(v1List.int("total_num") == 3)

            let records = await harness.simulator.receivedRequests()
            #expect(records.map(\.action) == ["ShowInstance", "ShowInstance", "ShowInstance", "ListBackups", "ListBackups"])
            #expect(records.allSatisfy { $0.httpStatus == 200 && Self.isRequestId($0.requestId) })
        }
    }

    @Test("Query sent unsorted (as a hand-written client might) still verifies: the server sorts")
    func unsortedWireQuery() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            var tweaks = HuaweiTestClient.Tweaks()
            tweaks.wireQuery = "offset=0&limit=2"
            let answer = try await harness.client.get(
                harness.backupsPath(HuaweiHarness.ha), query: [("offset", "0"), ("limit", "2")], tweaks: tweaks
            )
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.array("backup_record_response").count == 2)
        }
    }

    @Test("Missing or malformed Authorization, another algorithm: 401 APIGW.0301 verify aksk signature fail")
    func missingOrMalformed() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let path = harness.client.path(instance: HuaweiHarness.ha)
            for authorization in ["", "SDK-HMAC-SHA256 Access=\(HuaweiHarness.accessKey)", "garbage",
                                  "SDK-HMAC-SM3 Access=\(HuaweiHarness.accessKey), SignedHeaders=host, Signature=00"] {
                var tweaks = HuaweiTestClient.Tweaks()
                tweaks.authorization = authorization
                let answer = try await harness.client.get(path, tweaks: tweaks)
                #expect(answer.status == 401)
                #expect(answer.code == "APIGW.0301")
                #expect(answer.message == "Incorrect IAM authentication information: verify aksk signature fail")
                #expect(Self.isRequestId(answer.string("request_id")))
                #expect(answer.string("request_id") == answer.requestIdHeader)
            }
        }
    }

    @Test("Unknown AK: 401 APIGW.0301 ak … not exist")
    func unknownAccessKey() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            var tweaks = HuaweiTestClient.Tweaks()
            tweaks.accessKey = "UNKNOWNAK00000000000"
            let answer = try await harness.client.get(harness.client.path(instance: HuaweiHarness.ha), tweaks: tweaks)
            #expect(answer.status == 401)
            #expect(answer.code == "APIGW.0301")
            #expect(answer.message == "Incorrect IAM authentication information: ak UNKNOWNAK00000000000 not exist")
        }
    }

    @Test("Signature mismatch echoes the server's canonical request with | for newlines")
    func mismatchEcho() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let path = harness.client.path(instance: HuaweiHarness.ha)
            let date = HuaweiTime.sdkDate(harness.clock.now)
            var tweaks = HuaweiTestClient.Tweaks()
            tweaks.secretKey = "wrong-secret"
            let answer = try await harness.client.get(path, tweaks: tweaks)
            #expect(answer.status == 401)
            #expect(answer.code == "APIGW.0301")
            let expected = harness.client.canonicalGET(path, date: date).replacingOccurrences(of: "\n", with: "|")
            #expect(answer.message == "Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:\(expected)")
            #expect(expected.hasPrefix("GET|\(path)/||content-type:application/json|host:127.0.0.1:\(harness.simulator.port)|"))

            // Signing without the trailing slash (the classic bug) is refused the same way.
            tweaks = HuaweiTestClient.Tweaks()
            tweaks.signedPath = path + "x"
            #expect(try await harness.client.get(path, tweaks: tweaks).message?.contains("canonicalRequest:GET|\(path)/|") == true)

            // A header changed after signing.
            tweaks = HuaweiTestClient.Tweaks()
            tweaks.afterSigning = [("Content-Type", "application/json;charset=UTF-8")]
            let changed = try await harness.client.get(path, tweaks: tweaks)
            #expect(changed.message?.contains("|content-type:application/json;charset=UTF-8|") == true)
        }
    }

    @Test("X-Sdk-Date: ±14 minutes pass, ±16 minutes and unparsable dates get signature expired")
    func clockSkew() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let path = harness.client.path(instance: HuaweiHarness.ha)
            let server = HuaweiTime.sdkDate(harness.clock.now)
            let passing: [TimeInterval] = [-840, 840, -900, 900]
            for offset in passing {
                var tweaks = HuaweiTestClient.Tweaks()
                tweaks.date = HuaweiTime.sdkDate(harness.clock.now.addingTimeInterval(offset))
                #expect(try await harness.client.get(path, tweaks: tweaks).status == 200, "offset \(offset)")
            }
            let failing: [TimeInterval] = [-960, 960]
            for offset in failing {
                var tweaks = HuaweiTestClient.Tweaks()
                let sent = HuaweiTime.sdkDate(harness.clock.now.addingTimeInterval(offset))
                tweaks.date = sent
                let answer = try await harness.client.get(path, tweaks: tweaks)
                #expect(answer.status == 401)
                #expect(answer.code == "APIGW.0301")
                #expect(answer.message == "Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:\(sent),server time:\(server)")
            }
            var tweaks = HuaweiTestClient.Tweaks()
            tweaks.date = "2026-01-01T00:00:00Z"
            let unparsable = try await harness.client.get(path, tweaks: tweaks)
            #expect(unparsable.status == 401)
            #expect(unparsable.message?.contains("signature expired, signature time:2026-01-01T00:00:00Z,server time:\(server)") == true)
        }
    }

    @Test("Temporary credentials: X-Security-Token present, equal and signed; otherwise APIGW.0301")
    func securityToken() async throws {
        let credential = HuaweiSimulatorCredential(accessKey: "STSAK000000000000001", secretKey: "sts-secret", securityToken: "sts-token-value")
        let permanent = HuaweiSimulatorCredential(accessKey: HuaweiHarness.accessKey, secretKey: HuaweiHarness.secretKey)
        try await HuaweiHarness.with(credentials: [credential, permanent]) { (harness: HuaweiHarness) async throws in
            var client = harness.client
            client.accessKey = credential.accessKey
            client.secretKey = credential.secretKey
            client.securityToken = credential.securityToken
            let path = client.path(instance: HuaweiHarness.ha)
            #expect(try await client.get(path).status == 200)

            var tweaks = HuaweiTestClient.Tweaks()
            tweaks.unsigned = ["x-security-token"]
            let unsigned = try await client.get(path, tweaks: tweaks)
            #expect(unsigned.status == 401)
            #expect(unsigned.code == "APIGW.0301")
            #expect(unsigned.message == "Incorrect IAM authentication information: verify aksk signature fail")

            var missing = client
            missing.securityToken = nil
            #expect(try await missing.get(path).code == "APIGW.0301")

            var wrong = client
            wrong.securityToken = "another-token"
            let wrongAnswer = try await wrong.get(path)
            #expect(wrongAnswer.code == "APIGW.0301")
            #expect(wrongAnswer.message == "Incorrect IAM authentication information: decrypt token fail")

            // A token sent with a permanent AK is refused too.
            var stray = harness.client
            stray.securityToken = "sts-token-value"
            #expect(try await stray.get(path).code == "APIGW.0301")

            // The request log redacts the token and the signature.
            let records = await harness.simulator.receivedRequests()
            #expect(records.first?.header("X-Security-Token") == "sts-token-value")
            let redacted = records[0].redactedJSON.serialized
            #expect(!redacted.contains("sts-token-value"))
        }
    }

    @Test("Unknown path, method or trailing slash: 404 APIGW.0101 before any auth")
    func unknownRoutes() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            let base = harness.client.path(instance: HuaweiHarness.ha)
            for (method, path) in [("GET", base + "/backups/"), ("GET", base + "/jobs"), ("DELETE", base + "/backups"),
                                   ("PUT", base), ("GET", "/v3/\(HuaweiHarness.projectId)/instances/\(HuaweiHarness.ha)"),
                                   ("GET", "/v2/\(HuaweiHarness.projectId)/instances")] {
                var tweaks = HuaweiTestClient.Tweaks()
                tweaks.authorization = ""
                let answer = try await harness.client.send(method, path, body: nil, tweaks: tweaks)
                #expect(answer.status == 404, "\(method) \(path)")
                #expect(answer.code == "APIGW.0101")
                #expect(Self.isRequestId(answer.string("request_id")))
            }
            #expect(await harness.simulator.receivedRequests().allSatisfy { $0.action == nil && $0.errorCode == "APIGW.0101" })
        }
    }

    @Test("Project: malformed → 400 DCS.4002 (111400002 on v1.0); another project → 403 APIGW.0310")
    func project() async throws {
        try await HuaweiHarness.with { (harness: HuaweiHarness) async throws in
            var client = harness.client
            client.projectId = "not-a-project"
            let malformed = try await client.get(client.path(instance: HuaweiHarness.ha))
            #expect(malformed.status == 400)
            #expect(malformed.code == "DCS.4002")
            let legacy = try await client.get(client.path("v1.0", instance: HuaweiHarness.ha))
            #expect(legacy.status == 400)
            #expect(legacy.code == "111400002")

            client.projectId = "ffffffffffffffffffffffffffffffff"
            let other = try await client.get(client.path(instance: HuaweiHarness.ha))
            #expect(other.status == 403)
            #expect(other.code == "APIGW.0310")
            #expect(other.string("request_id") != nil)

            var tweaks = HuaweiTestClient.Tweaks()
            tweaks.extraHeaders = [("X-Project-Id", "ffffffffffffffffffffffffffffffff")]
            tweaks.projectHeader = false
            #expect(try await harness.client.get(harness.client.path(instance: HuaweiHarness.ha), tweaks: tweaks).code == "APIGW.0310")
            tweaks.extraHeaders = []
            #expect(try await harness.client.get(harness.client.path(instance: HuaweiHarness.ha), tweaks: tweaks).status == 200)
        }
    }
}
