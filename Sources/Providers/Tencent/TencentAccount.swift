import Foundation
import GatewayCore
import ProviderSigning

/// One configured Tencent Cloud account as the driver needs it.
public struct TencentAccount: Sendable {
    public var name: String
    public var region: String
    /// `https://redis.tencentcloudapi.com` unless overridden.
    public var endpoint: URL
    public var credentials: SigningCredentials
    /// The deadline of one provider call.
    public var requestTimeout: Duration
    /// Rate limiter, retries and their logging of this account's calls.
    public var callPolicy: ProviderCallPolicy

    /// `callPolicy` nil: a fresh limiter at `defaultRateLimits`, the default retry policy.
    public init(
        name: String, region: String, endpoint: URL? = nil, credentials: SigningCredentials, requestTimeout: Duration = .seconds(10),
        callPolicy: ProviderCallPolicy? = nil
    ) {
        self.name = name
        self.region = region
        self.endpoint = endpoint ?? Self.defaultEndpoint(region: region)
        self.credentials = credentials
        self.requestTimeout = requestTimeout
        self.callPolicy = callPolicy ?? ProviderCallPolicy(account: name, limits: Self.defaultRateLimits)
    }

    /// Requests per second per action, per account, as Tencent Cloud documents them for the
    /// Redis API 3.0 on each action's API page (`tencent.md` §4 and §8): ManualBackupInstance,
    /// RestoreInstance, DescribeTaskInfo, DescribeBackupUrl 20/s; DescribeInstanceBackups 50/s
    /// and DescribeInstances 35/s on the current Chinese pages but 20/s on older English ones —
    /// the pages disagree, so the lower number is taken. DescribeTaskList (no number found) and
    /// every other action: 20/s (`default`).
    public static let defaultRateLimits: [String: Double] = [
        "ManualBackupInstance": 20,
        "RestoreInstance": 20,
        "DescribeInstanceBackups": 20,
        "DescribeTaskInfo": 20,
        "DescribeInstances": 20,
        "DescribeTaskList": 20,
        "DescribeBackupUrl": 20,
        "default": 20,
    ]

    /// The nearest-region host, except for financial regions, which only the regional host serves.
    public static func defaultEndpoint(region: String) -> URL {
        if region.hasSuffix("-fsi") {
            return URL(string: "https://redis.\(region).tencentcloudapi.com")!
        }
        return URL(string: "https://redis.tencentcloudapi.com")!
    }
}
