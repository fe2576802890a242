/// An error answer, from API Gateway (auth, throttling, routing:
/// `{"error_msg", "error_code", "request_id"}`) or from DCS behind it (v2
/// `{"error_code", "error_msg"}`, v1.0 `{"error": {"code", "message"}}` with the 9-digit legacy
/// code). huawei.md §5.
struct HuaweiAPIError: Error, Equatable, Sendable {
    enum Layer: Sendable { case gateway, dcs }

    var layer: Layer
    /// `APIGW.0301`, `DCS.4096`, … (a fault may give any code, a 9-digit one included).
    var code: String
    var message: String
    var httpStatus: Int

    init(_ code: String, _ message: String, status: Int? = nil) {
        self.layer = code.hasPrefix("APIGW.") || code.hasPrefix("APIG.") ? .gateway : .dcs
        self.code = code
        self.message = message
        self.httpStatus = status ?? Self.status(of: code)
    }

    /// The code a v1.0 route answers: `DCS.xNNN` → `111` + HTTP status + `NNN`
    /// (`DCS.4096` → `111400096`, `DCS.3022` → `111404022`, `DCS.1002` → `111401002`,
    /// `DCS.5000` → `111500000`); other codes unchanged.
    var legacyCode: String {
        guard code.hasPrefix("DCS."), code.count == 8, code.dropFirst(4).allSatisfy(\.isNumber) else { return code }
        return "111\(httpStatus)\(code.suffix(3))"
    }

    /// The HTTP status a code is answered with (huawei.md §5.1, §5.2); 400 for anything else.
    static func status(of code: String) -> Int {
        if code.count == 9, code.hasPrefix("111"), code.allSatisfy(\.isNumber), let status = Int(code.dropFirst(3).prefix(3)),
           (400...599).contains(status) {
            return status
        }
        switch code {
        case "DCS.3022", "DCS.4001", "APIGW.0101": return 404
        case "DCS.1001", "DCS.1002", "DCS.1003", "DCS.1004",
             "APIGW.0301", "APIGW.0303", "APIGW.0305", "APIGW.0307":
            return 401
        case "DCS.2003", "DCS.3003", "DCS.2007", "DCS.3002",
             "APIGW.0302", "APIGW.0306", "APIGW.0310", "APIGW.0401", "APIGW.0402", "APIGW.0801":
            return 403
        case "DCS.5001": return 405
        case "APIGW.0308": return 429
        case "DCS.4069", "DCS.4101",
             "APIGW.0601", "APIGW.0605", "APIGW.0606", "APIGW.0608", "APIGW.0609", "APIGW.0611", "APIGW.0612",
             "APIGW.0705":
            return 500
        case "APIGW.0610": return 502
        case "APIGW.0613": return 503
        default:
            return code.hasPrefix("DCS.5") ? 500 : 400
        }
    }

    // MARK: API Gateway

    static let iamPrefix = "Incorrect IAM authentication information: "

    static let apiNotFound = Self(
        "APIGW.0101", "The API does not exist or has not been published in the environment", status: 404
    )

    static let entityTooLarge = Self("APIGW.0201", "Request entity too large", status: 413)

    static let signatureFail = Self("APIGW.0301", iamPrefix + "verify aksk signature fail")

    /// The real message echoes the server's canonical request, newlines as `|`.
    static func signatureMismatch(canonicalRequest: String) -> Self {
        .init(
            "APIGW.0301",
            iamPrefix + "verify aksk signature fail, canonicalRequest:"
                + canonicalRequest.replacingOccurrences(of: "\n", with: "|")
        )
    }

    static func accessKeyNotFound(_ accessKey: String) -> Self {
        .init("APIGW.0301", iamPrefix + "ak \(accessKey) not exist")
    }

    static func signatureExpired(signatureTime: String, serverTime: String) -> Self {
        .init(
            "APIGW.0301",
            iamPrefix + "calc aksk signature fail:signature expired, signature time:\(signatureTime),server time:\(serverTime)"
        )
    }

    static let securityTokenInvalid = Self("APIGW.0301", iamPrefix + "decrypt token fail")

    static let accessKeyLocked = Self("APIGW.0301", iamPrefix + "AK access failed to reach the limit,forbidden")

    static let projectUnavailable = Self("APIGW.0310", "The project is unavailable", status: 403)

    static func throttled(limit: Int) -> Self {
        .init(
            "APIGW.0308",
            "The throttling threshold has been reached: policy user over ratelimit,limit:\(limit),time:1 minute",
            status: 429
        )
    }

    // MARK: DCS

    static let instanceNotFound = Self("DCS.3022", "This DCS instance does not exist.", status: 404)

    static let invalidProjectId = Self("DCS.4002", "Invalid project ID.")

    static let emptyBody = Self("DCS.4004", "The request body is empty.")

    static let invalidBody = Self("DCS.4005", "The request body is not a valid JSON object.")

    static func invalidParameter(_ name: String) -> Self {
        .init("DCS.4800", "Invalid parameter: \(name).")
    }

    static let endBeforeBegin = Self("DCS.4025", "The end time must be later than the start time.")

    static let onlyMasterStandby = Self("DCS.4086", "only master standby instance is support this action")

    static func notRunning(_ status: String) -> Self {
        .init("DCS.4049", "The instance status is not running (current status: \(status)).")
    }

    static let backupRunning = Self("DCS.4096", "the instance is backuping.")

    static let restoreRunning = Self("DCS.4097", "the instance is restoring.")

    static let remarkTooLong = Self("DCS.4098", "The remark must contain 0 to 128 characters.")

    static func backupNotRestorable(_ detail: String) -> Self {
        .init("DCS.4087", "The backup record cannot be used for a restore: \(detail)")
    }
}
