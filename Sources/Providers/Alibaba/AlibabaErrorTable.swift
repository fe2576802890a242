import GatewayCore

/// Every Alibaba Cloud error code of `alibaba.md` §7 (common and R-KVStore action codes) and
/// what it means for callers (DESIGN.md §4). Alibaba sends them with HTTP 4xx/5xx; the code
/// decides, not the status. The gateway's own key or signature being refused is
/// `provider_auth_failed`.
enum AlibabaErrorTable {
    static let table = ProviderErrorTable(provider: .alibaba, rows: rows, prefixRows: prefixRows)

    static let rows: [String: ProviderErrorMapping] = [
        // Request shape.
        "MissingParameter": .init(.invalidArgument, "MISSING_PARAMETER"),
        "InvalidParameter": .init(.invalidArgument, "INVALID_PARAMETER"),
        // The gateway's credentials, signature and clock.
        "InvalidAccessKeyId.NotFound": .init(.providerAuthFailed, "PROVIDER_CREDENTIALS_INVALID"),
        "InvalidAccessKeyId.Inactive": .init(.providerAuthFailed, "PROVIDER_CREDENTIALS_DISABLED"),
        "IncompleteSignature": .init(.providerAuthFailed, "PROVIDER_SIGNATURE_REJECTED"),
        "SignatureDoesNotMatch": .init(.providerAuthFailed, "PROVIDER_SIGNATURE_REJECTED"),
        "InvalidSignatureMethod": .init(.providerAuthFailed, "PROVIDER_SIGNATURE_REJECTED"),
        "SignatureNonceUsed": .init(.providerError, "PROVIDER_NONCE_REUSED"),
        "InvalidTimeStamp.Expired": .init(.providerAuthFailed, "SIGNATURE_EXPIRED"),
        "InvalidTimeStamp.Format": .init(.providerAuthFailed, "PROVIDER_TIMESTAMP_REJECTED"),
        "IllegalTimestamp": .init(.providerAuthFailed, "PROVIDER_TIMESTAMP_REJECTED"),
        "InvalidSecurityToken.Expired": .init(.providerAuthFailed, "PROVIDER_TOKEN_INVALID"),
        "InvalidSecurityToken.MismatchWithAccessKey": .init(.providerAuthFailed, "PROVIDER_TOKEN_INVALID"),
        // RAM and risk control.
        "Forbidden.RAM": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "NoPermission": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "Forbidden.RiskControl": .init(.permissionDenied, "PROVIDER_RISK_CONTROL"),
        // What the API does not offer.
        "InvalidAction.NotFound": .init(.unsupported, "ACTION_UNKNOWN"),
        "InvalidVersion": .init(.unsupported, "API_VERSION_UNKNOWN"),
        "UnsupportedHTTPMethod": .init(.unsupported, "HTTP_METHOD_UNSUPPORTED"),
        // Throttling.
        "Throttling": .init(.rateLimited, "PROVIDER_THROTTLED"),
        "Throttling.User": .init(.rateLimited, "PROVIDER_THROTTLED"),
        "Throttling.Api": .init(.rateLimited, "PROVIDER_THROTTLED"),
        // Instances, backups and restores.
        "InvalidInstanceId.NotFound": .init(.notFound, "INSTANCE_NOT_FOUND"),
        "IncorrectDBInstanceState": .init(.conflict, "INSTANCE_BUSY"),
        "IncorrectInstanceStatus": .init(.conflict, "INSTANCE_BUSY"),
        "BackupJobExists": .init(.conflict, "BACKUP_IN_PROGRESS"),
        "InvalidClusterInstance.NotFound": .init(.unsupported, "NOT_A_CLOUD_NATIVE_CLUSTER"),
        "ResroreParamNotMatch": .init(.invalidArgument, "RESTORE_PARAMETERS_INCONSISTENT"),
        "InvalidRestoreTime.Format": .init(.invalidArgument, "RESTORE_TIME_INVALID"),
        "ZoneMigrationError.StillingRunning": .init(.conflict, "INSTANCE_MIGRATING"),
        "InvalidBinlog.NotValid": .init(.failedPrecondition, "POINT_IN_TIME_NOT_RECOVERABLE"),
        "ServiceNotSupport": .init(.unsupported, "IN_PLACE_RESTORE_UNSUPPORTED"),
        // The provider's own failures.
        "InternalError": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "ServiceUnavailable": .init(.providerUnavailable, "PROVIDER_SERVICE_UNAVAILABLE"),
    ]

    /// Families of codes named after a parameter (`MissingStartTime`, `InvalidStartTime.Malformed`).
    static let prefixRows: [(prefix: String, suffix: String, mapping: ProviderErrorMapping)] = [
        ("Missing", "", .init(.invalidArgument, "MISSING_PARAMETER")),
        ("Invalid", ".Malformed", .init(.invalidArgument, "INVALID_PARAMETER")),
    ]
}
