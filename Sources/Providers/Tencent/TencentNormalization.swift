import Foundation
import GatewayCore

/// Tencent values → the portable model (`tencent.md` §7).
enum TencentNormalization {
    /// Backup `Status`: 1 in progress/locked by a flow, 2 normal, 3 exporting, 4 exported,
    /// -1 expired, -2 deleted.
    static func backupState(_ status: Int?) -> Backup.State {
        switch status {
        case 2, 3, 4: .succeeded
        case -1, -2: .expired
        default: .running
        }
    }

    /// The `Status` filter values that select `state` (nil: every status but deleted).
    static func statusFilter(for state: Backup.State?) -> [Int]? {
        switch state {
        case nil: [1, 2, 3, 4, -1]
        case .running: [1]
        case .succeeded: [2, 3, 4]
        case .expired: [-1, -2]
        case .pending, .failed: nil
        }
    }

    static func backup(_ set: TencentAPI.BackupSet, instanceId: String) -> Backup {
        Backup(
            id: set.BackupId ?? "",
            instanceId: set.InstanceId ?? instanceId,
            state: backupState(set.Status),
            // BackupType "0" manual; "1" nightly automatic; "2" before a spec change.
            kind: set.BackupType == "0" ? .manual : .automatic,
            startedAt: ChinaStandardTime.parse(set.StartTime),
            finishedAt: set.Status == 1 ? nil : ChinaStandardTime.parse(set.EndTime),
            expiresAt: ChinaStandardTime.parse(set.ExpireTime),
            sizeBytes: set.BackupSize,
            format: set.FileType.flatMap { $0.isEmpty ? nil : $0.lowercased() },
            remark: GatewayRemark.callerRemark(from: set.Remark),
            restorable: set.Status == 2 && (set.Locked ?? 0) == 0
        )
    }

    /// Instance `Status`: 0 initialising, 1 in a flow, 2 running, -2 isolated, -3 to be deleted.
    static func instanceStatus(_ status: Int?) -> InstanceInfo.Status {
        switch status {
        case 0: .creating
        case 1: .busy
        case 2: .running
        case -2: .isolated
        case -3: .deleting
        default: .unknown
        }
    }

    /// DescribeTaskInfo `Status`: preparing/running → running; succeed → succeeded;
    /// failed/error → failed (terminal).
    enum TaskOutcome: Equatable {
        case running
        case succeeded
        case failed
    }

    static func taskOutcome(_ status: String?) -> TaskOutcome {
        switch status?.lowercased() {
        case "succeed", "success", "succeeded": .succeeded
        case "failed", "error": .failed
        default: .running
        }
    }
}
