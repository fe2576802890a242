import Foundation
import GatewayCore
@testable import Providers
import Synchronization
import Testing

/// `ProviderCaller` tells the policy's `ProviderCallObserver` about every sent attempt (with
/// outcome, HTTP status and provider request id), every retry, every rate-limit wait and
/// every rate-limit refusal.
@Suite("Provider call observer")
struct ProviderCallObserverTests {
    final class Recorder: ProviderCallObserver {
        enum Event: Equatable {
            case attempt(action: String, number: Int, outcome: ProviderCallOutcome, status: Int?, requestId: String?)
            case retry(action: String)
            case waited(action: String)
            case rejected(action: String)
        }

        private let events = Mutex<[Event]>([])
        var all: [Event] { events.withLock { $0 } }

        func attemptFinished(_ attempt: ProviderAttempt) {
            #expect(attempt.duration >= .zero)
            #expect(attempt.call.provider == .alibaba && attempt.call.account == "acc")
            events.withLock {
                $0.append(.attempt(
                    action: attempt.call.action, number: attempt.number, outcome: attempt.outcome, status: attempt.httpStatus,
                    requestId: attempt.providerRequestId
                ))
            }
        }

        func retryScheduled(_ call: ProviderCallIdentity, delay: Duration, after failure: GatewayError) {
            events.withLock { $0.append(.retry(action: call.action)) }
        }

        func rateLimitWaited(_ call: ProviderCallIdentity, duration: Duration) {
            events.withLock { $0.append(.waited(action: call.action)) }
        }

        func rateLimitRejected(_ call: ProviderCallIdentity) {
            events.withLock { $0.append(.rejected(action: call.action)) }
        }
    }

    static func caller(_ transport: ScriptedTransport, recorder: Recorder, limits: [String: Double] = [:], maxWait: Duration = .seconds(2)) -> ProviderCaller {
        let policy = ProviderCallPolicy(
            limiter: ProviderRateLimiter(account: "acc", limits: limits, maxWait: maxWait),
            retry: RetryPolicy(random: { 0 }), sleep: { _ in }, observer: recorder
        )
        return ProviderCaller(provider: .alibaba, account: "acc", transport: transport, policy: policy, attemptTimeout: .seconds(5))
    }

    static func request() -> ProviderHTTPRequest {
        ProviderHTTPRequest(method: "POST", url: "http://127.0.0.1/", headers: [], body: [])
    }

    /// Decodes like the clients do: `(payload, requestId)`, the request id from a header.
    static func decode(_ response: ProviderHTTPResponse) throws(GatewayError) -> (payload: String, requestId: String?) {
        let requestId = response.headers.first { $0.name == "X-Request-Id" }?.value
        guard response.status == 200 else {
            throw GatewayError(
                .providerError, reason: "PROVIDER_INTERNAL_ERROR", detail: "5xx",
                provider: ProviderErrorInfo(name: "alibaba", code: "InternalError", requestId: requestId, httpStatus: response.status)
            )
        }
        return (String(decoding: response.body, as: UTF8.self), requestId)
    }

    @Test("a failed attempt, its retry and the successful attempt are reported with status and provider request id")
    func attemptsAndRetry() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.response(500, [("X-Request-Id", "r-1")]), ScriptedTransport.response(200, [("X-Request-Id", "r-2")]),
        ])
        let recorder = Recorder()
        let answer = try await Self.caller(transport, recorder: recorder, limits: ["default": 1000]).perform(
            action: "DescribeInstances", isWrite: false, deadline: Date().addingTimeInterval(10),
            build: { () throws(GatewayError) in Self.request() },
            decode: { (response) throws(GatewayError) in try Self.decode(response) }
        )
        #expect(answer.payload == "ok" && answer.requestId == "r-2")
        #expect(recorder.all == [
            .waited(action: "DescribeInstances"),
            .attempt(action: "DescribeInstances", number: 1, outcome: .error, status: 500, requestId: "r-1"),
            .retry(action: "DescribeInstances"),
            .waited(action: "DescribeInstances"),
            .attempt(action: "DescribeInstances", number: 2, outcome: .success, status: 200, requestId: "r-2"),
        ])
    }

    @Test("a call the gateway's own limit refuses is reported as a rejection, and nothing is sent")
    func rateLimitRejection() async throws {
        let transport = ScriptedTransport([ScriptedTransport.response(200)])
        let recorder = Recorder()
        let caller = Self.caller(transport, recorder: recorder, limits: ["CreateBackup": 0.5], maxWait: .milliseconds(10))
        for _ in 0..<2 {
            _ = try? await caller.perform(
                action: "CreateBackup", isWrite: true, deadline: Date().addingTimeInterval(10),
                build: { () throws(GatewayError) in Self.request() },
                decode: { (response) throws(GatewayError) in try Self.decode(response) }
            )
        }
        #expect(transport.sent.count == 1)
        #expect(recorder.all == [
            .waited(action: "CreateBackup"),
            .attempt(action: "CreateBackup", number: 1, outcome: .success, status: 200, requestId: nil),
            .rejected(action: "CreateBackup"),
        ])
    }

    @Test("outcomes map the error taxonomy onto a closed label set")
    func outcomes() {
        func outcome(_ code: ErrorCode) -> ProviderCallOutcome { ProviderCallOutcome(GatewayError(code, reason: "R", detail: "d")) }
        #expect(outcome(.rateLimited) == .throttled)
        #expect(outcome(.providerAuthFailed) == .authFailed)
        #expect(outcome(.providerTimeout) == .timeout)
        #expect(outcome(.providerUnavailable) == .unavailable)
        #expect(outcome(.providerError) == .error)
        #expect(outcome(.notFound) == .rejected)
        #expect(ProviderCallOutcome.authFailed.rawValue == "auth_failed")
    }
}
