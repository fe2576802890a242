import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// Huawei-specific behaviour through real HTTP: single-node and busy refusals, unsupported
/// options, the error table with its v1.0 codes, and APIGW.0301 never retried.
@Suite("Huawei, end to end")
struct HuaweiEndToEndTests {
    static let ha = "11111111-0000-4000-8000-000000000001"
    static let single = "11111111-0000-4000-8000-000000000002"
    static let busy = "11111111-0000-4000-8000-000000000003"

    /// Refused before any provider write.
    static let refusals: [(String, String, String, Int, String)] = [
        ("single-node backup", "/instances/\(single)/backups", "{}", 422, "MANUAL_BACKUP_UNSUPPORTED"),
        ("single-node restore", "/instances/\(single)/restores", #"{"backupId":"x","confirmOverwrite":true}"#, 422, "IN_PLACE_RESTORE_UNSUPPORTED"),
        ("restoring instance", "/instances/\(busy)/backups", "{}", 409, "INSTANCE_BUSY"),
        ("retention", "/instances/\(ha)/backups", #"{"retentionDays":7}"#, 422, "RETENTION_UNSUPPORTED"),
        ("point in time", "/instances/\(ha)/restores", #"{"pointInTime":"2026-01-01T00:00:00Z","confirmOverwrite":true}"#, 422, "POINT_IN_TIME_UNSUPPORTED"),
    ]

    @Test("refusals before any provider write", arguments: [ProviderFixture.huaweiV2, .huaweiV1])
    func refusedUpFront(fixture: ProviderFixture) async throws {
        for (name, path, body, status, reason) in Self.refusals {
            try await ConformanceHarness.run(fixture) { harness in
                let reply = try await harness.client.post(path, json: body)
                #expect(reply.status == status, "\(fixture.name) \(name): \(reply.body)")
                #expect(reply.json["reason"] as? String == reason, "\(fixture.name) \(name)")
                #expect(await harness.writes() == 0)
            }
        }
    }

    @Test("v1.0 cannot choose a format; v2 can")
    func formatPerAPIVersion() async throws {
        try await ConformanceHarness.run(.huaweiV1) { harness in
            let reply = try await harness.client.post("/instances/\(Self.ha)/backups", json: #"{"format":"aof"}"#)
            #expect(reply.status == 422)
            #expect(reply.json["reason"] as? String == "BACKUP_FORMAT_UNSUPPORTED")
        }
        try await ConformanceHarness.run(.huaweiV2) { harness in
            let reply = try await harness.client.post("/instances/\(Self.ha)/backups", json: #"{"format":"aof","remark":"nightly"}"#)
            #expect(reply.status == 202)
            let sent = try #require(await harness.simulator.requests().last { $0.action == "CreateBackup" })
            let body = try #require(try JSONSerialization.jsonObject(with: Data(sent.body)) as? [String: Any])
            #expect(body["backup_format"] as? String == "aof")
            #expect((body["remark"] as? String)?.hasPrefix("nightly [gw:op_") == true)
        }
    }

    @Test("a restore of a backup that is not `succeed` is failed_precondition", arguments: [ProviderFixture.huaweiV2, .huaweiV1])
    func backupNotSucceeded(fixture: ProviderFixture) async throws {
        try await ConformanceHarness.run(fixture) { harness in
            let reply = try await harness.client.post(
                "/instances/\(Self.ha)/restores", json: #"{"backupId":"33333333-0000-4000-8000-000000000009","confirmOverwrite":true}"#
            )
            #expect(reply.status == 422, "\(reply.body)")
            #expect(reply.json["reason"] as? String == "BACKUP_UNAVAILABLE")
            #expect((reply.json["provider"] as? [String: Any])?["code"] as? String == (fixture.name == "huawei-v2" ? "DCS.4087" : "111400087"))
        }
    }

    @Test("APIGW.0301 is never retried: one request, provider_auth_failed, the echo redacted")
    func signatureFailureNotRetried() async throws {
        try await ConformanceHarness.run(.huaweiV2) { harness in
            let echo = "Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:GET|/v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/x/|"
            await harness.simulator.inject(SimulatedFault(action: "ShowInstance", effect: .error(code: "APIGW.0301", message: echo)))
            let reply = try await harness.client.get("/instances/\(Self.ha)")
            #expect(reply.status == 502)
            #expect(reply.json["code"] as? String == "provider_auth_failed")
            #expect(!reply.body.contains("/v2/0a1b2c3d4e5f60718293a4b5c6d7e8f9/instances/x/"))
            let shows = await harness.simulator.requests().filter { $0.action == "ShowInstance" }
            #expect(shows.count == 1)
        }
    }

    @Test("each Huawei error code reaches the caller per DESIGN.md §4", arguments: HuaweiErrorTable.rows.keys.sorted())
    func mapped(code: String) async throws {
        let expected = try #require(HuaweiErrorTable.rows[code])
        try await ConformanceHarness.run(.huaweiV2) { harness in
            // On every attempt: a read is retried where safe.
            await harness.simulator.inject(SimulatedFault(action: "ShowInstance", times: 10, effect: .error(code: code, message: "AK HWCONFORMANCE0123456 refused")))
            let reply = try await harness.client.get("/instances/\(Self.ha)")
            #expect(reply.status == expected.code.httpStatus, "\(code): \(reply.body)")
            #expect(reply.json["code"] as? String == expected.code.rawValue)
            #expect((reply.json["provider"] as? [String: Any])?["code"] as? String == code)
            #expect(!harness.logs.all.joined().contains("conformanceHuaweiSecretKey"))
        }
    }
}
