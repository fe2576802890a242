import GatewayConfiguration
import GatewayCore
@testable import GatewayServer
import Logging
import Providers
import Testing

/// Each account gets its own limiter: its `rateLimits` over the provider's defaults, waiting at
/// most `timeouts.rateLimitWait`.
@Suite("Driver factory: rate limits per account")
struct DriverFactoryRateLimitTests {
    static func settings(_ provider: ProviderKind, rateLimits: [String: Double] = [:], wait: Duration = .seconds(2)) -> AccountSettings {
        AccountSettings(
            name: "acct", provider: provider, region: "r", projectId: provider == .huawei ? String(repeating: "a", count: 32) : nil,
            credentials: CredentialReferences(id: .environment("ID"), secret: .environment("SECRET")), instances: ["*"],
            rateLimits: rateLimits, rateLimitWait: wait
        )
    }

    @Test("provider defaults apply when nothing is configured", arguments: [
        (ProviderKind.tencent, "ManualBackupInstance", 20.0), (.tencent, "DescribeInstanceBackups", 20), (.tencent, "Anything", 20),
        (.tencentLegacy, "DescribeRedis", 20), (.alibaba, "CreateBackup", 10), (.huawei, "ListBackups", 10),
    ])
    func defaults(provider: ProviderKind, action: String, limit: Double) {
        let policy = DriverFactory.callPolicy(for: Self.settings(provider), logger: Logger(label: "test"))
        #expect(policy.limiter.limit(for: action) == limit)
        #expect(policy.limiter.maxWait == .seconds(2))
        #expect(policy.limiter.account == "acct")
    }

    @Test("configured limits and the wait override the defaults")
    func configured() {
        let policy = DriverFactory.callPolicy(
            for: Self.settings(.tencent, rateLimits: ["DescribeInstanceBackups": 50, "default": 5], wait: .milliseconds(500)),
            logger: Logger(label: "test")
        )
        #expect(policy.limiter.limit(for: "DescribeInstanceBackups") == 50)
        #expect(policy.limiter.limit(for: "ManualBackupInstance") == 5)
        #expect(policy.limiter.maxWait == .milliseconds(500))
    }

    @Test("two accounts never share a limiter")
    func separateLimiters() {
        let first = DriverFactory.callPolicy(for: Self.settings(.alibaba), logger: Logger(label: "test"))
        let second = DriverFactory.callPolicy(for: Self.settings(.alibaba), logger: Logger(label: "test"))
        #expect(first.limiter !== second.limiter)
    }
}
