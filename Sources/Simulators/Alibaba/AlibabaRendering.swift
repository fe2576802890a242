import Foundation

/// Response rows: `DescribeBackups` → `Backup`, `DescribeBackupTasks` → `BackupJobs[]`,
/// `DescribeClusterBackupList` → `ClusterBackups[]`, instance attributes. Times are UTC
/// `yyyy-MM-ddTHH:mm:ssZ`.
enum AlibabaRendering {
    static let recoverConfigMode = #"{"whitelist":true,"config":true,"account":true}"#

    static func backup(_ backup: AlibabaSimulatedBackup, instance: AlibabaSimulatedInstance?) -> SimulatorJSON {
        let usable = backup.status == "Success"
        return [
            "BackupId": .int(backup.backupId),
            "BackupJobID": .int(backup.backupJobId),
            "BackupStatus": .string(backup.status),
            "BackupStartTime": .string(AlibabaTime.seconds(backup.startTime)),
            "BackupEndTime": .string(AlibabaTime.seconds(backup.endTime)),
            "BackupType": .string(backup.type),
            "BackupMethod": .string(backup.method),
            "BackupMode": .string(backup.mode),
            "BackupSize": .int(backup.sizeBytes),
            "BackupDBNames": "0",
            "EngineVersion": .string(instance?.engineVersion ?? "5.0"),
            "NodeInstanceId": .string(backup.nodeInstanceId),
            "ExpectExpireTime": .string(AlibabaTime.seconds(backup.expectExpireTime)),
            "BackupDownloadURL": .string(usable ? downloadURL(backup, region: instance?.regionId, intranet: false) : ""),
            "BackupIntranetDownloadURL": .string(usable ? downloadURL(backup, region: instance?.regionId, intranet: true) : ""),
            "RecoverConfigMode": .string(recoverConfigMode),
        ]
    }

    static func downloadURL(_ backup: AlibabaSimulatedBackup, region: String?, intranet: Bool) -> String {
        let region = region ?? "cn-hangzhou"
        let host = intranet ? "rdsbak-\(region)-internal.oss-\(region)-internal.aliyuncs.com" : "rdsbak-\(region).oss-\(region).aliyuncs.com"
        return "https://\(host)/custins\(backup.nodeInstanceId)/hins\(backup.backupId)_data.rdb?Expires=\(Int(backup.expectExpireTime.timeIntervalSince1970))"
    }

    /// One row per node of the job.
    static func jobRows(_ job: AlibabaBackupJob) -> [SimulatorJSON] {
        job.nodeIds.map { node in
            [
                "BackupJobID": .int(job.id),
                "BackupProgressStatus": .string(job.stage.name),
                "Progress": .string(String(job.progress)),
                "Process": .string(String(job.progress)),
                "JobMode": .string(job.mode),
                "NodeId": .string(node),
                "StartTime": .string(AlibabaTime.seconds(job.startTime)),
                "TaskAction": .string(job.mode == "Manual" ? "TempBackupTask" : "NormalBackupTask"),
            ]
        }
    }

    static func clusterBackup(
        _ set: AlibabaSimulatedClusterBackup,
        instance: AlibabaSimulatedInstance,
        progress: Int?,
        withShards: Bool
    ) -> SimulatorJSON {
        let shards = instance.backupNodeIds
        let shardMemory = instance.capacityMB / max(1, instance.shardCount)
        let shardSize = set.sizeBytes / Int64(max(1, set.shardBackupIds.count))
        var fields: [String: SimulatorJSON] = [
            "ClusterBackupId": .string(set.clusterBackupId),
            "ClusterBackupStatus": .string(set.status),
            "ClusterBackupStartTime": .string(AlibabaTime.seconds(set.startTime)),
            "ClusterBackupEndTime": .string(set.endTime.map(AlibabaTime.seconds) ?? ""),
            "ClusterBackupMode": .string(set.mode),
            "ClusterBackupSize": .string(String(set.sizeBytes)),
            "IsAvail": .int(set.status == "OK" ? 1 : 0),
            "ExpectExpireTime": .string(AlibabaTime.seconds(set.expectExpireTime)),
            "ShardClassMemory": .int(Int64(shardMemory)),
            "Version": .string(instance.engineVersion),
        ]
        if set.status == "RUNNING" { fields["Progress"] = .string(String(progress ?? 0)) }
        if withShards {
            fields["Backups"] = .array(set.shardBackupIds.enumerated().map { index, backupId in
                let shardStatus = set.status == "OK" ? "OK" : (set.status == "RUNNING" ? "RUNNING" : "ERROR")
                let shardName = index < shards.count ? shards[index] : "\(instance.instanceId)-db-\(index)"
                return [
                    "BackupId": .string(backupId),
                    "BackupName": .string("hins\(backupId)_data_\(AlibabaTime.compact(set.startTime)).rdb"),
                    "BackupSize": .string(String(set.status == "OK" ? shardSize : 0)),
                    "BackupStatus": .string(shardStatus),
                    "BackupStartTime": .string(AlibabaTime.seconds(set.startTime)),
                    "BackupEndTime": .string(set.endTime.map(AlibabaTime.seconds) ?? ""),
                    "InstanceName": .string(shardName),
                    "IsAvail": .int(set.status == "OK" ? 1 : 0),
                    "Engine": "redis",
                    "ExtraInfo": ["CustinsDbVersion": .string(instance.engineVersion)],
                    "BackupDownloadURL": .string(""),
                    "BackupIntranetDownloadURL": .string(""),
                ]
            })
        }
        return .object(fields)
    }

    static func instanceAttribute(_ instance: AlibabaSimulatedInstance) -> SimulatorJSON {
        var fields = instanceCommon(instance)
        fields["Engine"] = "Redis"
        fields["BackupLogStartTime"] = instance.backupLogStartTime.map { .string(AlibabaTime.seconds($0)) }
        fields["ReplicationMode"] = "master-slave"
        fields["ReadOnlyCount"] = 0
        return .object(fields.compactMapValues { $0 })
    }

    static func kvStoreInstance(_ instance: AlibabaSimulatedInstance) -> SimulatorJSON {
        .object(instanceCommon(instance).compactMapValues { $0 })
    }

    private static func instanceCommon(_ instance: AlibabaSimulatedInstance) -> [String: SimulatorJSON?] {
        [
            "InstanceId": .string(instance.instanceId),
            "InstanceName": .string(instance.instanceName),
            "InstanceStatus": .string(instance.instanceStatus),
            "RegionId": .string(instance.regionId),
            "ZoneId": .string(instance.zoneId),
            "ArchitectureType": .string(instance.architectureType),
            "InstanceType": .string(instance.instanceType),
            "InstanceClass": .string(instance.instanceClass),
            "NodeType": .string(instance.nodeType),
            "EngineVersion": .string(instance.engineVersion),
            "EditionType": .string(instance.instanceType == "Tair" ? "Enterprise" : "Community"),
            "ShardCount": .int(Int64(instance.shardCount)),
            "Capacity": .int(Int64(instance.capacityMB)),
            "Port": .int(6379),
            "ConnectionDomain": .string("\(instance.instanceId).redis.rds.aliyuncs.com"),
            "ChargeType": "PostPaid",
            "NetworkType": "VPC",
            "CreateTime": "2023-06-01T08:00:00Z",
        ]
    }
}
