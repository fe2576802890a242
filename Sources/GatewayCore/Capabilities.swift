import Foundation

/// What a provider kind (or one instance) can do. Checked before any provider call, and shown
/// by `GET /providers` and `GET /instances/{id}` so dashboards can grey out what won't work.
public struct Capabilities: Sendable, Hashable, Codable {
    public var manualBackup: Bool
    public var backupRetention: Bool
    public var minRetentionDays: Int?
    public var maxRetentionDays: Int?
    public var backupFormats: [BackupFormat]
    public var listBackups: Bool
    public var restoreFromBackup: Bool
    public var inPlaceRestore: Bool
    public var pointInTimeRestore: Bool
    public var keyFilterRestore: Bool
    public var timeShift: Bool
    /// nil when it depends on the instance.
    public var restorePasswordRequired: Bool?
    /// The earliest point in time a restore can go back to (point-in-time instances only).
    public var pointInTimeEarliest: Date?
    /// Why this instance cannot be backed up or restored in place, and what the provider's path
    /// is instead; the detail of every such request refused for it.
    public var refusal: String?
    public var notes: [String]

    public init(
        manualBackup: Bool, backupRetention: Bool, minRetentionDays: Int? = nil, maxRetentionDays: Int? = nil, backupFormats: [BackupFormat],
        listBackups: Bool, restoreFromBackup: Bool, inPlaceRestore: Bool, pointInTimeRestore: Bool,
        keyFilterRestore: Bool, timeShift: Bool, restorePasswordRequired: Bool? = nil, pointInTimeEarliest: Date? = nil,
        refusal: String? = nil, notes: [String] = []
    ) {
        self.manualBackup = manualBackup
        self.backupRetention = backupRetention
        self.minRetentionDays = minRetentionDays
        self.pointInTimeEarliest = pointInTimeEarliest
        self.refusal = refusal
        self.maxRetentionDays = maxRetentionDays
        self.backupFormats = backupFormats
        self.listBackups = listBackups
        self.restoreFromBackup = restoreFromBackup
        self.inPlaceRestore = inPlaceRestore
        self.pointInTimeRestore = pointInTimeRestore
        self.keyFilterRestore = keyFilterRestore
        self.timeShift = timeShift
        self.restorePasswordRequired = restorePasswordRequired
        self.notes = notes
    }

    /// Refuses, up front, a backup option this provider cannot honour.
    public func check(_ request: BackupRequest, provider: ProviderKind) throws(GatewayError) {
        guard manualBackup else {
            throw .unsupported("MANUAL_BACKUP_UNSUPPORTED", refusal ?? "\(provider.displayName) cannot take a manual backup of this instance.")
        }
        if let format = request.format, !backupFormats.contains(format) {
            let detail = backupFormats.isEmpty
                ? "\(provider.displayName) does not let the caller choose the backup format; omit \"format\"."
                : "\(provider.displayName) supports the formats \(backupFormats.map(\.rawValue).joined(separator: ", ")), not \(format.rawValue)."
            throw .unsupported("BACKUP_FORMAT_UNSUPPORTED", detail)
        }
        if let days = request.retentionDays {
            guard backupRetention else {
                throw .unsupported("RETENTION_UNSUPPORTED", "\(provider.displayName) does not accept a retention for manual backups; omit \"retentionDays\".")
            }
            let low = minRetentionDays ?? 1
            if days < low || maxRetentionDays.map({ days > $0 }) == true {
                let range = maxRetentionDays.map { "between \(low) and \($0)" } ?? "at least \(low)"
                throw .invalidArgument("RETENTION_OUT_OF_RANGE", "retentionDays must be \(range) for \(provider.displayName) (got \(days)).")
            }
        }
    }

    /// Refuses a point in time outside the recoverable window: before `pointInTimeEarliest`
    /// or after `now`.
    public func checkWindow(_ request: RestoreRequest, now: Date, provider: ProviderKind) throws(GatewayError) {
        guard let pointInTime = request.pointInTime else { return }
        if pointInTime > now {
            throw .failedPrecondition("POINT_IN_TIME_OUT_OF_WINDOW", "pointInTime \(pointInTime.formatted(.iso8601)) is in the future.")
        }
        if let earliest = pointInTimeEarliest, pointInTime < earliest {
            throw .failedPrecondition(
                "POINT_IN_TIME_OUT_OF_WINDOW",
                "pointInTime \(pointInTime.formatted(.iso8601)) is before the earliest recoverable moment of this instance, \(earliest.formatted(.iso8601)) (when data flashback was enabled)."
            )
        }
    }

    /// Refuses, up front, a restore option this provider cannot honour.
    public func check(_ request: RestoreRequest, provider: ProviderKind) throws(GatewayError) {
        guard inPlaceRestore else {
            throw .unsupported(
                "IN_PLACE_RESTORE_UNSUPPORTED",
                refusal ?? "\(provider.displayName) cannot restore this instance in place."
            )
        }
        if request.pointInTime != nil, !pointInTimeRestore {
            throw .unsupported("POINT_IN_TIME_UNSUPPORTED", "\(provider.displayName) cannot restore to a point in time; restore from a backupId instead.")
        }
        if request.backupId != nil, !restoreFromBackup {
            throw .unsupported("RESTORE_FROM_BACKUP_UNSUPPORTED", "\(provider.displayName) cannot restore this instance from a backup in place.")
        }
        if request.keyPatterns != nil, !keyFilterRestore {
            throw .unsupported("KEY_FILTER_UNSUPPORTED", "\(provider.displayName) cannot restore a subset of keys; omit \"keyPatterns\".")
        }
        if request.timeShift != nil, !timeShift {
            throw .unsupported("TIME_SHIFT_UNSUPPORTED", "\(provider.displayName) cannot shift key expiry times on restore; omit \"timeShift\".")
        }
    }
}
