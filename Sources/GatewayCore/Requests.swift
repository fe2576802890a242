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

    /// Checks that hold for every provider: the bounds of openapi.yaml's `BackupRequest` (the
    /// generated decoder checks types, not bounds). Lengths count Unicode code points, as JSON
    /// Schema's `maxLength` does.
    public func validate() throws(GatewayError) {
        if let retentionDays, !(1...3650).contains(retentionDays) {
            throw .invalidArgument("RETENTION_OUT_OF_RANGE", "retentionDays must be between 1 and 3650 (got \(retentionDays)).")
        }
        try RequestBounds.remark(remark)
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

    /// Checks that hold for every provider: confirmation, exactly one source, well-formed options
    /// within the bounds of openapi.yaml's `RestoreRequest`.
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
        if let backupId, backupId.unicodeScalars.count > RequestBounds.maxBackupId {
            throw .invalidArgument("BACKUP_ID_TOO_LONG", "backupId must be at most \(RequestBounds.maxBackupId) characters.")
        }
        if let keyPatterns {
            if keyPatterns.isEmpty {
                throw .invalidArgument("KEY_PATTERNS_EMPTY", "keyPatterns, when given, must name at least one pattern.")
            }
            if keyPatterns.count > RequestBounds.maxKeyPatterns {
                throw .invalidArgument("KEY_PATTERNS_TOO_MANY", "keyPatterns must name at most \(RequestBounds.maxKeyPatterns) patterns.")
            }
            for pattern in keyPatterns {
                guard (1...RequestBounds.maxKeyPattern).contains(pattern.unicodeScalars.count) else {
                    throw .invalidArgument("KEY_PATTERN_INVALID", "Each of keyPatterns must be 1-\(RequestBounds.maxKeyPattern) characters.")
                }
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
        if let password = instancePassword?.revealed, password.unicodeScalars.count > RequestBounds.maxPassword {
            throw .invalidArgument("INSTANCE_PASSWORD_TOO_LONG", "instancePassword must be at most \(RequestBounds.maxPassword) characters.")
        }
        try RequestBounds.remark(remark)
    }
}

/// The bounds openapi.yaml puts on request fields.
enum RequestBounds {
    static let maxRemark = 256
    static let maxBackupId = 128
    static let maxKeyPatterns = 64
    static let maxKeyPattern = 256
    static let maxPassword = 256

    static func remark(_ remark: String?) throws(GatewayError) {
        if let remark, remark.unicodeScalars.count > maxRemark {
            throw .invalidArgument("REMARK_TOO_LONG", "remark must be at most \(maxRemark) characters.")
        }
    }
}
