import Foundation
import GatewayCore
import ProviderSigning

/// One account still on Tencent Cloud's legacy CRS API 2.0.
public struct TencentLegacyAccount: Sendable {
    public var name: String
    /// As the account's legacy calls used it: `gz`, `sh`, … or `ap-guangzhou`.
    public var region: String
    /// `https://redis.api.qcloud.com` unless overridden; calls go to `<endpoint>/v2/index.php`.
    public var endpoint: URL
    public var credentials: SigningCredentials
    public var signatureMethod: TencentV2Signer.Method
    public var requestTimeout: Duration
    /// Rate limiter, retries and their logging of this account's calls.
    public var callPolicy: ProviderCallPolicy

    /// `callPolicy` nil: a fresh limiter at `defaultRateLimits`, the default retry policy.
    public init(
        name: String, region: String, endpoint: URL? = nil, credentials: SigningCredentials,
        signatureMethod: TencentV2Signer.Method = .hmacSHA1, requestTimeout: Duration = .seconds(10),
        callPolicy: ProviderCallPolicy? = nil
    ) {
        self.name = name
        self.region = region
        self.endpoint = endpoint ?? URL(string: "https://redis.api.qcloud.com")!
        self.credentials = credentials
        self.signatureMethod = signatureMethod
        self.requestTimeout = requestTimeout
        self.callPolicy = callPolicy ?? ProviderCallPolicy(account: name, limits: Self.defaultRateLimits)
    }

    /// Requests per second per action, per account. The legacy API publishes no per-second
    /// numbers (`tencent.md` §8 only says ManualBackupInstance ≤ ~24 calls a day is recommended
    /// and that excess is code 4400); the API 3.0 limits of the same actions (20/s) are used.
    public static let defaultRateLimits: [String: Double] = ["default": 20]
}
