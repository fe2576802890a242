import Foundation

/// A backup record (`backup_record_response[]`). There is no get-by-id call: clients list and
/// filter on `backup_id`.
public struct HuaweiSimulatedBackup: Sendable, Hashable {
    /// A UUID string.
    public var backupId: String
    public var instanceId: String
    /// `backup_YYYYMMDDhhmmss`.
    public var name: String
    public var remark: String
    /// `manual` or `auto`.
    public var backupType: String
    /// `rdb` or `aof`.
    public var format: String
    /// `waiting`, `backuping`, `succeed`, `failed`, `expired` or `deleted`.
    public var status: String
    /// A percentage as a string, e.g. `"100.00"`.
    public var progress: String
    /// Bytes.
    public var size: Int64
    public var createdAt: Date
    /// The time of the last status change (the finish time once terminal; default: creation
    /// + 90 s for a terminal status, the creation time otherwise).
    public var updatedAt: Date
    /// `dcs.08.0001`… when the backup failed.
    public var errorCode: String?
    public var supportRestore: Bool

    public init(
        backupId: String,
        instanceId: String,
        name: String? = nil,
        remark: String = "",
        backupType: String = "manual",
        format: String = "rdb",
        status: String = "succeed",
        progress: String? = nil,
        size: Int64 = 0,
        createdAt: Date,
        updatedAt: Date? = nil,
        errorCode: String? = nil,
        supportRestore: Bool? = nil
    ) {
        self.backupId = backupId
        self.instanceId = instanceId
        self.name = name ?? "backup_\(HuaweiTime.compact(createdAt))"
        self.remark = remark
        self.backupType = backupType
        self.format = format
        self.status = status
        self.progress = progress ?? (status == "succeed" ? "100.00" : "0.00")
        self.size = size
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt.addingTimeInterval(status == "waiting" || status == "backuping" ? 0 : 90)
        self.errorCode = errorCode
        self.supportRestore = supportRestore ?? (status == "succeed")
    }
}

/// A restore record (`restore_record_response[]`), restoring an instance in place from one of
/// its backups.
public struct HuaweiSimulatedRestore: Sendable, Hashable {
    /// A UUID string.
    public var restoreId: String
    public var backupId: String
    public var instanceId: String
    /// `restore_YYYYMMDDhhmmss`.
    public var name: String
    public var remark: String
    /// `waiting`, `restoring`, `succeed` or `failed`.
    public var status: String
    /// A percentage as a string, e.g. `"100.00"`.
    public var progress: String
    public var createdAt: Date
    public var updatedAt: Date
    /// `dcs.08.0001`… when the restore failed.
    public var errorCode: String?

    public init(
        restoreId: String,
        backupId: String,
        instanceId: String,
        name: String? = nil,
        remark: String = "",
        status: String = "succeed",
        progress: String? = nil,
        createdAt: Date,
        updatedAt: Date? = nil,
        errorCode: String? = nil
    ) {
        self.restoreId = restoreId
        self.backupId = backupId
        self.instanceId = instanceId
        self.name = name ?? "restore_\(HuaweiTime.compact(createdAt))"
        self.remark = remark
        self.status = status
        self.progress = progress ?? (status == "succeed" ? "100.00" : "0.00")
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.errorCode = errorCode
    }
}
