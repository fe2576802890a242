import Foundation
import Testing

/// Problem documents for every way a request can be wrong, request ids, and the small routes.
@Suite("HTTP behaviour")
struct HTTPBehaviourTests {
    @Test("refusals before any provider write", arguments: [
        ("/instances/crs-test01/restores", #"{"backupId":"1","confirmOverwrite":false}"#, 400, "CONFIRMATION_REQUIRED"),
        ("/instances/crs-test01/restores", #"{"backupId":"1"}"#, 400, "MALFORMED_BODY"),
        ("/instances/crs-test01/restores", #"{"confirmOverwrite":true}"#, 400, "RESTORE_SOURCE_MISSING"),
        ("/instances/crs-test01/restores", #"{"pointInTime":"2026-01-01T00:00:00Z","confirmOverwrite":true}"#, 422, "POINT_IN_TIME_UNSUPPORTED"),
        ("/instances/crs-test01/restores", #"{"backupId":"1","keyPatterns":["user:.*"],"confirmOverwrite":true}"#, 422, "KEY_FILTER_UNSUPPORTED"),
        ("/instances/crs-test01/restores", #"{"backupId":"1","timeShift":"2026-01-01T00:00:00Z","confirmOverwrite":true}"#, 422, "TIME_SHIFT_UNSUPPORTED"),
        ("/instances/crs-test01/restores", #"{"backupId":"1","confirmOverwrite":true}"#, 400, "INSTANCE_PASSWORD_REQUIRED"),
        ("/instances/crs-test01/backups", #"{"format":"aof"}"#, 422, "BACKUP_FORMAT_UNSUPPORTED"),
        ("/instances/crs-test01/backups", #"{"retentionDays":2000}"#, 400, "RETENTION_OUT_OF_RANGE"),
        ("/instances/crs-test01/backups", #"{"remark":"x","bogus":true}"#, 400, "MALFORMED_BODY"),
        ("/instances/crs-test01/backups", #"{"remark":"#, 400, "MALFORMED_BODY"),
        ("/instances/crs-test03/backups", "{}", 422, "INSTANCE_ISOLATED"),
        ("/instances/crs-test04/backups", "{}", 409, "INSTANCE_BUSY"),
        ("/instances/crs-test99/backups", "{}", 404, "INSTANCE_NOT_FOUND"),
        ("/instances/r-unrouted/backups", "{}", 404, "INSTANCE_NOT_ROUTED"),
    ])
    func refusals(path: String, body: String, status: Int, reason: String) async throws {
        try await GatewayHarness.run { harness in
            let reply = try await harness.client.post(path, json: body)
            #expect(reply.status == status, "\(reply.body)")
            #expect(reply.json["reason"] as? String == reason)
            #expect(reply.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            #expect(reply.json["requestId"] as? String == reply.header("X-Request-Id"))
            #expect(reply.json["instance"] as? String == path)
            let writes = await harness.simulator.receivedRequests().filter { $0.action == "ManualBackupInstance" || $0.action == "RestoreInstance" }
            #expect(writes.isEmpty)
        }
    }

    @Test("routing-level problems: 404, 405 with Allow, 415")
    func routing() async throws {
        try await GatewayHarness.run { harness in
            let missing = try await harness.client.get("/nothing/here")
            #expect(missing.status == 404)
            #expect(missing.json["reason"] as? String == "ROUTE_NOT_FOUND")

            let wrongMethod = try await harness.client.send("DELETE", "/instances/crs-test01/backups", body: nil)
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.header("Allow") == "GET, POST")
            #expect(wrongMethod.json["code"] as? String == "invalid_argument")

            let wrongType = try await harness.client.send(
                "POST", "/instances/crs-test01/backups", headers: [("Content-Type", "text/plain")], body: "backup please"
            )
            #expect(wrongType.status == 415)
            #expect(wrongType.json["reason"] as? String == "UNSUPPORTED_MEDIA_TYPE")

            let badId = try await harness.client.get("/instances/crs%20test/backups")
            #expect(badId.status == 400)
            #expect(badId.json["reason"] as? String == "INSTANCE_ID_INVALID")

            let noOperation = try await harness.client.get("/operations/op_aaaaaaaaaaaaaaaaaaaaaaaaaa")
            #expect(noOperation.status == 404)
            #expect(noOperation.json["reason"] as? String == "OPERATION_NOT_FOUND")

            let badPage = try await harness.client.get("/operations?pageToken=garbage")
            #expect(badPage.status == 400)
            #expect(badPage.json["reason"] as? String == "PAGE_TOKEN_INVALID")

            let idempotent = try await harness.client.post("/instances/crs-test01/backups", json: "{}", headers: [("Idempotency-Key", "k1")])
            #expect(idempotent.status == 202)

            // Accept is disregarded: each answer has one representation.
            let html = try await harness.client.get("/providers", headers: [("Accept", "text/html")])
            #expect(html.status == 200)
            #expect(html.header("Content-Type")?.hasPrefix("application/json") == true)
            let openMetrics = try await harness.client.get("/metrics", headers: [("Accept", "application/openmetrics-text; version=1.0.0")])
            #expect(openMetrics.status == 200)
        }
    }

    @Test("X-Request-Id is honoured when well-formed, generated otherwise")
    func requestIds() async throws {
        try await GatewayHarness.run { harness in
            let honoured = try await harness.client.get("/healthz", headers: [("X-Request-Id", "caller-123.a:b_c")])
            #expect(honoured.header("X-Request-Id") == "caller-123.a:b_c")
            let replaced = try await harness.client.get("/healthz", headers: [("X-Request-Id", "bad id with spaces")])
            #expect(replaced.header("X-Request-Id")?.hasPrefix("req_") == true)
            let problem = try await harness.client.get("/instances/crs-test99", headers: [("X-Request-Id", "trace-42")])
            #expect(problem.json["requestId"] as? String == "trace-42")
            #expect(harness.logs.all.contains { $0.contains("requestId=trace-42") })
        }
    }

    @Test("small routes: health, readiness, providers, instance, contract")
    func smallRoutes() async throws {
        try await GatewayHarness.run { harness in
            #expect(try await harness.client.get("/healthz").json["status"] as? String == "ok")
            let ready = try await harness.client.get("/readyz")
            #expect(ready.status == 200)
            #expect(ready.json["status"] as? String == "ready")

            let providers = try await harness.client.get("/providers")
            let list = try #require(providers.json["providers"] as? [[String: Any]])
            #expect(list.map { $0["kind"] as? String } == ["alibaba", "huawei", "tencent", "tencent-legacy"])
            #expect(list.first { $0["kind"] as? String == "tencent" }?["accounts"] as? [String] == ["tencent-test"])
            #expect(list.first { $0["kind"] as? String == "alibaba" }?["accounts"] as? [String] == [])

            let instance = try await harness.client.get("/instances/crs-test02")
            #expect(instance.json["status"] as? String == "running")
            #expect(instance.json["passwordRequired"] as? Bool == false)
            #expect(instance.json["architecture"] as? String == "cluster")
            let capabilities = try #require(instance.json["capabilities"] as? [String: Any])
            #expect(capabilities["pointInTimeRestore"] as? Bool == false)

            let contract = try await harness.client.get("/openapi.yaml")
            #expect(contract.status == 200)
            let file = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/GatewayServerTests/HTTPBehaviourTests.swift", with: "openapi.yaml"), encoding: .utf8)
            #expect(contract.body == file)

            let audit = try await harness.client.get("/audit-events")
            #expect(audit.status == 200)
            #expect(audit.json["events"] as? [Any] != nil)
        }
    }

    @Test("backup listing: state filter, time window, paging")
    func listing() async throws {
        try await GatewayHarness.run { harness in
            let all = try await harness.client.get("/instances/crs-test01/backups")
            let ids = (all.json["backups"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            #expect(Set(ids) == [GatewayHarness.backupOf01, GatewayHarness.expiredOf01])

            let expired = try await harness.client.get("/instances/crs-test01/backups?state=expired")
            let expiredList = try #require(expired.json["backups"] as? [[String: Any]])
            #expect(expiredList.map { $0["id"] as? String } == [GatewayHarness.expiredOf01])
            #expect(expiredList.first?["restorable"] as? Bool == false)

            let since = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
            let recent = try await harness.client.get("/instances/crs-test01/backups?since=\(since)")
            #expect((recent.json["backups"] as? [[String: Any]])?.map { $0["id"] as? String } == [GatewayHarness.backupOf01])

            let first = try await harness.client.get("/instances/crs-test01/backups?pageSize=1")
            #expect((first.json["backups"] as? [[String: Any]])?.count == 1)
            let token = try #require(first.json["nextPageToken"] as? String)
            let second = try await harness.client.get("/instances/crs-test01/backups?pageSize=1&pageToken=\(token)")
            #expect((second.json["backups"] as? [[String: Any]])?.count == 1)
            #expect(second.json["nextPageToken"] == nil)

            let tooWide = try await harness.client.get("/instances/crs-test01/backups?since=2026-01-01T00:00:00Z&until=2026-03-01T00:00:00Z")
            #expect(tooWide.status == 400)
            #expect(tooWide.json["reason"] as? String == "TIME_RANGE_TOO_WIDE")

            let pending = try await harness.client.get("/instances/crs-test01/backups?state=pending")
            #expect((pending.json["backups"] as? [[String: Any]])?.isEmpty == true)
        }
    }
}
