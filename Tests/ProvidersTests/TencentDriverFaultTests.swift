import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `TencentDriver` against a real `TencentSimulator` on loopback: provider faults.
@Suite("Tencent driver: provider faults")
struct TencentDriverFaultTests {
    @Test("provider throttling is rate_limited with a retry hint (after the retries, 1 s apart)")
    func throttled() async throws {
        try await SimulatorHarness.run { harness in
            // On every attempt: throttling is retried after its 1-s hint (4 attempts in all).
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", times: 4, effect: .throttle))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context(seconds: 20))
            }
            #expect(error?.code == .rateLimited)
            #expect(error?.reason == "PROVIDER_THROTTLED")
            #expect(error?.retryAfterSeconds == 1)
            #expect(await harness.requests("DescribeInstances").count == 4)
        }
    }

    @Test("an injected provider error is mapped and its message redacted")
    func injectedErrorRedacted() async throws {
        try await SimulatorHarness.run { harness in
            let signature = "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
            // On every attempt: a read failing with provider_error is retried (4 attempts).
            await harness.simulator.inject(SimulatedFault(
                action: "DescribeInstances", times: 4,
                effect: .error(code: "InternalError.InternalError", message: "failed for \(Fixture.secretId) sig \(signature) key \(Fixture.secretKey)")
            ))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerError)
            #expect(error?.reason == "PROVIDER_INTERNAL_ERROR")
            let text = error.map { "\($0.detail) \($0.provider?.message ?? "")" } ?? ""
            for leaked in [Fixture.secretId, signature, Fixture.secretKey] {
                #expect(!text.contains(leaked), "\(text)")
            }
        }
    }

    @Test("an instance locked by a running task is conflict INSTANCE_BUSY")
    func lockedInstance() async throws {
        try await SimulatorHarness.run { harness in
            let driver = harness.driver()
            _ = try await driver.startBackup(harness.ref, request: BackupRequest(), operationId: OperationID.make(), context: SimulatorHarness.context())
            let error = await #expect(throws: GatewayError.self) {
                try await driver.startBackup(harness.ref, request: BackupRequest(), operationId: OperationID.make(), context: SimulatorHarness.context())
            }
            #expect(error?.code == .conflict)
            #expect(error?.reason == "INSTANCE_BUSY")
            #expect(error?.retryable == true)
        }
    }
}
