import Foundation
import GatewayCore
@testable import Providers
import Testing

/// One documented Huawei Cloud error code, the HTTP status it comes with, and what the gateway
/// must make of it.
struct HuaweiErrorRow: Sendable, CustomTestStringConvertible {
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

/// The three error bodies DCS and its API gateway answer with (`huawei.md` §5).
enum HuaweiErrorShape: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// API Gateway and DCS v2: `{"error_code", "error_msg", "request_id"}`.
    case snake
    /// DCS v1.0: `{"error": {"code", "message"}}`.
    case nested
    /// `{"errorCode", "errorMsg"}`, which the SDK's parser also reads.
    case camel

    var testDescription: String { rawValue }

    func body(code: String, message: String, requestId: String) -> String {
        let object: [String: Any]
        switch self {
        case .snake: object = ["error_code": code, "error_msg": message, "request_id": requestId]
        case .nested: object = ["error": ["code": code, "message": message, "ext_message": NSNull()]]
        case .camel: object = ["errorCode": code, "errorMsg": message]
        }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Pins `HuaweiErrorTable` and `HuaweiClient.decode` against `huawei.md` §5 and DESIGN.md §4.
@Suite("Huawei error table")
struct HuaweiErrorTableTests {
    /// Every code of `huawei.md` §5.1 and §5.2, written out with the table's reasons.
    static let documented: [HuaweiErrorRow] = [
        // §5.1: instances and routes that do not exist.
        .init("DCS.3022", 404, "not_found", "INSTANCE_NOT_FOUND"),
        .init("DCS.4001", 404, "not_found", "RESOURCE_NOT_FOUND"),
        .init("DCS.4119", 400, "not_found", "INSTANCE_NOT_FOUND"),
        // What DCS cannot do for this instance.
        .init("DCS.4086", 400, "unsupported", "SINGLE_NODE_UNSUPPORTED"),
        .init("DCS.4095", 400, "unsupported", "BACKUP_UNSUPPORTED"),
        .init("DCS.4007", 400, "unsupported", "INSTANCE_TYPE_UNSUPPORTED"),
        // State.
        .init("DCS.4026", 400, "failed_precondition", "INSTANCE_STATE_INVALID"),
        .init("DCS.4049", 400, "failed_precondition", "INSTANCE_NOT_RUNNING"),
        .init("DCS.4087", 400, "failed_precondition", "BACKUP_UNAVAILABLE"),
        // Busy.
        .init("DCS.4096", 400, "conflict", "BACKUP_IN_PROGRESS"),
        .init("DCS.4097", 400, "conflict", "RESTORE_IN_PROGRESS"),
        .init("DCS.4017", 400, "conflict", "INSTANCE_BUSY"),
        .init("DCS.4111", 400, "conflict", "INSTANCE_BUSY"),
        .init("DCS.4113", 400, "conflict", "INSTANCE_BUSY"),
        .init("DCS.4114", 400, "conflict", "INSTANCE_BUSY"),
        .init("DCS.4115", 400, "conflict", "INSTANCE_BUSY"),
        .init("DCS.4116", 400, "conflict", "INSTANCE_BUSY"),
        .init("DCS.4117", 400, "conflict", "INSTANCE_BUSY"),
        .init("DCS.4118", 400, "conflict", "INSTANCE_BUSY"),
        .init("DCS.4120", 400, "conflict", "INSTANCE_BUSY"),
        .init("DCS.4104", 400, "provider_unavailable", "INSTANCE_RECOVERING"),
        // Request shape.
        .init("DCS.4098", 400, "invalid_argument", "REMARK_TOO_LONG"),
        .init("DCS.4002", 400, "invalid_argument", "PROJECT_ID_INVALID"),
        .init("DCS.4004", 400, "invalid_argument", "BODY_EMPTY"),
        .init("DCS.4005", 400, "invalid_argument", "BODY_INVALID"),
        .init("DCS.4061", 400, "invalid_argument", "INVALID_PARAMETER"),
        .init("DCS.4062", 400, "invalid_argument", "INVALID_PARAMETER"),
        .init("DCS.4063", 400, "invalid_argument", "INSTANCE_ID_INVALID"),
        .init("DCS.4800", 400, "invalid_argument", "INVALID_PARAMETER"),
        .init("DCS.4025", 400, "invalid_argument", "TIME_RANGE_INVALID"),
        // The table's "start time before server time" meaning (terraform's DELETE reading does not apply).
        .init("DCS.4031", 400, "invalid_argument", "TIME_RANGE_INVALID"),
        // Quota: DESIGN.md §4 has no quota code; the state forbids it.
        .init("DCS.4035", 400, "failed_precondition", "QUOTA_EXCEEDED"),
        .init("DCS.4039", 400, "failed_precondition", "QUOTA_EXCEEDED"),
        // The gateway's own project token: never the caller's unauthenticated.
        .init("DCS.1001", 401, "provider_auth_failed", "PROVIDER_TOKEN_INVALID"),
        .init("DCS.1002", 401, "provider_auth_failed", "PROVIDER_TOKEN_INVALID"),
        .init("DCS.1003", 401, "provider_auth_failed", "PROVIDER_TOKEN_INVALID"),
        .init("DCS.1004", 401, "provider_auth_failed", "PROVIDER_PROJECT_MISMATCH"),
        .init("DCS.2003", 403, "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("DCS.3003", 403, "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("DCS.2007", 403, "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("DCS.3002", 403, "permission_denied", "PROVIDER_ACCOUNT_READ_ONLY"),
        // A method the gateway itself chose: not the caller's argument.
        .init("DCS.5001", 405, "unsupported", "HTTP_METHOD_UNSUPPORTED"),
        .init("DCS.4069", 500, "conflict", "CONFIGURATION_CHANGING"),
        .init("DCS.4101", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("DCS.5000", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("DCS.5006", 500, "provider_error", "PROVIDER_JOB_SUBMIT_FAILED"),
        .init("DCS.5024", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("DCS.5078", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("DCS.5079", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("DCS.5090", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("DCS.5091", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("DCS.5092", 500, "provider_error", "PROVIDER_RESTORE_FAILED"),
        // §5.2: API Gateway. APIGW.0101 means the gateway built a wrong path: its bug, not the caller's not_found.
        .init("APIGW.0101", 404, "provider_error", "PROVIDER_API_NOT_FOUND"),
        .init("APIGW.0201", 400, "provider_unavailable", "PROVIDER_GATEWAY_REJECTED"),
        .init("APIGW.0201", 413, "provider_unavailable", "PROVIDER_GATEWAY_REJECTED"),
        .init("APIGW.0201", 414, "provider_unavailable", "PROVIDER_GATEWAY_REJECTED"),
        .init("APIGW.0201", 494, "provider_unavailable", "PROVIDER_GATEWAY_REJECTED"),
        .init("APIGW.0201", 502, "provider_unavailable", "PROVIDER_GATEWAY_REJECTED"),
        .init("APIGW.0201", 504, "provider_unavailable", "PROVIDER_GATEWAY_REJECTED"),
        .init("APIGW.0301", 401, "provider_auth_failed", "PROVIDER_SIGNATURE_REJECTED"),
        .init("APIGW.0302", 403, "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("APIGW.0303", 401, "provider_auth_failed", "PROVIDER_AUTH_FAILED"),
        .init("APIGW.0305", 401, "provider_auth_failed", "PROVIDER_AUTH_FAILED"),
        .init("APIGW.0307", 401, "provider_auth_failed", "PROVIDER_TOKEN_INVALID"),
        .init("APIGW.0306", 403, "permission_denied", "PROVIDER_PERMISSION_DENIED"),
        .init("APIGW.0310", 403, "permission_denied", "PROVIDER_PROJECT_UNAVAILABLE"),
        .init("APIGW.0401", 403, "permission_denied", "PROVIDER_IP_DENIED"),
        .init("APIGW.0402", 403, "permission_denied", "PROVIDER_IP_DENIED"),
        .init("APIGW.0801", 403, "permission_denied", "REGION_UNSUPPORTED"),
        .init("APIGW.0308", 429, "rate_limited", "PROVIDER_THROTTLED"),
        .init("APIGW.0601", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("APIGW.0605", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("APIGW.0606", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("APIGW.0608", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("APIGW.0609", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("APIGW.0611", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("APIGW.0612", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("APIGW.0705", 500, "provider_error", "PROVIDER_INTERNAL_ERROR"),
        .init("APIGW.0610", 502, "provider_unavailable", "PROVIDER_BACKEND_UNAVAILABLE"),
        .init("APIGW.0613", 503, "provider_unavailable", "PROVIDER_IAM_UNAVAILABLE"),
        // "some services use the older APIG.* prefix".
        .init("APIG.0301", 401, "provider_auth_failed", "PROVIDER_SIGNATURE_REJECTED"),
        .init("APIG.0308", 429, "rate_limited", "PROVIDER_THROTTLED"),
    ]

    /// The nine-digit v1.0 codes §5 names, each with its v2 pair.
    static let documentedLegacy: [(legacy: String, pair: String)] = [
        ("111404022", "DCS.3022"), ("111404001", "DCS.4001"), ("111400119", "DCS.4119"), ("111400086", "DCS.4086"),
        ("111400095", "DCS.4095"), ("111400026", "DCS.4026"), ("111400087", "DCS.4087"), ("111400096", "DCS.4096"),
        ("111400097", "DCS.4097"), ("111400017", "DCS.4017"), ("111400104", "DCS.4104"), ("111400098", "DCS.4098"),
        ("111400035", "DCS.4035"), ("111400039", "DCS.4039"), ("111401001", "DCS.1001"), ("111401002", "DCS.1002"),
        ("111401003", "DCS.1003"), ("111401004", "DCS.1004"), ("111405001", "DCS.5001"), ("111500000", "DCS.5000"),
    ]

    static func row(_ providerCode: String) -> HuaweiErrorRow? {
        documented.first { $0.providerCode == providerCode }
    }

    // MARK: The table

    @Test("a documented code maps to its taxonomy code and reason", arguments: documented)
    func mapping(row: HuaweiErrorRow) throws {
        let expected = try #require(ErrorCode(rawValue: row.code), "not a taxonomy code: \(row.code)")
        let mapping = try #require(HuaweiErrorTable.rows[row.providerCode], "no row for \(row.providerCode)")
        #expect(mapping.code == expected)
        #expect(mapping.reason == row.reason)
        #expect(HuaweiErrorTable.table.mapping(for: row.providerCode) == mapping)

        let error = HuaweiErrorTable.table.error(
            providerCode: row.providerCode, message: "text", requestId: "rid-1", httpStatus: row.httpStatus, redactor: Redactor()
        )
        #expect(error.code == expected)
        #expect(error.reason == row.reason)
        #expect(error.provider?.name == "huawei")
        #expect(error.provider?.code == row.providerCode)
        #expect(error.provider?.message == "text")
        #expect(error.provider?.requestId == "rid-1")
        #expect(error.provider?.httpStatus == row.httpStatus)
        #expect(error.retryAfterSeconds == (expected == .rateLimited ? 1 : nil))
        #expect(error.detail == "Huawei Cloud DCS answered \(row.providerCode): text")
    }

    @Test("the table has a row for every documented code and no undocumented v2 rows")
    func noGaps() {
        let pairs = Self.documented.map { "\($0.providerCode)/\($0.httpStatus)" }
        #expect(Set(pairs).count == pairs.count, "a (code, status) is listed twice in the test")
        for code in Set(Self.documented.map(\.providerCode)) {
            let rows = Self.documented.filter { $0.providerCode == code }
            #expect(Set(rows.map(\.reason)).count == 1, "\(code) is written with two reasons in the test")
        }
        let documentedCodes = Set(Self.documented.map(\.providerCode))
        let tableCodes = Set(HuaweiErrorTable.rows.keys)
        #expect(documentedCodes.subtracting(tableCodes).sorted() == [], "documented but missing from the table")
        #expect(tableCodes.subtracting(documentedCodes).sorted() == [], "in the table but not documented")
        #expect(HuaweiErrorTable.table.provider == .huawei)
        // The merged table is the v2 rows plus one row per nine-digit code (explicit or by the pairing rule).
        #expect(Set(HuaweiErrorTable.table.rows.keys) == tableCodes.union(HuaweiErrorTable.legacyRows.keys))
        #expect(Set(HuaweiErrorTable.legacyAliases.keys).isSubset(of: HuaweiErrorTable.legacyRows.keys))
    }

    @Test("the gateway's own credentials refused is provider_auth_failed, never the caller's unauthenticated")
    func neverUnauthenticated() {
        #expect(HuaweiErrorTable.table.rows.values.allSatisfy { $0.code != .unauthenticated })
        for row in Self.documented where row.httpStatus == 401 {
            #expect(HuaweiErrorTable.table.mapping(for: row.providerCode).code == .providerAuthFailed, "\(row.providerCode)")
        }
        #expect(HuaweiErrorTable.table.mapping(for: "APIGW.0301").code.retryable == false)
    }

    // MARK: v1.0 nine-digit codes

    @Test("every nine-digit code huawei.md §5 names is an alias of its v2 pair and maps like it")
    func documentedLegacyCodes() throws {
        for (legacy, pair) in Self.documentedLegacy {
            #expect(HuaweiErrorTable.legacyAliases[legacy] == pair, "\(legacy)")
            let row = try #require(Self.row(pair), "\(pair) is not a documented row")
            #expect(HuaweiErrorTable.table.rows[legacy] != nil, "\(legacy) has no row in the merged table")
            let mapping = HuaweiErrorTable.table.mapping(for: legacy)
            #expect(mapping.code.rawValue == row.code, "\(legacy)")
            #expect(mapping.reason == row.reason, "\(legacy)")
        }
    }

    @Test("every alias of the table maps like its v2 pair, which is a documented row")
    func everyAlias() {
        #expect(HuaweiErrorTable.legacyAliases.count >= Self.documentedLegacy.count)
        for (legacy, pair) in HuaweiErrorTable.legacyAliases.sorted(by: { $0.key < $1.key }) {
            #expect(legacy.count == 9 && legacy.hasPrefix("111") && legacy.allSatisfy(\.isNumber), "\(legacy)")
            #expect(Self.row(pair) != nil, "\(legacy) pairs with \(pair), which is not documented")
            #expect(HuaweiErrorTable.table.mapping(for: legacy) == HuaweiErrorTable.table.mapping(for: pair), "\(legacy) ↔ \(pair)")
        }
    }

    /// huawei.md §5: "`1114000NN`/`111400NNN` ↔ `DCS.4NNN` (e.g. `111400096` ↔ `DCS.4096`),
    /// `11140100N` ↔ `DCS.100N`". v1.0 routes answer every DCS 400 error in that form (the
    /// simulator does too: a malformed project id is `111400002` on v1.0).
    @Test("the §5 pairing rule: 111400NNN maps like every DCS.4NNN answered with 400, 11140100N like DCS.100N")
    func pairingRule() {
        var unpaired: [String] = []
        for row in Self.documented where row.providerCode.hasPrefix("DCS.4") && row.httpStatus == 400 {
            let legacy = "111400" + row.providerCode.suffix(3)
            if HuaweiErrorTable.table.mapping(for: legacy) != HuaweiErrorTable.table.mapping(for: row.providerCode) {
                unpaired.append("\(legacy)↔\(row.providerCode)")
            }
        }
        for digit in 1...4 {
            let legacy = "11140100\(digit)"
            if HuaweiErrorTable.table.mapping(for: legacy) != HuaweiErrorTable.table.mapping(for: "DCS.100\(digit)") {
                unpaired.append("\(legacy)↔DCS.100\(digit)")
            }
        }
        #expect(unpaired == [], "nine-digit codes that map unlike their v2 pair (PROVIDER_ERROR_UNMAPPED instead)")
    }

    @Test("a nine-digit code through HuaweiClient.decode in the v1.0 body, as a string and as a number")
    func legacyThroughClient() throws {
        let client = HuaweiFixture.offlineClient(account: HuaweiFixture.account(apiVersion: .v1_0))
        for (legacy, pair) in Self.documentedLegacy {
            let row = try #require(Self.row(pair))
            for body in [
                #"{"error":{"code":"\#(legacy)","message":"only master standby instance is support this action"}}"#,
                #"{"error":{"code":\#(legacy),"message":"only master standby instance is support this action","ext_message":null}}"#,
            ] {
                let error = #expect(throws: GatewayError.self) {
                    try client.decode(
                        HuaweiFixture.response(row.httpStatus, body, requestId: "hdr-legacy"), call: "POST instances/x/backups",
                        as: HuaweiAPI.CreateBackupResponse.self, redactor: Redactor()
                    )
                }
                #expect(error?.code.rawValue == row.code, "\(legacy)")
                #expect(error?.reason == row.reason, "\(legacy)")
                #expect(error?.provider?.code == legacy)
                #expect(error?.provider?.message == "only master standby instance is support this action")
                #expect(error?.provider?.requestId == "hdr-legacy")
                #expect(error?.provider?.httpStatus == row.httpStatus)
            }
        }
    }

    // MARK: Through the client, in every body shape

    @Test("HuaweiClient.decode maps each documented code in each body shape, the request id from X-Request-Id",
          arguments: documented, HuaweiErrorShape.allCases)
    func decodeErrorResponse(row: HuaweiErrorRow, shape: HuaweiErrorShape) throws {
        let expected = try #require(ErrorCode(rawValue: row.code))
        let requestId = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
        let message = "Something about \(row.providerCode)."
        let response = HuaweiFixture.response(
            row.httpStatus, shape.body(code: row.providerCode, message: message, requestId: requestId), requestId: requestId
        )
        let client = HuaweiFixture.offlineClient()
        let error = #expect(throws: GatewayError.self) {
            try client.decode(response, call: "POST instances/x/backups", as: HuaweiAPI.CreateBackupResponse.self, redactor: Redactor())
        }
        #expect(error?.code == expected)
        #expect(error?.reason == row.reason)
        #expect(error?.provider?.name == "huawei")
        #expect(error?.provider?.code == row.providerCode)
        #expect(error?.provider?.message == message)
        #expect(error?.provider?.requestId == requestId)
        #expect(error?.provider?.httpStatus == row.httpStatus)
        #expect(error?.httpStatus == expected.httpStatus)
        #expect(error?.retryable == expected.retryable)
        #expect(error?.retryAfterSeconds == (expected == .rateLimited ? 1 : nil))
        // A server-side failure may come after the action started; a 4xx never did anything.
        #expect(error?.outcomeUnknown == (row.httpStatus >= 500), "HTTP \(row.httpStatus)")
    }

    @Test("without X-Request-Id the gateway body's request_id is kept; without both there is none")
    func requestIdFallback() {
        let client = HuaweiFixture.offlineClient()
        let withBody = #expect(throws: GatewayError.self) {
            try client.decode(
                HuaweiFixture.response(429, HuaweiErrorShape.snake.body(code: "APIGW.0308", message: "m", requestId: "body-rid")),
                call: "GET instances/x", as: HuaweiAPI.Instance.self, redactor: Redactor()
            )
        }
        #expect(withBody?.provider?.requestId == "body-rid")
        let none = #expect(throws: GatewayError.self) {
            try client.decode(
                HuaweiFixture.response(400, HuaweiErrorShape.camel.body(code: "DCS.4096", message: "m", requestId: "")),
                call: "GET instances/x", as: HuaweiAPI.Instance.self, redactor: Redactor()
            )
        }
        #expect(none?.provider?.requestId == nil)
        #expect(none?.reason == "BACKUP_IN_PROGRESS")
    }

    // MARK: APIGW.0301 message variants

    static let iam = "Incorrect IAM authentication information: "

    @Test("APIGW.0301 (and APIG.0301) message variants refine the reason; the code stays provider_auth_failed", arguments: [
        ("verify aksk signature fail", "PROVIDER_SIGNATURE_REJECTED"),
        ("calc aksk signature fail:signature expired, signature time:20260101T002000Z,server time:20260101T000000Z", "SIGNATURE_EXPIRED"),
        ("ak EXAMPLEAK1234567890A not exist", "PROVIDER_CREDENTIALS_INVALID"),
        ("AK access failed to reach the limit,forbidden", "PROVIDER_CREDENTIALS_LOCKED"),
        ("decrypt token fail", "PROVIDER_TOKEN_INVALID"),
        ("x-auth-token not found", "PROVIDER_TOKEN_INVALID"),
        ("token expires", "PROVIDER_TOKEN_INVALID"),
    ])
    func authVariants(fragment: String, reason: String) {
        for code in ["APIGW.0301", "APIG.0301"] {
            for shape in HuaweiErrorShape.allCases {
                let error = #expect(throws: GatewayError.self) {
                    try HuaweiFixture.offlineClient().decode(
                        HuaweiFixture.response(401, shape.body(code: code, message: Self.iam + fragment, requestId: "rid"), requestId: "rid"),
                        call: "GET instances/x", as: HuaweiAPI.Instance.self, redactor: Redactor()
                    )
                }
                #expect(error?.code == .providerAuthFailed, "\(code) \(shape)")
                #expect(error?.reason == reason, "\(code) \(shape): \(fragment)")
                #expect(error?.provider?.code == code)
                #expect(error?.retryable == false)
                #expect(error?.outcomeUnknown == false)
            }
        }
    }

    @Test("the variants refine only 0301: the same words on another code keep that code's reason")
    func refinementOnlyFor0301() {
        for (code, status, reason) in [
            ("APIGW.0303", 401, "PROVIDER_AUTH_FAILED"), ("APIGW.0307", 401, "PROVIDER_TOKEN_INVALID"),
            ("DCS.1004", 401, "PROVIDER_PROJECT_MISMATCH"), ("APIGW.0308", 429, "PROVIDER_THROTTLED"),
        ] {
            let error = #expect(throws: GatewayError.self) {
                try HuaweiFixture.offlineClient().decode(
                    HuaweiFixture.response(status, HuaweiErrorShape.snake.body(
                        code: code, message: Self.iam + "calc aksk signature fail:signature expired, ak X not exist", requestId: "r"
                    )),
                    call: "GET instances/x", as: HuaweiAPI.Instance.self, redactor: Redactor()
                )
            }
            #expect(error?.reason == reason, "\(code)")
        }
        // 0301 without a message is the signature rejected.
        let bare = #expect(throws: GatewayError.self) {
            try HuaweiFixture.offlineClient().decode(
                HuaweiFixture.response(401, #"{"error_code":"APIGW.0301"}"#), call: "GET instances/x",
                as: HuaweiAPI.Instance.self, redactor: Redactor()
            )
        }
        #expect(bare?.reason == "PROVIDER_SIGNATURE_REJECTED")
        #expect(bare?.provider?.message == nil)
        #expect(bare?.detail == "Huawei Cloud DCS answered APIGW.0301.")
    }

    // MARK: Unknown codes

    @Test("an unknown code is provider_error PROVIDER_ERROR_UNMAPPED with the code kept", arguments: [
        ("DCS.4999", 400), ("APIGW.0999", 403), ("111499999", 400), ("DCS.5999", 500), ("Brand.NewFailure", 409),
    ])
    func unknownCode(providerCode: String, status: Int) {
        let error = HuaweiErrorTable.table.error(
            providerCode: providerCode, message: "something new", requestId: "rid-2", httpStatus: status, redactor: Redactor()
        )
        #expect(error.code == .providerError)
        #expect(error.reason == "PROVIDER_ERROR_UNMAPPED")
        #expect(error.retryable)
        #expect(error.provider?.code == providerCode)
        #expect(error.provider?.message == "something new")
        #expect(error.provider?.httpStatus == status)
        #expect(error.detail.contains(providerCode))

        for shape in HuaweiErrorShape.allCases {
            let decoded = #expect(throws: GatewayError.self) {
                try HuaweiFixture.offlineClient().decode(
                    HuaweiFixture.response(status, shape.body(code: providerCode, message: "m", requestId: "rid-3"), requestId: "rid-3"),
                    call: "GET instances/x/backups", as: HuaweiAPI.BackupList.self, redactor: Redactor()
                )
            }
            #expect(decoded?.code == .providerError, "\(shape)")
            #expect(decoded?.reason == "PROVIDER_ERROR_UNMAPPED", "\(shape)")
            #expect(decoded?.provider?.code == providerCode, "\(shape)")
            #expect(decoded?.provider?.requestId == "rid-3", "\(shape)")
            #expect(decoded?.outcomeUnknown == (status >= 500), "\(shape)")
        }
    }

    // MARK: Redaction of the canonical request echo

    static func echo(signedToken: Bool) -> String {
        let headers = "content-type:application/json|host:dcs.ap-southeast-1.myhuaweicloud.com|x-project-id:\(HuaweiFixture.projectId)|"
            + "x-sdk-date:20260101T000000Z|" + (signedToken ? "x-security-token:\(HuaweiFixture.securityToken)|" : "")
        let signed = "content-type;host;x-project-id;x-sdk-date" + (signedToken ? ";x-security-token" : "")
        return iam + "verify aksk signature fail, canonicalRequest:GET|/v2/\(HuaweiFixture.projectId)/instances/"
            + "\(HuaweiFixture.instanceId)/backups/|limit=10&offset=0|" + headers + "|" + signed + "|" + HuaweiFixture.emptyBodyHash
    }

    /// What must never survive redaction of an echoed canonical request.
    static let leaks = [
        "GET|", "/v2/", HuaweiFixture.projectId, HuaweiFixture.instanceId, "limit=10", "x-sdk-date:", "20260101T000000Z",
        "content-type;host", HuaweiFixture.emptyBodyHash, HuaweiFixture.securityToken, "myhuaweicloud.com",
    ]

    @Test("the echoed `canonicalRequest:GET|/v2/…|…` is redacted, in the table and through the client")
    func canonicalRequestRedacted() {
        let message = Self.echo(signedToken: false)
        let expectedMessage = Self.iam + "verify aksk signature fail, canonicalRequest:\(Redactor.mask)"
        let direct = HuaweiErrorTable.table.error(
            providerCode: "APIGW.0301", message: message, requestId: "rid-4", httpStatus: 401, redactor: Redactor()
        )
        #expect(direct.provider?.message == expectedMessage)
        for shape in HuaweiErrorShape.allCases {
            let error = #expect(throws: GatewayError.self) {
                try HuaweiFixture.offlineClient().decode(
                    HuaweiFixture.response(401, shape.body(code: "APIGW.0301", message: message, requestId: "rid-5"), requestId: "rid-5"),
                    call: "GET instances/x/backups", as: HuaweiAPI.BackupList.self,
                    redactor: HuaweiSimulatorHarness.redactor(HuaweiFixture.credentials)
                )
            }
            #expect(error?.code == .providerAuthFailed)
            #expect(error?.reason == "PROVIDER_SIGNATURE_REJECTED", "\(shape)")
            #expect(error?.provider?.message == expectedMessage, "\(shape)")
            for leaked in Self.leaks {
                #expect(error?.provider?.message?.contains(leaked) == false, "\(leaked)")
                #expect(error?.detail.contains(leaked) == false, "\(leaked)")
                #expect(error.map { String(describing: $0).contains(leaked) } == false, "\(leaked)")
            }
        }
    }

    /// With temporary credentials the echo lists `x-security-token` among the signed headers;
    /// the rejection is still the signature's, not the token's (the token was accepted).
    @Test("a signature echo that names x-security-token is still PROVIDER_SIGNATURE_REJECTED, and redacted")
    func canonicalRequestWithTokenHeader() {
        let error = #expect(throws: GatewayError.self) {
            try HuaweiFixture.offlineClient(account: HuaweiFixture.account(credentials: HuaweiFixture.stsCredentials)).decode(
                HuaweiFixture.response(401, HuaweiErrorShape.snake.body(
                    code: "APIGW.0301", message: Self.echo(signedToken: true), requestId: "rid-6"
                ), requestId: "rid-6"),
                call: "GET instances/x/backups", as: HuaweiAPI.BackupList.self,
                redactor: HuaweiSimulatorHarness.redactor(HuaweiFixture.stsCredentials)
            )
        }
        #expect(error?.code == .providerAuthFailed)
        #expect(error?.provider?.message == Self.iam + "verify aksk signature fail, canonicalRequest:\(Redactor.mask)")
        for leaked in Self.leaks {
            #expect(error.map { String(describing: $0).contains(leaked) } == false, "\(leaked)")
        }
        #expect(error?.reason == "PROVIDER_SIGNATURE_REJECTED", "the word token in the echoed header list is not a token failure")
    }

    // MARK: Other answers

    @Test("an HTTP error without a readable error body is PROVIDER_HTTP_STATUS, outcome unknown", arguments: [
        (502, "provider_unavailable"), (503, "provider_unavailable"), (500, "provider_unavailable"),
        (404, "provider_error"), (400, "provider_error"), (401, "provider_error"),
    ])
    func unreadableError(status: Int, code: String) {
        for body in ["<html>Bad Gateway</html>", "", #"{"request_id":"x"}"#, #"{"error_code":""}"#, #"{"error":{"message":"m"}}"#] {
            let error = #expect(throws: GatewayError.self) {
                try HuaweiFixture.offlineClient().decode(
                    HuaweiFixture.response(status, body, requestId: "hdr-1"), call: "POST instances/x/backups",
                    as: HuaweiAPI.CreateBackupResponse.self, redactor: Redactor()
                )
            }
            #expect(error?.code.rawValue == code, "\(body)")
            #expect(error?.reason == "PROVIDER_HTTP_STATUS")
            #expect(error?.provider?.httpStatus == status)
            #expect(error?.provider?.requestId == "hdr-1")
            #expect(error?.outcomeUnknown == true)
        }
    }

    @Test("200 decodes the payload with X-Request-Id; 204 and an empty 200 are no payload")
    func successes() throws {
        let client = HuaweiFixture.offlineClient()
        let created = try client.decode(
            HuaweiFixture.response(200, #"{"backup_id":"548ceeff-1c2d-4e5f-8a9b-0c1d2e3f4a5b"}"#, requestId: "rid-ok"),
            call: "POST instances/x/backups", as: HuaweiAPI.CreateBackupResponse.self, redactor: Redactor()
        )
        #expect(created.payload?.backup_id == "548ceeff-1c2d-4e5f-8a9b-0c1d2e3f4a5b")
        #expect(created.requestId == "rid-ok")

        let noContent = try client.decode(
            HuaweiFixture.response(204, "", requestId: "rid-204"), call: "GET instances/x/backups",
            as: HuaweiAPI.BackupList.self, redactor: Redactor()
        )
        #expect(noContent.payload == nil)
        #expect(noContent.requestId == "rid-204")
        let empty = try client.decode(
            HuaweiFixture.response(200, ""), call: "GET instances/x/backups", as: HuaweiAPI.BackupList.self, redactor: Redactor()
        )
        #expect(empty.payload == nil)
        #expect(empty.requestId == nil)
        let emptyList = try client.decode(
            HuaweiFixture.response(200, #"{"total_num":0,"backup_record_response":[]}"#), call: "GET instances/x/backups",
            as: HuaweiAPI.BackupList.self, redactor: Redactor()
        )
        #expect(emptyList.payload?.total_num == 0)
        #expect(emptyList.payload?.backup_record_response?.isEmpty == true)
    }

    @Test("a 200 that is not the call's JSON is PROVIDER_RESPONSE_MALFORMED, outcome unknown")
    func malformedSuccess() {
        let error = #expect(throws: GatewayError.self) {
            try HuaweiFixture.offlineClient().decode(
                HuaweiFixture.response(200, #"{"backup_id":"548c"#), call: "POST instances/x/backups",
                as: HuaweiAPI.CreateBackupResponse.self, redactor: Redactor()
            )
        }
        #expect(error?.code == .providerError)
        #expect(error?.reason == "PROVIDER_RESPONSE_MALFORMED")
        #expect(error?.provider?.httpStatus == 200)
        #expect(error?.outcomeUnknown == true)
    }
}
