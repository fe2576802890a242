@testable import GatewayConfiguration
import GatewayCore

/// The issues `yaml` produces (empty when it parses).
func issues(_ yaml: String, available: Set<ProviderKind>? = nil) -> [ConfigurationIssue] {
    do {
        if let available {
            _ = try ConfigurationLoader.parse(yaml: yaml, availableProviders: available)
        } else {
            _ = try ConfigurationLoader.parse(yaml: yaml)
        }
        return []
    } catch {
        return error.issues
    }
}

/// True when one issue has exactly `path` and a message containing `message`.
func hasIssue(_ issues: [ConfigurationIssue], _ path: String, _ message: String) -> Bool {
    issues.contains { $0.path == path && $0.message.contains(message) }
}

/// A valid one-account file; `extra` lines are appended to the account (indented 4 spaces).
func accountYAML(provider: String = "tencent", extra: [String] = [], credentials: String = "{idEnv: ID, secretEnv: SECRET}") -> String {
    """
    accounts:
      - name: main
        provider: \(provider)
        region: ap-guangzhou
        credentials: \(credentials)
        instances: ["crs-*"]
    \(extra.map { "    " + $0 }.joined(separator: "\n"))
    """
}
