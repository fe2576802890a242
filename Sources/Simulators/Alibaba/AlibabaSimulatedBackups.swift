import Foundation

/// A backup set of a classic or cloud-native standard instance (`DescribeBackups` row); a
/// classic cluster backup is one row per shard (`nodeInstanceId` = the shard).
public struct AlibabaSimulatedBackup: Sendable, Hashable {
    public var backupId: Int64
    /// The job that made it (0 when unknown, e.g. seeded automatic backups).
    public var backupJobId: Int64
    public var instanceId: String
    public var nodeInstanceId: String
    /// `Success` or `Failed`.
    public var status: String
    public var startTime: Date
    public var endTime: Date
    /// `Manual` or `Automated`.
    public var mode: String
    /// `FullBackup` or `IncrementalBackup`.
    public var type: String
    /// `Physical` or `Logical`.
    public var method: String
    public var sizeBytes: Int64
    public var expectExpireTime: Date

    public init(
        backupId: Int64,
        backupJobId: Int64 = 0,
        instanceId: String,
        nodeInstanceId: String? = nil,
        status: String = "Success",
        startTime: Date,
        endTime: Date? = nil,
        mode: String = "Automated",
        type: String = "FullBackup",
        method: String = "Physical",
        sizeBytes: Int64 = 0,
        expectExpireTime: Date? = nil
    ) {
        self.backupId = backupId
        self.backupJobId = backupJobId
        self.instanceId = instanceId
        self.nodeInstanceId = nodeInstanceId ?? instanceId
        self.status = status
        self.startTime = startTime
        self.endTime = endTime ?? startTime.addingTimeInterval(120)
        self.mode = mode
        self.type = type
        self.method = method
        self.sizeBytes = sizeBytes
        self.expectExpireTime = expectExpireTime ?? startTime.addingTimeInterval(7 * 86_400)
    }
}

/// A backup set of a cloud-native cluster (`DescribeClusterBackupList` → `ClusterBackups[]`).
public struct AlibabaSimulatedClusterBackup: Sendable, Hashable {
    /// `cb-…`.
    public var clusterBackupId: String
    public var instanceId: String
    /// `OK`, `RUNNING` or `FAILED`.
    public var status: String
    public var startTime: Date
    /// nil while running.
    public var endTime: Date?
    /// `Manual` or `Automated`.
    public var mode: String
    public var sizeBytes: Int64
    /// One backup id per shard, shard order (`<instance>-db-0` first).
    public var shardBackupIds: [String]
    public var expectExpireTime: Date
    /// The job that makes it, for a set created by `CreateBackup`.
    public var backupJobId: Int64?

    public init(
        clusterBackupId: String,
        instanceId: String,
        status: String = "OK",
        startTime: Date,
        endTime: Date? = nil,
        mode: String = "Automated",
        sizeBytes: Int64 = 0,
        shardBackupIds: [String],
        expectExpireTime: Date? = nil,
        backupJobId: Int64? = nil
    ) {
        self.clusterBackupId = clusterBackupId
        self.instanceId = instanceId
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.mode = mode
        self.sizeBytes = sizeBytes
        self.shardBackupIds = shardBackupIds
        self.expectExpireTime = expectExpireTime ?? startTime.addingTimeInterval(7 * 86_400)
        self.backupJobId = backupJobId
    }
}
