import Foundation
import Simulators
import Testing

/// What the gateway answers when the provider is slow, broken or unreachable.
@Suite("Transport faults, end to end")
struct TransportFaultTests {
    @Test("HTTP 5xx from infrastructure → 503 provider_unavailable")
    func http5xx() async throws {
        try await GatewayHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", effect: .httpStatus(502, body: "<html>bad gateway</html>")))
            let reply = try await harness.client.get("/instances/crs-test01")
            #expect(reply.status == 503)
            #expect(reply.json["code"] as? String == "provider_unavailable")
            #expect(reply.json["retryable"] as? Bool == true)
        }
    }

    @Test("a malformed body → 502 provider_error")
    func malformed() async throws {
        try await GatewayHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", effect: .malformedBody))
            let reply = try await harness.client.get("/instances/crs-test01")
            #expect(reply.status == 502)
            #expect(reply.json["reason"] as? String == "PROVIDER_RESPONSE_MALFORMED")
        }
    }

    @Test("a dropped connection → 503 provider_unavailable")
    func dropped() async throws {
        try await GatewayHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", effect: .dropConnection))
            let reply = try await harness.client.get("/instances/crs-test01")
            #expect(reply.status == 503)
            #expect(reply.json["code"] as? String == "provider_unavailable")
        }
    }

    @Test("provider throttling → 429 rate_limited with Retry-After")
    func throttled() async throws {
        try await GatewayHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstanceBackups", effect: .throttle))
            let reply = try await harness.client.get("/instances/crs-test01/backups")
            #expect(reply.status == 429)
            #expect(reply.json["code"] as? String == "rate_limited")
            #expect(reply.header("Retry-After") != nil)
        }
    }

    @Test("a read past the deadline → 504 provider_timeout")
    func readTimeout() async throws {
        try await GatewayHarness.run(requestTimeout: .milliseconds(300)) { harness in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", effect: .delay(.seconds(1))))
            let reply = try await harness.client.get("/instances/crs-test01")
            #expect(reply.status == 504)
            #expect(reply.json["code"] as? String == "provider_timeout")
        }
    }

    @Test("a backup whose start timed out is `unknown`, then reconciled from the remark — with one write")
    func ambiguousWrite() async throws {
        try await GatewayHarness.run(progression: .immediate, requestTimeout: .milliseconds(400)) { harness in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .delay(.milliseconds(900))))
            let accepted = try await harness.client.post("/instances/crs-test01/backups", json: #"{"remark":"slow"}"#)
            #expect(accepted.status == 202)
            #expect(accepted.json["state"] as? String == "unknown")
            #expect(accepted.json["done"] as? Bool == false)
            let id = try #require(accepted.json["id"] as? String)
            try await Task.sleep(for: .milliseconds(900))
            let done = try await harness.waitUntilDone(id)
            #expect(done.json["state"] as? String == "succeeded")
            #expect(done.json["backupId"] as? String != nil)
            let writes = await harness.simulator.receivedRequests().filter { $0.action == "ManualBackupInstance" }
            #expect(writes.count == 1)
        }
    }

    @Test("a restore whose start timed out is `unknown`, then reconciled from the task list — with one write")
    func ambiguousRestore() async throws {
        try await GatewayHarness.run(progression: .immediate, requestTimeout: .milliseconds(400)) { harness in
            await harness.simulator.inject(SimulatedFault(action: "RestoreInstance", effect: .delay(.milliseconds(900))))
            let accepted = try await harness.client.post(
                "/instances/crs-test02/restores", json: #"{"backupId":"\#(GatewayHarness.backupOf02)","confirmOverwrite":true}"#
            )
            #expect(accepted.status == 202)
            #expect(accepted.json["state"] as? String == "unknown")
            let id = try #require(accepted.json["id"] as? String)
            try await Task.sleep(for: .milliseconds(900))
            let done = try await harness.waitUntilDone(id)
            #expect(done.json["state"] as? String == "succeeded")
            #expect(done.json["providerTaskId"] as? String != nil)
            let writes = await harness.simulator.receivedRequests().filter { $0.action == "RestoreInstance" }
            #expect(writes.count == 1)
        }
    }

    @Test("an unreachable provider → 503 at once")
    func unreachable() async throws {
        try await GatewayHarness.run { harness in
            await harness.simulator.stop()
            let started = ContinuousClock.now
            let reply = try await harness.client.get("/instances/crs-test01")
            #expect(reply.status == 503)
            #expect(reply.json["reason"] as? String == "CONNECT_FAILED")
            #expect(started.duration(to: .now) < .seconds(2))
        }
    }
}
