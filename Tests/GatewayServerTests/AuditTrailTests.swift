import Foundation
import Testing

/// The audit trail: one event per mutating call, without secrets; `GET /audit-events`.
@Suite("audit trail")
struct AuditTrailTests {
    typealias F = AuthFixture

    @Test("accepted, validated, replayed, refused and denied calls are recorded without secrets")
    func events() async throws {
        try await GatewayHarness.run(auth: F.settings, extraEnvironment: F.environment) { harness in
            let client = harness.client
            let dash = F.bearer(F.dashboardToken)
            let accepted = try await client.post("/instances/crs-test01/backups", json: #"{"remark":"audit me"}"#, headers: dash + [("Idempotency-Key", "a1"), ("X-Request-Id", "req-accepted")])
            _ = try await client.post("/instances/crs-test01/backups", json: #"{"remark":"audit me"}"#, headers: dash + [("Idempotency-Key", "a1")])
            let restoreBody = #"{"backupId":"\#(GatewayHarness.backupOf01)","instancePassword":"\#(GatewayHarness.password)","confirmOverwrite":true}"#
            _ = try await client.post("/instances/crs-test01/restores?validateOnly=true", json: restoreBody, headers: dash)
            let hookBody = #"{"backupId":"1","instancePassword":"\#(GatewayHarness.password)","confirmOverwrite":true,"callbackUrl":"https://u:p@hooks.example.com/x?token=hush"}"#
            _ = try await client.post("/instances/crs-test03/backups", json: "{}", headers: dash)  // isolated → refused
            _ = try await client.post("/instances/crs-test01/restores", json: hookBody, headers: F.bearer(F.scriptToken))  // denied
            _ = try await client.post("/instances/crs-test01/backups", json: "{}")  // 401: not recorded

            let reply = try await client.get("/audit-events", headers: F.bearer(F.auditorToken))
            #expect(reply.status == 200)
            let events = try #require(reply.json["events"] as? [[String: Any]])
            let outcomes = events.compactMap { $0["outcome"] as? String }
            #expect(outcomes == ["denied", "refused", "validated", "replayed", "accepted"])
            let first = try #require(events.last)
            #expect(first["caller"] as? String == "dashboard")
            #expect(first["action"] as? String == "backups.create")
            #expect(first["instanceId"] as? String == "crs-test01")
            #expect(first["provider"] as? String == "tencent")
            #expect(first["account"] as? String == "tencent-test")
            #expect(first["operationId"] as? String == accepted.json["id"] as? String)
            #expect(first["providerRequestId"] as? String == accepted.json["providerRequestId"] as? String)
            #expect(first["requestId"] as? String == "req-accepted")
            #expect((first["summary"] as? [String: String])?["remark"] == "audit me")
            let refused = events[1]
            #expect(refused["code"] as? String == "failed_precondition")
            #expect(refused["httpStatus"] as? Int == 422)
            let denied = events[0]
            #expect(denied["caller"] as? String == "script")
            #expect(denied["reason"] as? String == "SCOPE_MISSING")
            let validated = try #require(events[2]["summary"] as? [String: String])
            #expect(validated["instancePassword"] == "<redacted>")
            #expect(validated["validateOnly"] == "true")
            let deniedSummary = try #require(denied["summary"] as? [String: String])
            #expect(deniedSummary["callbackUrl"] == "https://hooks.example.com/x")
            #expect(!reply.body.contains(GatewayHarness.password))
            #expect(!reply.body.contains("hush"))

            let stored = try await harness.store.dump()
            #expect(stored.range(of: Data("audit me".utf8)) != nil)
            #expect(stored.range(of: Data(GatewayHarness.password.utf8)) == nil)
            #expect(stored.range(of: Data(F.dashboardToken.utf8)) == nil)
        }
    }

    @Test("filters and paging")
    func filtersAndPaging() async throws {
        try await GatewayHarness.run(auth: F.settings, extraEnvironment: F.environment) { harness in
            let client = harness.client
            for instance in ["crs-test01", "crs-test02", "crs-test01"] {
                _ = try await client.post("/instances/\(instance)/backups", json: "{}", headers: F.bearer(F.dashboardToken))
            }
            let auditor = F.bearer(F.auditorToken)
            let only01 = try await client.get("/audit-events?instanceId=crs-test01", headers: auditor)
            #expect((only01.json["events"] as? [Any])?.count == 2)
            let page1 = try await client.get("/audit-events?pageSize=2", headers: auditor)
            #expect((page1.json["events"] as? [Any])?.count == 2)
            let token = try #require(page1.json["nextPageToken"] as? String)
            let page2 = try await client.get("/audit-events?pageSize=2&pageToken=\(token)", headers: auditor)
            #expect((page2.json["events"] as? [Any])?.count == 1)
            #expect(page2.json["nextPageToken"] == nil)
            let byCaller = try await client.get("/audit-events?caller=script", headers: auditor)
            #expect((byCaller.json["events"] as? [Any])?.isEmpty == true)
            let bad = try await client.get("/audit-events?pageToken=garbage", headers: auditor)
            #expect(bad.status == 400)
        }
    }
}
