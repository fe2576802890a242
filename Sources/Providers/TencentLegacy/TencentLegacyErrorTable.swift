import GatewayCore

/// The API 2.0 codes of `tencent.md` §6.2 — the common 4000–6200 codes and the Redis module
/// codes — mapped to the same taxonomy codes as their API 3.0 equivalents.
enum TencentLegacyErrorTable {
    static let table = ProviderErrorTable(provider: .tencentLegacy, rows: rows.merging(codeDescRows) { current, _ in current })

    static let rows: [String: ProviderErrorMapping] = [
        // Redis module codes (API 3.0 equivalent in the comment).
        "11201": .init(.invalidArgument, "INVALID_PARAMETER"),             // InvalidParameter.InvalidParameter
        "10701": .init(.notFound, "INSTANCE_NOT_FOUND"),                   // ResourceNotFound.InstanceNotExists
        "10702": .init(.failedPrecondition, "INSTANCE_NOT_RUNNING"),       // ResourceUnavailable.InstanceStatusAbnormal
        "10707": .init(.conflict, "INSTANCE_BUSY"),                        // ResourceUnavailable.InstanceLockedError
        "10710": .init(.conflict, "BACKUP_LOCKED"),                        // ResourceUnavailable.BackupLockedError
        "10711": .init(.failedPrecondition, "BACKUP_UNAVAILABLE"),         // ResourceUnavailable.BackupStatusAbnormal
        "10712": .init(.permissionDenied, "INSTANCE_PASSWORD_INCORRECT"),  // InvalidParameterValue.PasswordError
        "11213": .init(.notFound, "BACKUP_NOT_FOUND"),                     // InvalidParameterValue.BackupNotExists
        // Common codes.
        "4000": .init(.invalidArgument, "INVALID_PARAMETER"),
        "4100": .init(.providerAuthFailed, "PROVIDER_SIGNATURE_REJECTED"),
        "4101": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "4102": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "4103": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "4104": .init(.providerAuthFailed, "PROVIDER_CREDENTIALS_INVALID"),
        "4105": .init(.providerAuthFailed, "PROVIDER_TOKEN_INVALID"),
        "4106": .init(.providerAuthFailed, "PROVIDER_MFA_FAILED"),
        "4110": .init(.permissionDenied, "PROVIDER_PERMISSION_DENIED"),
        "4200": .init(.providerAuthFailed, "SIGNATURE_EXPIRED"),
        "4300": .init(.permissionDenied, "PROVIDER_ACCOUNT_BLOCKED"),
        "4400": .init(.rateLimited, "PROVIDER_THROTTLED"),
        "4500": .init(.providerAuthFailed, "PROVIDER_REPLAY_REJECTED"),
        "4600": .init(.unsupported, "PROTOCOL_UNSUPPORTED"),
        "5000": .init(.notFound, "RESOURCE_NOT_FOUND"),
        "5100": .init(.providerError, "PROVIDER_OPERATION_FAILED"),
        "5200": .init(.providerError, "PROVIDER_PURCHASE_FAILED"),
        "5300": .init(.failedPrecondition, "BALANCE_INSUFFICIENT"),
        "5400": .init(.providerError, "PROVIDER_PARTIAL_SUCCESS"),
        "5500": .init(.failedPrecondition, "QUALIFICATION_FAILED"),
        "6000": .init(.providerError, "PROVIDER_INTERNAL_ERROR"),
        "6100": .init(.unsupported, "ACTION_UNKNOWN"),
        "6200": .init(.providerUnavailable, "PROVIDER_SERVICE_UNAVAILABLE"),
    ]

    /// 4500 covers both halves of the replay check (`tencent.md` §6.2: "Nonce reused or
    /// Timestamp out of window"; the Redis error page names it for the 5-minute window). When
    /// the message is about the timestamp, it is the expired-signature case (`SIGNATURE_EXPIRED`,
    /// like 4200 and API 3.0's `AuthFailure.SignatureExpire`); otherwise the row stands.
    static func refinedReason(code: String, message: String?) -> String? {
        guard code == "4500", let message = message?.lowercased() else { return nil }
        if message.contains("timestamp") || message.contains("expired") { return "SIGNATURE_EXPIRED" }
        return nil
    }

    /// `codeDesc` names of the module errors, for answers that carry only the name.
    static let codeDescAliases: [String: String] = [
        "InvalidParameter": "11201", "InstanceNotExists": "10701", "InstanceStatusAbnormal": "10702",
        "InstanceLockedError": "10707", "BackupLockedError": "10710", "BackupStatusAbnormal": "10711",
        "PasswordError": "10712", "BackupNotExists": "11213",
    ]

    static var codeDescRows: [String: ProviderErrorMapping] { codeDescAliases.compactMapValues { rows[$0] } }

    /// The code an answer is about: the module code in a `(NNNNN)` message prefix, else the
    /// module code named by `codeDesc`, else `code` itself (`tencent.md` §6.2: key on codeDesc first).
    static func resolve(code: Int, message: String?, codeDesc: String?) -> String {
        if let message, message.hasPrefix("("), let close = message.firstIndex(of: ")") {
            let inner = String(message[message.index(after: message.startIndex)..<close])
            if rows[inner] != nil { return inner }
        }
        if let codeDesc, let module = codeDescAliases[codeDesc] { return module }
        return String(code)
    }
}
