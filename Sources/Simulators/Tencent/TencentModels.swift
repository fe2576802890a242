import Foundation

/// A simulated Redis instance (`DescribeInstances` → `InstanceSet[]`).
public struct TencentSimulatedInstance: Sendable, Hashable {
    public var id: String
    public var name: String
    public var region: String
    /// 0 initialising, 1 in a flow, 2 running, -2 isolated, -3 to be deleted.
    public var status: Int
    /// Password-free instance: `RestoreInstance` needs no `Password`.
    public var noAuth: Bool
    public var password: String?
    /// `standalone` or `cluster`.
    public var productType: String
    /// Tencent's instance type number (e.g. 8 Redis 5.0 standard, 9 Redis 5.0 cluster).
    public var type: Int
    public var shardNum: Int
    public var replicasNum: Int
    public var memSizeMB: Int
    public var engine: String
    /// The backup the last successful restore used (simulator bookkeeping).
    public var lastRestoredBackupId: String?

    public init(
        id: String,
        name: String,
        region: String = "ap-guangzhou",
        status: Int = 2,
        noAuth: Bool = false,
        password: String? = nil,
        productType: String = "standalone",
        type: Int? = nil,
        shardNum: Int = 1,
        replicasNum: Int = 1,
        memSizeMB: Int = 1024,
        engine: String = "Redis",
        lastRestoredBackupId: String? = nil
    ) {
        self.id = id
        self.name = name
        self.region = region
        self.status = status
        self.noAuth = noAuth
        self.password = password
        self.productType = productType
        self.type = type ?? (productType == "cluster" ? 9 : 8)
        self.shardNum = shardNum
        self.replicasNum = replicasNum
        self.memSizeMB = memSizeMB
        self.engine = engine
        self.lastRestoredBackupId = lastRestoredBackupId
    }
}

/// A simulated backup (`DescribeInstanceBackups` → `BackupSet[]`).
public struct TencentSimulatedBackup: Sendable, Hashable {
    /// 24 decimal digits, e.g. `678362566696298532848117`.
    public var backupId: String
    public var instanceId: String
    public var instanceName: String
    public var region: String
    public var startTime: Date
    /// nil while the backup runs (answered as `0000-00-00 00:00:00`).
    public var endTime: Date?
    /// `0` manual, `1` automatic, `2` triggered by a spec change.
    public var backupType: String
    /// 1 in progress/locked by a flow, 2 normal, -1 expired, 3 exporting, 4 exported.
    public var status: Int
    /// 0 or 1; a locked backup cannot be restored.
    public var locked: Int
    /// nil is answered as JSON null (Tencent may omit a remark).
    public var remark: String?
    /// Bytes.
    public var backupSize: Int64
    public var fileType: String
    public var expireTime: Date

    public init(
        backupId: String,
        instanceId: String,
        instanceName: String,
        region: String = "ap-guangzhou",
        startTime: Date,
        endTime: Date?,
        backupType: String = "0",
        status: Int = 2,
        locked: Int = 0,
        remark: String? = nil,
        backupSize: Int64,
        fileType: String = "RDB",
        expireTime: Date
    ) {
        self.backupId = backupId
        self.instanceId = instanceId
        self.instanceName = instanceName
        self.region = region
        self.startTime = startTime
        self.endTime = endTime
        self.backupType = backupType
        self.status = status
        self.locked = locked
        self.remark = remark
        self.backupSize = backupSize
        self.fileType = fileType
        self.expireTime = expireTime
    }
}

/// `DescribeTaskInfo.Status`.
public enum TencentTaskStatus: String, Sendable, Hashable {
    case preparing, running, succeed, failed, error

    public var isTerminal: Bool { self == .succeed || self == .failed || self == .error }
}

/// A simulated asynchronous task (backup or restore).
public struct TencentSimulatedTask: Sendable, Hashable {
    public var id: Int
    /// `ManualBackupInstance` or `RestoreInstance`.
    public var type: String
    public var instanceId: String
    public var region: String
    public var status: TencentTaskStatus
    public var startTime: Date
    public var endTime: Date?
    /// `TaskMessage`: empty unless the task failed.
    public var message: String
    /// The backup the task creates (backup) or restores from (restore).
    public var backupId: String?

    /// `DescribeTaskInfo` calls seen (for `.perPoll`).
    var polls = 0
    /// Set by a `failTask` fault: the task ends `failed` with this message.
    var plannedFailure: String?

    public init(
        id: Int,
        type: String,
        instanceId: String,
        region: String = "ap-guangzhou",
        status: TencentTaskStatus,
        startTime: Date,
        endTime: Date? = nil,
        message: String = "",
        backupId: String? = nil
    ) {
        self.id = id
        self.type = type
        self.instanceId = instanceId
        self.region = region
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.message = message
        self.backupId = backupId
    }
}
