import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators
import Testing

/// `TencentDriver` against a real `TencentSimulator` on loopback: credentials and clock.
@Suite("Tencent driver: credentials and clock")
struct TencentDriverCredentialTests {
    @Test("a wrong secret is provider_auth_failed PROVIDER_SIGNATURE_REJECTED")
    func wrongSecret() async throws {
        try await SimulatorHarness.run { harness in
            let driver = harness.driver(credentials: SigningCredentials(accessKeyId: Fixture.secretId, secret: "not-the-secret"))
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerAuthFailed)
            #expect(error?.reason == "PROVIDER_SIGNATURE_REJECTED")
            #expect(error?.provider?.code == "AuthFailure.SignatureFailure")
            #expect(error?.provider?.requestId?.isEmpty == false)
            #expect(error?.retryable == false)
        }
    }

    @Test("an unknown SecretId is provider_auth_failed PROVIDER_CREDENTIALS_INVALID")
    func unknownSecretId() async throws {
        try await SimulatorHarness.run { harness in
            let driver = harness.driver(credentials: SigningCredentials(accessKeyId: "AKIDunknownKey0000000000", secret: Fixture.secretKey))
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerAuthFailed)
            #expect(error?.reason == "PROVIDER_CREDENTIALS_INVALID")
        }
    }

    @Test("the gateway's clock 10 minutes ahead is SIGNATURE_EXPIRED")
    func clockAhead() async throws {
        try await SimulatorHarness.run { harness in
            let driver = harness.driver(clock: { Date().addingTimeInterval(600) })
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerAuthFailed)
            #expect(error?.reason == "SIGNATURE_EXPIRED")
            #expect(error?.provider?.code == "AuthFailure.SignatureExpire")
        }
    }

    @Test("the gateway's clock 10 minutes behind Tencent's is SIGNATURE_EXPIRED")
    func clockBehind() async throws {
        try await SimulatorHarness.run(simulatorClock: { Date().addingTimeInterval(600) }) { harness in
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerAuthFailed)
            #expect(error?.reason == "SIGNATURE_EXPIRED")
        }
    }

    /// The driver's injectable clock is the signing clock; the call deadline is checked by the
    /// transport against the real clock. A driver whose clock is behind the process clock (but in
    /// step with the provider, e.g. a test pinning both to one instant) must still be able to call.
    @Test("a driver clock behind the wall clock, in step with the provider, still calls (deadline in real time)")
    func signingClockBehindWallClock() async throws {
        let behind: @Sendable () -> Date = { Date().addingTimeInterval(-600) }
        try await SimulatorHarness.run(simulatorClock: behind) { harness in
            let info = try await harness.driver(clock: behind).describeInstance(harness.ref, context: SimulatorHarness.context())
            #expect(info.status == .running)
        }
    }

    @Test("temporary credentials: the right token succeeds, a wrong one is PROVIDER_TOKEN_INVALID")
    func temporaryCredentials() async throws {
        let token = "sts-token-0123456789abcdef"
        let credential = TencentSimulatorCredential(secretId: Fixture.secretId, secretKey: Fixture.secretKey, token: token)
        try await SimulatorHarness.run(credential: credential) { harness in
            let good = harness.driver(credentials: SigningCredentials(accessKeyId: Fixture.secretId, secret: Fixture.secretKey, sessionToken: token))
            let info = try await good.describeInstance(harness.ref, context: SimulatorHarness.context())
            #expect(info.status == .running)
            #expect(await harness.requests("DescribeInstances").first?.header("X-TC-Token") == token)

            for sessionToken in ["wrong-token", nil] as [String?] {
                let bad = harness.driver(credentials: SigningCredentials(accessKeyId: Fixture.secretId, secret: Fixture.secretKey, sessionToken: sessionToken))
                let error = await #expect(throws: GatewayError.self) {
                    try await bad.describeInstance(harness.ref, context: SimulatorHarness.context())
                }
                #expect(error?.code == .providerAuthFailed)
                #expect(error?.reason == "PROVIDER_TOKEN_INVALID")
            }
        }
    }
}
