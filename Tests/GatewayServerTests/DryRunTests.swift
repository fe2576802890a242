import Foundation
import Testing

/// `?validateOnly=true`: the signed provider request, redacted; no provider call, no operation.
@Suite("dry runs")
struct DryRunTests {
    @Test("a backup dry run shows the provider request and touches nothing")
    func backup() async throws {
        try await GatewayHarness.run(temporaryCredentials: true) { harness in
            let reply = try await harness.client.post("/instances/crs-test01/backups?validateOnly=true", json: #"{"remark":"dry","retentionDays":3}"#)
            #expect(reply.status == 200)
            #expect(reply.json["valid"] as? Bool == true)
            #expect(reply.json["operationKind"] as? String == "backup")
            #expect(reply.json["account"] as? String == "tencent-test")
            let request = try #require(reply.json["request"] as? [String: Any])
            #expect(request["action"] as? String == "ManualBackupInstance")
            #expect(request["method"] as? String == "POST")
            #expect((request["url"] as? String)?.hasPrefix(harness.simulator.endpoint) == true)
            let headers = try #require(request["headers"] as? [String: String])
            #expect(headers["X-TC-Action"] == "ManualBackupInstance")
            #expect(headers["Authorization"]?.contains("TC3-HMAC-SHA256") == true)
            #expect(headers["Authorization"]?.contains("Signature=<redacted>") == true)
            #expect(headers["X-TC-Token"] == "<redacted>")
            let body = try #require(request["body"] as? String)
            #expect(body.contains(#""StorageDays":3"#))
            #expect(body.contains("dry"))
            for secret in [GatewayHarness.secretKey, GatewayHarness.secretId, GatewayHarness.sessionToken] {
                #expect(!reply.body.contains(secret))
            }
            #expect(await harness.simulator.receivedRequests().isEmpty)
            let operations = try await harness.client.get("/operations")
            #expect((operations.json["operations"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a restore dry run redacts the instance password")
    func restore() async throws {
        try await GatewayHarness.run { harness in
            let body = #"{"backupId":"\#(GatewayHarness.backupOf01)","instancePassword":"\#(GatewayHarness.password)","confirmOverwrite":true}"#
            let reply = try await harness.client.post("/instances/crs-test01/restores?validateOnly=true", json: body)
            #expect(reply.status == 200)
            #expect(!reply.body.contains(GatewayHarness.password))
            let request = try #require(reply.json["request"] as? [String: Any])
            #expect((request["body"] as? String)?.contains("<redacted>") == true)
            #expect(await harness.simulator.receivedRequests().isEmpty)
            #expect(!harness.logs.all.joined().contains(GatewayHarness.password))
        }
    }

    @Test("an invalid dry run gets the same problem as the real request")
    func invalid() async throws {
        try await GatewayHarness.run { harness in
            let pitr = try await harness.client.post(
                "/instances/crs-test01/restores?validateOnly=true", json: #"{"pointInTime":"2026-01-01T00:00:00Z","confirmOverwrite":true}"#
            )
            #expect(pitr.status == 422)
            #expect(pitr.json["code"] as? String == "unsupported")
            let unrouted = try await harness.client.post("/instances/crs-nowhere/backups?validateOnly=true", json: "{}")
            #expect(unrouted.status == 404)
            let unconfirmed = try await harness.client.post(
                "/instances/crs-test01/restores?validateOnly=true", json: #"{"backupId":"1","confirmOverwrite":false}"#
            )
            #expect(unconfirmed.status == 400)
            #expect(await harness.simulator.receivedRequests().isEmpty)
        }
    }
}
