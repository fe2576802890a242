import Foundation
import Testing

/// `Idempotency-Key` end to end: replay, mismatch, racing duplicates, per-caller keys.
@Suite("idempotency keys")
struct IdempotencyKeyTests {
    typealias F = AuthFixture

    private func writes(_ harness: GatewayHarness, _ action: String) async -> Int {
        await harness.simulator.receivedRequests().filter { $0.action == action }.count
    }

    @Test("same key and body: the stored answer is replayed and the provider is called once")
    func replay() async throws {
        try await GatewayHarness.run { harness in
            let key = [("Idempotency-Key", "3f2c9a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b")]
            let first = try await harness.client.post("/instances/crs-test01/backups", json: #"{"remark":"nightly","retentionDays":3}"#, headers: key)
            #expect(first.status == 202)
            #expect(first.header("Idempotent-Replayed") == nil)
            // Same meaning, other spelling: still the same request.
            let second = try await harness.client.post("/instances/crs-test01/backups", json: #"{ "retentionDays": 3, "remark": "nightly" }"#, headers: key)
            #expect(second.status == 202)
            #expect(second.header("Idempotent-Replayed") == "true")
            #expect(second.json["id"] as? String == first.json["id"] as? String)
            #expect(second.header("Location") == first.header("Location"))
            #expect(await writes(harness, "ManualBackupInstance") == 1)

            // A quoted (RFC 8941 string) key is the same key.
            let quoted = try await harness.client.post("/instances/crs-test01/backups", json: #"{"remark":"nightly","retentionDays":3}"#,
                headers: [("Idempotency-Key", "\"3f2c9a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b\"")])
            #expect(quoted.header("Idempotent-Replayed") == "true")
            let operations = try await harness.client.get("/operations")
            #expect((operations.json["operations"] as? [Any])?.count == 1)
        }
    }

    @Test("same key, another body → 422 IDEMPOTENCY_KEY_REUSED; a malformed key → 400")
    func mismatch() async throws {
        try await GatewayHarness.run { harness in
            let key = [("Idempotency-Key", "key-1")]
            #expect(try await harness.client.post("/instances/crs-test01/backups", json: "{}", headers: key).status == 202)
            let other = try await harness.client.post("/instances/crs-test01/backups", json: #"{"remark":"x"}"#, headers: key)
            #expect(other.status == 422)
            #expect(other.json["code"] as? String == "failed_precondition")
            #expect(other.json["reason"] as? String == "IDEMPOTENCY_KEY_REUSED")
            let elsewhere = try await harness.client.post("/instances/crs-test02/backups", json: "{}", headers: key)
            #expect(elsewhere.status == 422)
            let bad = try await harness.client.post("/instances/crs-test01/backups", json: "{}", headers: [("Idempotency-Key", String(repeating: "k", count: 300))])
            #expect(bad.status == 400)
            #expect(bad.json["reason"] as? String == "IDEMPOTENCY_KEY_INVALID")
            #expect(await writes(harness, "ManualBackupInstance") == 1)
        }
    }

    @Test("racing duplicates: exactly one provider write; the others replay or get 409 + Retry-After")
    func race() async throws {
        try await GatewayHarness.run { harness in
            let replies = try await withThrowingTaskGroup(of: GatewayClient.Reply.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await harness.client.post("/instances/crs-test01/backups", json: #"{"remark":"race"}"#, headers: [("Idempotency-Key", "race-key")])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(await writes(harness, "ManualBackupInstance") == 1)
            let accepted = replies.filter { $0.status == 202 }
            let inFlight = replies.filter { $0.status == 409 }
            #expect(accepted.count + inFlight.count == 12)
            #expect(Set(accepted.compactMap { $0.json["id"] as? String }).count == 1)
            #expect(accepted.filter { $0.header("Idempotent-Replayed") == nil }.count == 1)
            for reply in inFlight {
                #expect(reply.json["reason"] as? String == "IDEMPOTENCY_KEY_IN_FLIGHT")
                #expect(reply.header("Retry-After") != nil)
            }
        }
    }

    @Test("keys are per caller: another caller's use of the same key is not replayed")
    func perCaller() async throws {
        try await GatewayHarness.run(auth: F.settings, extraEnvironment: F.environment) { harness in
            // A final refusal is stored for the dashboard's key…
            let body = #"{"retentionDays":0}"#
            let dash = try await harness.client.post("/instances/crs-test02/backups", json: body, headers: F.bearer(F.dashboardToken) + [("Idempotency-Key", "shared")])
            #expect(dash.status == 400)
            let dashAgain = try await harness.client.post("/instances/crs-test02/backups", json: body, headers: F.bearer(F.dashboardToken) + [("Idempotency-Key", "shared")])
            #expect(dashAgain.header("Idempotent-Replayed") == "true")
            // …but the script's identical request with the same key is its own.
            let script = try await harness.client.post("/instances/crs-test02/backups", json: body, headers: F.bearer(F.scriptToken) + [("Idempotency-Key", "shared")])
            #expect(script.status == 400)
            #expect(script.header("Idempotent-Replayed") == nil)
            #expect(script.json["requestId"] as? String != dash.json["requestId"] as? String)
            // And a real backup by the script with that key goes through.
            let real = try await harness.client.post("/instances/crs-test02/backups", json: "{}", headers: F.bearer(F.scriptToken) + [("Idempotency-Key", "other")])
            #expect(real.status == 202)
        }
    }

    @Test("final refusals are replayed; retryable ones free the key")
    func refusals() async throws {
        try await GatewayHarness.run { harness in
            // 400: final → stored and replayed.
            let unconfirmed = #"{"backupId":"\#(GatewayHarness.backupOf01)","confirmOverwrite":false}"#
            let first = try await harness.client.post("/instances/crs-test01/restores", json: unconfirmed, headers: [("Idempotency-Key", "r1")])
            #expect(first.status == 400)
            let again = try await harness.client.post("/instances/crs-test01/restores", json: unconfirmed, headers: [("Idempotency-Key", "r1")])
            #expect(again.status == 400)
            #expect(again.header("Idempotent-Replayed") == "true")
            #expect(again.json["requestId"] as? String == first.json["requestId"] as? String)

            // 409 INSTANCE_BUSY: retryable → not stored, the retry runs again.
            let busy = try await harness.client.post("/instances/crs-test04/backups", json: "{}", headers: [("Idempotency-Key", "b1")])
            #expect(busy.status == 409)
            let retried = try await harness.client.post("/instances/crs-test04/backups", json: "{}", headers: [("Idempotency-Key", "b1")])
            #expect(retried.status == 409)
            #expect(retried.header("Idempotent-Replayed") == nil)
        }
    }

    @Test("dry runs ignore a well-formed key and refuse a malformed one")
    func dryRunIgnoresKey() async throws {
        try await GatewayHarness.run { harness in
            let key = [("Idempotency-Key", "dry")]
            #expect(try await harness.client.post("/instances/crs-test01/backups?validateOnly=true", json: "{}", headers: key).status == 200)
            let real = try await harness.client.post("/instances/crs-test01/backups", json: "{}", headers: key)
            #expect(real.status == 202)
            #expect(real.header("Idempotent-Replayed") == nil)
            // … but a malformed key is refused like on a real request.
            let malformed = try await harness.client.post(
                "/instances/crs-test01/backups?validateOnly=true", json: "{}", headers: [("Idempotency-Key", "two words")]
            )
            #expect(malformed.status == 400)
            #expect(malformed.json["reason"] as? String == "IDEMPOTENCY_KEY_INVALID")
        }
    }
}
