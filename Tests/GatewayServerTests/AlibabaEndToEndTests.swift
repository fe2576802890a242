import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// Alibaba-specific behaviour through real HTTP: point-in-time and key-filtered restores,
/// refusals before any provider write, and every error code of the table.
@Suite("Alibaba, end to end")
struct AlibabaEndToEndTests {
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    @Test("point-in-time restore with key patterns and time shift", arguments: [ProviderFixture.alibabaACS3, .alibabaV1])
    func pointInTimeWithKeys(fixture: ProviderFixture) async throws {
        try await ConformanceHarness.run(fixture) { harness in
            let now = Date()
            let body = """
                {"pointInTime":"\(Self.iso(now.addingTimeInterval(-3600)))","keyPatterns":["user:.*","h.*llo"],
                 "timeShift":"\(Self.iso(now.addingTimeInterval(-1800)))","confirmOverwrite":true}
                """
            let accepted = try await harness.client.post("/instances/r-conf01/restores", json: body)
            #expect(accepted.status == 202, "\(accepted.body)")
            let id = try #require(accepted.json["id"] as? String)
            let done = try await harness.waitUntilDone(id)
            #expect(done.json["state"] as? String == "succeeded", "\(done.body)")

            let sent = try #require(await harness.simulator.requests().last { $0.action == "RestoreInstance" })
            let query = Self.decodedQuery(sent.query)
            #expect(query["InstanceId"] == "r-conf01")
            #expect(query["RestoreType"] == "1")
            #expect(query["FilterKey"] == "user:.*,h.*llo")
            #expect(query["RestoreTime"] == Self.iso(now.addingTimeInterval(-3600)))
            #expect(query["TimeShift"] == Self.iso(now.addingTimeInterval(-1800)))
            #expect(query["BackupId"] == nil)
        }
    }

    /// Refused before any provider write, with the reason a dashboard can show.
    static let refusals: [(String, String, String, Int, String)] = [
        ("classic Redis: no in-place restore", "/instances/r-conf02/restores",
         #"{"backupId":"1700000002","confirmOverwrite":true}"#, 422, "IN_PLACE_RESTORE_UNSUPPORTED"),
        ("Tair without data flashback", "/instances/r-conf03/restores",
         #"{"pointInTime":"2026-01-01T00:00:00Z","confirmOverwrite":true}"#, 422, "IN_PLACE_RESTORE_UNSUPPORTED"),
        ("before flashback was enabled", "/instances/r-conf01/restores",
         #"{"pointInTime":"2020-01-01T00:00:00Z","confirmOverwrite":true}"#, 422, "POINT_IN_TIME_OUT_OF_WINDOW"),
        ("in the future", "/instances/r-conf01/restores",
         #"{"pointInTime":"2099-01-01T00:00:00Z","confirmOverwrite":true}"#, 422, "POINT_IN_TIME_OUT_OF_WINDOW"),
        ("key filter without a point in time", "/instances/r-conf01/restores",
         #"{"backupId":"1700000001","keyPatterns":["a.*"],"confirmOverwrite":true}"#, 400, "KEY_FILTER_REQUIRES_POINT_IN_TIME"),
        ("retention below Alibaba's 7 days", "/instances/r-conf01/backups", #"{"retentionDays":3}"#, 400, "RETENTION_OUT_OF_RANGE"),
        ("a backup format", "/instances/r-conf01/backups", #"{"format":"rdb"}"#, 422, "BACKUP_FORMAT_UNSUPPORTED"),
    ]

    @Test("refusals before any provider write", arguments: refusals)
    func refusedUpFront(name: String, path: String, body: String, status: Int, reason: String) async throws {
        try await ConformanceHarness.run(.alibabaACS3) { harness in
            let reply = try await harness.client.post(path, json: body)
            #expect(reply.status == status, "\(name): \(reply.body)")
            #expect(reply.json["reason"] as? String == reason, "\(name)")
            #expect(await harness.writes() == 0)
        }
    }

    @Test("GET /instances shows what a dashboard must grey out")
    func capabilitiesPerInstance() async throws {
        try await ConformanceHarness.run(.alibabaACS3) { harness in
            let eligible = try #require(try await harness.client.get("/instances/r-conf01").json["capabilities"] as? [String: Any])
            #expect(eligible["pointInTimeRestore"] as? Bool == true)
            #expect(eligible["pointInTimeEarliest"] as? String != nil)
            let plain = try #require(try await harness.client.get("/instances/r-conf02").json["capabilities"] as? [String: Any])
            #expect(plain["inPlaceRestore"] as? Bool == false)
            #expect(plain["keyFilterRestore"] as? Bool == false)
            #expect((plain["notes"] as? [String])?.contains { $0.contains("new instance") } == true)
        }
    }

    @Test("each Alibaba error code reaches the caller per DESIGN.md §4, redacted", arguments: AlibabaErrorTable.rows.keys.sorted())
    func mapped(code: String) async throws {
        let expected = try #require(AlibabaErrorTable.rows[code])
        try await ConformanceHarness.run(.alibabaACS3) { harness in
            let echo = "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tConformance0123456%26Action%3DCreateBackup"
            // On every attempt: a read is retried where safe.
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstanceAttribute", times: 10, effect: .error(code: code, message: echo)))
            let reply = try await harness.client.get("/instances/r-conf01")
            #expect(reply.status == expected.code.httpStatus, "\(code): \(reply.body)")
            #expect(reply.json["code"] as? String == expected.code.rawValue)
            #expect(reply.json["reason"] as? String == expected.reason)
            #expect((reply.json["provider"] as? [String: Any])?["code"] as? String == code)
            #expect(!reply.body.contains("LTAI5tConformance0123456"))
            #expect(!reply.body.contains("AccessKeyId%3D"))
            #expect(!harness.logs.all.joined().contains("LTAI5tConformance0123456"))
        }
    }

    /// Form-decodes a query string (`+` is a space).
    static func decodedQuery(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let decode = { (text: String) in text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }
}
