import Foundation
import GatewayCore
import Logging

/// Runs one provider action for one account under the account's call policy (DESIGN.md §2:
/// rate limiter per account+action → signer → HTTP with deadline → retry only where safe →
/// decode or map error). Every provider kind's client calls through it.
///
/// Per attempt: wait for the action's rate-limit slot → `build` (signs afresh: new timestamp,
/// new nonce) → send with the attempt's deadline → `decode`. A failure is retried when
/// `RetryPolicy` allows it for a read or a write, after a jittered back-off of at least what
/// the provider advised (`Retry-After`, `x-acs-retry-after`, the error's `retryAfterSeconds`),
/// and never past the call's deadline. An expired signature gets the measured clock skew
/// appended to its detail.
///
/// Each sent attempt runs in its own tracing span (`ProviderAttemptSpan`) and is reported to the
/// policy's `ProviderCallObserver`, as are retries, rate-limit waits and rate-limit refusals.
public struct ProviderCaller: Sendable {
    public let provider: ProviderKind
    /// The account's name (logs).
    public let account: String
    public let transport: any ProviderHTTPSending
    public let policy: ProviderCallPolicy
    /// The clock requests are signed with (what a clock skew is measured against).
    public let signingClock: @Sendable () -> Date
    /// The longest one attempt may take (`timeouts.request`); nil: up to the call's deadline.
    public let attemptTimeout: Duration?
    /// Now, for deadlines (wall clock: deadlines are wall-clock instants).
    public let wallClock: @Sendable () -> Date

    public init(
        provider: ProviderKind, account: String, transport: any ProviderHTTPSending, policy: ProviderCallPolicy,
        signingClock: @escaping @Sendable () -> Date = { Date() }, attemptTimeout: Duration? = nil,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.provider = provider
        self.account = account
        self.transport = transport
        self.policy = policy
        self.signingClock = signingClock
        self.attemptTimeout = attemptTimeout
        self.wallClock = wallClock
    }

    /// Performs `action`. `isWrite` marks an action that changes provider state (create a backup,
    /// restore): it is repeated only when it provably did not execute.
    /// - Parameters:
    ///   - deadline: the whole call's deadline, retries and waits included.
    ///   - build: builds and signs the request; called once per attempt.
    ///   - decode: turns an HTTP answer into the result or the mapped error.
    public func perform<T>(
        action: String, isWrite: Bool, deadline: Date,
        build: () throws(GatewayError) -> ProviderHTTPRequest,
        decode: (ProviderHTTPResponse) throws(GatewayError) -> T
    ) async throws(GatewayError) -> T {
        try await perform(action: action, isWrite: isWrite, deadline: deadline, build: build, decode: decode, providerRequestId: { _ in nil })
    }

    /// `perform` for the clients whose decoded answer is `(payload, requestId)`: the provider's
    /// request id also reaches the attempt's span and observer.
    public func perform<Payload>(
        action: String, isWrite: Bool, deadline: Date,
        build: () throws(GatewayError) -> ProviderHTTPRequest,
        decode: (ProviderHTTPResponse) throws(GatewayError) -> (payload: Payload, requestId: String?)
    ) async throws(GatewayError) -> (payload: Payload, requestId: String?) {
        try await perform(action: action, isWrite: isWrite, deadline: deadline, build: build, decode: decode, providerRequestId: { $0.requestId })
    }

    private func perform<T>(
        action: String, isWrite: Bool, deadline: Date,
        build: () throws(GatewayError) -> ProviderHTTPRequest,
        decode: (ProviderHTTPResponse) throws(GatewayError) -> T,
        providerRequestId: (T) -> String?
    ) async throws(GatewayError) -> T {
        let call = ProviderCallIdentity(provider: provider, account: account, action: action)
        var attempt = 0
        /// The latest failure the provider (or the network) gave before this attempt, not a timeout.
        var answered: (failure: GatewayError, headerHint: Duration?)?
        /// What the call reports when it gives up after `failure`. On a retry, a refusal that only
        /// says the time ran out (no time left, no rate-limit slot before the deadline, a read
        /// that timed out) says less than the earlier answer, which is reported instead. A
        /// write's timeout is never replaced: the write may have executed.
        func giveUp(_ failure: GatewayError, headerHint: Duration?) -> GatewayError {
            if let answered,
               failure.reason == "DEADLINE_EXCEEDED" || failure.reason == ProviderRateLimiter.waitExceededReason
               || (!isWrite && failure.code == .providerTimeout) {
                return Self.final(answered.failure, headerHint: answered.headerHint)
            }
            return Self.final(failure, headerHint: headerHint)
        }

        while true {
            attempt += 1
            var response: ProviderHTTPResponse?
            let failure: GatewayError
            do throws(GatewayError) {
                guard deadline > wallClock() else {
                    throw GatewayError(.providerTimeout, reason: "DEADLINE_EXCEEDED", detail: "No time was left to call \(provider.displayName).")
                }
                try await waitForSlot(call, deadline: deadline)
                let started = ContinuousClock.now
                let span = ProviderAttemptSpan(call, attempt: attempt)
                do throws(GatewayError) {
                    let signedAt = signingClock()
                    let request = try build()
                    span.sending(request)
                    let attemptDeadline = attemptTimeout.map { min(deadline, wallClock().addingTimeInterval($0.timeInterval)) } ?? deadline
                    let answer = try await transport.send(request, deadline: attemptDeadline, provider: provider)
                    response = answer
                    let value: T
                    do throws(GatewayError) {
                        value = try decode(answer)
                    } catch {
                        throw ClockSkewNote.annotate(error, response: answer, signedAt: signedAt)
                    }
                    let finished = ProviderAttempt(
                        call: call, number: attempt, duration: started.duration(to: .now), outcome: .success,
                        httpStatus: answer.status, providerRequestId: providerRequestId(value)
                    )
                    span.end(outcome: .success, httpStatus: answer.status, providerRequestId: finished.providerRequestId, failure: nil)
                    policy.observer.attemptFinished(finished)
                    return value
                } catch {
                    let outcome = ProviderCallOutcome(error)
                    let status = response?.status ?? error.provider?.httpStatus
                    span.end(outcome: outcome, httpStatus: status, providerRequestId: error.provider?.requestId, failure: error)
                    policy.observer.attemptFinished(ProviderAttempt(
                        call: call, number: attempt, duration: started.duration(to: .now), outcome: outcome,
                        httpStatus: status, providerRequestId: error.provider?.requestId
                    ))
                    throw error
                }
            } catch {
                failure = error
            }

            let headerHint = response.flatMap { RetryAfterHint.from($0, now: wallClock()) }
            let hint = [headerHint, failure.retryAfterSeconds.map { Duration.seconds($0) }].compactMap { $0 }.max()
            let remaining = Duration.seconds(deadline.timeIntervalSince(wallClock()))
            guard !Task.isCancelled,
                  let delay = policy.retry.delay(after: failure, attempt: attempt, isWrite: isWrite, hint: hint, remaining: remaining)
            else {
                throw giveUp(failure, headerHint: headerHint)
            }
            policy.logger.notice("Retrying a provider call", metadata: [
                "provider": "\(provider.rawValue)",
                "account": "\(account)",
                "action": "\(action)",
                "attempt": "\(attempt + 1)",
                "code": "\(failure.code.rawValue)",
                "reason": "\(failure.reason)",
                "delayMs": "\(Int(delay.timeInterval * 1000))",
                "providerRequestId": "\(failure.provider?.requestId ?? "-")",
            ])
            policy.observer.retryScheduled(call, delay: delay, after: failure)
            if failure.code != .providerTimeout { answered = (failure, headerHint) }
            do {
                try await policy.sleep(delay)
            } catch {
                throw giveUp(failure, headerHint: headerHint)
            }
        }
    }

    /// Waits for the action's rate-limit slot, telling the observer how long it waited or that
    /// the limiter refused the call.
    private func waitForSlot(_ call: ProviderCallIdentity, deadline: Date) async throws(GatewayError) {
        let started = ContinuousClock.now
        do {
            if try await policy.limiter.acquire(call.action, deadline: deadline) != nil {
                policy.observer.rateLimitWaited(call, duration: started.duration(to: .now))
            }
        } catch {
            if error.reason == ProviderRateLimiter.waitExceededReason { policy.observer.rateLimitRejected(call) }
            throw error
        }
    }

    /// The error reported when the call gives up: a provider's throttling carries the provider's
    /// own retry advice (at least one second) in `retryAfterSeconds`.
    static func final(_ error: GatewayError, headerHint: Duration?) -> GatewayError {
        guard error.code == .rateLimited, let headerHint else { return error }
        var final = error
        let advised = max(1, Int(headerHint.timeInterval.rounded(.up)))
        final.retryAfterSeconds = max(error.retryAfterSeconds ?? 0, advised)
        return final
    }
}
