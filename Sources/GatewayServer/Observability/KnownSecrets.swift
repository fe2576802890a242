import GatewayConfiguration

/// Every secret value a configuration resolves to, for the `SecretRegistry`: provider access
/// key ids, secrets and session tokens, caller tokens given by reference, the webhook signing
/// secret and the PostgreSQL password. References that do not resolve are skipped (validation
/// reports them elsewhere).
enum KnownSecrets {
    static func collect(
        _ configuration: GatewayConfiguration, environment: [String: String], credentials: some Sequence<ResolvedCredentials>
    ) -> [String] {
        var values: [String] = []
        for resolved in credentials {
            values += [resolved.accessKeyId, resolved.secret] + (resolved.token.map { [$0] } ?? [])
        }
        for token in configuration.auth?.tokens ?? [] {
            if case .source(let source) = token.credential, let value = try? source.resolve(environment: environment) {
                values.append(value)
            }
        }
        if let webhook = try? configuration.webhooks?.resolveSecret(environment: environment) { values.append(webhook) }
        if let password = try? configuration.store.resolvePassword(environment: environment) { values.append(password) }
        return values
    }
}
