import Foundation
import GatewayCore
import ProviderSigning
@testable import Providers
import Simulators
import Testing

/// The call policy (rate limit, safe retries, clock-skew reporting) seen through real drivers
/// against their simulators on loopback.
@Suite("Provider call policy: drivers against simulators")
struct ProviderCallPolicyDriverTests {
    // MARK: Retries

    @Test("a read after one injected 5xx is retried and succeeds: exactly 2 upstream requests")
    func readRetriedAfter5xx() async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", effect: .httpStatus(502, body: "<html>bad gateway</html>")))
            let info = try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context())
            #expect(info.status == .running)
            let records = await harness.requests("DescribeInstances")
            #expect(records.count == 2)
            #expect(records.first?.fault == "httpStatus(502)")
        }
    }

    @Test("a read after one dropped connection is retried and succeeds: exactly 2 upstream requests")
    func readRetriedAfterDrop() async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "DescribeInstances", effect: .dropConnection))
            let info = try await harness.driver().describeInstance(harness.ref, context: SimulatorHarness.context())
            #expect(info.status == .running)
            #expect(await harness.requests("DescribeInstances").count == 2)
        }
    }

    @Test("a Huawei read (ShowInstance) after one 5xx is retried: exactly 2 upstream requests")
    func huaweiReadRetried() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "ShowInstance", effect: .httpStatus(503, body: "")))
            let info = try await harness.driver().describeInstance(
                HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), context: HuaweiSimulatorHarness.context()
            )
            #expect(info.status == .running)
            #expect(await harness.requests("ShowInstance").count == 2)
        }
    }

    @Test("a write after an injected 5xx is not retried: 1 upstream request, outcome unknown")
    func writeNotRetriedAfter5xx() async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .httpStatus(503, body: "unavailable")))
            let error = await #expect(throws: GatewayError.self) {
                try await harness.driver().startBackup(
                    harness.ref, request: BackupRequest(), operationId: OperationID.make(), context: SimulatorHarness.context()
                )
            }
            #expect(error?.outcomeUnknown == true)
            #expect(error?.code == .providerUnavailable)
            #expect(await harness.requests("ManualBackupInstance").count == 1)
        }
    }

    @Test("a write throttled once by the provider is retried: 2 upstream requests, success")
    func throttledWriteRetried() async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.inject(SimulatedFault(action: "ManualBackupInstance", effect: .throttle))
            let started = try await harness.driver().startBackup(
                harness.ref, request: BackupRequest(), operationId: OperationID.make(), context: SimulatorHarness.context()
            )
            #expect(started.update.providerTaskId != nil)
            let records = await harness.requests("ManualBackupInstance")
            #expect(records.count == 2)
            #expect(records.first?.errorCode?.hasPrefix("RequestLimitExceeded") == true)
            #expect(records.last?.errorCode == nil)
        }
    }

    @Test("an auth failure is sent once")
    func authFailureOnce() async throws {
        try await SimulatorHarness.run { harness in
            let driver = harness.driver(credentials: SigningCredentials(accessKeyId: Fixture.secretId, secret: "not-the-secret"))
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            #expect(error?.code == .providerAuthFailed)
            #expect(await harness.simulator.receivedRequests().count == 1)
        }
    }

    // MARK: Rate limit

    @Test("60 concurrent reads against a provider limited to 20/s, gateway at 20/s: never throttled upstream")
    func burstNeverThrottled() async throws {
        let simulator = TencentSimulator(configuration: TencentSimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: Fixture.secretId, secretKey: Fixture.secretKey)],
            regions: [Fixture.region], enforceRateLimits: true, rateLimits: ["DescribeInstances": 20]
        ))
        try await simulator.start()
        // Few connections: the pacing is the gateway's, and a simulator stopped with freshly
        // accepted, unserved connections trips NIO (apple/swift-nio#3481).
        let transport = ProviderTransport(configuration: .init(maxConnectionsPerHost: 2))
        let harness = SimulatorHarness(simulator: simulator, transport: transport)
        await harness.seed()
        let account = TencentAccount(
            name: "burst", region: Fixture.region, endpoint: URL(string: simulator.endpoint)!, credentials: Fixture.credentials,
            requestTimeout: .seconds(5),
            callPolicy: ProviderCallPolicy(account: "burst", limits: ["DescribeInstances": 20], rateLimitWait: .seconds(2))
        )
        let driver = TencentDriver(account: account, transport: transport, redactor: Redactor(), userAgent: Fixture.userAgent)
        let heartbeat = Heartbeat()
        let started = ContinuousClock.now
        let outcomes = await withTaskGroup(of: GatewayError?.self) { group in
            for _ in 0..<60 {
                group.addTask {
                    do throws(GatewayError) {
                        _ = try await driver.describeInstance(harness.ref, context: SimulatorHarness.context(seconds: 20))
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            var outcomes: [GatewayError?] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let elapsed = started.duration(to: .now)
        let stall = await heartbeat.stop()
        let records = await harness.requests("DescribeInstances")
        try await transport.shutdown()
        await simulator.stop()

        let failures = outcomes.compactMap { $0 }
        let successes = outcomes.count - failures.count
        #expect(outcomes.count == 60)
        // Slots 50 ms apart within a 2-s wait: about 41 get through; the rest are refused at once.
        #expect(successes >= 21, "only \(successes) calls succeeded")
        #expect(successes <= 42)
        for failure in failures {
            #expect(failure.reason == "RATE_LIMIT_WAIT_EXCEEDED", "\(failure)")
            #expect((failure.retryAfterSeconds ?? 0) >= 1)
        }
        // The simulator's own token bucket (20/s, capacity 20) never throttled a request: the
        // gateway sends them 50 ms apart. Only a stall of this whole process (an overloaded
        // machine: the simulator then admits everything that queued up meanwhile at once) can
        // bunch arrivals past the bucket; callers still never see provider throttling (it is
        // retried), which the checks above hold in every case.
        let throttled = records.filter { $0.errorCode != nil }
        if stall < .milliseconds(300) {
            #expect(throttled.isEmpty, "\(throttled.compactMap(\.errorCode)); longest stall \(stall), burst \(elapsed)")
            #expect(records.count == successes)
        }
    }

    // MARK: Clock skew

    /// `… is N s behind the gateway's …` → N.
    static func measuredSkew(_ detail: String) -> Int? {
        guard let range = detail.range(of: #"is (\d+) s (ahead of|behind) the gateway's"#, options: .regularExpression) else { return nil }
        let words = detail[range].split(separator: " ")
        return Int(words[1])
    }

    static func expectSkewNote(_ error: GatewayError?, seconds: Int, providerCode: String) {
        #expect(error?.code == .providerAuthFailed)
        #expect(error?.reason == "SIGNATURE_EXPIRED")
        #expect(error?.provider?.code == providerCode)
        let detail = error?.detail ?? ""
        #expect(detail.contains("The provider's clock (Date: "), "\(detail)")
        #expect(detail.contains("behind the gateway's; fix the gateway host's time (NTP)."), "\(detail)")
        let measured = measuredSkew(detail) ?? 0
        #expect(abs(measured - seconds) <= 5, "\(detail)")
    }

    @Test("Tencent API 3.0: a signing clock 10 minutes ahead is SIGNATURE_EXPIRED with the measured skew")
    func tencentSkew() async throws {
        try await SimulatorHarness.run { harness in
            let driver = harness.driver(clock: { Date().addingTimeInterval(600) })
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(harness.ref, context: SimulatorHarness.context())
            }
            Self.expectSkewNote(error, seconds: 600, providerCode: "AuthFailure.SignatureExpire")
            #expect(await harness.simulator.receivedRequests().count == 1)
        }
    }

    @Test("Tencent API 2.0: a signing clock 10 minutes ahead (4500, timestamp) is SIGNATURE_EXPIRED with the measured skew")
    func tencentLegacySkew() async throws {
        let simulator = TencentLegacySimulator(configuration: TencentLegacySimulatorConfiguration(
            credentials: [TencentSimulatorCredential(secretId: Fixture.secretId, secretKey: Fixture.secretKey)]
        ))
        try await simulator.start()
        let transport = ProviderTransport()
        let driver = TencentLegacyDriver(
            account: TencentLegacyAccount(name: "legacy", region: "gz", endpoint: URL(string: simulator.endpoint)!, credentials: Fixture.credentials),
            transport: transport, redactor: Redactor(knownSecrets: [Fixture.secretKey]), userAgent: Fixture.userAgent,
            clock: { Date().addingTimeInterval(600) }
        )
        let error = await #expect(throws: GatewayError.self) {
            try await driver.describeInstance(
                InstanceRef(instanceId: "crs-legacy01", provider: .tencentLegacy, account: "legacy", region: "gz"),
                context: SimulatorHarness.context()
            )
        }
        let sent = await simulator.receivedRequests().count
        try await transport.shutdown()
        await simulator.stop()
        Self.expectSkewNote(error, seconds: 600, providerCode: "4500")
        #expect(sent == 1)
    }

    @Test("Alibaba: a signing clock 20 minutes ahead is SIGNATURE_EXPIRED with the measured skew", arguments: [AlibabaAccount.SignatureVersion.acs3, .v1])
    func alibabaSkew(scheme: AlibabaAccount.SignatureVersion) async throws {
        try await AlibabaSimulatorHarness.run { harness in
            let driver = harness.driver(scheme, clock: { Date().addingTimeInterval(1200) })
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(AlibabaSimulatorHarness.ref(AlibabaSimulatorHarness.tair), context: AlibabaSimulatorHarness.context())
            }
            Self.expectSkewNote(error, seconds: 1200, providerCode: "InvalidTimeStamp.Expired")
            #expect(await harness.simulator.receivedRequests().count == 1)
        }
    }

    @Test("Huawei: a signing clock 20 minutes ahead is SIGNATURE_EXPIRED with the measured skew")
    func huaweiSkew() async throws {
        try await HuaweiSimulatorHarness.run { harness in
            let driver = harness.driver(clock: { Date().addingTimeInterval(1200) })
            let error = await #expect(throws: GatewayError.self) {
                try await driver.describeInstance(HuaweiSimulatorHarness.ref(HuaweiSimulatorHarness.ha), context: HuaweiSimulatorHarness.context())
            }
            Self.expectSkewNote(error, seconds: 1200, providerCode: "APIGW.0301")
            #expect(await harness.simulator.receivedRequests().count == 1)
        }
    }
}

/// Measures how long this process was unable to run a task: ticks every 10 ms and keeps the
/// longest gap between ticks beyond that.
final class Heartbeat: Sendable {
    private let task: Task<Duration, Never>

    init() {
        task = Task {
            var longest = Duration.zero
            var last = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(10))
                let now = ContinuousClock.now
                longest = max(longest, last.duration(to: now) - .milliseconds(10))
                last = now
            }
            return longest
        }
    }

    /// Stops ticking; the longest stall seen.
    func stop() async -> Duration {
        task.cancel()
        return await task.value
    }
}
