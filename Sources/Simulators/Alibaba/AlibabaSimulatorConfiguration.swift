import Foundation

/// An AccessKey the Alibaba simulator accepts.
public struct AlibabaSimulatorCredential: Sendable, Hashable {
    public var accessKeyId: String
    public var secret: String
    /// Non-nil for a temporary (STS) credential: every request must then carry exactly this
    /// token (`SecurityToken` in v1, `x-acs-security-token` in ACS3).
    public var securityToken: String?

    public init(accessKeyId: String, secret: String, securityToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secret = secret
        self.securityToken = securityToken
    }
}

/// How backup jobs (`NoStart → Preparing → Waiting → Uploading → Checking → Finished`) and
/// in-place restores (`BackupRecovering → Normal`) advance.
public enum AlibabaJobProgression: Sendable, Equatable {
    /// Driven by polls: every `DescribeBackupTasks`, `DescribeBackups` or
    /// `DescribeClusterBackupList` that touches a running job moves it one step, every
    /// `DescribeInstanceAttribute` of a recovering instance moves its restore one step. Poll
    /// number `steps` reports the end; earlier polls report the stages evenly spread
    /// (`steps: 6` → NoStart, Preparing, Waiting, Uploading, Checking, Finished;
    /// `steps: 3` → NoStart, Waiting, Finished). `steps ≤ 1` → the first poll reports the end.
    case perPoll(steps: Int)
    /// Driven by the configured clock: a job or restore ends this long after it started; the
    /// stages in between are spread evenly over the interval.
    case timed(Duration)
    /// Jobs and restores end as soon as they are created.
    case immediate
}

/// Everything an `AlibabaSimulator` is configured with.
public struct AlibabaSimulatorConfiguration: Sendable {
    /// Accepted keys; an unknown AccessKeyId gets `InvalidAccessKeyId.NotFound`.
    public var credentials: [AlibabaSimulatorCredential]
    /// The region the endpoint serves (instances of other regions are not found).
    public var regionId: String
    public var progression: AlibabaJobProgression
    /// Per-AccessKeyId, per-action token buckets at `rateLimits` → `Throttling.User`.
    public var enforceRateLimits: Bool
    /// Requests per second per action. R-kvstore's real quotas are not public; these are the
    /// simulator's own.
    public var rateLimits: [String: Int]
    /// "Now": the signature window, nonce memory, job timing, backup times, request records.
    public var clock: @Sendable () -> Date
    /// The id of the first backup job created (ids count up from it).
    public var firstJobId: Int
    /// The id of the first backup set created (ids count up from it).
    public var firstBackupId: Int64

    /// The simulator's default per-action limits (requests per second).
    public static let defaultRateLimits: [String: Int] = [
        "CreateBackup": 10,
        "RestoreInstance": 10,
        "DescribeBackupTasks": 50,
        "DescribeBackups": 50,
        "DescribeClusterBackupList": 50,
        "DescribeInstanceAttribute": 50,
        "DescribeBackupPolicy": 50,
        "DescribeInstances": 50,
    ]

    public init(
        credentials: [AlibabaSimulatorCredential] = [],
        regionId: String = "cn-hangzhou",
        progression: AlibabaJobProgression = .perPoll(steps: 3),
        enforceRateLimits: Bool = false,
        rateLimits: [String: Int] = AlibabaSimulatorConfiguration.defaultRateLimits,
        clock: @escaping @Sendable () -> Date = { Date() },
        firstJobId: Int = 10_000,
        firstBackupId: Int64 = 1_651_234_550
    ) {
        self.credentials = credentials
        self.regionId = regionId
        self.progression = progression
        self.enforceRateLimits = enforceRateLimits
        self.rateLimits = rateLimits
        self.clock = clock
        self.firstJobId = firstJobId
        self.firstBackupId = firstBackupId
    }

    func credential(accessKeyId: String) -> AlibabaSimulatorCredential? {
        credentials.first { $0.accessKeyId == accessKeyId }
    }
}
