import Foundation

/// `BackupProgressStatus` of a backup job, in order.
enum AlibabaBackupStage: Int, Sendable, CaseIterable, Comparable {
    case noStart, preparing, waiting, uploading, checking, finished

    var name: String {
        switch self {
        case .noStart: "NoStart"
        case .preparing: "Preparing"
        case .waiting: "Waiting"
        case .uploading: "Uploading"
        case .checking: "Checking"
        case .finished: "Finished"
        }
    }

    /// A representative `Progress` for the stage.
    var progress: Int {
        switch self {
        case .noStart: 0
        case .preparing: 10
        case .waiting: 20
        case .uploading: 50
        case .checking: 90
        case .finished: 100
        }
    }

    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The stage after `polls` polls of `steps` (poll `steps` ends the job).
    static func afterPolls(_ polls: Int, steps: Int) -> Self {
        if polls >= steps { return .finished }
        let running = Self.finished.rawValue  // the five stages before Finished
        return Self(rawValue: min(running - 1, (polls - 1) * running / max(1, steps - 1))) ?? .noStart
    }

    /// The stage `fraction` (0 ≤ fraction < 1) of the way through a timed job.
    static func at(fraction: Double) -> Self {
        if fraction >= 1 { return .finished }
        let running = Double(Self.finished.rawValue)
        return Self(rawValue: max(0, min(Int(fraction * running), Self.finished.rawValue - 1))) ?? .noStart
    }
}

/// One backup job (`CreateBackup` → `BackupJobID`): of the whole instance, of one shard
/// (legacy classic cluster), or making a cluster set (cloud-native cluster).
struct AlibabaBackupJob: Sendable {
    var id: Int64
    var instanceId: String
    /// The nodes it backs up (one row each in `DescribeBackupTasks` and, for classic
    /// instances, in `DescribeBackups`).
    var nodeIds: [String]
    var mode = "Manual"
    var startTime: Date
    var stage: AlibabaBackupStage = .noStart
    /// `Progress` in percent.
    var progress = 0
    var polls = 0
    var retentionDays: Int
    var endTime: Date?
    /// Set by a `failTask` fault: the job ends with `BackupStatus` `Failed`.
    var plannedFailure: String?
    /// The cluster set it makes (cloud-native cluster).
    var clusterBackupId: String?

    var isFinished: Bool { stage == .finished }

    /// The expiry of what it makes: `-1` keeps the backup for the instance's lifetime.
    var expectExpireTime: Date {
        retentionDays < 0
            ? startTime.addingTimeInterval(100 * 365 * 86_400)
            : startTime.addingTimeInterval(TimeInterval(retentionDays) * 86_400)
    }
}

/// An in-place restore in progress: the instance is `BackupRecovering` until it ends.
struct AlibabaRestoreJob: Sendable {
    var instanceId: String
    var record: AlibabaRestoreRecord
    var startTime: Date
    var polls = 0
    /// Set by a `failTask` fault: the instance goes back to `Normal` without the data.
    var plannedFailure: String?
}
