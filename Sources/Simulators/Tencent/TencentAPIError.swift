/// A Tencent Cloud API 3.0 error: `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`.
struct TencentAPIError: Error, Equatable, Sendable {
    var code: String
    var message: String

    init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    // MARK: Common codes

    static func invalidAuthorization(_ detail: String) -> Self {
        .init("AuthFailure.InvalidAuthorization", "Authorization is invalid: \(detail).")
    }

    static let secretIdNotFound = Self(
        "AuthFailure.SecretIdNotFound",
        "The SecretId is not found, please ensure that your SecretId is correct."
    )

    static func signatureExpire(timestamp: Int, now: Int) -> Self {
        .init(
            "AuthFailure.SignatureExpire",
            "Signature expired. Timestamp `\(timestamp)` and server time `\(now)` differ by more than 5 minutes; "
                + "check that the local time is synchronised with the standard time."
        )
    }

    static let signatureMismatch = Self(
        "AuthFailure.SignatureFailure",
        "The provided credentials could not be validated. Please check your signature is correct."
    )

    static func signatureFailure(_ detail: String) -> Self {
        .init("AuthFailure.SignatureFailure", "The provided credentials could not be validated: \(detail).")
    }

    static let tokenFailure = Self("AuthFailure.TokenFailure", "The provided token is invalid or missing.")

    static func missingParameter(_ name: String) -> Self {
        .init("MissingParameter", "The request is missing a required parameter `\(name)`.")
    }

    static func invalidParameter(_ message: String) -> Self { .init("InvalidParameter", message) }

    static func invalidParameterValue(_ message: String) -> Self { .init("InvalidParameterValue", message) }

    static func unknownParameter(_ name: String) -> Self {
        .init("UnknownParameter", "The parameter `\(name)` is not recognized.")
    }

    static func noSuchVersion(_ version: String) -> Self {
        .init("NoSuchVersion", "The requested version `\(version)` of API `redis` does not exist.")
    }

    static func invalidAction(_ action: String) -> Self {
        .init("InvalidAction", "The action `\(action)` is not valid for this endpoint.")
    }

    static func unsupportedRegion(_ region: String) -> Self {
        .init("UnsupportedRegion", "The region `\(region)` is not supported by this API.")
    }

    static func requestLimitExceeded(count: Int, limit: Int) -> Self {
        .init(
            "RequestLimitExceeded",
            "Your current request times equals to `\(count)` in a second, which exceeds the frequency limit "
                + "`\(limit)` for a second. Please reduce the frequency of calls."
        )
    }

    // MARK: Redis business codes

    static func instanceNotExists(_ id: String) -> Self {
        .init("ResourceNotFound.InstanceNotExists", "The instance `\(id)` does not exist.")
    }

    static func instanceStatusAbnormal(_ id: String, status: Int) -> Self {
        .init(
            "ResourceUnavailable.InstanceStatusAbnormal",
            "The status of instance `\(id)` is abnormal (status \(status)); it must be running."
        )
    }

    static func instanceLocked(_ id: String) -> Self {
        .init(
            "ResourceUnavailable.InstanceLockedError",
            "The instance `\(id)` is locked by another task; please retry later."
        )
    }

    static func backupNotExists(_ id: String) -> Self {
        .init("InvalidParameterValue.BackupNotExists", "The backup `\(id)` does not exist for this instance.")
    }

    static func backupStatusAbnormal(_ id: String, status: Int) -> Self {
        .init(
            "ResourceUnavailable.BackupStatusAbnormal",
            "The status of backup `\(id)` is abnormal (status \(status)); it may have expired."
        )
    }

    static func backupLocked(_ id: String) -> Self {
        .init("ResourceUnavailable.BackupLockedError", "The backup `\(id)` is locked by another task.")
    }

    static let passwordEmpty = Self("InvalidParameterValue.PasswordEmpty", "The password is empty.")
    static let passwordError = Self("InvalidParameterValue.PasswordError", "The password is incorrect.")

    static let taskNotFound = Self("InvalidParameter.InvalidParameter", "task not found")
}
