import GatewayCore

/// When and how soon a failed provider call is sent again.
///
/// Which failures are retried is one table (`rules`), by error code, for reads and for writes.
/// A write (create-backup, restore) is repeated only when the request provably did not
/// execute: the provider throttled it, or it answered "unavailable" before anything was done /
/// the connection was never established (`outcomeUnknown == false`). A write whose outcome is
/// unknown (timeout after sending, dropped connection, 5xx) is reconciled by the operation
/// service, never repeated. The gateway's own `RATE_LIMIT_WAIT_EXCEEDED` goes straight to the
/// caller (429 + `Retry-After`).
///
/// Back-off: exponential with full jitter, `random(0 … min(maxDelay, baseDelay · 2^(attempt−1)))`,
/// at least a provider-given retry-after; a retry that could not start before the call's
/// deadline is not made (the last error is reported instead).
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first one included (1 = never retry).
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// Uniform in `0 ..< 1` (injectable for tests).
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(2),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.random = random
    }

    /// Never retries.
    public static let never = RetryPolicy(maxAttempts: 1)

    // MARK: Classification

    /// When a failure of one code may be retried.
    public enum Rule: Sendable, Hashable {
        case never
        /// Always (an idempotent read).
        case always
        /// Only when the provider itself refused (it carries provider information) and it is not
        /// the gateway's own rate limit: throttling rejects a request before it executes.
        case providerRefused
        /// Only when the request provably did not execute (`outcomeUnknown == false`).
        case notExecuted
    }

    /// The table: code → rule for reads, rule for writes. Codes not listed are never retried
    /// (`provider_auth_failed`, `permission_denied`, `invalid_argument`, `not_found`,
    /// `failed_precondition`, `unsupported`, `conflict`, `internal`, `unauthenticated`).
    public static let rules: [ErrorCode: (read: Rule, write: Rule)] = [
        .rateLimited: (read: .providerRefused, write: .providerRefused),
        .providerUnavailable: (read: .always, write: .notExecuted),
        .providerTimeout: (read: .always, write: .never),
        .providerError: (read: .always, write: .never),
    ]

    /// Whether a call that failed with `error` may be sent again.
    public static func isRetryable(_ error: GatewayError, isWrite: Bool) -> Bool {
        if error.reason == ProviderRateLimiter.waitExceededReason { return false }
        guard let rule = rules[error.code] else { return false }
        switch isWrite ? rule.write : rule.read {
        case .never: return false
        case .always: return true
        case .providerRefused: return error.provider != nil
        case .notExecuted: return !error.outcomeUnknown
        }
    }

    // MARK: Back-off

    /// The jittered back-off after failed attempt number `attempt` (1-based), at least `minimum`.
    public func backoff(afterAttempt attempt: Int, minimum: Duration? = nil) -> Duration {
        let exponent = min(max(0, attempt - 1), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let fraction = min(max(random(), 0), 1)
        let jittered = ceiling * fraction
        guard let minimum else { return jittered }
        return max(jittered, minimum)
    }

    /// How long to wait before attempt `attempt + 1`, or nil to give up with `error`: it is not
    /// retryable, the attempts are used up, or the wait would not end before the deadline
    /// (`remaining` from now).
    public func delay(
        after error: GatewayError, attempt: Int, isWrite: Bool, hint: Duration?, remaining: Duration
    ) -> Duration? {
        guard attempt < maxAttempts, Self.isRetryable(error, isWrite: isWrite) else { return nil }
        let wait = backoff(afterAttempt: attempt, minimum: hint)
        guard wait < remaining else { return nil }
        return wait
    }
}
