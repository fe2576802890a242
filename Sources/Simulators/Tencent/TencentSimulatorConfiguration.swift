import Foundation

/// An API key the Tencent simulator accepts.
public struct TencentSimulatorCredential: Sendable, Hashable {
    public var secretId: String
    public var secretKey: String
    /// Non-nil for temporary (STS) credentials: requests must then send this `X-TC-Token`.
    public var token: String?

    public init(secretId: String, secretKey: String, token: String? = nil) {
        self.secretId = secretId
        self.secretKey = secretKey
        self.token = token
    }
}

/// How simulated tasks move from `preparing` through `running` to their end.
public enum TencentTaskProgression: Sendable, Equatable {
    /// Driven by `DescribeTaskInfo`: the n-th call for a task moves it one step and reports the
    /// new state; the first reports `preparing`, the following ones `running`, and call number
    /// `steps` reports the end (`succeed`, or `failed` for a `failTask` fault).
    /// `steps: 3` → preparing, running, succeed. `steps ≤ 1` → the first call reports the end.
    case perPoll(steps: Int)
    /// Driven by the configured clock: `preparing` for the first interval after the start,
    /// `running` for the second, then the end.
    case timed(preparing: Duration, running: Duration)
    /// Tasks end as soon as they are created.
    case immediate
}

/// Everything a `TencentSimulator` is configured with.
public struct TencentSimulatorConfiguration: Sendable {
    /// Accepted keys; an unknown SecretId gets `AuthFailure.SecretIdNotFound`.
    public var credentials: [TencentSimulatorCredential]
    /// Served regions; any other `X-TC-Region` gets `UnsupportedRegion`.
    public var regions: Set<String>
    public var taskProgression: TencentTaskProgression
    /// Per-SecretId, per-action token buckets at `rateLimits` → `RequestLimitExceeded`.
    public var enforceRateLimits: Bool
    /// Requests per second per action (Tencent's documented limits by default).
    public var rateLimits: [String: Int]
    /// "Now": signature window, task timing, backup times, request records.
    public var clock: @Sendable () -> Date
    /// The id of the first task created (ids count up from it).
    public var firstTaskId: Int

    /// Tencent's documented per-action limits (requests per second).
    public static let documentedRateLimits: [String: Int] = [
        "ManualBackupInstance": 20,
        "RestoreInstance": 20,
        "DescribeTaskInfo": 20,
        "DescribeInstanceBackups": 50,
        "DescribeInstances": 35,
        "DescribeTaskList": 100,
    ]

    public init(
        credentials: [TencentSimulatorCredential] = [],
        regions: Set<String> = ["ap-guangzhou"],
        taskProgression: TencentTaskProgression = .perPoll(steps: 3),
        enforceRateLimits: Bool = true,
        rateLimits: [String: Int] = TencentSimulatorConfiguration.documentedRateLimits,
        clock: @escaping @Sendable () -> Date = { Date() },
        firstTaskId: Int = 6_954_227
    ) {
        self.firstTaskId = firstTaskId
        self.credentials = credentials
        self.regions = regions
        self.taskProgression = taskProgression
        self.enforceRateLimits = enforceRateLimits
        self.rateLimits = rateLimits
        self.clock = clock
    }

    func credential(secretId: String) -> TencentSimulatorCredential? {
        credentials.first { $0.secretId == secretId }
    }
}
