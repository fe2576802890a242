/// Request and response shapes of the DCS calls the gateway uses (`huawei.md` §2), for both
/// API generations (same field names in the bodies). Decoded leniently.
enum HuaweiAPI {
    struct CreateBackupBody: Encodable {
        var remark: String?
        var backup_format: String?
    }

    struct CreateBackupResponse: Decodable {
        var backup_id: String?
    }

    struct RestoreBody: Encodable {
        var backup_id: String
        var remark: String?
    }

    struct RestoreResponse: Decodable {
        var restore_id: String?
    }

    struct BackupList: Decodable {
        var total_num: Int?
        var backup_record_response: [BackupRecord]?
    }

    struct BackupRecord: Decodable {
        var backup_id: String?
        var instance_id: String?
        var backup_name: String?
        var remark: String?
        var backup_type: String?
        var backup_format: String?
        var status: String?
        var progress: String?
        var size: Int64?
        var created_at: String?
        var updated_at: String?
        var error_code: String?
        var is_support_restore: String?
    }

    struct RestoreList: Decodable {
        var total_num: Int?
        var restore_record_response: [RestoreRecord]?
    }

    struct RestoreRecord: Decodable {
        var restore_id: String?
        var backup_id: String?
        var restore_remark: String?
        var status: String?
        var progress: String?
        var created_at: String?
        var updated_at: String?
        var error_code: String?
    }

    struct Instance: Decodable {
        var instance_id: String?
        var name: String?
        var status: String?
        var cache_mode: String?
        var engine: String?
        var engine_version: String?
        var spec_code: String?
        var resource_spec_code: String?
    }

    /// Every error shape DCS and its API gateway use: `{error_code, error_msg, request_id}`,
    /// `{errorCode, errorMsg}`, `{code, message}` and v1.0's `{"error": {"code", "message"}}`.
    struct ErrorBody: Decodable {
        struct Nested: Decodable {
            var code: FlexibleCode?
            var message: String?
        }
        var error_code: FlexibleCode?
        var error_msg: String?
        var errorCode: FlexibleCode?
        var errorMsg: String?
        var code: FlexibleCode?
        var message: String?
        var request_id: String?
        var error: Nested?

        var resolvedCode: String? { (error_code ?? errorCode ?? error?.code ?? code)?.value }
        var resolvedMessage: String? { error_msg ?? errorMsg ?? error?.message ?? message }
    }

    struct Empty: Decodable {}
}

/// A code DCS sends as a string (`DCS.4096`) or a number (`111400096`).
struct FlexibleCode: Decodable, Hashable, Sendable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else {
            value = ""
        }
    }
}
