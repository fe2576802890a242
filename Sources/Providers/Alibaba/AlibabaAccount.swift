import Foundation
import GatewayCore
import ProviderSigning

/// One configured Alibaba Cloud account as the driver needs it.
public struct AlibabaAccount: Sendable {
    /// `acs3` (ACS3-HMAC-SHA256, the default) or `v1` (RPC signature v1, HMAC-SHA1).
    public enum SignatureVersion: String, Sendable {
        case acs3
        case v1
    }

    public var name: String
    public var region: String
    public var endpoint: URL
    public var credentials: SigningCredentials
    public var signatureVersion: SignatureVersion
    public var requestTimeout: Duration
    /// Rate limiter, retries and their logging of this account's calls.
    public var callPolicy: ProviderCallPolicy

    /// `callPolicy` nil: a fresh limiter at `defaultRateLimits`, the default retry policy.
    public init(
        name: String, region: String, endpoint: URL? = nil, credentials: SigningCredentials,
        signatureVersion: SignatureVersion = .acs3, requestTimeout: Duration = .seconds(10),
        callPolicy: ProviderCallPolicy? = nil
    ) {
        self.name = name
        self.region = region
        self.endpoint = endpoint ?? Self.defaultEndpoint(region: region)
        self.credentials = credentials
        self.signatureVersion = signatureVersion
        self.requestTimeout = requestTimeout
        self.callPolicy = callPolicy ?? ProviderCallPolicy(account: name, limits: Self.defaultRateLimits)
    }

    /// Requests per second per action, per account. R-KVStore's quotas are not published
    /// (`alibaba.md` §8: per-API, per-account quotas, see Quota Center → API Rate Limits;
    /// excess is `Throttling.User` / `Throttling.Api`), so a conservative 10/s per action.
    /// Raise it with `rateLimits:` when the account's Quota Center shows more.
    public static let defaultRateLimits: [String: Double] = ["default": 10]

    /// Regions served by the central host (`alibaba.md` §1.1); every other region has its own.
    static let centralRegions: Set<String> = [
        "cn-hangzhou", "cn-shanghai", "cn-qingdao", "cn-beijing", "cn-shenzhen", "cn-heyuan", "cn-wulanchabu",
        "cn-hangzhou-finance", "cn-shanghai-finance-1", "cn-shenzhen-finance-1", "cn-north-2-gov-1",
    ]

    /// `https://r-kvstore.aliyuncs.com` for the central regions, `https://r-kvstore.<region>.aliyuncs.com` otherwise.
    public static func defaultEndpoint(region: String) -> URL {
        if centralRegions.contains(region) {
            return URL(string: "https://r-kvstore.aliyuncs.com")!
        }
        return URL(string: "https://r-kvstore.\(region).aliyuncs.com")!
    }
}
