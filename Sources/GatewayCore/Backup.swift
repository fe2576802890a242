import Foundation

/// A backup as every provider's backups are shown to callers.
public struct Backup: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        case pending, running, succeeded, failed, expired
    }

    public enum Kind: String, Sendable, Hashable, Codable {
        case manual, automatic
    }

    public var id: String
    public var instanceId: String
    public var state: State
    public var kind: Kind
    public var startedAt: Date?
    public var finishedAt: Date?
    public var expiresAt: Date?
    public var sizeBytes: Int64?
    /// Lower-case file format as the provider reports it (`rdb`, `aof`).
    public var format: String?
    public var remark: String?
    public var restorable: Bool

    public init(
        id: String, instanceId: String, state: State, kind: Kind, startedAt: Date? = nil,
        finishedAt: Date? = nil, expiresAt: Date? = nil, sizeBytes: Int64? = nil, format: String? = nil,
        remark: String? = nil, restorable: Bool
    ) {
        self.id = id
        self.instanceId = instanceId
        self.state = state
        self.kind = kind
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.expiresAt = expiresAt
        self.sizeBytes = sizeBytes
        self.format = format
        self.remark = remark
        self.restorable = restorable
    }
}

/// The backup file formats a caller can ask for.
public enum BackupFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case rdb, aof
}

/// Filters and paging of a backup listing. `pageToken` is the gateway's opaque token.
public struct BackupListQuery: Sendable, Hashable {
    public var since: Date?
    public var until: Date?
    public var state: Backup.State?
    public var pageSize: Int
    public var pageToken: String?

    public init(since: Date? = nil, until: Date? = nil, state: Backup.State? = nil, pageSize: Int = 20, pageToken: String? = nil) {
        self.since = since
        self.until = until
        self.state = state
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// One page of backups.
public struct BackupPage: Sendable, Hashable {
    public var backups: [Backup]
    public var nextPageToken: String?

    public init(backups: [Backup], nextPageToken: String? = nil) {
        self.backups = backups
        self.nextPageToken = nextPageToken
    }
}
