import Foundation
import GatewayCore
import ProviderSigning

/// One configured Huawei Cloud account (a region's project) as the DCS driver needs it.
public struct HuaweiAccount: Sendable {
    /// DCS API generation: `v2` (default) or the legacy `v1.0`.
    public enum APIVersion: String, Sendable {
        case v2
        case v1_0 = "v1.0"
    }

    public var name: String
    public var region: String
    /// 32 hex characters; the first path segment of every call.
    public var projectId: String
    public var endpoint: URL
    public var credentials: SigningCredentials
    public var apiVersion: APIVersion
    public var requestTimeout: Duration
    /// Rate limiter, retries and their logging of this account's calls. Huawei's actions are
    /// named `ShowInstance`, `CreateBackup`, `ListBackups`, `RestoreInstance`, `ListRestores`
    /// (from method and path) for `rateLimits:`.
    public var callPolicy: ProviderCallPolicy

    /// `callPolicy` nil: a fresh limiter at `defaultRateLimits`, the default retry policy.
    public init(
        name: String, region: String, projectId: String, endpoint: URL? = nil, credentials: SigningCredentials,
        apiVersion: APIVersion = .v2, requestTimeout: Duration = .seconds(10), callPolicy: ProviderCallPolicy? = nil
    ) {
        self.name = name
        self.region = region
        self.projectId = projectId
        self.endpoint = endpoint ?? URL(string: "https://dcs.\(region).myhuaweicloud.com")!
        self.credentials = credentials
        self.apiVersion = apiVersion
        self.requestTimeout = requestTimeout
        self.callPolicy = callPolicy ?? ProviderCallPolicy(account: name, limits: Self.defaultRateLimits)
    }

    /// Requests per second per action, per account. DCS publishes no numbers; API Gateway's
    /// default is 200/s per API, but stricter per-user and per-IP policies apply and show up in
    /// `APIGW.0308` (`huawei.md` §6: e.g. "limit:100,time:1 minute"), so a conservative 10/s.
    public static let defaultRateLimits: [String: Double] = ["default": 10]
}
