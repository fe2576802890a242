import Foundation
import GatewayCore

/// DCS values → the portable model.
enum HuaweiNormalization {
    /// Backup `status`: waiting → pending, backuping → running, succeed, failed,
    /// expired/deleted → expired.
    static func backupState(_ status: String?) -> Backup.State {
        switch status?.lowercased() {
        case "waiting": .pending
        case "backuping": .running
        case "succeed": .succeeded
        case "failed": .failed
        case "expired", "deleted": .expired
        default: .running
        }
    }

    static func backup(_ record: HuaweiAPI.BackupRecord, instanceId: String) -> Backup {
        let state = backupState(record.status)
        let terminal = [.succeeded, .failed, .expired].contains(state)
        return Backup(
            id: record.backup_id ?? "",
            instanceId: record.instance_id ?? instanceId,
            state: state,
            kind: record.backup_type?.lowercased() == "manual" ? .manual : .automatic,
            startedAt: HuaweiTime.parse(record.created_at),
            finishedAt: terminal ? HuaweiTime.parse(record.updated_at) : nil,
            sizeBytes: record.size,
            format: record.backup_format.map { $0.lowercased() },
            remark: GatewayRemark.callerRemark(from: record.remark),
            restorable: state == .succeeded && record.is_support_restore?.uppercased() == "TRUE"
        )
    }

    /// `"45.00"` → 45.
    static func progress(_ text: String?) -> Int? {
        guard let text, let value = Double(text) else { return nil }
        return max(0, min(100, Int(value)))
    }

    /// Instance `status` → normalized status. Only `RUNNING` may be backed up or restored.
    static func instanceStatus(_ status: String?) -> InstanceInfo.Status {
        switch status?.uppercased() {
        case "RUNNING": .running
        case "CREATING": .creating
        case "RESTORING", "EXTENDING", "RESTARTING", "FLUSHING", "UPGRADING", "ROLLBACKING", "IPEXCHANGING", "STARTING", "CLOSING":
            .busy
        case "FROZEN": .isolated
        case "DELETED": .deleting
        case "CLOSED", "ERROR", "CREATEFAILED": .stopped
        default: .unknown
        }
    }
}
