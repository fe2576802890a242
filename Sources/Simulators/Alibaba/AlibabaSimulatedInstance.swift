import Foundation

/// A simulated Tair / Redis instance (`DescribeInstanceAttribute` → `DBInstanceAttribute`).
public struct AlibabaSimulatedInstance: Sendable, Hashable {
    public var instanceId: String
    public var instanceName: String
    public var regionId: String
    public var zoneId: String
    /// `Normal`, `Creating`, `Changing`, `BackupRecovering`, `Flushing`, `Released`, …
    public var instanceStatus: String
    /// `standard`, `cluster` or `rwsplit`.
    public var architectureType: String
    /// `Redis` or `Tair`.
    public var instanceType: String
    /// e.g. `tair.rdb.2g`, `redis.master.small.default`, `tair.scm.standard.4m.8d`.
    public var instanceClass: String
    /// `double`/`single` = classic deployment, `MASTER_SLAVE`/`STAND_ALONE` = cloud-native.
    public var nodeType: String
    public var engineVersion: String
    public var shardCount: Int
    public var capacityMB: Int
    /// Data flashback (`EnableBackupLog`): point-in-time and key-filtered restores.
    public var enableBackupLog: Bool
    /// The earliest restorable point while data flashback is on.
    public var backupLogStartTime: Date?
    /// A classic cluster created before 2023-12-05: `CreateBackup` starts one job per shard
    /// and answers their ids comma-separated (`"10000,10001"`).
    public var legacyShardJobs: Bool
    /// The automatic-backup policy (`DescribeBackupPolicy`); also the default retention of
    /// a manual backup that names none.
    public var backupRetentionPeriod: Int
    /// `HH:mmZ-HH:mmZ`.
    public var preferredBackupTime: String
    /// Weekday names, comma-separated.
    public var preferredBackupPeriod: String
    /// What the last successful `RestoreInstance` restored (simulator bookkeeping).
    public var lastRestore: AlibabaRestoreRecord?

    public init(
        instanceId: String,
        instanceName: String,
        regionId: String = "cn-hangzhou",
        zoneId: String? = nil,
        instanceStatus: String = "Normal",
        architectureType: String = "standard",
        instanceType: String = "Redis",
        instanceClass: String = "redis.master.small.default",
        nodeType: String = "double",
        engineVersion: String = "5.0",
        shardCount: Int = 1,
        capacityMB: Int = 1024,
        enableBackupLog: Bool = false,
        backupLogStartTime: Date? = nil,
        legacyShardJobs: Bool = false,
        backupRetentionPeriod: Int = 7,
        preferredBackupTime: String = "02:00Z-03:00Z",
        preferredBackupPeriod: String = "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
        lastRestore: AlibabaRestoreRecord? = nil
    ) {
        self.instanceId = instanceId
        self.instanceName = instanceName
        self.regionId = regionId
        self.zoneId = zoneId ?? "\(regionId)-h"
        self.instanceStatus = instanceStatus
        self.architectureType = architectureType
        self.instanceType = instanceType
        self.instanceClass = instanceClass
        self.nodeType = nodeType
        self.engineVersion = engineVersion
        self.shardCount = shardCount
        self.capacityMB = capacityMB
        self.enableBackupLog = enableBackupLog
        self.backupLogStartTime = backupLogStartTime
        self.legacyShardJobs = legacyShardJobs
        self.backupRetentionPeriod = backupRetentionPeriod
        self.preferredBackupTime = preferredBackupTime
        self.preferredBackupPeriod = preferredBackupPeriod
        self.lastRestore = lastRestore
    }

    /// Classic deployment (`NodeType` `double`/`single`), as opposed to cloud-native.
    public var isClassic: Bool { nodeType == "double" || nodeType == "single" }

    /// A cloud-native cluster: its backups are cluster sets (`DescribeClusterBackupList`).
    public var isCloudNativeCluster: Bool { !isClassic && architectureType == "cluster" }

    /// Whether `RestoreInstance` works in place: classic Tair memory-optimized
    /// (`tair.rdb.*`) with data flashback on.
    public var supportsInPlaceRestore: Bool {
        isClassic && instanceType == "Tair" && instanceClass.hasPrefix("tair.rdb.") && enableBackupLog
    }

    /// The node ids backups are taken of: the shards (`<id>-db-<n>`) of a cluster, the
    /// instance itself otherwise.
    var backupNodeIds: [String] {
        architectureType == "cluster"
            ? (0..<max(1, shardCount)).map { "\(instanceId)-db-\($0)" }
            : [instanceId]
    }
}

/// What an in-place restore restored, kept on the instance once it finished.
public struct AlibabaRestoreRecord: Sendable, Hashable {
    /// `"0"` backup set, `"1"` point in time.
    public var restoreType: String
    public var backupId: Int64?
    public var restoreTime: Date?
    public var filterKey: String?
    public var timeShift: Date?
    public var requestedAt: Date
    public var finishedAt: Date?

    public init(
        restoreType: String,
        backupId: Int64? = nil,
        restoreTime: Date? = nil,
        filterKey: String? = nil,
        timeShift: Date? = nil,
        requestedAt: Date,
        finishedAt: Date? = nil
    ) {
        self.restoreType = restoreType
        self.backupId = backupId
        self.restoreTime = restoreTime
        self.filterKey = filterKey
        self.timeShift = timeShift
        self.requestedAt = requestedAt
        self.finishedAt = finishedAt
    }
}
