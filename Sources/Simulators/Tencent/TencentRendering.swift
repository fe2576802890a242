import Foundation

/// Response shapes: `RedisBackupSet`, `InstanceSet`, `DescribeTaskInfo`, `TaskInfoDetail`.
/// Times are `YYYY-MM-DD HH:MM:SS` in UTC+8.
enum TencentRendering {
    static func backup(_ backup: TencentSimulatedBackup, instance: TencentSimulatedInstance?) -> SimulatorJSON {
        [
            "StartTime": .string(TencentTime.beijing(backup.startTime)),
            "EndTime": .string(TencentTime.beijing(backup.endTime)),
            "BackupId": .string(backup.backupId),
            "BackupType": .string(backup.backupType),
            "Status": .int(Int64(backup.status)),
            "Remark": backup.remark.map { .string($0) } ?? .null,
            "Locked": .int(Int64(backup.locked)),
            "BackupSize": .int(backup.backupSize),
            "FullBackup": .int(0),
            "InstanceType": .int(Int64(instance?.type ?? 8)),
            "InstanceId": .string(backup.instanceId),
            "InstanceName": .string(backup.instanceName),
            "Region": .string(backup.region),
            "FileType": .string(backup.fileType),
            "ExpireTime": .string(TencentTime.beijing(backup.expireTime)),
            "Encrypted": .bool(false),
        ]
    }

    static func instance(_ instance: TencentSimulatedInstance) -> SimulatorJSON {
        [
            "InstanceId": .string(instance.id),
            "InstanceName": .string(instance.name),
            "Appid": .int(1_250_000_000),
            "ProjectId": .int(0),
            "Status": .int(Int64(instance.status)),
            "NoAuth": .bool(instance.noAuth),
            "Region": .string(instance.region),
            "Type": .int(Int64(instance.type)),
            "ProductType": .string(instance.productType),
            "RedisShardNum": .int(Int64(instance.shardNum)),
            "RedisReplicasNum": .int(Int64(instance.replicasNum)),
            "RedisShardSize": .int(Int64(instance.memSizeMB / max(1, instance.shardNum))),
            "Size": .double(Double(instance.memSizeMB)),
            "SizeUsed": .double(0),
            "Engine": .string(instance.engine),
            "Port": .int(6379),
            "BillingMode": .int(0),
            "BackupMode": .string("NormalLevelBackup"),
        ]
    }

    static func taskInfo(_ task: TencentSimulatedTask, english: Bool) -> [String: SimulatorJSON] {
        [
            "Status": .string(task.status.rawValue),
            "StartTime": .string(TencentTime.beijing(task.startTime)),
            "TaskType": .string(taskTypeText(task.type, english: english)),
            "InstanceId": .string(task.instanceId),
            "TaskMessage": .string(task.message),
        ]
    }

    static func taskListItem(_ task: TencentSimulatedTask, instanceName: String) -> SimulatorJSON {
        [
            "TaskId": .int(Int64(task.id)),
            "StartTime": .string(TencentTime.beijing(task.startTime)),
            "TaskType": .string(taskTypeCode(task.type) ?? ""),
            "InstanceName": .string(instanceName),
            "InstanceId": .string(task.instanceId),
            "ProjectId": .int(0),
            "Progress": .double(progress(task.status)),
            "EndTime": .string(TencentTime.beijing(task.endTime)),
            "Result": .int(Int64(result(task.status))),
        ]
    }

    /// `DescribeTaskInfo.TaskType` is free text.
    static func taskTypeText(_ type: String, english: Bool) -> String {
        switch type {
        case "ManualBackupInstance": english ? "Backup Instance" : "备份实例"
        case "RestoreInstance": english ? "Restore Backup" : "恢复备份"
        default: type
        }
    }

    /// `TaskTypes` filter values and `TaskInfoDetail.TaskType` codes: `012` backup, `010` restore.
    static func taskTypeCode(_ value: String) -> String? {
        switch value {
        case "ManualBackupInstance", "012", "FLOW_BACKUPINSTANCE": "012"
        case "RestoreInstance", "010", "FLOW_RESTOREBACKUP": "010"
        default: nil
        }
    }

    /// `TaskInfoDetail.Result`: 0 init, 1 running, 2 done, 4 failed.
    static func result(_ status: TencentTaskStatus) -> Int {
        switch status {
        case .preparing: 0
        case .running: 1
        case .succeed: 2
        case .failed, .error: 4
        }
    }

    static func progress(_ status: TencentTaskStatus) -> Double {
        switch status {
        case .preparing: 0
        case .running: 50
        case .succeed: 100
        case .failed, .error: 50
        }
    }
}
