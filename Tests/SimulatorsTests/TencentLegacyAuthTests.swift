import AsyncHTTPClient
import Foundation
import NIOHTTP1
import ProviderSigning
import Testing
@testable import Simulators

/// The API 2.0 common checks over real HTTP with Tencent's numeric codes.
@Suite struct TencentLegacyAuthTests {
    @Test("Signed GET and POST-form requests succeed with HmacSHA1 and HmacSHA256", arguments: [
        (HTTPMethod.GET, TencentV2Signer.Method.hmacSHA1), (.GET, .hmacSHA256), (.POST, .hmacSHA1), (.POST, .hmacSHA256),
    ])
    func signedRequests(method: HTTPMethod, signatureMethod: TencentV2Signer.Method) async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            var tweaks = TencentLegacyTestClient.Tweaks()
            tweaks.method = method
            tweaks.signatureMethod = signatureMethod
            let answer = try await harness.client.call(
                "DescribeRedis", [("limit", "10"), ("offset", "0"), ("redisName", "legacy orders+x")], tweaks: tweaks
            )
            #expect(answer.status == 200)
            #expect(answer.contentType == "application/json")
            #expect(answer.code == 0, "\(answer.body)")
            #expect(answer.message == "")
            #expect(answer.codeDesc == "Success")
            #expect(answer.json?["totalCount"]?.intValue == 0)
            let records = await harness.simulator.receivedRequests()
            #expect(records.last?.action == "DescribeRedis")
            #expect(records.last?.method == method.rawValue)
            #expect(records.last?.parameters?["redisName"] == "legacy orders+x")
        }
    }

    @Test("Errors of the common checks", arguments: [
        "missingSignature", "missingNonce", "missingTimestamp", "missingSecretId", "missingAction", "badTimestamp",
        "unknownSecretId", "expiredPast", "expiredFuture", "wrongKey", "unsignedExtra", "tamperedValue",
        "unknownAction", "missingRegion", "unsupportedRegion",
    ])
    func commonErrors(case name: String) async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            var client = harness.client
            var tweaks = TencentLegacyTestClient.Tweaks()
            var action = "DescribeRedis"
            let expected: (Int64, String)
            switch name {
            case "missingSignature": tweaks.remove = ["Signature"]; expected = (4000, "MissingParameter")
            case "missingNonce": tweaks.remove = ["Nonce"]; expected = (4000, "MissingParameter")
            case "missingTimestamp": tweaks.remove = ["Timestamp"]; expected = (4000, "MissingParameter")
            case "missingSecretId": tweaks.remove = ["SecretId"]; expected = (4000, "MissingParameter")
            case "missingAction": tweaks.remove = ["Action"]; expected = (4000, "MissingParameter")
            case "badTimestamp":
                tweaks.remove = ["Timestamp"]; tweaks.append = [("Timestamp", "soon")]; expected = (4000, "InvalidParameter")
            case "unknownSecretId": tweaks.secretId = "AKIDnobody"; expected = (4104, "AuthFailure.SecretIdNotFound")
            case "expiredPast": tweaks.timestamp = harness.clock.timestamp - 301; expected = (4500, "RequestReplay")
            case "expiredFuture": tweaks.timestamp = harness.clock.timestamp + 301; expected = (4500, "RequestReplay")
            case "wrongKey": tweaks.secretKey = "not-the-key"; expected = (4100, "AuthFailure.SignatureFailure")
            case "unsignedExtra": tweaks.append = [("redisId", "crs-legacy01")]; expected = (4100, "AuthFailure.SignatureFailure")
            case "tamperedValue":
                tweaks.remove = ["limit"]; tweaks.append = [("limit", "11")]; expected = (4100, "AuthFailure.SignatureFailure")
            case "unknownAction": action = "DescribeInstances"; expected = (6100, "InvalidAction")
            case "missingRegion": client.region = nil; expected = (4000, "MissingParameter")
            case "unsupportedRegion": client.region = "sh"; expected = (4000, "InvalidRegion")
            default: Issue.record("unknown case"); return
            }
            let answer = try await client.call(action, [("limit", "10"), ("offset", "0")], tweaks: tweaks)
            #expect(answer.status == 200)
            #expect(answer.code == expected.0, "\(answer.body)")
            #expect(answer.codeDesc == expected.1)
            #expect(!(answer.message ?? "").isEmpty)
            #expect(!answer.body.contains(TencentLegacyHarness.secretKey))
            if expected.0 == 4100 { #expect(answer.message == "authentication failed") }
        }
    }

    @Test("Timestamp exactly 300 s off is accepted")
    func windowEdge() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            var tweaks = TencentLegacyTestClient.Tweaks()
            tweaks.timestamp = harness.clock.timestamp - 300
            let answer = try await harness.client.call("DescribeRedis", [("limit", "10"), ("offset", "0")], tweaks: tweaks)
            #expect(answer.code == 0, "\(answer.body)")
        }
    }

    @Test("A reused Nonce is 4500 within the window; once the window has passed the nonce is forgotten")
    func replayedNonce() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            var tweaks = TencentLegacyTestClient.Tweaks()
            tweaks.nonce = 424_242
            let first = try await harness.client.call("DescribeRedis", [("limit", "10"), ("offset", "0")], tweaks: tweaks)
            #expect(first.code == 0)
            harness.clock.advance(by: 60)
            let second = try await harness.client.call("DescribeRedis", [("limit", "10"), ("offset", "0")], tweaks: tweaks)
            #expect(second.code == 4500)
            #expect(second.codeDesc == "RequestReplay")
            // Another key may use the same nonce; a badly signed request does not spend one.
            var bad = tweaks
            bad.nonce = 777
            bad.secretKey = "wrong"
            #expect(try await harness.client.call("DescribeRedis", [("limit", "10"), ("offset", "0")], tweaks: bad).code == 4100)
            bad.secretKey = nil
            #expect(try await harness.client.call("DescribeRedis", [("limit", "10"), ("offset", "0")], tweaks: bad).code == 0)
            harness.clock.advance(by: 301)
            #expect(try await harness.client.call("DescribeRedis", [("limit", "10"), ("offset", "0")], tweaks: tweaks).code == 0)
        }
    }

    @Test("Temporary credentials: the signed Token must match (4105 otherwise)")
    func tokens() async throws {
        let credentials = [
            TencentSimulatorCredential(secretId: "AKIDtemp", secretKey: "temp-secret", token: "sts-token"),
            TencentSimulatorCredential(secretId: TencentLegacyHarness.secretId, secretKey: TencentLegacyHarness.secretKey),
        ]
        try await TencentLegacyHarness.with(credentials: credentials) { (harness: TencentLegacyHarness) async throws in
            var client = harness.client
            client.secretId = "AKIDtemp"
            client.secretKey = "temp-secret"
            let parameters = [("limit", "10"), ("offset", "0")]
            client.token = "sts-token"
            #expect(try await client.call("DescribeRedis", parameters).code == 0)
            client.token = "other-token"
            let wrong = try await client.call("DescribeRedis", parameters)
            #expect(wrong.code == 4105)
            #expect(wrong.codeDesc == "AuthFailure.TokenFailure")
            #expect(!wrong.body.contains("sts-token"))
            client.token = nil
            #expect(try await client.call("DescribeRedis", parameters).code == 4105)
            // A token with a permanent key.
            var permanent = harness.client
            permanent.token = "sts-token"
            #expect(try await permanent.call("DescribeRedis", parameters).code == 4105)
        }
    }

    @Test("Path and method outside the API: 404 / 405; the control endpoint hides Signature and Token")
    func outsideTheAPI() async throws {
        try await TencentLegacyHarness.with { (harness: TencentLegacyHarness) async throws in
            var request = HTTPClientRequest(url: "http://\(harness.client.host)/v3/index.php")
            #expect(try await TencentLegacyTestClient.execute(harness.http, request).status == 404)
            request = HTTPClientRequest(url: "http://\(harness.client.host)/v2/index.php")
            request.method = .PUT
            #expect(try await TencentLegacyTestClient.execute(harness.http, request).status == 405)

            var client = harness.client
            client.token = "abc-token"
            _ = try await client.call("DescribeRedis", [("limit", "10"), ("offset", "0")])
            let log = try await TencentLegacyTestClient.execute(
                harness.http, HTTPClientRequest(url: "http://\(harness.client.host)/_simulator/requests")
            )
            #expect(log.status == 200)
            #expect(log.body.contains("Signature=<redacted>"))
            #expect(!log.body.contains("abc-token"))
        }
    }
}
