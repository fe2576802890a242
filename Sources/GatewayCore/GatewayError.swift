/// What the provider said when a call failed, kept for support (already redacted).
public struct ProviderErrorInfo: Sendable, Hashable, Codable {
    public var name: String
    public var code: String?
    public var message: String?
    public var requestId: String?
    public var httpStatus: Int?

    public init(name: String, code: String? = nil, message: String? = nil, requestId: String? = nil, httpStatus: Int? = nil) {
        self.name = name
        self.code = code
        self.message = message
        self.requestId = requestId
        self.httpStatus = httpStatus
    }
}

/// Every failure the gateway reports: a stable `code` (DESIGN.md §4), a finer `reason`
/// (UPPER_SNAKE), a human `detail`, and what the provider said, if it said anything.
public struct GatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: ErrorCode
    public var reason: String
    public var detail: String
    public var provider: ProviderErrorInfo?
    /// Seconds after which a retry makes sense (`Retry-After`), when known.
    public var retryAfterSeconds: Int?
    /// The request may have reached the provider and executed (a timeout or a dropped
    /// connection after sending): a write that failed this way must be reconciled, not repeated.
    public var outcomeUnknown: Bool = false

    public init(_ code: ErrorCode, reason: String, detail: String, provider: ProviderErrorInfo? = nil, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.reason = reason
        self.detail = detail
        self.provider = provider
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var httpStatus: Int { code.httpStatus }
    public var retryable: Bool { code.retryable }

    public var description: String {
        var text = "\(code.rawValue)/\(reason): \(detail)"
        if let provider, let providerCode = provider.code { text += " [\(provider.name) \(providerCode)]" }
        return text
    }
}

extension GatewayError {
    public static func invalidArgument(_ reason: String, _ detail: String) -> GatewayError {
        GatewayError(.invalidArgument, reason: reason, detail: detail)
    }

    public static func notFound(_ reason: String, _ detail: String) -> GatewayError {
        GatewayError(.notFound, reason: reason, detail: detail)
    }

    public static func unsupported(_ reason: String, _ detail: String) -> GatewayError {
        GatewayError(.unsupported, reason: reason, detail: detail)
    }

    public static func failedPrecondition(_ reason: String, _ detail: String) -> GatewayError {
        GatewayError(.failedPrecondition, reason: reason, detail: detail)
    }

    public static func conflict(_ reason: String, _ detail: String, retryAfterSeconds: Int? = nil) -> GatewayError {
        GatewayError(.conflict, reason: reason, detail: detail, retryAfterSeconds: retryAfterSeconds)
    }

    public static func `internal`(_ detail: String) -> GatewayError {
        GatewayError(.internal, reason: "INTERNAL", detail: detail)
    }
}
