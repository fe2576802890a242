import Foundation
import GatewayCore

/// Alibaba values → the portable model.
enum AlibabaNormalization {
    /// A DescribeBackups row (classic and cloud-native standard instances; one row per shard
    /// for classic clusters). `BackupStatus` is `Success` or `Failed`.
    static func backup(_ row: AlibabaAPI.BackupRow, instanceId: String, restorableInPlace: Bool, now: Date) -> Backup {
        let expires = AlibabaTime.parse(row.ExpectExpireTime)
        let state: Backup.State
        switch row.BackupStatus?.lowercased() {
        case "success": state = (expires.map { $0 < now } ?? false) ? .expired : .succeeded
        case "failed": state = .failed
        default: state = .running
        }
        return Backup(
            id: row.BackupId?.value ?? "",
            instanceId: instanceId,
            state: state,
            kind: row.BackupMode?.lowercased() == "manual" ? .manual : .automatic,
            startedAt: AlibabaTime.parse(row.BackupStartTime),
            finishedAt: AlibabaTime.parse(row.BackupEndTime),
            expiresAt: expires,
            sizeBytes: row.BackupSize.flatMap { Int64($0.value) },
            format: nil,
            remark: nil,
            restorable: restorableInPlace && state == .succeeded
        )
    }

    /// A cloud-native cluster backup set (`cb-…`): `OK`, `RUNNING`, anything else failed.
    /// Cloud-native instances cannot be restored in place.
    static func backup(_ set: AlibabaAPI.ClusterBackup, instanceId: String, now: Date) -> Backup {
        let expires = AlibabaTime.parse(set.ExpectExpireTime)
        let state: Backup.State
        switch set.ClusterBackupStatus?.uppercased() {
        case "OK": state = (expires.map { $0 < now } ?? false) ? .expired : .succeeded
        case "RUNNING": state = .running
        default: state = .failed
        }
        return Backup(
            id: set.ClusterBackupId ?? "",
            instanceId: instanceId,
            state: state,
            kind: set.ClusterBackupMode?.lowercased() == "manual" ? .manual : .automatic,
            startedAt: AlibabaTime.parse(set.ClusterBackupStartTime),
            finishedAt: state == .running ? nil : AlibabaTime.parse(set.ClusterBackupEndTime),
            expiresAt: expires,
            sizeBytes: set.ClusterBackupSize.flatMap { Int64($0.value) },
            restorable: false
        )
    }

    /// DescribeBackupTasks `BackupProgressStatus` → percent, when `Progress` is absent.
    static func progress(_ job: AlibabaAPI.BackupJob) -> Int {
        if let text = job.Progress?.value, let value = Int(text) ?? Double(text).map({ Int($0) }) { return max(0, min(100, value)) }
        switch job.BackupProgressStatus {
        case "NoStart": return 0
        case "Preparing": return 10
        case "Waiting": return 20
        case "Uploading": return 50
        case "Checking": return 90
        case "Finished": return 100
        default: return 0
        }
    }
}
