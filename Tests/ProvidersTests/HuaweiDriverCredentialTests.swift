import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators
import Testing

/// `HuaweiDriver` against a real `HuaweiSimulator` on loopback: AK/SK, the APIGW.0301 variants
/// (never retried: five failures lock the customer's AK), the clock, temporary credentials and
/// throttling.
@Suite("Huawei driver: credentials, clock and throttling")
struct HuaweiDriverCredentialTests {
    static let iam = "Incorrect IAM authentication information: "
    static let wrongSecret = "not-the-secret-0000000000000000000000000"

    /// Runs one driver call and returns its error.
    static func failure(
        _ call: () async throws(GatewayError) -> Void
    ) async -> GatewayError? {
        do {
            try await call()
            return nil
        } catch {
            return error
        }
    }

    /// The driver calls exercised, by name.
    static let calls = ["describeInstance", "startBackup", "listBackups", "startRestore"]

    static func perform(_ call: String, driver: HuaweiDriver) async throws(GatewayError) {
        let ref = HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha)
        let context = HuaweiSimulatorHarness.context()
        switch call {
        case "describeInstance": _ = try await driver.describeInstance(ref, context: context)
        case "startBackup": _ = try await driver.startBackup(ref, request: BackupRequest(), operationId: OperationID.make(), context: context)
        case "listBackups": _ = try await driver.listBackups(ref, query: BackupListQuery(since: Date().addingTimeInterval(-3600)), context: context)
        default:
            _ = try await driver.startRestore(
                ref, request: RestoreRequest(backupId: "22222222-0000-4000-8000-000000000001", confirmOverwrite: true),
                operationId: OperationID.make(), context: context
            )
        }
    }

    @Test("a wrong secret is provider_auth_failed PROVIDER_SIGNATURE_REJECTED after exactly one request, echo redacted",
          arguments: HuaweiSimulatorHarness.versions, calls)
    func wrongSecret(version: HuaweiAccount.APIVersion, call: String) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 1)
            let credentials = SigningCredentials(accessKeyId: HuaweiFixture.accessKey, secret: Self.wrongSecret)
            let driver = harness.driver(version, credentials: credentials)
            let error = try #require(await Self.failure { () async throws(GatewayError) in try await Self.perform(call, driver: driver) })
            #expect(error.code == .providerAuthFailed)
            #expect(error.reason == "PROVIDER_SIGNATURE_REJECTED")
            #expect(error.provider?.code == "APIGW.0301")
            #expect(error.provider?.httpStatus == 401)
            #expect(!error.retryable)
            #expect(!error.outcomeUnknown)

            // Never retried: one failure, not five, counts against the customer's AK.
            let received = await harness.simulator.receivedRequests()
            #expect(received.count == 1)
            let only = try #require(received.first)
            #expect(only.errorCode == "APIGW.0301")
            #expect(error.provider?.requestId == only.requestId)

            // The simulator echoed its canonical request; none of it reaches the caller.
            #expect(error.provider?.message == Self.iam + "verify aksk signature fail, canonicalRequest:\(Redactor.mask)")
            let shown = [error.provider?.message ?? "", error.detail, String(describing: error)]
            for text in shown {
                for leaked in [
                    HuaweiFixture.projectId, only.path, "x-sdk-date", "content-type;host", Self.wrongSecret, HuaweiFixture.accessKey,
                    only.header("X-Sdk-Date") ?? "?",
                ] {
                    #expect(!text.contains(leaked), "\(leaked) leaked in \(text)")
                }
            }
        }
    }

    @Test("an unknown AK is PROVIDER_CREDENTIALS_INVALID (\"ak … not exist\"), the AK redacted", arguments: HuaweiSimulatorHarness.versions)
    func unknownAccessKey(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let stranger = "SOMEONEELSEAK0000000"
            let driver = harness.driver(version, credentials: SigningCredentials(accessKeyId: stranger, secret: HuaweiFixture.secretKey))
            let error = try #require(await Self.failure { () async throws(GatewayError) in try await Self.perform("describeInstance", driver: driver) })
            #expect(error.code == .providerAuthFailed)
            #expect(error.reason == "PROVIDER_CREDENTIALS_INVALID")
            #expect(error.provider?.code == "APIGW.0301")
            #expect(error.provider?.message == Self.iam + "ak \(Redactor.mask) not exist")
            #expect(!String(describing: error).contains(stranger))
            #expect(await harness.simulator.receivedRequests().count == 1)
        }
    }

    @Test("after five rejected signatures the AK is locked: PROVIDER_CREDENTIALS_LOCKED even with the right secret")
    func lockedAccessKey() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let bad = harness.driver(credentials: SigningCredentials(accessKeyId: HuaweiFixture.accessKey, secret: Self.wrongSecret))
            for _ in 1...5 {
                let error = await Self.failure { () async throws(GatewayError) in try await Self.perform("describeInstance", driver: bad) }
                #expect(error?.reason == "PROVIDER_SIGNATURE_REJECTED")
            }
            let error = try #require(await Self.failure { () async throws(GatewayError) in
                try await Self.perform("describeInstance", driver: harness.driver())
            })
            #expect(error.code == .providerAuthFailed)
            #expect(error.reason == "PROVIDER_CREDENTIALS_LOCKED")
            #expect(error.provider?.message == Self.iam + "AK access failed to reach the limit,forbidden")
            #expect(!error.retryable)
            // One request per gateway call: the driver never adds attempts of its own.
            #expect(await harness.simulator.receivedRequests().count == 6)
        }
    }

    @Test("the gateway's clock 20 minutes off is SIGNATURE_EXPIRED, not retried", arguments: [
        (HuaweiAccount.APIVersion.v2, 1200.0), (.v2, -1200.0), (.v1_0, 1200.0), (.v1_0, -1200.0),
    ])
    func clockSkew(version: HuaweiAccount.APIVersion, offset: Double) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let driver = harness.driver(version, clock: { Date().addingTimeInterval(offset) })
            let error = try #require(await Self.failure { () async throws(GatewayError) in try await Self.perform("startBackup", driver: driver) })
            #expect(error.code == .providerAuthFailed)
            #expect(error.reason == "SIGNATURE_EXPIRED")
            #expect(error.provider?.code == "APIGW.0301")
            #expect(error.provider?.message?.contains("signature expired") == true)
            #expect(await harness.simulator.receivedRequests().count == 1)
            #expect(await harness.simulator.backups(of: HuaweiSimulatorHarness.ha).isEmpty)
        }
    }

    @Test("a clock 14 minutes off is still inside API Gateway's window")
    func clockInsideWindow() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let info = try await harness.driver(clock: { Date().addingTimeInterval(-14 * 60) }).describeInstance(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), context: HuaweiSimulatorHarness.context()
            )
            #expect(info.status == .running)
        }
    }

    static let stsCredential = HuaweiSimulatorCredential(
        accessKey: HuaweiFixture.accessKey, secretKey: HuaweiFixture.secretKey, securityToken: HuaweiFixture.securityToken
    )

    @Test("temporary credentials work on every call, X-Security-Token sent and signed", arguments: HuaweiSimulatorHarness.versions)
    func temporaryCredentials(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run(credential: Self.stsCredential, progression: .immediate) { harness in
            await harness.seedBackups(of: HuaweiSimulatorHarness.ha, count: 1)
            let driver = harness.driver(version, credentials: HuaweiFixture.stsCredentials)
            for call in Self.calls {
                try await Self.perform(call, driver: driver)
            }
            let received = await harness.simulator.receivedRequests()
            #expect(received.count == 4)
            for record in received {
                #expect(record.httpStatus == 200, "\(record.action ?? "?") \(record.errorCode ?? "")")
                #expect(record.header("X-Security-Token") == HuaweiFixture.securityToken)
                #expect(record.header("Authorization")?.contains(";x-security-token,") == true)
            }
        }
    }

    @Test("a wrong security token is PROVIDER_TOKEN_INVALID (\"decrypt token fail\"), the token never shown", arguments: HuaweiSimulatorHarness.versions)
    func wrongToken(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run(credential: Self.stsCredential) { harness in
            let wrong = "gQpjbi1ub3J0aC00Wrong"
            let driver = harness.driver(
                version, credentials: SigningCredentials(accessKeyId: HuaweiFixture.accessKey, secret: HuaweiFixture.secretKey, sessionToken: wrong)
            )
            let error = try #require(await Self.failure { () async throws(GatewayError) in try await Self.perform("describeInstance", driver: driver) })
            #expect(error.code == .providerAuthFailed)
            #expect(error.reason == "PROVIDER_TOKEN_INVALID")
            #expect(error.provider?.message == Self.iam + "decrypt token fail")
            #expect(!String(describing: error).contains(wrong))
            #expect(await harness.simulator.receivedRequests().count == 1)
        }
    }

    @Test("temporary credentials sent without their token are refused as a bad signature")
    func missingToken() async throws {
        try await HuaweiSimulatorHarness.run(credential: Self.stsCredential) { harness in
            let error = try #require(await Self.failure { () async throws(GatewayError) in
                try await Self.perform("describeInstance", driver: harness.driver())
            })
            #expect(error.code == .providerAuthFailed)
            #expect(error.reason == "PROVIDER_SIGNATURE_REJECTED")
            #expect(error.provider?.message == Self.iam + "verify aksk signature fail")
        }
    }

    @Test("a token sent with a permanent AK is PROVIDER_TOKEN_INVALID")
    func tokenWithPermanentKey() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let error = try #require(await Self.failure { () async throws(GatewayError) in
                try await Self.perform("describeInstance", driver: harness.driver(credentials: HuaweiFixture.stsCredentials))
            })
            #expect(error.reason == "PROVIDER_TOKEN_INVALID")
            #expect(!String(describing: error).contains(HuaweiFixture.securityToken))
        }
    }

    /// The token is right, the secret is not: the simulator echoes a canonical request whose
    /// header list names `x-security-token`. The failure is the signature's, not the token's.
    @Test("temporary credentials with a wrong secret are PROVIDER_SIGNATURE_REJECTED, not a token failure")
    func temporaryCredentialsWrongSecret() async throws {
        try await HuaweiSimulatorHarness.run(credential: Self.stsCredential) { harness in
            let credentials = SigningCredentials(
                accessKeyId: HuaweiFixture.accessKey, secret: Self.wrongSecret, sessionToken: HuaweiFixture.securityToken
            )
            let error = try #require(await Self.failure { () async throws(GatewayError) in
                try await Self.perform("describeInstance", driver: harness.driver(credentials: credentials))
            })
            #expect(error.code == .providerAuthFailed)
            #expect(error.provider?.message == Self.iam + "verify aksk signature fail, canonicalRequest:\(Redactor.mask)")
            #expect(!String(describing: error).contains(HuaweiFixture.securityToken))
            #expect(await harness.simulator.receivedRequests().count == 1)
            #expect(error.reason == "PROVIDER_SIGNATURE_REJECTED")
        }
    }

    @Test("throttling (APIGW.0308, 429) is rate_limited PROVIDER_THROTTLED with a Retry-After", arguments: HuaweiSimulatorHarness.versions)
    func throttled(version: HuaweiAccount.APIVersion) async throws {
        try await HuaweiSimulatorHarness.run { harness in
            // Throttling is retried after its 1-s hint (4 attempts in all) before it is reported.
            await harness.simulator.inject(SimulatedFault(action: "ListBackups", times: 4, effect: .throttle))
            let driver = harness.driver(version)
            let error = try #require(await Self.failure { () async throws(GatewayError) in try await Self.perform("listBackups", driver: driver) })
            #expect(error.code == .rateLimited)
            #expect(error.reason == "PROVIDER_THROTTLED")
            #expect(error.provider?.code == "APIGW.0308")
            #expect(error.provider?.httpStatus == 429)
            #expect(error.provider?.message?.hasPrefix("The throttling threshold has been reached: policy user over ratelimit,limit:") == true)
            #expect(error.retryable)
            #expect(error.retryAfterSeconds == 1)
            #expect(!error.outcomeUnknown)
            #expect(await harness.requests("ListBackups").count == 4)
            // The next call goes through.
            try await Self.perform("listBackups", driver: driver)
        }
    }

    @Test("the simulator's own per-minute limit is rate_limited too")
    func rateLimit() async throws {
        try await HuaweiSimulatorHarness.run(enforceRateLimits: true, rateLimits: ["ShowInstance": 2]) { harness in
            let driver = harness.driver()
            try await Self.perform("describeInstance", driver: driver)
            try await Self.perform("describeInstance", driver: driver)
            let error = try #require(await Self.failure { () async throws(GatewayError) in try await Self.perform("describeInstance", driver: driver) })
            #expect(error.code == .rateLimited)
            #expect(error.reason == "PROVIDER_THROTTLED")
            #expect(error.provider?.message?.contains("limit:2,time:1 minute") == true)
            // The third call is retried after each 1-s hint (throttling is safe to retry; 4 attempts
            // at most, fewer when the deadline comes first) before the throttling is reported.
            let sent = await harness.requests("ShowInstance").count
            #expect((4...6).contains(sent), "\(sent) requests")
        }
    }
}
