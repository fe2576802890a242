import Foundation
import GatewayConfiguration
import GatewayCore
import ProviderSigning
import Providers

/// Account settings + resolved credentials → the driver of the account's provider kind.
enum DriverFactory {
    static let userAgent = "redis-backup-gateway/\(GatewayVersion.current)"

    static func driver(
        for settings: AccountSettings, credentials: ResolvedCredentials, transport: ProviderTransport, redactor: Redactor
    ) -> any ProviderDriver {
        let signing = SigningCredentials(accessKeyId: credentials.accessKeyId, secret: credentials.secret, sessionToken: credentials.token)
        switch settings.provider {
        case .tencent:
            return TencentDriver(
                account: TencentAccount(
                    name: settings.name, region: settings.region, endpoint: settings.endpoint,
                    credentials: signing, requestTimeout: settings.requestTimeout
                ),
                transport: transport, redactor: redactor, userAgent: userAgent
            )
        case .alibaba:
            return AlibabaDriver(
                account: AlibabaAccount(
                    name: settings.name, region: settings.region, endpoint: settings.endpoint, credentials: signing,
                    signatureVersion: AlibabaAccount.SignatureVersion(rawValue: settings.signatureVersion ?? "acs3") ?? .acs3,
                    requestTimeout: settings.requestTimeout
                ),
                transport: transport, redactor: redactor, userAgent: userAgent
            )
        case .huawei:
            return HuaweiDriver(
                account: HuaweiAccount(
                    name: settings.name, region: settings.region, projectId: settings.projectId ?? "",
                    endpoint: settings.endpoint, credentials: signing,
                    apiVersion: HuaweiAccount.APIVersion(rawValue: settings.apiVersion ?? "v2") ?? .v2,
                    requestTimeout: settings.requestTimeout
                ),
                transport: transport, redactor: redactor, userAgent: userAgent
            )
        case .tencentLegacy:
            return TencentLegacyDriver(
                account: TencentLegacyAccount(
                    name: settings.name, region: settings.region, endpoint: settings.endpoint, credentials: signing,
                    signatureMethod: TencentV2Signer.Method(rawValue: settings.signatureMethod ?? "HmacSHA1") ?? .hmacSHA1,
                    requestTimeout: settings.requestTimeout
                ),
                transport: transport, redactor: redactor, userAgent: userAgent
            )
        }
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
    public static let current = "0.1.0"
}
