import AsyncHTTPClient
import Foundation
import NIOHTTP1
import ProviderSigning
import Testing
@testable import Simulators

/// The common checks over real HTTP, in Tencent's order and with Tencent's codes.
@Suite struct TencentAuthTests {
    @Test("A correctly signed POST succeeds with the 200 JSON envelope and a RequestId")
    func signedPostSucceeds() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let answer = try await harness.client.call("DescribeInstances", json: ["InstanceId": "crs-sandbox01"])
            #expect(answer.status == 200)
            #expect(answer.contentType == "application/json")
            #expect(answer.errorCode == nil)
            #expect(answer.int("TotalCount") == 1)
            #expect(answer.array("InstanceSet").first?["InstanceName"] == "orders-cache")
            let requestId = try #require(answer.requestId)
            #expect(UUID(uuidString: requestId) != nil)
        }
    }

    @Test("A correctly signed GET with a flat query succeeds")
    func signedGetSucceeds() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let answer = try await harness.client.get(
                "DescribeInstanceBackups",
                query: "InstanceId=crs-sandbox01&Limit=10&Status.0=2&Status.1=-1"
            )
            #expect(answer.errorCode == nil, "\(answer.body)")
            #expect(answer.int("TotalCount") == 3)
        }
    }

    @Test("UNSIGNED-PAYLOAD: the body is not hashed")
    func unsignedPayload() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            var tweaks = TencentTestClient.Tweaks()
            tweaks.unsignedPayload = true
            let answer = try await harness.client.call("DescribeInstances", "{}", tweaks: tweaks)
            #expect(answer.errorCode == nil, "\(answer.body)")
        }
    }

    @Test("Errors in check order", arguments: [
        "missingAuthorization", "garbageAuthorization", "wrongAlgorithm", "unknownSecretId", "missingTimestamp",
        "badTimestamp", "expired", "wrongDate", "wrongService", "unsignedHost", "wrongKey", "wrongVersion",
        "missingVersion", "unknownAction", "missingRegion", "unsupportedRegion",
    ])
    func errorCodes(case name: String) async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            var client = harness.client
            var tweaks = TencentTestClient.Tweaks()
            var action = "DescribeInstances"
            let expected: String
            let now = harness.clock.timestamp
            switch name {
            case "missingAuthorization":
                tweaks.omitAuthorization = true
                expected = "AuthFailure.InvalidAuthorization"
            case "garbageAuthorization":
                tweaks.authorization = "Bearer abc"
                expected = "AuthFailure.InvalidAuthorization"
            case "wrongAlgorithm":
                tweaks.authorization = "TC3-HMAC-SHA1 Credential=\(TencentHarness.secretId)/2026-01-01/redis/tc3_request, "
                    + "SignedHeaders=content-type;host, Signature=00"
                expected = "AuthFailure.InvalidAuthorization"
            case "unknownSecretId":
                client.secretId = "AKIDunknown"
                expected = "AuthFailure.SecretIdNotFound"
            case "missingTimestamp":
                tweaks.removeHeaders = ["X-TC-Timestamp"]
                expected = "MissingParameter"
            case "badTimestamp":
                tweaks.extraHeaders = [("X-TC-Timestamp", "yesterday")]
                expected = "InvalidParameter"
            case "expired":
                tweaks.timestamp = now - 301
                expected = "AuthFailure.SignatureExpire"
            case "wrongDate":
                // Signed with yesterday's date (the classic local-time bug) but a current timestamp.
                tweaks.timestamp = now
                tweaks.signingTimestamp = now - 86_400
                expected = "AuthFailure.SignatureFailure"
            case "wrongService":
                let good = TC3Signer.sign(
                    .init(method: "POST", host: client.host, contentType: "application/json", body: Array("{}".utf8)),
                    credentials: .init(accessKeyId: client.secretId, secret: client.secretKey),
                    service: "cvm",
                    timestamp: now
                )
                tweaks.authorization = good.authorization
                expected = "AuthFailure.SignatureFailure"
            case "unsignedHost":
                tweaks.authorization = "TC3-HMAC-SHA256 Credential=\(client.secretId)/2026-01-01/redis/tc3_request, "
                    + "SignedHeaders=content-type, Signature=00"
                expected = "AuthFailure.SignatureFailure"
            case "wrongKey":
                tweaks.secretKey = "not-the-key"
                expected = "AuthFailure.SignatureFailure"
            case "wrongVersion":
                client.version = "2017-03-12"
                expected = "NoSuchVersion"
            case "missingVersion":
                client.version = nil
                expected = "MissingParameter"
            case "unknownAction":
                action = "DeleteInstance"
                expected = "InvalidAction"
            case "missingRegion":
                client.region = nil
                expected = "MissingParameter"
            default:
                client.region = "eu-frankfurt"
                expected = "UnsupportedRegion"
            }
            let answer = try await client.call(action, "{}", tweaks: tweaks)
            #expect(answer.status == 200)
            #expect(answer.errorCode == expected, "\(name): \(answer.body)")
            #expect(answer.requestId != nil)
            if name == "wrongKey" {
                #expect(answer.errorMessage == "The provided credentials could not be validated. Please check your signature is correct.")
            }
        }
    }

    @Test("The window is ±300 s around the simulator's clock")
    func window() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            var tweaks = TencentTestClient.Tweaks()
            for (offset, code) in [(-300, nil), (300, nil), (301, "AuthFailure.SignatureExpire"), (-301, "AuthFailure.SignatureExpire")] {
                tweaks.timestamp = harness.clock.timestamp + offset
                let answer = try await harness.client.call("DescribeInstances", "{}", tweaks: tweaks)
                #expect(answer.errorCode == code, "offset \(offset)")
            }
        }
    }

    @Test("Temporary credentials need the matching X-TC-Token")
    func token() async throws {
        let credentials = [TencentSimulatorCredential(secretId: "AKIDtemp", secretKey: "temp-key", token: "sts-token")]
        try await TencentHarness.with(credentials: credentials) { (harness: TencentHarness) async throws in
            var client = harness.client
            client.secretId = "AKIDtemp"
            client.secretKey = "temp-key"
            #expect(try await client.call("DescribeInstances").errorCode == "AuthFailure.TokenFailure")
            client.token = "other-token"
            #expect(try await client.call("DescribeInstances").errorCode == "AuthFailure.TokenFailure")
            client.token = "sts-token"
            #expect(try await client.call("DescribeInstances").errorCode == nil)
        }
    }

    @Test("A header changed after signing breaks the signature; an unsigned header does not")
    func changedHeaders() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            var tweaks = TencentTestClient.Tweaks()
            tweaks.extraHeaders = [("Content-Type", "application/json; charset=utf-8")]
            #expect(try await harness.client.call("DescribeInstances", "{}", tweaks: tweaks).errorCode == "AuthFailure.SignatureFailure")
            tweaks.extraHeaders = [("X-TC-Language", "en-US"), ("X-TC-RequestClient", "test")]
            #expect(try await harness.client.call("DescribeInstances", "{}", tweaks: tweaks).errorCode == nil)
        }
    }

    @Test("Parameter checks: unknown name, wrong type, missing required")
    func parameterChecks() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            let client = harness.client
            #expect(try await client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01", "Colour": "red"]).errorCode == "UnknownParameter")
            #expect(try await client.call("ManualBackupInstance", json: ["InstanceId": 5]).errorCode == "InvalidParameterValue")
            #expect(try await client.call("DescribeInstanceBackups", json: ["Limit": "20"]).errorCode == "InvalidParameterValue")
            #expect(try await client.call("ManualBackupInstance", json: [:]).errorCode == "MissingParameter")
            #expect(try await client.call("DescribeTaskInfo", json: [:]).errorCode == "MissingParameter")
            #expect(try await client.call("ManualBackupInstance", "{not json").errorCode == "InvalidParameter")
            #expect(try await client.call("ManualBackupInstance", json: ["InstanceId": "crs-sandbox01", "StorageDays": 1826]).errorCode == "InvalidParameterValue")
            // In a GET query every value is a string that must spell the declared type.
            #expect(try await client.get("DescribeInstanceBackups", query: "Limit=abc").errorCode == "InvalidParameterValue")
            #expect(try await client.get("DescribeInstanceBackups", query: "Limit=5").errorCode == nil)
        }
    }

    @Test("Every request is recorded with headers as received, body and answer code")
    func records() async throws {
        try await TencentHarness.with { (harness: TencentHarness) async throws in
            _ = try await harness.client.call("DescribeInstances", json: ["InstanceId": "crs-sandbox01"])
            var tweaks = TencentTestClient.Tweaks()
            tweaks.secretKey = "wrong"
            _ = try await harness.client.call("DescribeInstances", "{}", tweaks: tweaks)
            let records = await harness.simulator.receivedRequests()
            #expect(records.count == 2)
            let first = try #require(records.first)
            #expect(first.action == "DescribeInstances")
            #expect(first.method == "POST")
            #expect(first.header("host") == harness.client.host)
            #expect(first.header("x-tc-region") == "ap-guangzhou")
            #expect(first.header("Authorization")?.hasPrefix("TC3-HMAC-SHA256 Credential=") == true)
            #expect(first.bodyString == #"{"InstanceId":"crs-sandbox01"}"#)
            #expect(first.parameters?["InstanceId"] == "crs-sandbox01")
            #expect(first.errorCode == nil)
            #expect(first.time == harness.clock.now)
            #expect(records[1].errorCode == "AuthFailure.SignatureFailure")
        }
    }
}
