import Foundation
import Simulators
import Testing

/// The suite every provider kind passes through its simulator: backup, poll, list, restore,
/// poll, and every fault, over real HTTP.
@Suite("Provider conformance")
struct ConformanceTests {
    static let fixtures: [ProviderFixture] = [.tencent, .tencentLegacySHA1, .tencentLegacySHA256, .alibabaACS3, .alibabaV1, .huaweiV2, .huaweiV1]

    @Test("backup → poll → list → restore → poll, one provider write each", arguments: fixtures)
    func fullCycle(fixture: ProviderFixture) async throws {
        try await ConformanceHarness.run(fixture) { harness in
            let instance = harness.simulator.instanceId
            let accepted = try await harness.client.post("/instances/\(instance)/backups", json: harness.simulator.backupBody)
            #expect(accepted.status == 202, "\(accepted.body)")
            let id = try #require(accepted.json["id"] as? String)
            #expect(accepted.header("Location") == "/operations/\(id)")
            let done = try await harness.waitUntilDone(id)
            #expect(done.json["state"] as? String == "succeeded", "\(done.body)")
            let backupId = try #require(done.json["backupId"] as? String)

            let listed = try await harness.client.get("/instances/\(instance)/backups")
            #expect(listed.status == 200, "\(listed.body)")
            let backups = try #require(listed.json["backups"] as? [[String: Any]])
            let made = try #require(backups.first { $0["id"] as? String == backupId })
            #expect(made["kind"] as? String == "manual")
            #expect(made["state"] as? String == "succeeded")
            #expect(made["restorable"] as? Bool == true)

            let restore = try await harness.client.post("/instances/\(instance)/restores", json: harness.simulator.restoreBody(backupId))
            #expect(restore.status == 202, "\(restore.body)")
            let restoreId = try #require(restore.json["id"] as? String)
            let restored = try await harness.waitUntilDone(restoreId)
            #expect(restored.json["state"] as? String == "succeeded", "\(restored.body)")
            #expect(await harness.writes() == 2)

            let everything = [accepted.body, done.body, listed.body, restore.body, restored.body].joined()
                + harness.logs.all.joined(separator: "\n")
            for secret in harness.simulator.secrets {
                #expect(!everything.contains(secret))
            }
        }
    }

    @Test("a failed provider task fails the operation", arguments: fixtures)
    func failedTask(fixture: ProviderFixture) async throws {
        try await ConformanceHarness.run(fixture) { harness in
            await harness.simulator.inject(SimulatedFault(action: harness.simulator.createBackupAction, effect: .failTask(message: "disk full")))
            let accepted = try await harness.client.post("/instances/\(harness.simulator.instanceId)/backups", json: "{}")
            let id = try #require(accepted.json["id"] as? String)
            let failed = try await harness.waitUntilDone(id)
            #expect(failed.json["state"] as? String == "failed", "\(failed.body)")
            #expect((failed.json["error"] as? [String: Any])?["reason"] as? String == "PROVIDER_TASK_FAILED")
        }
    }

    @Test("a start whose outcome is unknown is reconciled, never sent twice", arguments: fixtures)
    func ambiguousStart(fixture: ProviderFixture) async throws {
        // Generous deadlines: the pre-check reads must finish even on a loaded machine; only the write is delayed past it.
        try await ConformanceHarness.run(fixture, pace: .immediate, requestTimeout: .seconds(5)) { harness in
            await harness.simulator.inject(SimulatedFault(action: harness.simulator.createBackupAction, effect: .delay(.seconds(10))))
            let accepted = try await harness.client.post("/instances/\(harness.simulator.instanceId)/backups", json: "{}")
            #expect(accepted.status == 202, "\(accepted.body)")
            #expect(accepted.json["state"] as? String == "unknown")
            let id = try #require(accepted.json["id"] as? String)
            try await Task.sleep(for: .milliseconds(3500))
            let done = try await harness.waitUntilDone(id)
            #expect(done.json["state"] as? String == "succeeded", "\(done.body)")
            #expect(done.json["backupId"] as? String != nil)
            #expect(await harness.writes() == 1)
        }
    }

    /// (fault, HTTP status, taxonomy code) for a read that breaks.
    static let readFaults: [(String, SimulatedFault.Effect, Int, String)] = [
        ("HTTP 502 from the front end", .httpStatus(502, body: "<html>bad gateway</html>"), 503, "provider_unavailable"),
        ("malformed body", .malformedBody, 502, "provider_error"),
        ("dropped connection", .dropConnection, 503, "provider_unavailable"),
        ("throttled", .throttle, 429, "rate_limited"),
        ("slower than the deadline", .delay(.seconds(8)), 504, "provider_timeout"),
    ]

    @Test("every fault on a read reaches the caller as its problem", arguments: fixtures)
    func readFaults(fixture: ProviderFixture) async throws {
        for (name, effect, status, code) in Self.readFaults {
            try await ConformanceHarness.run(fixture, requestTimeout: .seconds(4)) { harness in
                // On every attempt: reads are retried where safe, so a one-off fault would be absorbed.
                await harness.simulator.inject(SimulatedFault(action: harness.simulator.describeInstanceAction, times: 10, effect: effect))
                let reply = try await harness.client.get("/instances/\(harness.simulator.instanceId)")
                #expect(reply.status == status, "\(fixture.name) \(name): \(reply.body)")
                #expect(reply.json["code"] as? String == code, "\(fixture.name) \(name)")
                #expect(reply.header("Content-Type")?.hasPrefix("application/problem+json") == true)
                if code == "rate_limited" { #expect(reply.header("Retry-After") != nil) }
            }
        }
    }

    @Test("an instance the provider does not know is not_found; an unreachable provider is 503", arguments: fixtures)
    func missingAndUnreachable(fixture: ProviderFixture) async throws {
        try await ConformanceHarness.run(fixture) { harness in
            let missing = try await harness.client.post("/instances/\(harness.simulator.unknownInstanceId)/backups", json: "{}")
            #expect(missing.status == 404, "\(missing.body)")
            #expect(missing.json["reason"] as? String == "INSTANCE_NOT_FOUND")
            await harness.simulator.stop()
            let unreachable = try await harness.client.get("/instances/\(harness.simulator.instanceId)")
            #expect(unreachable.status == 503)
            #expect(unreachable.json["reason"] as? String == "CONNECT_FAILED")
            #expect(await harness.writes() == 0)
        }
    }
}
