import GatewayCore
@testable import Providers
import Testing

/// One documented Tencent API 3.0 error code and what the gateway must make of it.
struct TencentErrorRow: Sendable, CustomTestStringConvertible {
    var providerCode: String
    var code: String
    var reason: String

    init(_ providerCode: String, _ code: String, _ reason: String) {
        self.providerCode = providerCode
        self.code = code
        self.reason = reason
    }

    var testDescription: String { "\(providerCode) → \(code)/\(reason)" }
}

/// Pins `TencentErrorTable` against `tencent.md` §6.1 (common codes and the Redis business
/// codes), the per-action lists of §3.1, and DESIGN.md §4.
@Suite("Tencent error table")
struct TencentErrorTableTests {
    /// Every documented code, written out.
    static let documented: [TencentErrorRow] = [
        // §6.1 common codes.
        .init("ActionOffline", "unsupported", "ACTION_OFFLINE"),
        .init("AuthFailure.InvalidAuthorization", "provider_auth_failed", "PROVIDER_AUTHORIZATION_INVALID"),
        .init("AuthFailure.InvalidSecretId", "provider_auth_failed", "PROVIDER_CREDENTIALS_INVALID"),
        .init("AuthFailure.MFAFailure", "provider_auth_failed", "PROVIDER_MFA_FAILED"),
        .init("AuthFailure.SecretIdNotFound", "provider_auth_failed", "PROVIDER_CREDENTIALS_INVALID"),
        .init("AuthFailure.SignatureExpire", "provider_auth_failed", "SIGNATURE_EXPIRED"),
        .init("AuthFailure.SignatureFailure", "provider_auth_failed", "PROVIDER_SIGNATURE_REJECTED"),
        .init("AuthFailure.TokenFailure", "provider_auth_failed", "PROVIDER_TOKEN_INVALID"),
        .init("AuthFailure.UnauthorizedOperation", "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("DryRunOperation", "provider_error", "PROVIDER_DRY_RUN"),
        .init("FailedOperation", "provider_error", "PROVIDER_OPERATION_FAILED"),
        .init("InternalError", "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("InvalidAction", "unsupported", "ACTION_UNKNOWN"),
        .init("InvalidParameter", "invalid_argument", "INVALID_PARAMETER"),
        .init("InvalidParameterValue", "invalid_argument", "INVALID_PARAMETER_VALUE"),
        .init("InvalidRequest", "invalid_argument", "INVALID_REQUEST"),
        .init("IpInBlacklist", "permission_denied", "PROVIDER_IP_DENIED"),
        .init("IpNotInWhitelist", "permission_denied", "PROVIDER_IP_DENIED"),
        .init("LimitExceeded", "failed_precondition", "QUOTA_EXCEEDED"),
        .init("MissingParameter", "invalid_argument", "MISSING_PARAMETER"),
        .init("NoSuchProduct", "unsupported", "PRODUCT_UNKNOWN"),
        .init("NoSuchVersion", "unsupported", "API_VERSION_UNKNOWN"),
        .init("RequestLimitExceeded", "rate_limited", "PROVIDER_THROTTLED"),
        .init("RequestLimitExceeded.GlobalRegionUinLimitExceeded", "rate_limited", "PROVIDER_THROTTLED"),
        .init("RequestLimitExceeded.IPLimitExceeded", "rate_limited", "PROVIDER_THROTTLED"),
        .init("RequestLimitExceeded.UinLimitExceeded", "rate_limited", "PROVIDER_THROTTLED"),
        .init("RequestSizeLimitExceeded", "invalid_argument", "REQUEST_TOO_LARGE"),
        .init("ResourceInUse", "conflict", "RESOURCE_BUSY"),
        .init("ResourceInsufficient", "provider_unavailable", "PROVIDER_CAPACITY_INSUFFICIENT"),
        .init("ResourceNotFound", "not_found", "RESOURCE_NOT_FOUND"),
        .init("ResourceUnavailable", "failed_precondition", "RESOURCE_UNAVAILABLE"),
        .init("ResponseSizeLimitExceeded", "provider_error", "PROVIDER_RESPONSE_TOO_LARGE"),
        .init("ServiceUnavailable", "provider_unavailable", "PROVIDER_SERVICE_UNAVAILABLE"),
        .init("UnauthorizedOperation", "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("UnknownParameter", "invalid_argument", "UNKNOWN_PARAMETER"),
        .init("UnsupportedOperation", "unsupported", "OPERATION_UNSUPPORTED"),
        .init("UnsupportedProtocol", "unsupported", "PROTOCOL_UNSUPPORTED"),
        .init("UnsupportedRegion", "unsupported", "REGION_UNSUPPORTED"),
        // §6.1 Redis business codes.
        .init("ResourceNotFound.InstanceNotExists", "not_found", "INSTANCE_NOT_FOUND"),
        .init("InvalidParameterValue.BackupNotExists", "not_found", "BACKUP_NOT_FOUND"),
        .init("InvalidParameterValue.PasswordError", "permission_denied", "INSTANCE_PASSWORD_INCORRECT"),
        .init("InvalidParameterValue.PasswordEmpty", "invalid_argument", "INSTANCE_PASSWORD_REQUIRED"),
        .init("ResourceUnavailable.InstanceLockedError", "conflict", "INSTANCE_BUSY"),
        .init("ResourceUnavailable.InstanceStateError", "failed_precondition", "INSTANCE_STATE_INVALID"),
        .init("ResourceUnavailable.InstanceStatusAbnormal", "failed_precondition", "INSTANCE_NOT_RUNNING"),
        .init("ResourceUnavailable.InstanceIsolated", "failed_precondition", "INSTANCE_ISOLATED"),
        .init("ResourceUnavailable.InstanceDeleted", "not_found", "INSTANCE_DELETED"),
        .init("ResourceUnavailable.BackupLockedError", "conflict", "BACKUP_LOCKED"),
        .init("ResourceUnavailable.BackupStatusAbnormal", "failed_precondition", "BACKUP_UNAVAILABLE"),
        .init("ResourceUnavailable.BackupStatusInvalid", "failed_precondition", "BACKUP_UNAVAILABLE"),
        .init("ResourceUnavailable.BackupSpecError", "failed_precondition", "BACKUP_SPEC_MISMATCH"),
        .init("ResourceInUse.InstanceBeenLocked", "conflict", "INSTANCE_BUSY"),
        .init("FailedOperation.CommitFlowError", "provider_error", "PROVIDER_FLOW_FAILED"),
        .init("FailedOperation.SystemError", "provider_error", "PROVIDER_SYSTEM_ERROR"),
        .init("InternalError.InternalError", "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("InternalError.DbOperationFailed", "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("InvalidParameter.InvalidParameter", "invalid_argument", "INVALID_PARAMETER"),
        .init("InvalidParameter.PermissionDenied", "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("InvalidParameter.EmptyParam", "invalid_argument", "MISSING_PARAMETER"),
        .init("UnauthorizedOperation.NoCAMAuthed", "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("UnauthorizedOperation.UserNotInWhiteList", "permission_denied", "PROVIDER_ACCOUNT_NOT_ALLOWLISTED"),
        .init("UnsupportedOperation.ClusterInstanceAccessedDeny", "unsupported", "CLUSTER_ACCESS_DENIED"),
        .init("UnsupportedOperation.IsAutoRenewError", "unsupported", "AUTO_RENEW_INSTANCE_UNSUPPORTED"),
        .init("UnsupportedOperation.OnlyClusterInstanceCanExportBackup", "unsupported", "BACKUP_EXPORT_CLUSTER_ONLY"),
        // §3.1 DescribeInstances' list, beyond §6.1.
        .init("FailedOperation.Unknown", "provider_error", "PROVIDER_OPERATION_FAILED"),
    ]

    @Test("a documented code maps to its taxonomy code and reason", arguments: documented)
    func mapping(row: TencentErrorRow) throws {
        let expected = try #require(ErrorCode(rawValue: row.code), "not a taxonomy code: \(row.code)")
        let mapping = try #require(TencentErrorTable.rows[row.providerCode], "no row for \(row.providerCode)")
        #expect(mapping.code == expected)
        #expect(mapping.reason == row.reason)

        let error = TencentErrorTable.table.error(
            providerCode: row.providerCode, message: "text", requestId: "rid-1", httpStatus: 200, redactor: Redactor()
        )
        #expect(error.code == expected)
        #expect(error.reason == row.reason)
        #expect(error.provider?.name == "tencent")
        #expect(error.provider?.code == row.providerCode)
        #expect(error.provider?.requestId == "rid-1")
        #expect(error.provider?.httpStatus == 200)
        #expect(error.retryAfterSeconds == (expected == .rateLimited ? 1 : nil))
        #expect(!error.outcomeUnknown)
    }

    @Test("the table has a row for every documented code and no undocumented rows")
    func noGaps() {
        let documentedCodes = Set(Self.documented.map(\.providerCode))
        #expect(documentedCodes.count == Self.documented.count, "a code is listed twice in the test")
        let tableCodes = Set(TencentErrorTable.rows.keys)
        #expect(documentedCodes.subtracting(tableCodes).sorted() == [], "documented but missing from the table")
        #expect(tableCodes.subtracting(documentedCodes).sorted() == [], "in the table but not documented")
    }

    @Test("the gateway's own credentials refused is provider_auth_failed, never the caller's unauthenticated")
    func neverUnauthenticated() {
        #expect(TencentErrorTable.rows.values.allSatisfy { $0.code != .unauthenticated })
        for (providerCode, mapping) in TencentErrorTable.rows where providerCode.hasPrefix("AuthFailure.") {
            let expected: ErrorCode = providerCode == "AuthFailure.UnauthorizedOperation" ? .permissionDenied : .providerAuthFailed
            #expect(mapping.code == expected, "\(providerCode)")
        }
    }

    @Test("an unknown code is provider_error PROVIDER_ERROR_UNMAPPED with the code kept")
    func unknownCode() {
        let error = TencentErrorTable.table.error(
            providerCode: "FutureProduct.BrandNewFailure", message: "something new", requestId: "rid-2",
            httpStatus: 200, redactor: Redactor()
        )
        #expect(error.code == .providerError)
        #expect(error.reason == "PROVIDER_ERROR_UNMAPPED")
        #expect(error.retryable)
        #expect(error.provider?.code == "FutureProduct.BrandNewFailure")
        #expect(error.provider?.message == "something new")
        #expect(error.detail.contains("FutureProduct.BrandNewFailure"))
        #expect(TencentErrorTable.table.mapping(for: "").reason == "PROVIDER_ERROR_UNMAPPED")
    }

    @Test("the provider message is redacted: access key ids, signatures, known secrets")
    func redaction() {
        let secretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
        let signature = "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
        let secret = "instance-Pa55word!"
        let message = "SecretId \(secretId) with signature \(signature) for password \(secret) is not valid"
        let error = TencentErrorTable.table.error(
            providerCode: "AuthFailure.SignatureFailure", message: message, requestId: nil, httpStatus: 200,
            redactor: Redactor(knownSecrets: [secret])
        )
        for leaked in [secretId, signature, secret] {
            #expect(!error.detail.contains(leaked), "\(error.detail)")
            #expect(error.provider?.message?.contains(leaked) == false, "\(error.provider?.message ?? "")")
            #expect(!error.description.contains(leaked))
        }
        #expect(error.provider?.message?.contains(Redactor.mask) == true)
        #expect(error.provider?.message?.contains("is not valid") == true)
    }

    @Test("an empty or missing message leaves a plain detail")
    func noMessage() {
        for message in [nil, ""] as [String?] {
            let error = TencentErrorTable.table.error(
                providerCode: "InternalError", message: message, requestId: nil, httpStatus: 200, redactor: Redactor()
            )
            #expect(error.detail == "Tencent Cloud Redis (API 3.0) answered InternalError.")
        }
    }
}
