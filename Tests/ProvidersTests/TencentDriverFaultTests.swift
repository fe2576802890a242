import Foundation
import GatewayCore
@testable import Providers
import Simulators
import Testing

/// `TencentDriver` against a real `TencentSimulator` on loopback: provider faults.
@Suite("Tencent driver: provider faults")
struct TencentDriverFaultTests {
    @Test("provider throttling is rate_limited with a retry hint")
    func throttled() async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", effect: .throttle))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .rateLimited)
            #expect(error?.reason == "PROVIDER_THROTTLED")
            #expect(error?.retryAfterSeconds == 1)
        }
    }

    @Test("an injected provider error is mapped and its message redacted")
    func injectedErrorRedacted() async throws {
        try await SimulatorHarness.run { harness in
            let signature = "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
            await harness.simulator.inject(SimulatedFault(
                action: "DescribeInstances",
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
