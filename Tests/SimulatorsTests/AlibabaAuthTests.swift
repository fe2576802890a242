import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing
@testable import Simulators

/// The common checks over real HTTP, both schemes, with Alibaba's codes and HTTP statuses.
@Suite struct AlibabaAuthTests {
    static let attribute: [String: String] = ["InstanceId": AlibabaHarness.tair]

    @Test("Signature v1: POST with the query, GET, and a form body succeed with 200 JSON and a RequestId")
    func v1Succeeds() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            let post = try await harness.client.v1("DescribeInstanceAttribute", Self.attribute)
            #expect(post.status == 200, "\(post.body)")
            #expect(post.contentType?.hasPrefix("application/json") == true)
            #expect(post.code == nil)
            let requestId = try #require(post.requestId)
            #expect(UUID(uuidString: requestId) != nil)
            #expect(requestId == requestId.uppercased())
            let rows = post["Instances"]?["DBInstanceAttribute"]
            guard case .array(let attributes)? = rows else {
                Issue.record("no DBInstanceAttribute: \(post.body)")
                return
            }
            #expect(attributes.first?["InstanceName"] == "orders-tair")

            let get = try await harness.client.v1("DescribeBackupPolicy", Self.attribute, method: .GET)
            #expect(get.status == 200, "\(get.body)")
            #expect(get["EnableBackupLog"] == 1)

            var tweaks = AlibabaTestClient.V1Tweaks()
            tweaks.formBody = true
            let form = try await harness.client.v1("DescribeBackupPolicy", Self.attribute, tweaks: tweaks)
            #expect(form.status == 200, "\(form.body)")

            // The Tea SDK's lowercase `json` and the old SDK's empty signed `SignatureType=` both work.
            tweaks = AlibabaTestClient.V1Tweaks()
            tweaks.format = "json"
            let lower = try await harness.client.v1(
                "DescribeBackupPolicy", ["InstanceId": AlibabaHarness.tair, "SignatureType": "", "RegionId": "cn-hangzhou"],
                tweaks: tweaks
            )
            #expect(lower.status == 200, "\(lower.body)")
        }
    }

    @Test("ACS3: query parameters, and a form body covered by x-acs-content-sha256, succeed")
    func acs3Succeeds() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            let answer = try await harness.client.acs3("DescribeBackupPolicy", Self.attribute)
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.contentType?.hasPrefix("application/json") == true)
            #expect(answer.string("BackupRetentionPeriod") == "7")

            var tweaks = AlibabaTestClient.ACS3Tweaks()
            tweaks.form = harness.window()
            let form = try await harness.client.acs3("DescribeBackups", Self.attribute, tweaks: tweaks)
            #expect(form.status == 200, "\(form.body)")
            #expect(form.int("TotalCount") == 2)

            // Signing fewer headers is fine as long as host, content-type and every x-acs-* are in.
            tweaks = AlibabaTestClient.ACS3Tweaks()
            tweaks.unsigned = ["accept"]
            tweaks.extraHeaders = [("user-agent", "gateway-test/1.0")]
            #expect(try await harness.client.acs3("DescribeBackupPolicy", Self.attribute, tweaks: tweaks).status == 200)
        }
    }

    @Test("Without Format a v1 answer is XML: results and errors")
    func xmlWithoutFormat() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            var tweaks = AlibabaTestClient.V1Tweaks()
            tweaks.format = nil
            let ok = try await harness.client.v1("CreateBackup", Self.attribute, tweaks: tweaks)
            #expect(ok.status == 200)
            #expect(ok.contentType?.hasPrefix("text/xml") == true)
            #expect(ok.body.hasPrefix("<?xml version='1.0' encoding='UTF-8'?><CreateBackupResponse>"))
            #expect(ok.body.contains("<BackupJobID>10000</BackupJobID>"))
            #expect(ok.body.contains("<RequestId>"))

            let missing = try await harness.client.v1("DescribeInstanceAttribute", ["InstanceId": "r-nope"], tweaks: tweaks)
            #expect(missing.status == 404)
            #expect(missing.contentType?.hasPrefix("text/xml") == true)
            #expect(missing.body.contains("<Error><RequestId>"))
            #expect(missing.body.contains("<HostId>r-kvstore.aliyuncs.com</HostId><Code>InvalidInstanceId.NotFound</Code><Message>"))

            tweaks.secret = "wrong"
            let bad = try await harness.client.v1("DescribeInstanceAttribute", Self.attribute, tweaks: tweaks)
            #expect(bad.status == 400)
            #expect(bad.body.contains("<Code>SignatureDoesNotMatch</Code>"))

            tweaks.format = "XML"
            tweaks.secret = nil
            let lists = try await harness.client.v1("DescribeBackups", ["InstanceId": AlibabaHarness.tair].merging(harness.window()) { a, _ in a }, tweaks: tweaks)
            #expect(lists.body.contains("<Backups><Backup>"))
        }
    }

    @Test("Errors in check order with Alibaba's codes and HTTP statuses", arguments: [
        "noSignature", "unknownKey", "wrongMethod", "badTimestamp", "expired", "future", "wrongSecret", "tampered",
        "wrongVersion", "unknownAction", "acs3Garbage", "acs3Algorithm", "acs3UnknownKey", "acs3BadDate",
        "acs3Expired", "acs3BodyHash", "acs3UnsignedHost", "acs3UnsignedAcsHeader", "acs3UnsignedContentType",
        "acs3WrongSecret", "acs3Version", "acs3Action", "putMethod",
    ])
    func errorCodes(case name: String) async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            var client = harness.client
            var v1 = AlibabaTestClient.V1Tweaks()
            var acs3 = AlibabaTestClient.ACS3Tweaks()
            var action = "DescribeInstanceAttribute"
            let now = harness.clock.now
            let answer: AlibabaAnswer
            let expected: (String, Int)
            switch name {
            case "noSignature":
                v1.unsigned = true
                expected = ("IncompleteSignature", 400)
            case "unknownKey":
                client.accessKeyId = "LTAI5tUnknown"
                expected = ("InvalidAccessKeyId.NotFound", 404)
            case "wrongMethod":
                v1.signatureMethod = "HMAC-SHA256"
                expected = ("InvalidSignatureMethod", 400)
            case "badTimestamp":
                v1.timestamp = "2026-01-01 00:00:00"
                expected = ("InvalidTimeStamp.Format", 400)
            case "expired":
                v1.timestamp = AlibabaTime.seconds(now.addingTimeInterval(-16 * 60))
                expected = ("InvalidTimeStamp.Expired", 400)
            case "future":
                v1.timestamp = AlibabaTime.seconds(now.addingTimeInterval(16 * 60))
                expected = ("InvalidTimeStamp.Expired", 400)
            case "wrongSecret":
                v1.secret = "not-the-secret"
                expected = ("SignatureDoesNotMatch", 400)
            case "tampered":
                v1.afterSigning = ["InstanceId": AlibabaHarness.redis]
                expected = ("SignatureDoesNotMatch", 400)
            case "wrongVersion":
                v1.version = "2014-05-26"
                expected = ("InvalidVersion", 400)
            case "unknownAction":
                action = "DeleteInstance"
                expected = ("InvalidAction.NotFound", 404)
            case "acs3Garbage":
                acs3.authorization = "Bearer abc"
                expected = ("IncompleteSignature", 400)
            case "acs3Algorithm":
                acs3.algorithm = "ACS3-HMAC-SM3"
                expected = ("InvalidSignatureMethod", 400)
            case "acs3UnknownKey":
                client.accessKeyId = "LTAI5tUnknown"
                expected = ("InvalidAccessKeyId.NotFound", 404)
            case "acs3BadDate":
                acs3.date = "Wed, 01 Jan 2026 00:00:00 GMT"
                expected = ("InvalidTimeStamp.Format", 400)
            case "acs3Expired":
                acs3.date = AlibabaTime.seconds(now.addingTimeInterval(-16 * 60))
                expected = ("InvalidTimeStamp.Expired", 400)
            case "acs3BodyHash":
                acs3.contentSHA256 = String(repeating: "0", count: 64)
                expected = ("SignatureDoesNotMatch", 400)
            case "acs3UnsignedHost":
                acs3.unsigned = ["host"]
                expected = ("SignatureDoesNotMatch", 400)
            case "acs3UnsignedAcsHeader":
                acs3.unsigned = ["x-acs-signature-nonce"]
                expected = ("SignatureDoesNotMatch", 400)
            case "acs3UnsignedContentType":
                acs3.form = ["PageSize": "30"]
                acs3.unsigned = ["content-type"]
                expected = ("SignatureDoesNotMatch", 400)
            case "acs3WrongSecret":
                acs3.secret = "not-the-secret"
                expected = ("SignatureDoesNotMatch", 400)
            case "acs3Version":
                acs3.version = "2014-05-26"
                expected = ("InvalidVersion", 400)
            case "acs3Action":
                action = "DeleteInstance"
                expected = ("InvalidAction.NotFound", 404)
            default:
                expected = ("UnsupportedHTTPMethod", 403)
            }
            if name == "putMethod" {
                answer = try await client.v1(action, Self.attribute, method: .PUT, tweaks: v1)
            } else if name.hasPrefix("acs3") {
                answer = try await client.acs3(action, Self.attribute, tweaks: acs3)
            } else {
                answer = try await client.v1(action, Self.attribute, tweaks: v1)
            }
            #expect(answer.code == expected.0, "\(name): \(answer.body)")
            #expect(answer.status == expected.1, "\(name)")
            #expect(answer.requestId != nil)
            #expect(answer.string("HostId") == "r-kvstore.aliyuncs.com")
            #expect(answer.string("Recommend")?.contains("q=\(expected.0)") == true)
        }
    }

    @Test("SignatureDoesNotMatch echoes the server's string to sign (v1) so a client can compare")
    func signatureEcho() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            var tweaks = AlibabaTestClient.V1Tweaks()
            tweaks.secret = "not-the-secret"
            tweaks.nonce = "echo-nonce-1"
            tweaks.timestamp = AlibabaTime.seconds(harness.clock.now)
            let answer = try await harness.client.v1("DescribeInstanceAttribute", ["InstanceId": "r-a b*"], tweaks: tweaks)
            let expected = AlibabaTestClient.v1StringToSign(method: "POST", [
                "AccessKeyId": AlibabaHarness.accessKeyId, "Action": "DescribeInstanceAttribute", "Format": "JSON",
                "InstanceId": "r-a b*", "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "echo-nonce-1",
                "SignatureVersion": "1.0", "Timestamp": tweaks.timestamp!, "Version": "2015-01-01",
            ])
            #expect(expected.contains("InstanceId%3Dr-a%2520b%252A"))
            #expect(answer.message == "Specified signature is not matched with our calculation. server string to sign is:\(expected)")

            // ACS3 echoes its string to sign too.
            var acs3 = AlibabaTestClient.ACS3Tweaks()
            acs3.secret = "not-the-secret"
            let v3 = try await harness.client.acs3("DescribeInstanceAttribute", ["InstanceId": AlibabaHarness.tair], tweaks: acs3)
            #expect(v3.message?.contains("server string to sign is:ACS3-HMAC-SHA256\n") == true)
        }
    }

    @Test("A nonce is single-use for 31 minutes (both schemes share the memory per key)")
    func nonceReuse() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            var v1 = AlibabaTestClient.V1Tweaks()
            v1.nonce = "nonce-0001"
            #expect(try await harness.client.v1("DescribeBackupPolicy", Self.attribute, tweaks: v1).code == nil)
            let again = try await harness.client.v1("DescribeBackupPolicy", Self.attribute, tweaks: v1)
            #expect(again.code == "SignatureNonceUsed")
            #expect(again.status == 400)
            var acs3 = AlibabaTestClient.ACS3Tweaks()
            acs3.nonce = "nonce-0001"
            #expect(try await harness.client.acs3("DescribeBackupPolicy", Self.attribute, tweaks: acs3).code == "SignatureNonceUsed")
            // A rejected signature does not burn a nonce.
            v1.nonce = "nonce-0002"
            v1.secret = "wrong"
            #expect(try await harness.client.v1("DescribeBackupPolicy", Self.attribute, tweaks: v1).code == "SignatureDoesNotMatch")
            v1.secret = nil
            #expect(try await harness.client.v1("DescribeBackupPolicy", Self.attribute, tweaks: v1).code == nil)
            harness.clock.advance(by: 30 * 60)
            v1.nonce = "nonce-0001"
            #expect(try await harness.client.v1("DescribeBackupPolicy", Self.attribute, tweaks: v1).code == "SignatureNonceUsed")
            harness.clock.advance(by: 2 * 60)
            #expect(try await harness.client.v1("DescribeBackupPolicy", Self.attribute, tweaks: v1).code == nil)
        }
    }

    @Test("The window is ±15 minutes around the simulator's clock")
    func window() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            for (offset, code) in [(-900.0, nil), (900.0, nil), (-901.0, "InvalidTimeStamp.Expired"), (901.0, "InvalidTimeStamp.Expired")] {
                var v1 = AlibabaTestClient.V1Tweaks()
                v1.timestamp = AlibabaTime.seconds(harness.clock.now.addingTimeInterval(offset))
                #expect(try await harness.client.v1("DescribeBackupPolicy", Self.attribute, tweaks: v1).code == code, "v1 \(offset)")
                var acs3 = AlibabaTestClient.ACS3Tweaks()
                acs3.date = v1.timestamp
                #expect(try await harness.client.acs3("DescribeBackupPolicy", Self.attribute, tweaks: acs3).code == code, "acs3 \(offset)")
            }
        }
    }

    @Test("STS: a temporary key needs its exact token; a permanent key must not send one")
    func securityToken() async throws {
        let credentials = [
            AlibabaSimulatorCredential(accessKeyId: "STS.temporary", secret: "temp-secret", securityToken: "CAIS.token+/="),
            AlibabaSimulatorCredential(accessKeyId: AlibabaHarness.accessKeyId, secret: AlibabaHarness.secret),
        ]
        try await AlibabaHarness.with(credentials: credentials) { (harness: AlibabaHarness) async throws in
            var temporary = harness.client
            temporary.accessKeyId = "STS.temporary"
            temporary.secret = "temp-secret"
            for token in [nil, "CAIS.other"] {
                temporary.securityToken = token
                let v1 = try await temporary.v1("DescribeBackupPolicy", Self.attribute)
                #expect(v1.code == "InvalidSecurityToken.MismatchWithAccessKey", "\(String(describing: token))")
                #expect(v1.status == 400)
                #expect(try await temporary.acs3("DescribeBackupPolicy", Self.attribute).code == "InvalidSecurityToken.MismatchWithAccessKey")
            }
            temporary.securityToken = "CAIS.token+/="
            #expect(try await temporary.v1("DescribeBackupPolicy", Self.attribute).code == nil)
            #expect(try await temporary.acs3("DescribeBackupPolicy", Self.attribute).code == nil)
            var permanent = harness.client
            permanent.securityToken = "CAIS.token+/="
            #expect(try await permanent.v1("DescribeBackupPolicy", Self.attribute).code == "InvalidSecurityToken.MismatchWithAccessKey")
        }
    }

    @Test("Every request is recorded with its parameters, status and code")
    func records() async throws {
        try await AlibabaHarness.with { (harness: AlibabaHarness) async throws in
            _ = try await harness.client.v1("DescribeInstanceAttribute", Self.attribute)
            _ = try await harness.client.acs3("DescribeInstanceAttribute", ["InstanceId": "r-missing"])
            let records = await harness.simulator.receivedRequests()
            #expect(records.count == 2)
            let first = try #require(records.first)
            #expect(first.action == "DescribeInstanceAttribute")
            #expect(first.method == "POST")
            #expect(first.query.contains("Signature="))
            #expect(first.parameters?["InstanceId"] == .string(AlibabaHarness.tair))
            #expect(first.parameters?["Signature"] == nil)
            #expect(first.httpStatus == 200)
            #expect(first.time == harness.clock.now)
            #expect(records[1].httpStatus == 404)
            #expect(records[1].errorCode == "InvalidInstanceId.NotFound")
            #expect(records[1].header("Authorization")?.hasPrefix("ACS3-HMAC-SHA256 Credential=") == true)
        }
    }
}
