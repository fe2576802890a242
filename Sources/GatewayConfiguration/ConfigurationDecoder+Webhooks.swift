import Yams

/// `webhooks:`: the signing secret by reference (`secretEnv` or `secretFile`), the timeout of
/// one attempt and the number of attempts. A literal secret is refused without being repeated.
extension ConfigurationDecoder {
    static let webhookKeys = ["secretEnv", "secretFile", "timeout", "maxAttempts"]

    mutating func decodeWebhooks(_ node: Node, at path: String) -> WebhookSettings {
        var settings = WebhookSettings()
        guard let fields = walker.fields(node, at: path, keys: Self.webhookKeys, unknownKey: { key in
            Self.literalSecretMessage(for: key) != nil
                ? "the webhook signing secret is only accepted by reference: use secretEnv or secretFile" : nil
        }) else { return settings }

        if case .present(let source) = secretReference(fields, prefix: "secret", at: path, what: "the webhook signing secret") {
            settings.secret = source
        }
        if let timeout = walker.duration(fields, "timeout", range: WebhookSettings.timeoutRange) {
            settings.timeout = timeout
        }
        if let attempts = walker.integer(fields, "maxAttempts", in: WebhookSettings.maxAttemptsRange) { settings.maxAttempts = attempts }
        return settings
    }
}
