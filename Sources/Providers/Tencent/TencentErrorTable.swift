import GatewayCore

/// Every Tencent Cloud API 3.0 error code of `tencent.md` §6.1 (common codes and the Redis
/// action codes) and what it means for callers (DESIGN.md §4). The gateway's own credentials
/// being refused is `provider_auth_failed`, never the caller's `unauthenticated`.
enum TencentErrorTable {
    static let table = ProviderErrorTable(provider: .tencent, rows: rows)

    static let rows: [String: ProviderErrorMapping] = [
        // Common codes — authentication of the gateway's own key.
        "AuthFailure.InvalidAuthorization": .init(.providerAuthFailed, "PROVIDER_AUTHORIZATION_INVALID"),
        "AuthFailure.InvalidSecretId": .init(.providerAuthFailed, "PROVIDER_CREDENTIALS_INVALID"),
        "AuthFailure.MFAFailure": .init(.providerAuthFailed, "PROVIDER_MFA_FAILED"),
        "AuthFailure.SecretIdNotFound": .init(.providerAuthFailed, "PROVIDER_CREDENTIALS_INVALID"),
        "AuthFailure.SignatureExpire": .init(.providerAuthFailed, "SIGNATURE_EXPIRED"),
        "AuthFailure.SignatureFailure": .init(.providerAuthFailed, "PROVIDER_SIGNATURE_REJECTED"),
        "AuthFailure.TokenFailure": .init(.providerAuthFailed, "PROVIDER_TOKEN_INVALID"),
        // Common codes — authorization (CAM) and network policy.
        "AuthFailure.UnauthorizedOperation": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "UnauthorizedOperation": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "IpInBlacklist": .init(.permissionDenied, "PROVIDER_IP_DENIED"),
        "IpNotInWhitelist": .init(.permissionDenied, "PROVIDER_IP_DENIED"),
        // Common codes — request shape.
        "InvalidParameter": .init(.invalidArgument, "INVALID_PARAMETER"),
        "InvalidParameterValue": .init(.invalidArgument, "INVALID_PARAMETER_VALUE"),
        "MissingParameter": .init(.invalidArgument, "MISSING_PARAMETER"),
        "UnknownParameter": .init(.invalidArgument, "UNKNOWN_PARAMETER"),
        "InvalidRequest": .init(.invalidArgument, "INVALID_REQUEST"),
        "RequestSizeLimitExceeded": .init(.invalidArgument, "REQUEST_TOO_LARGE"),
        // Common codes — what the API or region does not offer.
        "ActionOffline": .init(.unsupported, "ACTION_OFFLINE"),
        "InvalidAction": .init(.unsupported, "ACTION_UNKNOWN"),
        "NoSuchProduct": .init(.unsupported, "PRODUCT_UNKNOWN"),
        "NoSuchVersion": .init(.unsupported, "API_VERSION_UNKNOWN"),
        "UnsupportedOperation": .init(.unsupported, "OPERATION_UNSUPPORTED"),
        "UnsupportedProtocol": .init(.unsupported, "PROTOCOL_UNSUPPORTED"),
        "UnsupportedRegion": .init(.unsupported, "REGION_UNSUPPORTED"),
        // Common codes — state, quota, throttling.
        "LimitExceeded": .init(.failedPrecondition, "QUOTA_EXCEEDED"),
        "ResourceInUse": .init(.conflict, "RESOURCE_BUSY"),
        "ResourceNotFound": .init(.notFound, "RESOURCE_NOT_FOUND"),
        "ResourceUnavailable": .init(.failedPrecondition, "RESOURCE_UNAVAILABLE"),
        "ResourceInsufficient": .init(.providerUnavailable, "PROVIDER_CAPACITY_INSUFFICIENT"),
        "RequestLimitExceeded": .init(.rateLimited, "PROVIDER_THROTTLED"),
        "RequestLimitExceeded.GlobalRegionUinLimitExceeded": .init(.rateLimited, "PROVIDER_THROTTLED"),
        "RequestLimitExceeded.IPLimitExceeded": .init(.rateLimited, "PROVIDER_THROTTLED"),
        "RequestLimitExceeded.UinLimitExceeded": .init(.rateLimited, "PROVIDER_THROTTLED"),
        // Common codes — the provider's own failures.
        "FailedOperation": .init(.providerError, "PROVIDER_OPERATION_FAILED"),
        "InternalError": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "ServiceUnavailable": .init(.providerUnavailable, "PROVIDER_SERVICE_UNAVAILABLE"),
        "ResponseSizeLimitExceeded": .init(.providerError, "PROVIDER_RESPONSE_TOO_LARGE"),
        "DryRunOperation": .init(.providerError, "PROVIDER_DRY_RUN"),

        // Redis action codes.
        "ResourceNotFound.InstanceNotExists": .init(.notFound, "INSTANCE_NOT_FOUND"),
        "ResourceUnavailable.InstanceDeleted": .init(.notFound, "INSTANCE_DELETED"),
        "InvalidParameterValue.BackupNotExists": .init(.notFound, "BACKUP_NOT_FOUND"),
        "InvalidParameterValue.PasswordError": .init(.permissionDenied, "INSTANCE_PASSWORD_INCORRECT"),
        "InvalidParameterValue.PasswordEmpty": .init(.invalidArgument, "INSTANCE_PASSWORD_REQUIRED"),
        "ResourceUnavailable.InstanceLockedError": .init(.conflict, "INSTANCE_BUSY"),
        "ResourceInUse.InstanceBeenLocked": .init(.conflict, "INSTANCE_BUSY"),
        "ResourceUnavailable.BackupLockedError": .init(.conflict, "BACKUP_LOCKED"),
        "ResourceUnavailable.InstanceStateError": .init(.failedPrecondition, "INSTANCE_STATE_INVALID"),
        "ResourceUnavailable.InstanceStatusAbnormal": .init(.failedPrecondition, "INSTANCE_NOT_RUNNING"),
        "ResourceUnavailable.InstanceIsolated": .init(.failedPrecondition, "INSTANCE_ISOLATED"),
        "ResourceUnavailable.BackupStatusAbnormal": .init(.failedPrecondition, "BACKUP_UNAVAILABLE"),
        "ResourceUnavailable.BackupStatusInvalid": .init(.failedPrecondition, "BACKUP_UNAVAILABLE"),
        "ResourceUnavailable.BackupSpecError": .init(.failedPrecondition, "BACKUP_SPEC_MISMATCH"),
        "FailedOperation.CommitFlowError": .init(.providerError, "PROVIDER_FLOW_FAILED"),
        "FailedOperation.SystemError": .init(.providerError, "PROVIDER_SYSTEM_ERROR"),
        "FailedOperation.Unknown": .init(.providerError, "PROVIDER_OPERATION_FAILED"),
        "InternalError.InternalError": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "InternalError.DbOperationFailed": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "InvalidParameter.InvalidParameter": .init(.invalidArgument, "INVALID_PARAMETER"),
        "InvalidParameter.EmptyParam": .init(.invalidArgument, "MISSING_PARAMETER"),
        "InvalidParameter.PermissionDenied": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "UnauthorizedOperation.NoCAMAuthed": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "UnauthorizedOperation.UserNotInWhiteList": .init(.permissionDenied, "PROVIDER_ACCOUNT_NOT_ALLOWLISTED"),
        "UnsupportedOperation.ClusterInstanceAccessedDeny": .init(.unsupported, "CLUSTER_ACCESS_DENIED"),
        "UnsupportedOperation.IsAutoRenewError": .init(.unsupported, "AUTO_RENEW_INSTANCE_UNSUPPORTED"),
        "UnsupportedOperation.OnlyClusterInstanceCanExportBackup": .init(.unsupported, "BACKUP_EXPORT_CLUSTER_ONLY"),
    ]
}
