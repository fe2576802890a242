import Foundation
import Testing

/// Bearer tokens, scopes and instance patterns, end to end over loopback HTTP.
@Suite("authentication and authorization")
struct AuthenticationTests {
    typealias F = AuthFixture

    @Test("no token or a wrong one: 401 with a Bearer challenge; nothing reaches the provider")
    func unauthenticated() async throws {
        try await GatewayHarness.run(auth: F.settings, extraEnvironment: F.environment) { harness in
            let missing = try await harness.client.post("/instances/crs-test01/backups", json: "{}")
            #expect(missing.status == 401)
            #expect(missing.json["code"] as? String == "unauthenticated")
            #expect(missing.json["reason"] as? String == "TOKEN_MISSING")
            #expect(missing.header("WWW-Authenticate") == #"Bearer realm="redis-backup-gateway""#)

            let wrong = try await harness.client.get("/instances/crs-test01/backups", headers: F.bearer("not-a-token"))
            #expect(wrong.status == 401)
            #expect(wrong.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)

            let basic = try await harness.client.get("/providers", headers: [("Authorization", "Basic dXNlcjpwYXNz")])
            #expect(basic.status == 401)
            #expect(basic.json["reason"] as? String == "TOKEN_MALFORMED")

            let unknownRoute = try await harness.client.get("/nowhere")
            #expect(unknownRoute.status == 401)

            #expect(await harness.simulator.receivedRequests().isEmpty)
        }
    }

    @Test("scopes and instance patterns: 403 with the reason; allowed calls go through")
    func authorization() async throws {
        try await GatewayHarness.run(auth: F.settings, extraEnvironment: F.environment) { harness in
            let client = harness.client
            // script may back up crs-test01 but not restore, and not touch crs-test04.
            let backup = try await client.post("/instances/crs-test01/backups", json: "{}", headers: F.bearer(F.scriptToken))
            #expect(backup.status == 202)
            let restore = try await client.post(
                "/instances/crs-test01/restores", json: #"{"backupId":"\#(GatewayHarness.backupOf01)","confirmOverwrite":true}"#,
                headers: F.bearer(F.scriptToken)
            )
            #expect(restore.status == 403)
            #expect(restore.json["reason"] as? String == "SCOPE_MISSING")
            let other = try await client.post("/instances/crs-test04/backups", json: "{}", headers: F.bearer(F.scriptToken))
            #expect(other.status == 403)
            #expect(other.json["reason"] as? String == "INSTANCE_NOT_ALLOWED")
            let list = try await client.get("/instances/crs-test01/backups", headers: F.bearer(F.scriptToken))
            #expect(list.status == 403)

            // reader (tokenSha256) reads anything, writes nothing.
            #expect(try await client.get("/instances/crs-test02/backups", headers: F.bearer(F.readerToken)).status == 200)
            #expect(try await client.get("/instances/crs-test02", headers: F.bearer(F.readerToken)).status == 200)
            let write = try await client.post("/instances/crs-test02/backups", json: "{}", headers: F.bearer(F.readerToken))
            #expect(write.status == 403)
            #expect(try await client.get("/audit-events", headers: F.bearer(F.readerToken)).status == 403)
            #expect(try await client.get("/audit-events", headers: F.bearer(F.auditorToken)).status == 200)
            #expect(try await client.get("/providers", headers: F.bearer(F.auditorToken)).status == 200)
        }
    }

    @Test("operations are visible only on the caller's instances")
    func operationVisibility() async throws {
        try await GatewayHarness.run(auth: F.settings, extraEnvironment: F.environment) { harness in
            let client = harness.client
            let mine = try await client.post("/instances/crs-test01/backups", json: "{}", headers: F.bearer(F.scriptToken))
            let theirs = try await client.post("/instances/crs-test02/backups", json: "{}", headers: F.bearer(F.dashboardToken))
            #expect(mine.status == 202 && theirs.status == 202)
            let mineId = try #require(mine.json["id"] as? String)

            // script sees crs-test01 and crs-test02; a narrower token would see fewer.
            let scriptList = try await client.get("/operations", headers: F.bearer(F.scriptToken))
            #expect((scriptList.json["operations"] as? [[String: Any]])?.count == 2)

            let readerOp = try await client.get("/operations/\(mineId)", headers: F.bearer(F.readerToken))
            #expect(readerOp.status == 200)
        }
    }

    @Test("an operation on an instance outside the patterns answers 403, and lists leave it out")
    func narrowCaller() async throws {
        var settings = F.settings
        settings.tokens[1].instances = ["crs-test01"]
        try await GatewayHarness.run(auth: settings, extraEnvironment: F.environment) { harness in
            let client = harness.client
            let theirs = try await client.post("/instances/crs-test02/backups", json: "{}", headers: F.bearer(F.dashboardToken))
            let theirsId = try #require(theirs.json["id"] as? String)
            _ = try await client.post("/instances/crs-test01/backups", json: "{}", headers: F.bearer(F.scriptToken))

            let direct = try await client.get("/operations/\(theirsId)", headers: F.bearer(F.scriptToken))
            #expect(direct.status == 403)
            #expect(direct.json["reason"] as? String == "INSTANCE_NOT_ALLOWED")
            let list = try await client.get("/operations", headers: F.bearer(F.scriptToken))
            let instances = (list.json["operations"] as? [[String: Any]] ?? []).compactMap { $0["instanceId"] as? String }
            #expect(instances == ["crs-test01"])
        }
    }

    @Test("probes are open on loopback, the contract is public, tokens never appear in logs")
    func probesAndHygiene() async throws {
        try await GatewayHarness.run(auth: F.settings, extraEnvironment: F.environment) { harness in
            #expect(try await harness.client.get("/healthz").status == 200)
            #expect(try await harness.client.get("/readyz").status == 200)
            #expect(try await harness.client.get("/openapi.yaml").status == 200)
            _ = try await harness.client.post("/instances/crs-test01/backups", json: "{}", headers: F.bearer(F.dashboardToken))
            _ = try await harness.client.get("/providers", headers: F.bearer("wrong-\(F.scriptToken)"))
            let logs = harness.logs.all.joined(separator: "\n")
            for token in [F.dashboardToken, F.scriptToken, F.readerToken] {
                #expect(!logs.contains(token))
            }
        }
    }
}
