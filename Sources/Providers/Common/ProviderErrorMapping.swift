import GatewayCore

/// One row of a provider's error table: a provider code and what it means in the taxonomy.
public struct ProviderErrorMapping: Sendable, Hashable {
    public var code: ErrorCode
    public var reason: String

    public init(_ code: ErrorCode, _ reason: String) {
        self.code = code
        self.reason = reason
    }
}

/// A provider's error table: data, looked up by the provider's code. Codes not in the table
/// become `provider_error` with the original code kept.
public struct ProviderErrorTable: Sendable {
    public let provider: ProviderKind
    public let rows: [String: ProviderErrorMapping]

    public init(provider: ProviderKind, rows: [String: ProviderErrorMapping]) {
        self.provider = provider
        self.rows = rows
    }

    public func mapping(for providerCode: String) -> ProviderErrorMapping {
        rows[providerCode] ?? ProviderErrorMapping(.providerError, "PROVIDER_ERROR_UNMAPPED")
    }

    /// The gateway error for a provider error; `message` is redacted by `redactor` first.
    public func error(
        providerCode: String, message: String?, requestId: String?, httpStatus: Int?, redactor: Redactor
    ) -> GatewayError {
        let mapping = mapping(for: providerCode)
        let cleanMessage = redactor.redact(message)
        let detail: String
        if let cleanMessage, !cleanMessage.isEmpty {
            detail = "\(provider.displayName) answered \(providerCode): \(cleanMessage)"
        } else {
            detail = "\(provider.displayName) answered \(providerCode)."
        }
        return GatewayError(
            mapping.code,
            reason: mapping.reason,
            detail: detail,
            provider: ProviderErrorInfo(
                name: provider.rawValue, code: providerCode, message: cleanMessage,
                requestId: requestId, httpStatus: httpStatus
            ),
            retryAfterSeconds: mapping.code == .rateLimited ? 1 : nil
        )
    }
}
