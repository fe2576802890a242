import Foundation
@testable import GatewayConfiguration
import GatewayCore
import Testing
import Yams

/// `webhooks:` decoded on its own (`ConfigurationDecoder.decodeWebhooks`), every issue with its path.
@Suite struct WebhookSettingsTests {
    /// The settings and issues of `yaml`, the body of a `webhooks:` section.
    func decode(_ yaml: String) throws -> (WebhookSettings, [ConfigurationIssue]) {
        var decoder = ConfigurationDecoder(availableProviders: Set(ProviderKind.allCases))
        let node = try #require(try Yams.compose(yaml: yaml))
        let settings = decoder.decodeWebhooks(node, at: "webhooks")
        return (settings, decoder.walker.issues)
    }

    @Test func defaults() throws {
        let (settings, issues) = try decode("{}")
        #expect(issues.isEmpty)
        #expect(settings == WebhookSettings())
        #expect(settings.secret == nil)
        #expect(settings.timeout == .seconds(5))
        #expect(settings.maxAttempts == 8)
        let (empty, none) = try decode("~")
        #expect(none.isEmpty)
        #expect(empty == WebhookSettings())
    }

    @Test func everyKey() throws {
        let (env, issues) = try decode("{secretEnv: WEBHOOK_SECRET, timeout: 1500ms, maxAttempts: 3}")
        #expect(issues.isEmpty)
        #expect(env == WebhookSettings(secret: .environment("WEBHOOK_SECRET"), timeout: .milliseconds(1500), maxAttempts: 3))
        let (file, fileIssues) = try decode("{secretFile: /run/secrets/webhook}")
        #expect(fileIssues.isEmpty)
        #expect(file.secret == .file("/run/secrets/webhook"))
    }

    @Test func refusals() throws {
        let (_, issues) = try decode("""
        secretEnv: "not a name"
        timeout: 2h
        maxAttempts: 0
        retries: 3
        """)
        #expect(hasIssue(issues, "webhooks.secretEnv", "not a valid environment variable name"))
        #expect(hasIssue(issues, "webhooks.timeout", "must be between 100ms and 1m"))
        #expect(hasIssue(issues, "webhooks.maxAttempts", "must be between 1 and 50 (got 0)"))
        #expect(hasIssue(issues, "webhooks.retries", "unknown key 'retries' (valid keys: secretEnv, secretFile, timeout, maxAttempts)"))
        #expect(issues.count == 4)

        let (_, both) = try decode("{secretEnv: A, secretFile: /x}")
        #expect(hasIssue(both, "webhooks", "both secretEnv and secretFile are set"))
        let (_, types) = try decode("{timeout: [1s], maxAttempts: many, secretFile: ''}")
        #expect(hasIssue(types, "webhooks.timeout", "expected a duration"))
        #expect(hasIssue(types, "webhooks.maxAttempts", "expected a whole number"))
        #expect(hasIssue(types, "webhooks.secretFile", "the file path cannot be empty"))
        let (_, notMapping) = try decode("[a]")
        #expect(hasIssue(notMapping, "webhooks", "expected a mapping"))
    }

    @Test("a literal secret is refused without being repeated")
    func literalSecret() throws {
        let (settings, issues) = try decode("{secret: s3cr3t-value, signingKey: other-value}")
        #expect(settings.secret == nil)
        #expect(hasIssue(issues, "webhooks.secret", "only accepted by reference: use secretEnv or secretFile"))
        #expect(hasIssue(issues, "webhooks.signingKey", "only accepted by reference"))
        #expect(!issues.contains { $0.message.contains("s3cr3t") || $0.message.contains("other-value") })
    }

    @Test("the secret resolves from its reference; a missing one names the reference only")
    func resolve() throws {
        let settings = WebhookSettings(secret: .environment("HOOK_SECRET"))
        #expect(try settings.resolveSecret(environment: ["HOOK_SECRET": "abc"]) == "abc")
        #expect(try WebhookSettings().resolveSecret(environment: [:]) == nil)
        let error = #expect(throws: ConfigurationError.self) { try settings.resolveSecret(environment: [:]) }
        #expect(error?.issues.first?.path == "webhooks.secretEnv")
        #expect(error?.issues.first?.message.contains("HOOK_SECRET") == true)
    }
}
