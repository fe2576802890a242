/// `webhooks:` section: how the gateway POSTs an operation's end to the `callbackUrl` a caller
/// gave. The signing secret is a reference (environment variable or file), never a value.
public struct WebhookSettings: Sendable, Hashable {
    /// The HMAC-SHA256 key of `X-Gateway-Signature` (`secretEnv` / `secretFile`). Without it,
    /// deliveries carry no signature header.
    public var secret: SecretSource?
    /// One delivery attempt, connect to last response byte. 100ms...60s, default 5s.
    public var timeout: Duration
    /// Attempts before a delivery is abandoned. 1...50, default 8.
    public var maxAttempts: Int

    public static let timeoutRange: ClosedRange<Duration> = .milliseconds(100) ... .seconds(60)
    public static let maxAttemptsRange: ClosedRange<Int> = 1...50

    public init(secret: SecretSource? = nil, timeout: Duration = .seconds(5), maxAttempts: Int = 8) {
        self.secret = secret
        self.timeout = timeout
        self.maxAttempts = maxAttempts
    }

    /// Reads the signing secret, if one is configured. A missing variable or unreadable file is
    /// an issue at `webhooks.secretEnv` / `webhooks.secretFile` naming it, never its value.
    public func resolveSecret(environment: [String: String], pathPrefix: String = "webhooks") throws(ConfigurationError) -> String? {
        guard let secret else { return nil }
        return try secret.resolve(environment: environment, path: "\(pathPrefix).secret\(secret.keySuffix)")
    }
}
