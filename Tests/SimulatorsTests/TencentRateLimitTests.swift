import Foundation
import Testing
@testable import Simulators

/// Per-SecretId, per-action token buckets at Tencent's documented limits.
@Suite struct TencentRateLimitTests {
    static func burst(_ client: TencentTestClient, action: String, count: Int) async throws -> [String?] {
        try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<count {
                group.addTask { try await client.call(action, json: ["TaskId": 1]).errorCode }
            }
            var codes: [String?] = []
            for try await code in group { codes.append(code) }
            return codes
        }
    }

    @Test("A burst above 20/s of DescribeTaskInfo is throttled; other actions and keys are not")
    func burstIsThrottled() async throws {
        let credentials = [
            TencentSimulatorCredential(secretId: TencentHarness.secretId, secretKey: TencentHarness.secretKey),
            TencentSimulatorCredential(secretId: "AKIDsecond", secretKey: "second-key"),
        ]
        try await TencentHarness.with(rateLimits: true, credentials: credentials) { (harness: TencentHarness) async throws in
            let started = ContinuousClock.now
            let codes = try await Self.burst(harness.client, action: "DescribeTaskInfo", count: 60)
            let elapsed = started.duration(to: .now).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            let limited = codes.filter { $0 == "RequestLimitExceeded" }.count
            let served = codes.filter { $0 == "InvalidParameter.InvalidParameter" }.count
            #expect(limited + served == 60)
            #expect(served >= 20)
            // A token bucket of 20/s never serves more than its burst plus what refilled meanwhile.
            #expect(served <= 20 + Int((seconds * 20).rounded(.up)) + 1)
            if seconds < 1 { #expect(limited >= 10) }
            let message = try await harness.client.call("DescribeTaskInfo", json: ["TaskId": 1]).errorMessage ?? ""
            if message.hasPrefix("Your current request times") {
                #expect(message.contains("which exceeds the frequency limit `20` for a second"))
            }
            #expect(try await harness.client.call("DescribeInstances", json: [:]).errorCode == nil)
            var second = harness.client
            second.secretId = "AKIDsecond"
            second.secretKey = "second-key"
            #expect(try await second.call("DescribeTaskInfo", json: ["TaskId": 1]).errorCode == "InvalidParameter.InvalidParameter")
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await harness.client.call("DescribeTaskInfo", json: ["TaskId": 1]).errorCode == "InvalidParameter.InvalidParameter")
        }
    }

    @Test("Without enforcement the same burst is served")
    func notEnforced() async throws {
        try await TencentHarness.with(rateLimits: false) { (harness: TencentHarness) async throws in
            let codes = try await Self.burst(harness.client, action: "DescribeTaskInfo", count: 60)
            #expect(codes.allSatisfy { $0 == "InvalidParameter.InvalidParameter" })
        }
    }

    @Test("Token bucket arithmetic: capacity, refill, count in the message")
    func bucket() {
        var limiter = RateLimiter()
        let start = ContinuousClock.now
        for _ in 0..<20 { #expect(limiter.admit(key: "k", limit: 20, now: start) == .allowed) }
        #expect(limiter.admit(key: "k", limit: 20, now: start) == .limited(count: 21, limit: 20))
        #expect(limiter.admit(key: "k", limit: 20, now: start + .milliseconds(50)) == .allowed)
        #expect(limiter.admit(key: "k", limit: 20, now: start + .milliseconds(60)) == .limited(count: 23, limit: 20))
        #expect(limiter.admit(key: "other", limit: 20, now: start) == .allowed)
        #expect(limiter.admit(key: "k", limit: 20, now: start + .seconds(2)) == .allowed)
    }
}
