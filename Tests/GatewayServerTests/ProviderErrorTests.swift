import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// Every code of the Tencent error table, returned by the simulator inside an HTTP 200 body,
/// reaches the caller with the taxonomy's code and status and the provider's code — redacted.
@Suite("Tencent errors, end to end")
struct ProviderErrorTests {
    @Test("each Tencent error code reaches the caller as DESIGN.md §4 says", arguments: TencentErrorTable.rows.keys.sorted())
    func mapped(providerCode: String) async throws {
        let expected = try #require(TencentErrorTable.rows[providerCode])
        try await GatewayHarness.run { harness in
            // On every attempt: throttling and "unavailable" refusals of a write are retried.
            await harness.simulator.inject(SimulatedFault(
                action: "ManualBackupInstance", times: 10,
                effect: .error(
                    code: providerCode,
                    message: "request by \(GatewayHarness.secretId) failed; Signature=deadbeefcafe; key \(GatewayHarness.secretKey)"
                )
            ))
            let reply = try await harness.client.post("/instances/crs-test01/backups", json: "{}")
            #expect(reply.status == expected.code.httpStatus)
            #expect(reply.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            #expect(reply.json["code"] as? String == expected.code.rawValue)
            #expect(reply.json["reason"] as? String == expected.reason)
            let provider = try #require(reply.json["provider"] as? [String: Any])
            #expect(provider["code"] as? String == providerCode)
            #expect(provider["name"] as? String == "tencent")
            #expect(provider["requestId"] as? String != nil)
            #expect(!reply.body.contains(GatewayHarness.secretKey))
            #expect(!reply.body.contains(GatewayHarness.secretId))
            #expect(!reply.body.contains("deadbeefcafe"))
            if expected.code == .rateLimited { #expect(reply.header("Retry-After") != nil) }
            #expect(!harness.logs.all.joined().contains(GatewayHarness.secretKey))
        }
    }

    @Test("an undocumented code is provider_error with the original code kept")
    func unknownCode() async throws {
        try await GatewayHarness.run { harness in
            // On every attempt: a read failing with provider_error is retried.
            await harness.simulator.inject(SimulatedFault(
                action: "DescribeInstances", times: 10, effect: .error(code: "FailedOperation.SomethingNew", message: "new")
            ))
            let reply = try await harness.client.get("/instances/crs-test01")
            #expect(reply.status == 502)
            #expect(reply.json["code"] as? String == "provider_error")
            #expect((reply.json["provider"] as? [String: Any])?["code"] as? String == "FailedOperation.SomethingNew")
        }
    }

    @Test("a refused start leaves a failed operation on record and calls the provider once")
    func refusedStartIsRecorded() async throws {
        try await GatewayHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(
                action: "ManualBackupInstance", effect: .error(code: "ResourceUnavailable.InstanceLockedError", message: "locked")
            ))
            let reply = try await harness.client.post("/instances/crs-test01/backups", json: "{}")
            #expect(reply.status == 409)
            let listed = try await harness.client.get("/operations?instanceId=crs-test01&state=failed")
            let operations = try #require(listed.json["operations"] as? [[String: Any]])
            #expect(operations.count == 1)
            #expect((operations.first?["error"] as? [String: Any])?["reason"] as? String == "INSTANCE_BUSY")
            let writes = await harness.simulator.receivedRequests().filter { $0.action == "ManualBackupInstance" }
            #expect(writes.count == 1)
        }
    }
}
