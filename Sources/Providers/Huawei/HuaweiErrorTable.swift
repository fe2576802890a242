import GatewayCore

/// Every `DCS.*` and `APIGW.*` code of `huawei.md` §5 and the v1.0 nine-digit codes, and what
/// they mean for callers (DESIGN.md §4). `APIGW.0301` (the gateway's own AK/SK refused) is
/// `provider_auth_failed` and is never retried: five failures in a row lock the customer's AK.
enum HuaweiErrorTable {
    static let table = ProviderErrorTable(provider: .huawei, rows: rows.merging(legacyRows) { current, _ in current })

    static let rows: [String: ProviderErrorMapping] = [
        // Instances and routes that do not exist.
        "DCS.3022": .init(.notFound, "INSTANCE_NOT_FOUND"),
        "DCS.4119": .init(.notFound, "INSTANCE_NOT_FOUND"),
        "DCS.4001": .init(.notFound, "RESOURCE_NOT_FOUND"),
        // What DCS cannot do for this instance.
        "DCS.4086": .init(.unsupported, "SINGLE_NODE_UNSUPPORTED"),
        "DCS.4095": .init(.unsupported, "BACKUP_UNSUPPORTED"),
        "DCS.4007": .init(.unsupported, "INSTANCE_TYPE_UNSUPPORTED"),
        // State.
        "DCS.4026": .init(.failedPrecondition, "INSTANCE_STATE_INVALID"),
        "DCS.4049": .init(.failedPrecondition, "INSTANCE_NOT_RUNNING"),
        "DCS.4087": .init(.failedPrecondition, "BACKUP_UNAVAILABLE"),
        "DCS.4035": .init(.failedPrecondition, "QUOTA_EXCEEDED"),
        "DCS.4039": .init(.failedPrecondition, "QUOTA_EXCEEDED"),
        // Busy.
        "DCS.4096": .init(.conflict, "BACKUP_IN_PROGRESS"),
        "DCS.4097": .init(.conflict, "RESTORE_IN_PROGRESS"),
        "DCS.4017": .init(.conflict, "INSTANCE_BUSY"),
        "DCS.4111": .init(.conflict, "INSTANCE_BUSY"),
        "DCS.4113": .init(.conflict, "INSTANCE_BUSY"),
        "DCS.4114": .init(.conflict, "INSTANCE_BUSY"),
        "DCS.4115": .init(.conflict, "INSTANCE_BUSY"),
        "DCS.4116": .init(.conflict, "INSTANCE_BUSY"),
        "DCS.4117": .init(.conflict, "INSTANCE_BUSY"),
        "DCS.4118": .init(.conflict, "INSTANCE_BUSY"),
        "DCS.4120": .init(.conflict, "INSTANCE_BUSY"),
        "DCS.4069": .init(.conflict, "CONFIGURATION_CHANGING"),
        "DCS.4104": .init(.providerUnavailable, "INSTANCE_RECOVERING"),
        // Request shape.
        "DCS.4098": .init(.invalidArgument, "REMARK_TOO_LONG"),
        "DCS.4002": .init(.invalidArgument, "PROJECT_ID_INVALID"),
        "DCS.4004": .init(.invalidArgument, "BODY_EMPTY"),
        "DCS.4005": .init(.invalidArgument, "BODY_INVALID"),
        "DCS.4061": .init(.invalidArgument, "INVALID_PARAMETER"),
        "DCS.4062": .init(.invalidArgument, "INVALID_PARAMETER"),
        "DCS.4063": .init(.invalidArgument, "INSTANCE_ID_INVALID"),
        "DCS.4800": .init(.invalidArgument, "INVALID_PARAMETER"),
        "DCS.4025": .init(.invalidArgument, "TIME_RANGE_INVALID"),
        "DCS.4031": .init(.invalidArgument, "TIME_RANGE_INVALID"),
        "DCS.5001": .init(.unsupported, "HTTP_METHOD_UNSUPPORTED"),
        // The gateway's project token and IAM permissions.
        "DCS.1001": .init(.providerAuthFailed, "PROVIDER_TOKEN_INVALID"),
        "DCS.1002": .init(.providerAuthFailed, "PROVIDER_TOKEN_INVALID"),
        "DCS.1003": .init(.providerAuthFailed, "PROVIDER_TOKEN_INVALID"),
        "DCS.1004": .init(.providerAuthFailed, "PROVIDER_PROJECT_MISMATCH"),
        "DCS.2003": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "DCS.3003": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "DCS.2007": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "DCS.3002": .init(.permissionDenied, "PROVIDER_ACCOUNT_READ_ONLY"),
        // DCS's own failures.
        "DCS.4101": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "DCS.5000": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "DCS.5006": .init(.providerError, "PROVIDER_JOB_SUBMIT_FAILED"),
        "DCS.5024": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "DCS.5078": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "DCS.5079": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "DCS.5090": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "DCS.5091": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "DCS.5092": .init(.providerError, "PROVIDER_RESTORE_FAILED"),
        // API Gateway in front of DCS.
        "APIGW.0101": .init(.providerError, "PROVIDER_API_NOT_FOUND"),
        "APIGW.0201": .init(.providerUnavailable, "PROVIDER_GATEWAY_REJECTED"),
        "APIGW.0301": .init(.providerAuthFailed, "PROVIDER_SIGNATURE_REJECTED"),
        "APIGW.0302": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "APIGW.0303": .init(.providerAuthFailed, "PROVIDER_AUTH_FAILED"),
        "APIGW.0305": .init(.providerAuthFailed, "PROVIDER_AUTH_FAILED"),
        "APIGW.0307": .init(.providerAuthFailed, "PROVIDER_TOKEN_INVALID"),
        "APIGW.0306": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "APIGW.0310": .init(.permissionDenied, "PROVIDER_PROJECT_UNAVAILABLE"),
        "APIGW.0401": .init(.permissionDenied, "PROVIDER_IP_DENIED"),
        "APIGW.0402": .init(.permissionDenied, "PROVIDER_IP_DENIED"),
        "APIGW.0801": .init(.permissionDenied, "REGION_UNSUPPORTED"),
        "APIGW.0308": .init(.rateLimited, "PROVIDER_THROTTLED"),
        "APIGW.0601": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "APIGW.0605": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "APIGW.0606": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "APIGW.0608": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "APIGW.0609": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "APIGW.0611": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "APIGW.0612": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "APIGW.0705": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "APIGW.0610": .init(.providerUnavailable, "PROVIDER_BACKEND_UNAVAILABLE"),
        "APIGW.0613": .init(.providerUnavailable, "PROVIDER_IAM_UNAVAILABLE"),
        // Older services answer with the `APIG.` prefix.
        "APIG.0301": .init(.providerAuthFailed, "PROVIDER_SIGNATURE_REJECTED"),
        "APIG.0308": .init(.rateLimited, "PROVIDER_THROTTLED"),
    ]

    /// v1.0's nine-digit codes and the v2 code each pairs with (`huawei.md` §5).
    static let legacyAliases: [String: String] = [
        "111404022": "DCS.3022", "111404001": "DCS.4001", "111400119": "DCS.4119", "111400086": "DCS.4086",
        "111400095": "DCS.4095", "111400026": "DCS.4026", "111400087": "DCS.4087", "111400096": "DCS.4096",
        "111400097": "DCS.4097", "111400017": "DCS.4017", "111400104": "DCS.4104", "111400098": "DCS.4098",
        "111400035": "DCS.4035", "111400039": "DCS.4039", "111401001": "DCS.1001", "111401002": "DCS.1002",
        "111401003": "DCS.1003", "111401004": "DCS.1004", "111405001": "DCS.5001", "111500000": "DCS.5000",
        "111400049": "DCS.4049", "111400025": "DCS.4025", "111400004": "DCS.4004", "111400005": "DCS.4005",
        "111400800": "DCS.4800",
    ]

    /// Explicit aliases, plus the pairing rule of `huawei.md` §5 for every other DCS code:
    /// `111` + the HTTP status it comes with + its last three digits (`DCS.4096` → `111400096`,
    /// `DCS.3022` → `111404022`, `DCS.1001` → `111401001`, `DCS.5000` → `111500000`).
    static var legacyRows: [String: ProviderErrorMapping] {
        var aliases = legacyAliases
        for code in rows.keys where code.hasPrefix("DCS.") && code.count == 8 {
            let alias = "111" + String(httpStatus(of: code)) + code.suffix(3)
            if aliases[alias] == nil { aliases[alias] = code }
        }
        return aliases.compactMapValues { rows[$0] }
    }

    /// The HTTP status a DCS code is documented with (§5.1).
    static func httpStatus(of code: String) -> Int {
        switch code {
        case "DCS.3022", "DCS.4001": 404
        case "DCS.4069", "DCS.4101": 500
        case "DCS.5001": 405
        default:
            switch code.dropFirst(4).first {
            case "1": 401
            case "2", "3": 403
            case "5": 500
            default: 400
            }
        }
    }

    /// APIGW.0301 says why in its message; each variant keeps the code but names the reason.
    static let authMessageReasons: [(fragment: String, reason: String)] = [
        ("signature expired", "SIGNATURE_EXPIRED"),
        ("not exist", "PROVIDER_CREDENTIALS_INVALID"),
        ("reach the limit", "PROVIDER_CREDENTIALS_LOCKED"),
        ("decrypt token", "PROVIDER_TOKEN_INVALID"),
        ("token expires", "PROVIDER_TOKEN_INVALID"),
        ("x-auth-token not found", "PROVIDER_TOKEN_INVALID"),
    ]
}
