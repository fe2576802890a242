import Foundation
import GatewayConfiguration
import GatewayCore
import Logging
import ProviderSigning
import Providers

/// Account settings + resolved credentials → the driver of the account's provider kind.
enum DriverFactory {
    static let userAgent = "redis-backup-gateway/\(GatewayVersion.current)"

    /// One driver per account, each with its own rate limiter (`rateLimits` over the provider's
    /// defaults, waiting at most `timeouts.rateLimitWait`) and the default retry policy;
    /// `observer` sees every provider call (metrics).
    static func driver(
        for settings: AccountSettings, credentials: ResolvedCredentials, transport: ProviderTransport, redactor: Redactor,
        logger: Logger = Logger(label: "backup-gateway.providers"), observer: any ProviderCallObserver = NoProviderCallObserver()
    ) -> any ProviderDriver {
        let signing = SigningCredentials(accessKeyId: credentials.accessKeyId, secret: credentials.secret, sessionToken: credentials.token)
        let policy = callPolicy(for: settings, logger: logger, observer: observer)
        switch settings.provider {
        case .tencent:
            return TencentDriver(
                account: TencentAccount(
                    name: settings.name, region: settings.region, endpoint: settings.endpoint,
                    credentials: signing, requestTimeout: settings.requestTimeout, callPolicy: policy
                ),
                transport: transport, redactor: redactor, userAgent: userAgent
            )
        case .alibaba:
            return AlibabaDriver(
                account: AlibabaAccount(
                    name: settings.name, region: settings.region, endpoint: settings.endpoint, credentials: signing,
                    signatureVersion: AlibabaAccount.SignatureVersion(rawValue: settings.signatureVersion ?? "acs3") ?? .acs3,
                    requestTimeout: settings.requestTimeout, callPolicy: policy
                ),
                transport: transport, redactor: redactor, userAgent: userAgent
            )
        case .huawei:
            return HuaweiDriver(
                account: HuaweiAccount(
                    name: settings.name, region: settings.region, projectId: settings.projectId ?? "",
                    endpoint: settings.endpoint, credentials: signing,
                    apiVersion: HuaweiAccount.APIVersion(rawValue: settings.apiVersion ?? "v2") ?? .v2,
                    requestTimeout: settings.requestTimeout, callPolicy: policy
                ),
                transport: transport, redactor: redactor, userAgent: userAgent
            )
        case .tencentLegacy:
            return TencentLegacyDriver(
                account: TencentLegacyAccount(
                    name: settings.name, region: settings.region, endpoint: settings.endpoint, credentials: signing,
                    signatureMethod: TencentV2Signer.Method(rawValue: settings.signatureMethod ?? "HmacSHA1") ?? .hmacSHA1,
                    requestTimeout: settings.requestTimeout, callPolicy: policy
                ),
                transport: transport, redactor: redactor, userAgent: userAgent
            )
        }
    }

    /// The provider's default limits (requests per second per action; see each account type's
    /// `defaultRateLimits` for the sources).
    static func defaultRateLimits(for provider: ProviderKind) -> [String: Double] {
        switch provider {
        case .tencent: TencentAccount.defaultRateLimits
        case .tencentLegacy: TencentLegacyAccount.defaultRateLimits
        case .alibaba: AlibabaAccount.defaultRateLimits
        case .huawei: HuaweiAccount.defaultRateLimits
        }
    }

    /// The account's call policy: a fresh limiter at its configured limits merged over the
    /// provider's defaults.
    static func callPolicy(
        for settings: AccountSettings, logger: Logger, observer: any ProviderCallObserver = NoProviderCallObserver()
    ) -> ProviderCallPolicy {
        let limits = ProviderCallPolicy.mergedLimits(configured: settings.rateLimits, defaults: defaultRateLimits(for: settings.provider))
        return ProviderCallPolicy(
            account: settings.name, limits: limits, rateLimitWait: settings.rateLimitWait, logger: logger, observer: observer
        )
    }

    /// The kinds this build has drivers for, with their static capabilities.
    static let available: [ProviderKind: Capabilities] = [
        .tencent: TencentDriver.capabilities,
        .alibaba: AlibabaDriver.capabilities,
        .huawei: HuaweiDriver.capabilities(apiVersion: .v2),
        .tencentLegacy: TencentLegacyDriver.capabilities,
    ]
}

/// The gateway's version, reported by `backup-gateway version` and in the provider user agent.
public enum GatewayVersion {
    public static let current = "0.3.0"
}
