import Foundation
import GatewayCore
@testable import Providers
import Testing

/// One documented Alibaba Cloud error code, the HTTP status Alibaba sends it with, and what the
/// gateway must make of it.
struct AlibabaErrorRow: Sendable, CustomTestStringConvertible {
    var providerCode: String
    var httpStatus: Int
    var code: String
    var reason: String

    init(_ providerCode: String, _ httpStatus: Int, _ code: String, _ reason: String) {
        self.providerCode = providerCode
        self.httpStatus = httpStatus
        self.code = code
        self.reason = reason
    }

    var testDescription: String { "\(providerCode) (HTTP \(httpStatus)) → \(code)/\(reason)" }
}

/// Pins `AlibabaErrorTable` against `alibaba.md` §7 and DESIGN.md §4.
@Suite("Alibaba error table")
struct AlibabaErrorTableTests {
    /// Every code of `alibaba.md` §7, written out. Statuses marked "?" or "(unconfirmed)" in §7
    /// use the documented guess (`IncorrectInstanceStatus` like `IncorrectDBInstanceState`).
    static let documented: [AlibabaErrorRow] = [
        .init("MissingParameter", 400, "invalid_argument", "MISSING_PARAMETER"),
        .init("InvalidParameter", 400, "invalid_argument", "INVALID_PARAMETER"),
        .init("InvalidAccessKeyId.NotFound", 404, "provider_auth_failed", "PROVIDER_CREDENTIALS_INVALID"),
        .init("InvalidAccessKeyId.Inactive", 400, "provider_auth_failed", "PROVIDER_CREDENTIALS_DISABLED"),
        .init("IncompleteSignature", 400, "provider_auth_failed", "PROVIDER_SIGNATURE_REJECTED"),
        .init("SignatureDoesNotMatch", 400, "provider_auth_failed", "PROVIDER_SIGNATURE_REJECTED"),
        .init("InvalidSignatureMethod", 400, "provider_auth_failed", "PROVIDER_SIGNATURE_REJECTED"),
        // Retryable with a new nonce: not the gateway's credentials.
        .init("SignatureNonceUsed", 400, "provider_error", "PROVIDER_NONCE_REUSED"),
        .init("InvalidTimeStamp.Expired", 400, "provider_auth_failed", "SIGNATURE_EXPIRED"),
        // The gateway's own Timestamp, not the caller's request.
        .init("InvalidTimeStamp.Format", 400, "provider_auth_failed", "PROVIDER_TIMESTAMP_REJECTED"),
        .init("IllegalTimestamp", 400, "provider_auth_failed", "PROVIDER_TIMESTAMP_REJECTED"),
        .init("InvalidSecurityToken.Expired", 400, "provider_auth_failed", "PROVIDER_TOKEN_INVALID"),
        .init("InvalidSecurityToken.MismatchWithAccessKey", 400, "provider_auth_failed", "PROVIDER_TOKEN_INVALID"),
        .init("Forbidden.RAM", 403, "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("NoPermission", 403, "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("Forbidden.RiskControl", 403, "permission_denied", "PROVIDER_RISK_CONTROL"),
        .init("InvalidAction.NotFound", 404, "unsupported", "ACTION_UNKNOWN"),
        .init("InvalidVersion", 400, "unsupported", "API_VERSION_UNKNOWN"),
        .init("UnsupportedHTTPMethod", 403, "unsupported", "HTTP_METHOD_UNSUPPORTED"),
        .init("Throttling", 400, "rate_limited", "PROVIDER_THROTTLED"),
        .init("Throttling.User", 400, "rate_limited", "PROVIDER_THROTTLED"),
        .init("Throttling.Api", 403, "rate_limited", "PROVIDER_THROTTLED"),
        .init("InvalidInstanceId.NotFound", 404, "not_found", "INSTANCE_NOT_FOUND"),
        .init("IncorrectDBInstanceState", 403, "conflict", "INSTANCE_BUSY"),
        .init("IncorrectInstanceStatus", 403, "conflict", "INSTANCE_BUSY"),
        .init("BackupJobExists", 400, "conflict", "BACKUP_IN_PROGRESS"),
        .init("InvalidClusterInstance.NotFound", 404, "unsupported", "NOT_A_CLOUD_NATIVE_CLUSTER"),
        .init("ResroreParamNotMatch", 400, "invalid_argument", "RESTORE_PARAMETERS_INCONSISTENT"),
        .init("InvalidRestoreTime.Format", 400, "invalid_argument", "RESTORE_TIME_INVALID"),
        .init("ZoneMigrationError.StillingRunning", 400, "conflict", "INSTANCE_MIGRATING"),
        .init("InvalidBinlog.NotValid", 400, "failed_precondition", "POINT_IN_TIME_NOT_RECOVERABLE"),
        .init("ServiceNotSupport", 400, "unsupported", "IN_PLACE_RESTORE_UNSUPPORTED"),
        .init("InternalError", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("ServiceUnavailable", 503, "provider_unavailable", "PROVIDER_SERVICE_UNAVAILABLE"),
    ]

    @Test("a documented code maps to its taxonomy code and reason", arguments: documented)
    func mapping(row: AlibabaErrorRow) throws {
        let expected = try #require(ErrorCode(rawValue: row.code), "not a taxonomy code: \(row.code)")
        let mapping = try #require(AlibabaErrorTable.rows[row.providerCode], "no row for \(row.providerCode)")
        #expect(mapping.code == expected)
        #expect(mapping.reason == row.reason)
        #expect(AlibabaErrorTable.table.mapping(for: row.providerCode) == mapping)

        let error = AlibabaErrorTable.table.error(
            providerCode: row.providerCode, message: "text", requestId: "rid-1", httpStatus: row.httpStatus, redactor: Redactor()
        )
        #expect(error.code == expected)
        #expect(error.reason == row.reason)
        #expect(error.provider?.name == "alibaba")
        #expect(error.provider?.code == row.providerCode)
        #expect(error.provider?.message == "text")
        #expect(error.provider?.requestId == "rid-1")
        #expect(error.provider?.httpStatus == row.httpStatus)
        #expect(error.retryAfterSeconds == (expected == .rateLimited ? 1 : nil))
        #expect(error.detail == "Alibaba Cloud Tair / R-KVStore answered \(row.providerCode): text")
    }

    @Test("AlibabaClient.decode maps an HTTP error with Alibaba's error body", arguments: documented)
    func decodeErrorResponse(row: AlibabaErrorRow) throws {
        let expected = try #require(ErrorCode(rawValue: row.code))
        let body = """
            {"RequestId":"8D0C0AFC-E9CD-47A4-8395-5C31BF9B0001","HostId":"r-kvstore.aliyuncs.com",\
            "Code":"\(row.providerCode)","Message":"Something about \(row.providerCode).",\
            "Recommend":"https://api.aliyun.com/troubleshoot?q=\(row.providerCode)&product=R-kvstore"}
            """
        let response = ProviderHTTPResponse(
            status: row.httpStatus, headers: [("Content-Type", "application/json;charset=utf-8")], body: Array(body.utf8)
        )
        let client = AlibabaFixture.offlineClient()
        let error = #expect(throws: GatewayError.self) {
            try client.decode(response, action: "CreateBackup", as: AlibabaAPI.CreateBackupResponse.self)
        }
        #expect(error?.code == expected)
        #expect(error?.reason == row.reason)
        #expect(error?.provider?.name == "alibaba")
        #expect(error?.provider?.code == row.providerCode)
        #expect(error?.provider?.message == "Something about \(row.providerCode).")
        #expect(error?.provider?.requestId == "8D0C0AFC-E9CD-47A4-8395-5C31BF9B0001")
        #expect(error?.provider?.httpStatus == row.httpStatus)
        #expect(error?.httpStatus == expected.httpStatus)
        #expect(error?.retryable == expected.retryable)
    }

    @Test("the table has a row for every documented code and no undocumented rows")
    func noGaps() {
        let documentedCodes = Set(Self.documented.map(\.providerCode))
        #expect(documentedCodes.count == Self.documented.count, "a code is listed twice in the test")
        let tableCodes = Set(AlibabaErrorTable.rows.keys)
        #expect(documentedCodes.subtracting(tableCodes).sorted() == [], "documented but missing from the table")
        #expect(tableCodes.subtracting(documentedCodes).sorted() == [], "in the table but not documented")
        #expect(AlibabaErrorTable.table.provider == .alibaba)
    }

    @Test("the gateway's own credentials refused is provider_auth_failed, never the caller's unauthenticated")
    func neverUnauthenticated() {
        #expect(AlibabaErrorTable.rows.values.allSatisfy { $0.code != .unauthenticated })
        for providerCode in AlibabaErrorTable.rows.keys
        where providerCode.hasPrefix("InvalidAccessKeyId") || providerCode.hasPrefix("InvalidSecurityToken")
            || (providerCode.contains("Signature") && providerCode != "SignatureNonceUsed") {
            #expect(AlibabaErrorTable.rows[providerCode]?.code == .providerAuthFailed, "\(providerCode)")
        }
    }

    @Test("code families map through prefixRows", arguments: [
        ("MissingStartTime", "invalid_argument", "MISSING_PARAMETER"),
        ("MissingInstanceId", "invalid_argument", "MISSING_PARAMETER"),
        ("InvalidStartTime.Malformed", "invalid_argument", "INVALID_PARAMETER"),
        ("InvalidPageSize.Malformed", "invalid_argument", "INVALID_PARAMETER"),
    ])
    func families(providerCode: String, code: String, reason: String) throws {
        #expect(AlibabaErrorTable.rows[providerCode] == nil, "a family member must not need its own row")
        let mapping = AlibabaErrorTable.table.mapping(for: providerCode)
        #expect(mapping.code.rawValue == code)
        #expect(mapping.reason == reason)
        let error = AlibabaErrorTable.table.error(
            providerCode: providerCode, message: nil, requestId: nil, httpStatus: 400, redactor: Redactor()
        )
        #expect(error.code.rawValue == code)
        #expect(error.provider?.code == providerCode)
    }

    @Test("the families need a name between prefix and suffix, and the exact suffix", arguments: [
        "Missing", "Invalid.Malformed", "InvalidStartTime.Format", "InvalidStartTime.MalformedX", "missingStartTime",
    ])
    func notFamilies(providerCode: String) {
        #expect(AlibabaErrorTable.table.mapping(for: providerCode).reason == "PROVIDER_ERROR_UNMAPPED")
    }

    @Test("an exact row wins over a family (InvalidRestoreTime.Format, MissingParameter)")
    func exactRowsFirst() {
        #expect(AlibabaErrorTable.table.mapping(for: "InvalidRestoreTime.Format").reason == "RESTORE_TIME_INVALID")
        #expect(AlibabaErrorTable.table.mapping(for: "InvalidTimeStamp.Expired").reason == "SIGNATURE_EXPIRED")
    }

    @Test("an unknown code is provider_error PROVIDER_ERROR_UNMAPPED with the code kept")
    func unknownCode() throws {
        let error = AlibabaErrorTable.table.error(
            providerCode: "Brand.NewFailure", message: "something new", requestId: "rid-2", httpStatus: 400, redactor: Redactor()
        )
        #expect(error.code == .providerError)
        #expect(error.reason == "PROVIDER_ERROR_UNMAPPED")
        #expect(error.retryable)
        #expect(error.provider?.code == "Brand.NewFailure")
        #expect(error.provider?.message == "something new")
        #expect(error.provider?.httpStatus == 400)
        #expect(error.detail.contains("Brand.NewFailure"))

        // The same through the client.
        let body = #"{"RequestId":"rid-3","HostId":"r-kvstore.aliyuncs.com","Code":"Brand.NewFailure","Message":"m","Recommend":"x"}"#
        let decoded = #expect(throws: GatewayError.self) {
            try AlibabaFixture.offlineClient().decode(
                ProviderHTTPResponse(status: 400, headers: [], body: Array(body.utf8)), action: "DescribeBackups",
                as: AlibabaAPI.DescribeBackupsResponse.self
            )
        }
        #expect(decoded?.reason == "PROVIDER_ERROR_UNMAPPED")
        #expect(decoded?.provider?.code == "Brand.NewFailure")
        #expect(decoded?.provider?.requestId == "rid-3")
    }

    static let echoedStringToSign =
        "POST&%2F&AccessKeyId%3DLTAI5tExampleAccessKeyId%26Action%3DCreateBackup%26Format%3DJSON"
        + "%26InstanceId%3Dr-bp1zxszhcgatnx7d5%26SignatureMethod%3DHMAC-SHA1"
        + "%26SignatureNonce%3D3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f%26SignatureVersion%3D1.0"
        + "%26Timestamp%3D2025-01-15T08%253A30%253A00Z%26Version%3D2015-01-01"
    static let signatureMessage =
        "Specified signature is not matched with our calculation. AccessKeyId LTAI5tExampleAccessKeyId, "
        + "server string to sign is:\(echoedStringToSign)"

    /// What must never survive redaction of `signatureMessage`.
    static let leaks = [
        "LTAI5tExampleAccessKeyId", "5tExampleAccessKeyId", "POST&%2F", "AccessKeyId%3D", "SignatureNonce%3D",
        "3f2b8c1e9d7a4b6c8e0f1a2b3c4d5e6f", "2015-01-01",
    ]

    @Test("SignatureDoesNotMatch: the echoed access key id and string to sign are redacted")
    func signatureMessageRedacted() {
        let error = AlibabaErrorTable.table.error(
            providerCode: "SignatureDoesNotMatch", message: Self.signatureMessage, requestId: "rid-4", httpStatus: 400,
            redactor: Redactor()
        )
        #expect(error.code == .providerAuthFailed)
        #expect(error.reason == "PROVIDER_SIGNATURE_REJECTED")
        let message = error.provider?.message ?? ""
        for leaked in Self.leaks {
            #expect(!message.contains(leaked), "\(message)")
            #expect(!error.detail.contains(leaked), "\(error.detail)")
            #expect(!error.description.contains(leaked))
        }
        #expect(message.contains("server string to sign is:\(Redactor.mask)"), "\(message)")
        #expect(message.hasPrefix("Specified signature is not matched with our calculation."))
    }

    @Test("SignatureDoesNotMatch through AlibabaClient.decode is redacted the same way, the secret too")
    func signatureMessageRedactedThroughClient() throws {
        let message = Self.signatureMessage + " (secret \(AlibabaFixture.secret))"
        let json = #"{"RequestId":"rid-5","HostId":"r-kvstore.aliyuncs.com","Code":"SignatureDoesNotMatch","Message":""#
            + message + #"","Recommend":"https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch"}"#
        let client = AlibabaFixture.offlineClient(redactor: Redactor(knownSecrets: [AlibabaFixture.secret]))
        let error = #expect(throws: GatewayError.self) {
            try client.decode(
                ProviderHTTPResponse(status: 400, headers: [], body: Array(json.utf8)), action: "CreateBackup",
                as: AlibabaAPI.CreateBackupResponse.self
            )
        }
        #expect(error?.reason == "PROVIDER_SIGNATURE_REJECTED")
        #expect(error?.provider?.requestId == "rid-5")
        for leaked in Self.leaks + [AlibabaFixture.secret] {
            #expect(error.map { String(describing: $0).contains(leaked) } == false, "\(leaked)")
            #expect(error?.provider?.message?.contains(leaked) == false, "\(leaked)")
        }
    }

    @Test("an HTTP error without a readable error body is PROVIDER_HTTP_STATUS, outcome unknown", arguments: [
        (502, "provider_unavailable"), (503, "provider_unavailable"), (404, "provider_error"), (400, "provider_error"),
    ])
    func unreadableError(status: Int, code: String) {
        for body in ["<html>Bad Gateway</html>", "", #"{"RequestId":"x"}"#] {
            let error = #expect(throws: GatewayError.self) {
                try AlibabaFixture.offlineClient().decode(
                    ProviderHTTPResponse(status: status, headers: [], body: Array(body.utf8)), action: "CreateBackup",
                    as: AlibabaAPI.CreateBackupResponse.self
                )
            }
            #expect(error?.code.rawValue == code)
            #expect(error?.reason == "PROVIDER_HTTP_STATUS")
            #expect(error?.provider?.httpStatus == status)
            #expect(error?.outcomeUnknown == true)
        }
    }

    @Test("a 200 that is not the action's JSON is PROVIDER_RESPONSE_MALFORMED, outcome unknown")
    func malformedSuccess() {
        let error = #expect(throws: GatewayError.self) {
            try AlibabaFixture.offlineClient().decode(
                ProviderHTTPResponse(status: 200, headers: [], body: Array(#"{"BackupJobID":"1"#.utf8)), action: "CreateBackup",
                as: AlibabaAPI.CreateBackupResponse.self
            )
        }
        #expect(error?.code == .providerError)
        #expect(error?.reason == "PROVIDER_RESPONSE_MALFORMED")
        #expect(error?.outcomeUnknown == true)
    }

    @Test("a 200 decodes the payload and the RequestId")
    func success() throws {
        let body = #"{"BackupJobID":"10000,10001","RequestId":"rid-ok"}"#
        let (payload, requestId) = try AlibabaFixture.offlineClient().decode(
            ProviderHTTPResponse(status: 200, headers: [], body: Array(body.utf8)), action: "CreateBackup",
            as: AlibabaAPI.CreateBackupResponse.self
        )
        #expect(payload.BackupJobID?.value == "10000,10001")
        #expect(requestId == "rid-ok")
    }
}
