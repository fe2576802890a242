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
    /// Code families (`Missing<Name>`, `Invalid<Name>.Malformed`), tried when no row matches.
    public let prefixRows: [(prefix: String, suffix: String, mapping: ProviderErrorMapping)]

    public init(
        provider: ProviderKind, rows: [String: ProviderErrorMapping],
        prefixRows: [(prefix: String, suffix: String, mapping: ProviderErrorMapping)] = []
    ) {
        self.provider = provider
        self.rows = rows
        self.prefixRows = prefixRows
    }

    public func mapping(for providerCode: String) -> ProviderErrorMapping {
        if let row = rows[providerCode] { return row }
        if let family = prefixRows.first(where: { providerCode.hasPrefix($0.prefix) && providerCode.hasSuffix($0.suffix) && providerCode.count > $0.prefix.count + $0.suffix.count }) {
            return family.mapping
        }
        return ProviderErrorMapping(.providerError, "PROVIDER_ERROR_UNMAPPED")
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
