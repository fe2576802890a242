/// An Alibaba Cloud POP error: HTTP 4xx/5xx with
/// `{"RequestId", "HostId", "Code", "Message", "Recommend"}` (or `<Error>…</Error>` in XML).
struct AlibabaAPIError: Error, Equatable, Sendable {
    var code: String
    var message: String
    var httpStatus: Int

    init(_ code: String, _ message: String, status: Int? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = status ?? Self.status(of: code)
    }

    /// The HTTP status Alibaba answers a code with (alibaba.md §7); 400 for anything else.
    static func status(of code: String) -> Int {
        switch code {
        case "InvalidAccessKeyId.NotFound", "InvalidAction.NotFound", "InvalidInstanceId.NotFound",
             "InvalidClusterInstance.NotFound":
            404
        case "Forbidden.RAM", "NoPermission", "Forbidden.RiskControl", "Throttling.Api", "UnsupportedHTTPMethod",
             "IncorrectDBInstanceState":
            403
        case "InternalError": 500
        case "ServiceUnavailable": 503
        default: 400
        }
    }

    // MARK: Common (gateway) codes

    static func incompleteSignature(_ detail: String) -> Self {
        .init("IncompleteSignature", "The request signature does not conform to Aliyun standards. \(detail)")
    }

    static let accessKeyNotFound = Self("InvalidAccessKeyId.NotFound", "Specified access key is not found.")

    static func invalidSignatureMethod(_ method: String) -> Self {
        .init("InvalidSignatureMethod", "Specified signature method `\(method)` is not supported.")
    }

    static let timestampFormat = Self(
        "InvalidTimeStamp.Format",
        "Specified time stamp or date value is not well formatted."
    )

    static let timestampExpired = Self("InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")

    static let nonceUsed = Self("SignatureNonceUsed", "Specified signature nonce was used already.")

    /// The real message echoes the server's string to sign (a client compares it with its own).
    static func signatureMismatch(stringToSign: String) -> Self {
        .init(
            "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation. server string to sign is:\(stringToSign)"
        )
    }

    static func signatureRejected(_ detail: String) -> Self {
        .init("SignatureDoesNotMatch", "Specified signature is not matched with our calculation. \(detail)")
    }

    static let securityTokenMismatch = Self(
        "InvalidSecurityToken.MismatchWithAccessKey",
        "Specified SecurityToken mismatch with the AccessKey."
    )

    static func invalidVersion(_ version: String) -> Self {
        .init("InvalidVersion", "Specified parameter Version `\(version)` is not valid.")
    }

    static func invalidAction(_ action: String) -> Self {
        .init("InvalidAction.NotFound", "Specified api `\(action)` is not found, please check your url and method.")
    }

    static func unsupportedMethod(_ method: String) -> Self {
        .init("UnsupportedHTTPMethod", "This http method `\(method)` is not supported.")
    }

    static let throttlingUser = Self("Throttling.User", "Request was denied due to user flow control.")

    /// `Missing<Name>`, e.g. `MissingInstanceId`.
    static func missing(_ name: String) -> Self {
        .init("Missing\(name)", "\(name) is mandatory for this action.")
    }

    static func invalidParameter(_ message: String) -> Self { .init("InvalidParameter", message) }

    // MARK: R-kvstore business codes

    static func instanceNotFound(_ id: String) -> Self {
        .init("InvalidInstanceId.NotFound", "The specified instance `\(id)` is not found.")
    }

    static func incorrectInstanceState(_ status: String) -> Self {
        .init(
            "IncorrectDBInstanceState",
            "Current DB instance state `\(status)` does not support this operation."
        )
    }

    static let backupJobExists = Self("BackupJobExists", "A backup job is already running for this instance.")

    static func clusterInstanceNotFound(_ id: String) -> Self {
        .init(
            "InvalidClusterInstance.NotFound",
            "The specified instance `\(id)` is not a cloud-native cluster instance."
        )
    }

    static func serviceNotSupport(_ detail: String) -> Self {
        .init("ServiceNotSupport", "Specified instance does not support this service: \(detail)")
    }

    /// Spelled like Alibaba spells it.
    static func restoreParamNotMatch(_ detail: String) -> Self {
        .init("ResroreParamNotMatch", "The restore parameters do not match the restore type: \(detail)")
    }

    static func invalidRestoreTime(_ detail: String) -> Self {
        .init("InvalidRestoreTime.Format", "Specified restore time is not valid: \(detail)")
    }

    static func binlogNotValid(_ detail: String) -> Self {
        .init("InvalidBinlog.NotValid", "No valid backup log covers the specified restore time: \(detail)")
    }
}
