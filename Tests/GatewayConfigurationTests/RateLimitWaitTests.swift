@testable import GatewayConfiguration
import GatewayCore
import Testing

@Suite("timeouts.rateLimitWait")
struct RateLimitWaitTests {
    static func account(_ yaml: String) throws -> AccountSettings {
        let config = try ConfigurationLoader.parse(yaml: accountYAML(extra: [yaml]))
        return try #require(config.accounts.first)
    }

    @Test("defaults to 2 s when timeouts or the key is absent")
    func defaultValue() throws {
        #expect(try Self.account("").rateLimitWait == .seconds(2))
        #expect(try Self.account("timeouts: {request: 5s}").rateLimitWait == .seconds(2))
        #expect(AccountSettings.defaultRateLimitWait == .seconds(2))
    }

    @Test("is read from timeouts, from 0s (never wait) up to 60s", arguments: [
        ("0s", Duration.zero), ("500ms", .milliseconds(500)), ("2s", .seconds(2)), ("1m", .seconds(60)),
    ])
    func parsed(text: String, value: Duration) throws {
        let account = try Self.account("timeouts: {request: 10s, operation: 6h, rateLimitWait: \(text)}")
        #expect(account.rateLimitWait == value)
        #expect(account.requestTimeout == .seconds(10))
    }

    @Test("out of range or not a duration is reported at its path", arguments: [
        ("61s", "must be between 0s and 1m (got 61s)"),
        ("2", "expected a duration"),
        ("-1s", "expected a duration"),
    ])
    func rejected(text: String, message: String) {
        let found = issues(accountYAML(extra: ["timeouts: {rateLimitWait: \(text)}"]))
        #expect(hasIssue(found, "accounts[0].timeouts.rateLimitWait", message), "\(found)")
    }

    @Test("unknown timeout keys name rateLimitWait among the valid ones")
    func validKeys() {
        let found = issues(accountYAML(extra: ["timeouts: {wait: 1s}"]))
        #expect(hasIssue(found, "accounts[0].timeouts.wait", "valid keys: request, operation, rateLimitWait"), "\(found)")
    }
}
