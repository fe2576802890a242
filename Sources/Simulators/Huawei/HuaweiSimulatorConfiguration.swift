import Foundation

/// An AK/SK pair the Huawei simulator accepts.
public struct HuaweiSimulatorCredential: Sendable, Hashable {
    public var accessKey: String
    public var secretKey: String
    /// Non-nil for a temporary (STS) credential: every request must then send exactly this
    /// token as `X-Security-Token` and list `x-security-token` in SignedHeaders.
    public var securityToken: String?

    public init(accessKey: String, secretKey: String, securityToken: String? = nil) {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.securityToken = securityToken
    }
}

/// How backups (`waiting → backuping → succeed`) and restores (`waiting → restoring →
/// succeed`) advance.
public enum HuaweiTaskProgression: Sendable, Equatable {
    /// Driven by polls: every list call of the instance (`ListBackups` for backups,
    /// `ListRestores` for restores) moves each of its running records one step. Poll number
    /// `steps` reports the end; earlier polls report the two running stages evenly spread
    /// (`steps: 3` → waiting, backuping, succeed; `steps: 2` → waiting, succeed).
    /// `steps ≤ 1` → the first poll reports the end.
    case perPoll(steps: Int)
    /// Driven by the configured clock: a record ends this long after it was created; the first
    /// half it is `waiting`, the second half `backuping`/`restoring`.
    case timed(Duration)
    /// Records end as soon as they are created.
    case immediate
}

/// Everything a `HuaweiSimulator` is configured with.
public struct HuaweiSimulatorConfiguration: Sendable {
    /// Accepted keys; an unknown AK gets 401 `APIGW.0301 "ak … not exist"`.
    public var credentials: [HuaweiSimulatorCredential]
    /// The 32-hex project the endpoint serves; the first path segment after the version must
    /// equal it.
    public var projectId: String
    /// The region the endpoint stands for (`dcs.{region}.myhuaweicloud.com`); informational.
    public var region: String
    public var progression: HuaweiTaskProgression
    /// Per-AK, per-action token buckets at `rateLimits` → 429 `APIGW.0308`.
    public var enforceRateLimits: Bool
    /// Requests per minute per action. DCS publishes no numbers; these are the simulator's own
    /// (in the range public code records for other Huawei services).
    public var rateLimits: [String: Int]
    /// What a v2 list answers when the instance has no record at all in the window: 204 with
    /// no body (the documented answer, the default), or 200 with `total_num: 0` and an empty
    /// array (what is probably seen in practice). Any value other than 200 means 204. v1.0
    /// lists always answer 200.
    public var emptyListStatus: Int
    /// "Now": the ±15-minute signature window, the AK lockout, task timing, record times,
    /// request records.
    public var clock: @Sendable () -> Date

    /// The project of huawei.md's vectors, used when none is given.
    public static let defaultProjectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"

    /// The simulator's default per-action limits (requests per minute).
    public static let defaultRateLimits: [String: Int] = [
        "CreateBackup": 10,
        "Restore": 10,
        "ListBackups": 100,
        "ListRestores": 100,
        "ShowInstance": 100,
    ]

    public init(
        credentials: [HuaweiSimulatorCredential] = [],
        projectId: String = HuaweiSimulatorConfiguration.defaultProjectId,
        region: String = "ap-southeast-1",
        progression: HuaweiTaskProgression = .perPoll(steps: 3),
        enforceRateLimits: Bool = false,
        rateLimits: [String: Int] = HuaweiSimulatorConfiguration.defaultRateLimits,
        emptyListStatus: Int = 204,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credentials = credentials
        self.projectId = projectId
        self.region = region
        self.progression = progression
        self.enforceRateLimits = enforceRateLimits
        self.rateLimits = rateLimits
        self.emptyListStatus = emptyListStatus
        self.clock = clock
    }

    func credential(accessKey: String) -> HuaweiSimulatorCredential? {
        credentials.first { $0.accessKey == accessKey }
    }
}
