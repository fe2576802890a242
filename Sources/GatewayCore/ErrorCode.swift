/// The closed set of error codes of DESIGN.md §4. Stable forever: callers switch on them.
public struct ErrorCode: Sendable, Hashable, CustomStringConvertible {
    private enum Base: String, Sendable, CaseIterable {
        case invalidArgument = "invalid_argument"
        case unauthenticated
        case permissionDenied = "permission_denied"
        case notFound = "not_found"
        case conflict
        case failedPrecondition = "failed_precondition"
        case unsupported
        case rateLimited = "rate_limited"
        case providerAuthFailed = "provider_auth_failed"
        case providerError = "provider_error"
        case providerUnavailable = "provider_unavailable"
        case providerTimeout = "provider_timeout"
        case `internal`
    }

    private let base: Base
    private init(_ base: Base) { self.base = base }

    /// The request is malformed or contradicts itself.
    public static let invalidArgument = ErrorCode(.invalidArgument)
    /// No or bad gateway credentials.
    public static let unauthenticated = ErrorCode(.unauthenticated)
    /// The caller may not do this, the provider denies it, or the instance password is wrong.
    public static let permissionDenied = ErrorCode(.permissionDenied)
    /// Instance, backup or operation does not exist (or is not routed).
    public static let notFound = ErrorCode(.notFound)
    /// Busy or locked; another task runs; idempotency key in flight.
    public static let conflict = ErrorCode(.conflict)
    /// State forbids it.
    public static let failedPrecondition = ErrorCode(.failedPrecondition)
    /// The provider or instance type cannot do this.
    public static let unsupported = ErrorCode(.unsupported)
    /// The gateway's or the provider's rate limit.
    public static let rateLimited = ErrorCode(.rateLimited)
    /// The provider rejected the gateway's own credentials or signature.
    public static let providerAuthFailed = ErrorCode(.providerAuthFailed)
    /// The provider failed (internal error, malformed answer).
    public static let providerError = ErrorCode(.providerError)
    /// The provider cannot be reached.
    public static let providerUnavailable = ErrorCode(.providerUnavailable)
    /// The provider did not answer within the deadline.
    public static let providerTimeout = ErrorCode(.providerTimeout)
    /// A gateway bug.
    public static let `internal` = ErrorCode(.internal)

    /// Every code, in the order of DESIGN.md §4.
    public static let allCases: [ErrorCode] = Base.allCases.map(ErrorCode.init)

    /// The wire value, e.g. `not_found`.
    public var rawValue: String { base.rawValue }

    /// Parses a wire value.
    public init?(rawValue: String) {
        guard let base = Base(rawValue: rawValue) else { return nil }
        self.base = base
    }

    /// The HTTP status this code is answered with.
    public var httpStatus: Int {
        switch base {
        case .invalidArgument: 400
        case .unauthenticated: 401
        case .permissionDenied: 403
        case .notFound: 404
        case .conflict: 409
        case .failedPrecondition, .unsupported: 422
        case .rateLimited: 429
        case .providerAuthFailed, .providerError: 502
        case .providerUnavailable: 503
        case .providerTimeout: 504
        case .internal: 500
        }
    }

    /// Whether the same request may succeed when retried later.
    public var retryable: Bool {
        switch base {
        case .conflict, .rateLimited, .providerError, .providerUnavailable, .providerTimeout: true
        default: false
        }
    }

    /// A short human title for problem documents.
    public var title: String {
        switch base {
        case .invalidArgument: "Invalid argument"
        case .unauthenticated: "Unauthenticated"
        case .permissionDenied: "Permission denied"
        case .notFound: "Not found"
        case .conflict: "Conflict"
        case .failedPrecondition: "Failed precondition"
        case .unsupported: "Unsupported"
        case .rateLimited: "Rate limited"
        case .providerAuthFailed: "Provider rejected the gateway's credentials"
        case .providerError: "Provider error"
        case .providerUnavailable: "Provider unavailable"
        case .providerTimeout: "Provider timeout"
        case .internal: "Internal error"
        }
    }

    public var description: String { rawValue }
}
