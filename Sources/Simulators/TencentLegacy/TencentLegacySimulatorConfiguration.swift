import Foundation

/// Where a Redis module error's number goes in the API 2.0 envelope (tencent.md §6.2 — the
/// documentation leaves it open; public samples show shape (a)).
public enum TencentLegacyModuleErrorShape: Sendable, Equatable {
    /// (a) a common code in `code` (4000 for 11201, 5100 otherwise), the module number as a
    /// `(NNNNN)` prefix of `message`, the business name in `codeDesc`:
    /// `{"code": 5100, "message": "(10701)instance not exists", "codeDesc": "InstanceNotExists"}`.
    case commonCodeWithPrefix
    /// (b) the module number itself in `code`, the plain text in `message`:
    /// `{"code": 10701, "message": "instance not exists", "codeDesc": "InstanceNotExists"}`.
    case moduleCode
}

/// Everything a `TencentLegacySimulator` is configured with.
public struct TencentLegacySimulatorConfiguration: Sendable {
    /// Accepted keys (unknown SecretId → 4104); a credential with a `token` is temporary and
    /// needs that value in the signed `Token` parameter (→ 4105 otherwise).
    public var credentials: [TencentSimulatorCredential]
    /// Served `Region` values (`gz`-style short codes and `ap-guangzhou`-style names); any other
    /// → 4000. Short codes name the same region as their long form for instance lookup.
    public var regions: Set<String>
    public var taskProgression: TencentTaskProgression
    /// Which envelope shape module errors (107xx, 112xx) use.
    public var moduleErrorShape: TencentLegacyModuleErrorShape
    /// Seconds a `Timestamp` may be off the clock (and how long a `Nonce` is remembered): 300.
    public var timestampWindow: TimeInterval
    /// `ManualBackupInstance` calls per account in any 24 hours of the clock before 4400;
    /// nil (default) = unlimited. Tencent recommends ≤ ~24 a day.
    public var manualBackupDailyLimit: Int?
    /// "Now": the signature window, nonce memory, task timing, backup times, request records.
    public var clock: @Sendable () -> Date
    /// The id of the first task created (ids count up from it).
    public var firstTaskId: Int

    public init(
        credentials: [TencentSimulatorCredential] = [],
        regions: Set<String> = ["gz", "ap-guangzhou"],
        taskProgression: TencentTaskProgression = .perPoll(steps: 3),
        moduleErrorShape: TencentLegacyModuleErrorShape = .commonCodeWithPrefix,
        timestampWindow: TimeInterval = 300,
        manualBackupDailyLimit: Int? = nil,
        clock: @escaping @Sendable () -> Date = { Date() },
        firstTaskId: Int = 375_062
    ) {
        self.credentials = credentials
        self.regions = regions
        self.taskProgression = taskProgression
        self.moduleErrorShape = moduleErrorShape
        self.timestampWindow = timestampWindow
        self.manualBackupDailyLimit = manualBackupDailyLimit
        self.clock = clock
        self.firstTaskId = firstTaskId
    }

    func credential(secretId: String) -> TencentSimulatorCredential? {
        credentials.first { $0.secretId == secretId }
    }

    /// Legacy short region codes → API 3.0 region names (tencent.md §1).
    static let shortRegions: [String: String] = [
        "gz": "ap-guangzhou", "sh": "ap-shanghai", "bj": "ap-beijing", "hk": "ap-hongkong", "ca": "na-toronto",
        "cd": "ap-chengdu", "cq": "ap-chongqing", "sg": "ap-singapore", "shjr": "ap-shanghai-fsi", "szjr": "ap-shenzhen-fsi",
    ]

    /// The long region name of a `Region` value.
    static func canonicalRegion(_ region: String) -> String {
        shortRegions[region] ?? region
    }
}
