import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// The legacy CRS API 2.0 through real HTTP: up-front refusals and every code of its table,
/// mapped like the API 3.0 equivalents.
@Suite("Tencent legacy API 2.0, end to end")
struct TencentLegacyEndToEndTests {
    static let refusals: [(String, String, String, Int, String)] = [
        ("no password", "/instances/crs-old01/restores", #"{"backupId":"300000000000000000000001","confirmOverwrite":true}"#, 400, "INSTANCE_PASSWORD_REQUIRED"),
        ("point in time", "/instances/crs-old01/restores", #"{"pointInTime":"2026-01-01T00:00:00Z","confirmOverwrite":true}"#, 422, "POINT_IN_TIME_UNSUPPORTED"),
        ("retention", "/instances/crs-old01/backups", #"{"retentionDays":7}"#, 422, "RETENTION_UNSUPPORTED"),
        ("unknown instance", "/instances/crs-old99/backups", "{}", 404, "INSTANCE_NOT_FOUND"),
    ]

    @Test("refusals before any provider write", arguments: refusals)
    func refusedUpFront(name: String, path: String, body: String, status: Int, reason: String) async throws {
        try await ConformanceHarness.run(.tencentLegacySHA1) { harness in
            let reply = try await harness.client.post(path, json: body)
            #expect(reply.status == status, "\(name): \(reply.body)")
            #expect(reply.json["reason"] as? String == reason, "\(name)")
            #expect(await harness.writes() == 0)
        }
    }

    @Test("a wrong instance password is permission_denied, like API 3.0, and is never echoed")
    func wrongPassword() async throws {
        try await ConformanceHarness.run(.tencentLegacySHA256) { harness in
            let reply = try await harness.client.post(
                "/instances/crs-old01/restores",
                json: #"{"backupId":"300000000000000000000001","instancePassword":"not-the-Pa55","confirmOverwrite":true}"#
            )
            #expect(reply.status == 403, "\(reply.body)")
            #expect(reply.json["reason"] as? String == "INSTANCE_PASSWORD_INCORRECT")
            #expect((reply.json["provider"] as? [String: Any])?["code"] as? String == "10712")
            #expect(!reply.body.contains("not-the-Pa55"))
            let sent = try #require(await harness.simulator.requests().last { $0.action == "RestoreInstance" })
            #expect(sent.method == "POST")
            #expect(!sent.query.contains("password"))
        }
    }

    @Test("each legacy code reaches the caller as its API 3.0 equivalent would", arguments: TencentLegacyErrorTable.rows.keys.sorted())
    func mapped(code: String) async throws {
        let expected = try #require(TencentLegacyErrorTable.rows[code])
        try await ConformanceHarness.run(.tencentLegacySHA1) { harness in
            // On every attempt: a read is retried where safe.
            await harness.simulator.inject(SimulatedFault(
                action: "DescribeRedis", times: 10, effect: .error(code: code, message: "(\(code))refused for AKIDlegacyConformance0123456789")
            ))
            let reply = try await harness.client.get("/instances/crs-old01")
            #expect(reply.status == expected.code.httpStatus, "\(code): \(reply.body)")
            #expect(reply.json["code"] as? String == expected.code.rawValue)
            #expect(reply.json["reason"] as? String == expected.reason)
            #expect((reply.json["provider"] as? [String: Any])?["code"] as? String == code)
            #expect(!reply.body.contains("AKIDlegacyConformance0123456789"))
        }
    }

    @Test("the API 2.0 codes mean what the API 3.0 codes mean", arguments: [
        ("10701", "ResourceNotFound.InstanceNotExists"), ("10702", "ResourceUnavailable.InstanceStatusAbnormal"),
        ("10707", "ResourceUnavailable.InstanceLockedError"), ("10710", "ResourceUnavailable.BackupLockedError"),
        ("10711", "ResourceUnavailable.BackupStatusAbnormal"), ("10712", "InvalidParameterValue.PasswordError"),
        ("11213", "InvalidParameterValue.BackupNotExists"), ("11201", "InvalidParameter.InvalidParameter"),
        ("4400", "RequestLimitExceeded"), ("4100", "AuthFailure.SignatureFailure"), ("4104", "AuthFailure.SecretIdNotFound"),
    ])
    func consistentWithAPI3(legacy: String, modern: String) throws {
        let old = try #require(TencentLegacyErrorTable.rows[legacy])
        let new = try #require(TencentErrorTable.rows[modern])
        #expect(old.code == new.code, "\(legacy) vs \(modern)")
    }
}
