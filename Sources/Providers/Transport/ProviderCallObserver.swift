import GatewayCore

/// Who a provider call is for: the provider kind, the account and the provider's action name.
public struct ProviderCallIdentity: Sendable, Hashable {
    public var provider: ProviderKind
    public var account: String
    public var action: String

    public init(provider: ProviderKind, account: String, action: String) {
        self.provider = provider
        self.account = account
        self.action = action
    }
}

/// How one attempt of a provider call ended, as a small closed set fit for a metric label.
public enum ProviderCallOutcome: String, Sendable, Hashable, CaseIterable {
    /// The provider answered and the answer was decoded.
    case success
    /// The provider refused the request itself (not found, conflict, permission, invalid…).
    case rejected
    /// The provider throttled the call (`rate_limited` with provider information).
    case throttled
    /// The provider rejected the gateway's credentials or signature.
    case authFailed = "auth_failed"
    /// No answer within the attempt's deadline.
    case timeout
    /// The provider could not be reached, or answered "unavailable".
    case unavailable
    /// The provider failed (internal error, malformed answer) or the gateway did.
    case error

    /// The outcome of an attempt that failed with `failure`.
    public init(_ failure: GatewayError) {
        switch failure.code {
        case .rateLimited: self = .throttled
        case .providerAuthFailed: self = .authFailed
        case .providerTimeout: self = .timeout
        case .providerUnavailable: self = .unavailable
        case .providerError, .internal: self = .error
        default: self = .rejected  // the provider's refusal of this request (not found, conflict, …)
        }
    }
}

/// One attempt of a provider call that was sent (the rate limiter let it through).
public struct ProviderAttempt: Sendable {
    public var call: ProviderCallIdentity
    /// 1 for the first attempt.
    public var number: Int
    /// From signing the request to the decoded answer or the failure.
    public var duration: Duration
    public var outcome: ProviderCallOutcome
    /// The HTTP status of the answer, when one arrived.
    public var httpStatus: Int?
    /// The provider's id of the request, when it gave one.
    public var providerRequestId: String?
}

/// Watches the provider calls of the transport layer (metrics, in the gateway). Every method is
/// called on the calling task, so implementations must be cheap and must not block. Default
/// implementations do nothing.
public protocol ProviderCallObserver: Sendable {
    /// An attempt was sent and ended (successfully or not).
    func attemptFinished(_ attempt: ProviderAttempt)
    /// The attempt that failed with `failure` will be repeated after `delay`.
    func retryScheduled(_ call: ProviderCallIdentity, delay: Duration, after failure: GatewayError)
    /// The call waited `duration` for its rate-limit slot (zero when the slot was free).
    func rateLimitWaited(_ call: ProviderCallIdentity, duration: Duration)
    /// The gateway's own rate limit refused the call (`RATE_LIMIT_WAIT_EXCEEDED`); nothing was sent.
    func rateLimitRejected(_ call: ProviderCallIdentity)
}

extension ProviderCallObserver {
    public func attemptFinished(_ attempt: ProviderAttempt) {}
    public func retryScheduled(_ call: ProviderCallIdentity, delay: Duration, after failure: GatewayError) {}
    public func rateLimitWaited(_ call: ProviderCallIdentity, duration: Duration) {}
    public func rateLimitRejected(_ call: ProviderCallIdentity) {}
}

/// The default observer: ignores every event.
public struct NoProviderCallObserver: ProviderCallObserver {
    public init() {}
}
