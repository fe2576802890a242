import Foundation
@testable import GatewayServer
import Testing

/// What the OpenAPI fuzzing (scripts/fuzz-api) found: RFC 3339 date-times with fractional
/// seconds were refused, and several bounds of openapi.yaml were not enforced because the
/// generated decoder checks types, not lengths, counts or patterns.
@Suite("Request bounds and date-times")
struct RequestBoundsTests {
    @Test("RFC 3339 date-times that are accepted", arguments: [
        ("2024-06-03T08:15:30Z", 1_717_402_530.0),
        ("2024-06-03T08:15:30.25Z", 1_717_402_530.25),
        ("2024-06-03T08:15:30.123456789Z", 1_717_402_530.123456789),
        ("2024-06-03t08:15:30z", 1_717_402_530.0),
        ("2024-06-03T16:15:30+08:00", 1_717_402_530.0),
        ("2024-06-03T07:17:30-00:58", 1_717_402_530.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("1969-12-31T23:59:59.5Z", -0.5),
        ("2016-12-31T23:59:60Z", 1_483_228_800.0),
    ])
    func acceptedDates(_ text: String, _ seconds: Double) throws {
        let date = try #require(RFC3339DateTranscoder.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test("strings that are not RFC 3339 date-times", arguments: [
        "", "2024-06-03", "2024-06-03T08:15:30", "2024-06-03 08:15:30Z", "2024-06-03T08:15Z",
        "2024-06-03T08:15:30.Z", "2024-13-03T08:15:30Z", "2023-02-29T08:15:30Z", "2024-06-31T08:15:30Z",
        "2024-06-03T24:00:00Z", "2024-06-03T08:60:00Z", "2024-06-03T08:15:61Z", "2024-06-03T08:15:30+8:00",
        "2024-06-03T08:15:30+24:00", "2024-06-03T08:15:30Z ", "+2024-06-03T08:15:30Z", "２０２４-06-03T08:15:30Z",
    ])
    func refusedDates(_ text: String) {
        #expect(RFC3339DateTranscoder.parse(text) == nil)
    }

    @Test("encoding is unchanged: whole seconds, Z")
    func encoding() throws {
        #expect(try RFC3339DateTranscoder().encode(Date(timeIntervalSince1970: 1_717_402_530.75)) == "2024-06-03T08:15:30Z")
    }

    @Test("date-times with fractional seconds in queries and bodies; malformed ones refused with DATE_TIME_INVALID")
    func datesOverHTTP() async throws {
        try await GatewayHarness.run { harness in
            let since = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400)).replacingOccurrences(of: "Z", with: ".5Z")
            let recent = try await harness.client.get("/instances/crs-test01/backups?since=\(since)")
            #expect(recent.status == 200, "\(recent.body)")
            #expect((recent.json["backups"] as? [[String: Any]])?.map { $0["id"] as? String } == [GatewayHarness.backupOf01])

            let audit = try await harness.client.get("/audit-events?since=2024-06-03T08:15:30.123Z")
            #expect(audit.status == 200, "\(audit.body)")

            let badQuery = try await harness.client.get("/audit-events?since=2024-06-03T08:15")
            #expect(badQuery.status == 400)
            #expect(badQuery.json["reason"] as? String == "DATE_TIME_INVALID")

            let badBody = try await harness.client.post(
                "/instances/crs-test01/restores?validateOnly=true", json: #"{"pointInTime":"yesterday","confirmOverwrite":true}"#
            )
            #expect(badBody.status == 400)
            #expect(badBody.json["reason"] as? String == "DATE_TIME_INVALID")

            // The body's point in time is decoded (then refused by Tencent's capabilities, not as malformed).
            let fractional = try await harness.client.post(
                "/instances/crs-test01/restores?validateOnly=true", json: #"{"pointInTime":"2024-06-03T08:15:30.5Z","confirmOverwrite":true}"#
            )
            #expect(fractional.json["reason"] as? String == "POINT_IN_TIME_UNSUPPORTED")

            let badEnum = try await harness.client.get("/operations?state=bogus")
            #expect(badEnum.status == 400)
            #expect(badEnum.json["reason"] as? String == "INVALID_PARAMETER")
        }
    }

    @Test("the bounds of openapi.yaml are enforced", arguments: [
        ("/instances/crs-test01/backups", #"{"retentionDays":3651}"#, "RETENTION_OUT_OF_RANGE"),
        ("/instances/crs-test01/backups", #"{"remark":"\#(String(repeating: "é", count: 257))"}"#, "REMARK_TOO_LONG"),
        // 200 characters but 400 code points: JSON Schema's maxLength counts code points.
        ("/instances/crs-test01/backups", #"{"remark":"\#(String(repeating: "e\u{301}", count: 200))"}"#, "REMARK_TOO_LONG"),
        ("/instances/crs-test01/restores", #"{"backupId":"1","confirmOverwrite":true,"remark":"\#(String(repeating: "x", count: 257))"}"#, "REMARK_TOO_LONG"),
        ("/instances/crs-test01/restores", #"{"backupId":"\#(String(repeating: "1", count: 129))","confirmOverwrite":true}"#, "BACKUP_ID_TOO_LONG"),
        ("/instances/crs-test01/restores", #"{"backupId":"1","confirmOverwrite":true,"instancePassword":""}"#, "INSTANCE_PASSWORD_EMPTY"),
        ("/instances/crs-test01/restores", #"{"backupId":"1","confirmOverwrite":true,"instancePassword":"\#(String(repeating: "p", count: 257))"}"#, "INSTANCE_PASSWORD_TOO_LONG"),
        ("/instances/crs-test01/restores", #"{"backupId":"1","confirmOverwrite":true,"keyPatterns":[\#(Array(repeating: #""a""#, count: 65).joined(separator: ","))]}"#, "KEY_PATTERNS_TOO_MANY"),
        ("/instances/crs-test01/restores", #"{"backupId":"1","confirmOverwrite":true,"keyPatterns":[""]}"#, "KEY_PATTERN_INVALID"),
        ("/instances/crs-test01/restores", #"{"backupId":"1","confirmOverwrite":true,"keyPatterns":["\#(String(repeating: "k", count: 257))"]}"#, "KEY_PATTERN_INVALID"),
    ])
    func bodyBounds(path: String, body: String, reason: String) async throws {
        try await GatewayHarness.run { harness in
            for suffix in ["?validateOnly=true", ""] {
                let reply = try await harness.client.post(path + suffix, json: body)
                #expect(reply.status == 400, "\(reply.body)")
                #expect(reply.json["reason"] as? String == reason)
            }
        }
    }

    @Test("query filters are checked like path parameters")
    func queryBounds() async throws {
        try await GatewayHarness.run { harness in
            for path in ["/operations?instanceId=-bad", "/audit-events?instanceId=crs%20test"] {
                let reply = try await harness.client.get(path)
                #expect(reply.status == 400, "\(path): \(reply.body)")
                #expect(reply.json["reason"] as? String == "INSTANCE_ID_INVALID")
            }
            let caller = try await harness.client.get("/audit-events?caller=\(String(repeating: "c", count: 64))")
            #expect(caller.status == 400)
            #expect(caller.json["reason"] as? String == "CALLER_INVALID")
            #expect(try await harness.client.get("/audit-events?caller=anonymous&instanceId=crs-test01").status == 200)
        }
    }
}

@Suite("Oversized bodies")
struct OversizedBodyTests {
    @Test("a POST body over 1 MiB answers 413 BODY_TOO_LARGE, and the gateway keeps serving")
    func oversized() async throws {
        try await GatewayHarness.run { harness in
            let body = #"{"remark":""# + String(repeating: "x", count: 3 << 20) + #""}"#
            for (path, headers) in [
                ("/instances/crs-test01/backups?validateOnly=true", []),
                ("/instances/crs-test01/backups", [("Idempotency-Key", "big-1")]),
                ("/instances/crs-test01/restores", []),
            ] as [(String, [(String, String)])] {
                let reply = try await harness.client.post(path, json: body, headers: headers)
                #expect(reply.status == 413, "\(path): \(reply.body)")
                #expect(reply.json["reason"] as? String == "BODY_TOO_LARGE")
                #expect(reply.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            }
            #expect(try await harness.client.get("/healthz").status == 200)
        }
    }
}
