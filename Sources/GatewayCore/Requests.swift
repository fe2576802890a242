import Foundation

/// A value that must never be logged, stored or echoed (an instance password).
/// It is deliberately not `Codable`; its descriptions print `<redacted>`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The clear value, for the one place that sends it to the provider.
    public let revealed: String
    public init(_ value: String) { revealed = value }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

/// `POST /instances/{id}/backups`.
public struct BackupRequest: Sendable, Hashable {
    public var remark: String?
    public var retentionDays: Int?
    public var format: BackupFormat?
    /// Where to POST the operation once it ends (overrides the account's webhook).
    public var callbackUrl: String?

    public init(remark: String? = nil, retentionDays: Int? = nil, format: BackupFormat? = nil, callbackUrl: String? = nil) {
        self.remark = remark
        self.retentionDays = retentionDays
        self.format = format
        self.callbackUrl = callbackUrl
    }

    /// Checks that hold for every provider.
    public func validate() throws(GatewayError) {
        if let retentionDays, retentionDays < 1 {
            throw .invalidArgument("RETENTION_OUT_OF_RANGE", "retentionDays must be at least 1 (got \(retentionDays)).")
        }
        if let remark, remark.count > 256 {
            throw .invalidArgument("REMARK_TOO_LONG", "remark must be at most 256 characters.")
        }
    }
}

/// `POST /instances/{id}/restores`.
public struct RestoreRequest: Sendable, Hashable {
    public var backupId: String?
    public var pointInTime: Date?
    public var keyPatterns: [String]?
    public var timeShift: Date?
    public var instancePassword: Secret?
    public var remark: String?
    public var confirmOverwrite: Bool
    /// Where to POST the operation once it ends (overrides the account's webhook).
    public var callbackUrl: String?

    public init(
        backupId: String? = nil, pointInTime: Date? = nil, keyPatterns: [String]? = nil, timeShift: Date? = nil,
        instancePassword: Secret? = nil, remark: String? = nil, confirmOverwrite: Bool, callbackUrl: String? = nil
    ) {
        self.callbackUrl = callbackUrl
        self.backupId = backupId
        self.pointInTime = pointInTime
        self.keyPatterns = keyPatterns
        self.timeShift = timeShift
        self.instancePassword = instancePassword
        self.remark = remark
        self.confirmOverwrite = confirmOverwrite
    }

    /// Checks that hold for every provider: confirmation, exactly one source, well-formed options.
    public func validate() throws(GatewayError) {
        guard confirmOverwrite else {
            throw .invalidArgument(
                "CONFIRMATION_REQUIRED",
                "A restore overwrites the instance's data: set \"confirmOverwrite\": true to proceed."
            )
        }
        switch (backupId, pointInTime) {
        case (nil, nil):
            throw .invalidArgument("RESTORE_SOURCE_MISSING", "Give exactly one of backupId or pointInTime.")
        case (.some, .some):
            throw .invalidArgument("RESTORE_SOURCE_AMBIGUOUS", "Give exactly one of backupId or pointInTime, not both.")
        default:
            break
        }
        if let backupId, backupId.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .invalidArgument("BACKUP_ID_EMPTY", "backupId must not be empty.")
        }
        if let keyPatterns {
            if keyPatterns.isEmpty {
                throw .invalidArgument("KEY_PATTERNS_EMPTY", "keyPatterns, when given, must name at least one pattern.")
            }
            for pattern in keyPatterns {
                do {
                    _ = try NSRegularExpression(pattern: pattern)
                } catch {
                    throw .invalidArgument("KEY_PATTERN_INVALID", "keyPatterns: \"\(pattern)\" is not a valid regular expression.")
                }
            }
        }
        if let password = instancePassword?.revealed, password.isEmpty {
            throw .invalidArgument("INSTANCE_PASSWORD_EMPTY", "instancePassword, when given, must not be empty.")
        }
    }
}
