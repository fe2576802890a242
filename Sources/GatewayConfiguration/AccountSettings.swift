import Foundation
import GatewayCore

/// One provider account (`accounts[i]`): where to call, with which credentials, for which
/// instances, and how fast.
public struct AccountSettings: Sendable, Hashable {
    /// `^[a-z0-9][a-z0-9-]{0,62}$`, unique in the file.
    public var name: String
    public var provider: ProviderKind
    /// The provider's region id, e.g. `ap-guangzhou`.
    public var region: String
    /// Overrides the provider's endpoint: `https://…`, or `http://` on a loopback host only.
    public var endpoint: URL?
    /// Huawei only (required there): the 32-hex-character project id.
    public var projectId: String?
    /// Alibaba only: `v1` or `acs3` (the default).
    public var signatureVersion: String?
    /// Tencent legacy API only: `HmacSHA1` (the default) or `HmacSHA256`.
    public var signatureMethod: String?
    /// Huawei only: `v2` (the default) or `v1.0`.
    public var apiVersion: String?
    public var credentials: CredentialReferences
    /// Exact instance ids and glob patterns (`*`, `?`) this account serves.
    public var instances: [String]
    /// Provider requests per second, per action name or `default`.
    public var rateLimits: [String: Double]
    /// Deadline of one provider call (`timeouts.request`).
    public var requestTimeout: Duration
    /// Deadline of one whole backup or restore (`timeouts.operation`).
    public var operationTimeout: Duration
    /// The longest one provider call waits for its turn under `rateLimits`
    /// (`timeouts.rateLimitWait`); a call whose turn is further away is answered 429 with
    /// `Retry-After` at once. `0s`: never wait.
    public var rateLimitWait: Duration
    /// Where operations of this account are POSTed when they end, unless the request names a
    /// `callbackUrl` (needs the `webhooks` section).
    public var webhookUrl: String?

    public static let defaultRequestTimeout: Duration = .seconds(10)
    public static let defaultOperationTimeout: Duration = .seconds(6 * 3600)
    public static let requestTimeoutRange: ClosedRange<Duration> = .milliseconds(100) ... .seconds(300)
    public static let operationTimeoutRange: ClosedRange<Duration> = .seconds(60) ... .seconds(7 * 86_400)
    public static let defaultRateLimitWait: Duration = .seconds(2)
    public static let rateLimitWaitRange: ClosedRange<Duration> = .zero ... .seconds(60)

    /// Provider-specific settings left nil take the provider's default (`acs3`, `HmacSHA1`,
    /// `v2`); they stay nil for other providers.
    public init(
        name: String, provider: ProviderKind, region: String, endpoint: URL? = nil, projectId: String? = nil,
        signatureVersion: String? = nil, signatureMethod: String? = nil, apiVersion: String? = nil,
        credentials: CredentialReferences, instances: [String], rateLimits: [String: Double] = [:],
        requestTimeout: Duration = AccountSettings.defaultRequestTimeout,
        operationTimeout: Duration = AccountSettings.defaultOperationTimeout,
        rateLimitWait: Duration = AccountSettings.defaultRateLimitWait, webhookUrl: String? = nil
    ) {
        self.name = name
        self.provider = provider
        self.region = region
        self.endpoint = endpoint
        self.projectId = projectId
        self.signatureVersion = signatureVersion ?? (provider == .alibaba ? "acs3" : nil)
        self.signatureMethod = signatureMethod ?? (provider == .tencentLegacy ? "HmacSHA1" : nil)
        self.apiVersion = apiVersion ?? (provider == .huawei ? "v2" : nil)
        self.credentials = credentials
        self.instances = instances
        self.rateLimits = rateLimits
        self.requestTimeout = requestTimeout
        self.operationTimeout = operationTimeout
        self.rateLimitWait = rateLimitWait
        self.webhookUrl = webhookUrl
    }

    /// The rate limit for `action`: its own entry, else `default`, else nil (unlimited).
    public func rateLimit(for action: String) -> Double? {
        rateLimits[action] ?? rateLimits["default"]
    }

    /// Reads the account's credentials. Every unresolvable reference is reported (not just
    /// the first), at `pathPrefix.credentials.secretEnv` and the like; `pathPrefix` defaults
    /// to `accounts[NAME]`. No value ever appears in an error.
    public func resolveCredentials(
        environment: [String: String], pathPrefix: String? = nil
    ) throws(ConfigurationError) -> ResolvedCredentials {
        let base = "\(pathPrefix ?? "accounts[\(name)]").credentials."
        var issues: [ConfigurationIssue] = []
        func read(_ source: SecretSource, role: String) -> String? {
            do {
                return try source.resolve(environment: environment, path: base + role + source.keySuffix)
            } catch {
                issues += error.issues
                return nil
            }
        }
        let id = read(credentials.id, role: "id")
        let secret = read(credentials.secret, role: "secret")
        let token = credentials.token.flatMap { read($0, role: "token") }
        guard issues.isEmpty, let id, let secret else { throw ConfigurationError(issues: issues) }
        return ResolvedCredentials(accessKeyId: id, secret: secret, token: token)
    }
}

/// `credentials:` of an account: references to the access key id, the secret and an
/// optional session token.
public struct CredentialReferences: Sendable, Hashable {
    public var id: SecretSource
    public var secret: SecretSource
    public var token: SecretSource?

    public init(id: SecretSource, secret: SecretSource, token: SecretSource? = nil) {
        self.id = id
        self.secret = secret
        self.token = token
    }
}
