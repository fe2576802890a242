import GatewayCore
@testable import Providers
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    /// One row of the classification table.
    struct Row: Sendable, CustomTestStringConvertible {
        var code: ErrorCode
        var reason: String
        var outcomeUnknown = false
        var fromProvider = true
        var read: Bool
        var write: Bool

        var error: GatewayError {
            var error = GatewayError(
                code, reason: reason, detail: "test",
                provider: fromProvider ? ProviderErrorInfo(name: "tencent", code: "Some.Code") : nil
            )
            error.outcomeUnknown = outcomeUnknown
            return error
        }

        var testDescription: String {
            "\(code.rawValue)/\(reason)\(outcomeUnknown ? " outcome unknown" : "")\(fromProvider ? "" : " (gateway)") → read \(read), write \(write)"
        }
    }

    static let rows: [Row] = [
        // Provider throttling: the request was refused before it ran — reads and writes retry.
        Row(code: .rateLimited, reason: "PROVIDER_THROTTLED", read: true, write: true),
        // The gateway's own limiter: straight to the caller as 429.
        Row(code: .rateLimited, reason: "RATE_LIMIT_WAIT_EXCEEDED", fromProvider: false, read: false, write: false),
        Row(code: .rateLimited, reason: "RATE_LIMIT_WAIT_EXCEEDED", read: false, write: false),
        // Never established / answered "unavailable" without acting: both retry.
        Row(code: .providerUnavailable, reason: "CONNECT_FAILED", fromProvider: false, read: true, write: true),
        Row(code: .providerUnavailable, reason: "PROVIDER_SERVICE_UNAVAILABLE", read: true, write: true),
        // Dropped connection, 5xx: the write may have run.
        Row(code: .providerUnavailable, reason: "CONNECTION_LOST", outcomeUnknown: true, fromProvider: false, read: true, write: false),
        Row(code: .providerUnavailable, reason: "PROVIDER_HTTP_STATUS", outcomeUnknown: true, read: true, write: false),
        Row(code: .providerTimeout, reason: "PROVIDER_TIMEOUT", outcomeUnknown: true, fromProvider: false, read: true, write: false),
        Row(code: .providerTimeout, reason: "DEADLINE_EXCEEDED", fromProvider: false, read: true, write: false),
        Row(code: .providerError, reason: "PROVIDER_INTERNAL_ERROR", read: true, write: false),
        Row(code: .providerError, reason: "PROVIDER_RESPONSE_MALFORMED", outcomeUnknown: true, read: true, write: false),
        Row(code: .providerError, reason: "PROVIDER_INTERNAL_ERROR", outcomeUnknown: true, read: true, write: false),
        // Never, whatever the call.
        Row(code: .providerAuthFailed, reason: "SIGNATURE_EXPIRED", read: false, write: false),
        Row(code: .providerAuthFailed, reason: "PROVIDER_SIGNATURE_REJECTED", read: false, write: false),
        Row(code: .permissionDenied, reason: "PROVIDER_PERMISSION_DENIED", read: false, write: false),
        Row(code: .invalidArgument, reason: "INVALID_PARAMETER", read: false, write: false),
        Row(code: .notFound, reason: "INSTANCE_NOT_FOUND", read: false, write: false),
        Row(code: .failedPrecondition, reason: "INSTANCE_NOT_RUNNING", read: false, write: false),
        Row(code: .unsupported, reason: "ACTION_UNKNOWN", read: false, write: false),
        Row(code: .conflict, reason: "INSTANCE_BUSY", read: false, write: false),
        Row(code: .internal, reason: "INTERNAL", fromProvider: false, read: false, write: false),
        Row(code: .unauthenticated, reason: "X", read: false, write: false),
    ]

    @Test("classification", arguments: rows)
    func classification(row: Row) {
        #expect(RetryPolicy.isRetryable(row.error, isWrite: false) == row.read)
        #expect(RetryPolicy.isRetryable(row.error, isWrite: true) == row.write)
    }

    @Test("every code has a definite answer; only four codes are ever retried")
    func everyCode() {
        let retried = ErrorCode.allCases.filter { RetryPolicy.rules[$0] != nil }.map(\.rawValue).sorted()
        #expect(retried == ["provider_error", "provider_timeout", "provider_unavailable", "rate_limited"])
    }

    @Test("full jitter: random × min(maxDelay, base · 2^(attempt−1))")
    func backoff() {
        let half = RetryPolicy(random: { 0.5 })
        #expect(half.backoff(afterAttempt: 1) == .milliseconds(50))
        #expect(half.backoff(afterAttempt: 2) == .milliseconds(100))
        #expect(half.backoff(afterAttempt: 3) == .milliseconds(200))
        #expect(half.backoff(afterAttempt: 10) == .seconds(1))  // capped at 2 s
        #expect(half.backoff(afterAttempt: 1_000) == .seconds(1))
        #expect(RetryPolicy(random: { 0 }).backoff(afterAttempt: 3) == .zero)
        #expect(RetryPolicy(random: { 0.999 }).backoff(afterAttempt: 6) <= .seconds(2))
    }

    @Test("a provider's retry-after is the minimum back-off, even above maxDelay")
    func hint() {
        let policy = RetryPolicy(random: { 0.5 })
        #expect(policy.backoff(afterAttempt: 1, minimum: .seconds(1)) == .seconds(1))
        #expect(policy.backoff(afterAttempt: 1, minimum: .milliseconds(10)) == .milliseconds(50))
        #expect(policy.backoff(afterAttempt: 1, minimum: .seconds(5)) == .seconds(5))
    }

    @Test("no retry past maxAttempts, for a non-retryable error, or when the wait would reach the deadline")
    func delayDecision() {
        let policy = RetryPolicy(maxAttempts: 4, random: { 0.5 })
        let unavailable = GatewayError(.providerUnavailable, reason: "CONNECT_FAILED", detail: "x")
        #expect(policy.delay(after: unavailable, attempt: 1, isWrite: false, hint: nil, remaining: .seconds(10)) == .milliseconds(50))
        #expect(policy.delay(after: unavailable, attempt: 3, isWrite: true, hint: nil, remaining: .seconds(10)) == .milliseconds(200))
        #expect(policy.delay(after: unavailable, attempt: 4, isWrite: false, hint: nil, remaining: .seconds(10)) == nil)
        #expect(policy.delay(after: unavailable, attempt: 1, isWrite: false, hint: nil, remaining: .milliseconds(50)) == nil)
        #expect(policy.delay(after: unavailable, attempt: 1, isWrite: false, hint: .seconds(3), remaining: .seconds(2)) == nil)
        let auth = GatewayError(.providerAuthFailed, reason: "PROVIDER_SIGNATURE_REJECTED", detail: "x")
        #expect(policy.delay(after: auth, attempt: 1, isWrite: false, hint: nil, remaining: .seconds(10)) == nil)
        #expect(RetryPolicy.never.delay(after: unavailable, attempt: 1, isWrite: false, hint: nil, remaining: .seconds(10)) == nil)
    }
}
