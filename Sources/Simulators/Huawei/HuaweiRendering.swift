import Foundation

/// DCS's JSON shapes (huawei.md §2): snake_case, times ISO-8601 UTC with milliseconds,
/// `progress` and `is_support_restore` as strings, `size` an integer.
enum HuaweiRendering {
    /// A `backup_record_response[]` entry; v1.0 spells the format upper-case (`RDB`, `AOF`)
    /// like its examples.
    static func backup(_ backup: HuaweiSimulatedBackup, generation: HuaweiRoute.Generation) -> SimulatorJSON {
        [
            "backup_id": .string(backup.backupId),
            "instance_id": .string(backup.instanceId),
            "backup_name": .string(backup.name),
            "remark": .string(backup.remark),
            "backup_type": .string(backup.backupType),
            "backup_format": .string(generation == .v2 ? backup.format : backup.format.uppercased()),
            "status": .string(backup.status),
            "progress": .string(backup.progress),
            "size": .int(backup.size),
            "created_at": .string(HuaweiTime.iso(backup.createdAt)),
            "updated_at": .string(HuaweiTime.iso(backup.updatedAt)),
            "execution_at": .string(HuaweiTime.iso(backup.createdAt)),
            "period": backup.backupType == "auto" ? "02:00-03:00" : .null,
            "error_code": backup.errorCode.map { .string($0) } ?? .null,
            "is_support_restore": backup.supportRestore ? "TRUE" : "FALSE",
        ]
    }

    /// A `restore_record_response[]` entry; v1.0 adds `sourceInstanceId`/`sourceInstanceName`.
    static func restore(
        _ restore: HuaweiSimulatedRestore,
        backup: HuaweiSimulatedBackup?,
        instance: HuaweiSimulatedInstance,
        generation: HuaweiRoute.Generation
    ) -> SimulatorJSON {
        var fields: [String: SimulatorJSON] = [
            "restore_id": .string(restore.restoreId),
            "backup_id": .string(restore.backupId),
            "restore_name": .string(restore.name),
            "restore_remark": .string(restore.remark),
            "backup_name": .string(backup?.name ?? ""),
            "backup_remark": .string(backup?.remark ?? ""),
            "status": .string(restore.status),
            "progress": .string(restore.progress),
            "created_at": .string(HuaweiTime.iso(restore.createdAt)),
            "updated_at": .string(HuaweiTime.iso(restore.updatedAt)),
            "error_code": restore.errorCode.map { .string($0) } ?? .null,
        ]
        if generation == .v1 {
            fields["sourceInstanceId"] = .string(backup?.instanceId ?? instance.instanceId)
            fields["sourceInstanceName"] = .string(instance.name)
        }
        return .object(fields)
    }

    /// The instance object; `task` is non-null while a backup or restore runs. v1.0 adds
    /// `resource_spec_code`.
    static func instance(
        _ instance: HuaweiSimulatedInstance,
        generation: HuaweiRoute.Generation,
        projectId: String,
        region: String,
        task: String?
    ) -> SimulatorJSON {
        let maxMemory = Int64(instance.capacity) * 1024
        var fields: [String: SimulatorJSON] = [
            "instance_id": .string(instance.instanceId),
            "name": .string(instance.name),
            "engine": .string(instance.engine),
            "engine_version": .string(instance.engineVersion),
            "status": .string(instance.status),
            "sub_status": "normal",
            "cache_mode": .string(instance.cacheMode),
            "spec_code": .string(instance.specCode),
            "capacity": .int(Int64(instance.capacity)),
            "capacity_minor": "",
            "max_memory": .int(maxMemory),
            "used_memory": .int(maxMemory / 20),
            "sharding_count": .int(Int64(instance.shardingCount)),
            "replica_count": .int(Int64(instance.replicaCount)),
            "ip": "192.168.0.100",
            "port": 6379,
            "domain_name": .string("redis-\(instance.instanceId.prefix(8)).dcs.huaweicloud.com"),
            "project_id": .string(projectId),
            "az_codes": .array([.string("\(region)a")]),
            "charging_mode": 0,
            "description": "",
            "task": task.map { .string($0) } ?? .null,
            "instance_backup_policy": instance.supportsBackup ? backupPolicy : .null,
        ]
        if generation == .v1 {
            fields["resource_spec_code"] = .string(instance.resourceSpecCode)
        }
        return .object(fields)
    }

    /// The automatic-backup plan of every non-single instance (daily, 02:00–03:00 UTC, 7 days).
    static let backupPolicy: SimulatorJSON = [
        "backup_policy_id": "0b5d7f9e-3c1a-4e2b-9d8f-7a6b5c4d3e2f",
        "policy": [
            "backup_type": "auto",
            "save_days": 7,
            "periodical_backup_plan": [
                "begin_at": "02:00-03:00",
                "period_type": "weekly",
                "backup_at": [1, 2, 3, 4, 5, 6, 7],
            ],
        ],
    ]
}
