import Foundation
import Logging

/// How one account calls its provider: its rate limiter, its retry policy, where retries are
/// logged and who watches the calls (metrics). Every account value carries one; the account's
/// client turns it into a `ProviderCaller` for each call.
public struct ProviderCallPolicy: Sendable {
    public var limiter: ProviderRateLimiter
    public var retry: RetryPolicy
    /// Retries are logged at `notice` (action, attempt, reason; never headers or bodies).
    public var logger: Logger
    /// Waits between attempts (injectable for tests); must throw when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// Told about every attempt, retry and rate-limit wait or refusal (no-op by default).
    public var observer: any ProviderCallObserver

    public static let defaultRateLimitWait: Duration = .seconds(2)

    public init(
        limiter: ProviderRateLimiter, retry: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "backup-gateway.providers"),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        observer: any ProviderCallObserver = NoProviderCallObserver()
    ) {
        self.limiter = limiter
        self.retry = retry
        self.logger = logger
        self.sleep = sleep
        self.observer = observer
    }

    /// A policy with a fresh limiter for `account` at `limits`, waiting at most `rateLimitWait`.
    public init(
        account: String, limits: [String: Double], rateLimitWait: Duration = defaultRateLimitWait,
        retry: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "backup-gateway.providers"),
        observer: any ProviderCallObserver = NoProviderCallObserver()
    ) {
        self.init(
            limiter: ProviderRateLimiter(account: account, limits: limits, maxWait: rateLimitWait), retry: retry, logger: logger,
            observer: observer
        )
    }

    /// The limits an account runs with: the configured ones (`rateLimits:`) over the provider's
    /// defaults. A configured `default` replaces the provider's per-action defaults too (the
    /// operator asked for that rate everywhere), except actions configured by name. Lookup
    /// order: configured action → configured `default` → provider action → provider `default`.
    public static func mergedLimits(configured: [String: Double], defaults: [String: Double]) -> [String: Double] {
        var merged = configured["default"] != nil ? [:] : defaults
        for (action, limit) in configured { merged[action] = limit }
        return merged
    }
}
