import Foundation
import GatewayCore
@testable import Providers
import Synchronization
import Testing

/// Answers each send with the next scripted outcome (the last one repeats) and counts sends.
final class ScriptedTransport: ProviderHTTPSending {
    enum Outcome: Sendable {
        case answer(ProviderHTTPResponse)
        case fail(GatewayError)
    }

    private let state: Mutex<(script: [Outcome], sent: [ProviderHTTPRequest])>

    init(_ script: [Outcome]) { state = Mutex((script, [])) }

    var sent: [ProviderHTTPRequest] { state.withLock { $0.sent } }

    func send(_ request: ProviderHTTPRequest, deadline: Date, provider: ProviderKind) async throws(GatewayError) -> ProviderHTTPResponse {
        let outcome = state.withLock { state -> Outcome in
            state.sent.append(request)
            return state.script.count > 1 ? state.script.removeFirst() : state.script[0]
        }
        switch outcome {
        case .answer(let response): return response
        case .fail(let error): throw error
        }
    }

    static func response(_ status: Int, _ headers: [(name: String, value: String)] = [], body: String = "ok") -> Outcome {
        .answer(ProviderHTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }
}

/// Records back-off sleeps without sleeping.
final class SleepRecorder: Sendable {
    private let sleeps = Mutex<[Duration]>([])
    var recorded: [Duration] { sleeps.withLock { $0 } }
    func sleep(_ duration: Duration) { sleeps.withLock { $0.append(duration) } }
}

@Suite("Provider caller: retries, hints, clock skew (scripted transport)")
struct ProviderCallerTests {
    static let signedAt = Date(timeIntervalSince1970: 1_795_442_400)  // Mon, 23 Nov 2026 14:00:00 GMT

    final class Setup: Sendable {
        let transport: ScriptedTransport
        let sleeps = SleepRecorder()
        let builds = Mutex(0)

        init(transport: ScriptedTransport) { self.transport = transport }

        var caller: ProviderCaller { caller(limits: [:]) }

        func caller(limits: [String: Double], maxWait: Duration = .seconds(2)) -> ProviderCaller {
            let sleeps = self.sleeps
            let policy = ProviderCallPolicy(
                limiter: ProviderRateLimiter(account: "acc", limits: limits, maxWait: maxWait),
                retry: RetryPolicy(random: { 0.5 }),
                sleep: { sleeps.sleep($0) }
            )
            return ProviderCaller(
                provider: .alibaba, account: "acc", transport: transport, policy: policy,
                signingClock: { ProviderCallerTests.signedAt }, attemptTimeout: .seconds(5)
            )
        }

        func perform(isWrite: Bool = false, deadline: Date = Date().addingTimeInterval(30)) async throws(GatewayError) -> String {
            try await perform(caller, isWrite: isWrite, deadline: deadline)
        }

        func perform(_ caller: ProviderCaller, isWrite: Bool = false, deadline: Date = Date().addingTimeInterval(30)) async throws(GatewayError) -> String {
            try await caller.perform(
                action: "CreateBackup", isWrite: isWrite, deadline: deadline,
                build: { () throws(GatewayError) in
                    let count = builds.withLock { value -> Int in
                        value += 1
                        return value
                    }
                    return ProviderHTTPRequest(method: "POST", url: "http://127.0.0.1/", headers: [("X-Attempt", String(count))], body: [])
                },
                decode: { (response) throws(GatewayError) in try Self.decode(response) }
            )
        }

        /// 200 → the body; 429 → provider throttling; 401 → expired signature; 5xx → unavailable, outcome unknown.
        static func decode(_ response: ProviderHTTPResponse) throws(GatewayError) -> String {
            let info = ProviderErrorInfo(name: "alibaba", code: "X", httpStatus: response.status)
            switch response.status {
            case 200:
                return String(decoding: response.body, as: UTF8.self)
            case 429:
                throw GatewayError(.rateLimited, reason: "PROVIDER_THROTTLED", detail: "throttled", provider: info)
            case 401:
                throw GatewayError(.providerAuthFailed, reason: "SIGNATURE_EXPIRED", detail: "Alibaba Cloud answered InvalidTimeStamp.Expired.", provider: info)
            default:
                var error = GatewayError(.providerUnavailable, reason: "PROVIDER_HTTP_STATUS", detail: "5xx", provider: info)
                error.outcomeUnknown = true
                throw error
            }
        }
    }

    static let connectFailed = GatewayError(.providerUnavailable, reason: "CONNECT_FAILED", detail: "refused")

    @Test("a read after a 5xx is retried once and succeeds: 2 sends, each signed afresh, one jittered back-off")
    func readRetried() async throws {
        let setup = Setup(transport: ScriptedTransport([ScriptedTransport.response(503), ScriptedTransport.response(200)]))
        #expect(try await setup.perform() == "ok")
        #expect(setup.transport.sent.count == 2)
        #expect(setup.builds.withLock { $0 } == 2)
        #expect(setup.transport.sent.map { $0.headers.first?.value } == ["1", "2"])
        #expect(setup.sleeps.recorded == [.milliseconds(50)])
    }

    @Test("a read that keeps failing stops after 4 attempts with the last error")
    func readGivesUp() async throws {
        let setup = Setup(transport: ScriptedTransport([ScriptedTransport.response(503)]))
        let error = await #expect(throws: GatewayError.self) { try await setup.perform() }
        #expect(error?.reason == "PROVIDER_HTTP_STATUS")
        #expect(setup.transport.sent.count == 4)
        #expect(setup.sleeps.recorded == [.milliseconds(50), .milliseconds(100), .milliseconds(200)])
    }

    @Test("a write after a 5xx is not retried and keeps outcomeUnknown")
    func writeNotRetried() async throws {
        let setup = Setup(transport: ScriptedTransport([ScriptedTransport.response(500), ScriptedTransport.response(200)]))
        let error = await #expect(throws: GatewayError.self) { try await setup.perform(isWrite: true) }
        #expect(error?.outcomeUnknown == true)
        #expect(setup.transport.sent.count == 1)
        #expect(setup.sleeps.recorded.isEmpty)
    }

    @Test("a write whose connection was never established is retried")
    func writeConnectFailed() async throws {
        let setup = Setup(transport: ScriptedTransport([.fail(Self.connectFailed), ScriptedTransport.response(200)]))
        #expect(try await setup.perform(isWrite: true) == "ok")
        #expect(setup.transport.sent.count == 2)
    }

    @Test("a write after a dropped connection is not retried")
    func writeConnectionLost() async throws {
        var lost = GatewayError(.providerUnavailable, reason: "CONNECTION_LOST", detail: "x")
        lost.outcomeUnknown = true
        let setup = Setup(transport: ScriptedTransport([.fail(lost), ScriptedTransport.response(200)]))
        let error = await #expect(throws: GatewayError.self) { try await setup.perform(isWrite: true) }
        #expect(error?.reason == "CONNECTION_LOST")
        #expect(setup.transport.sent.count == 1)
    }

    @Test("a throttled write is retried after the provider's x-acs-retry-after (ms)")
    func throttledWriteHonoursAlibabaHint() async throws {
        let setup = Setup(transport: ScriptedTransport([
            ScriptedTransport.response(429, [("x-acs-retry-after", "1500")]), ScriptedTransport.response(200),
        ]))
        #expect(try await setup.perform(isWrite: true) == "ok")
        #expect(setup.transport.sent.count == 2)
        #expect(setup.sleeps.recorded == [.milliseconds(1500)])
    }

    @Test("Retry-After (seconds) is the minimum back-off")
    func retryAfterHeader() async throws {
        let setup = Setup(transport: ScriptedTransport([
            ScriptedTransport.response(429, [("Retry-After", "3")]), ScriptedTransport.response(200),
        ]))
        #expect(try await setup.perform() == "ok")
        #expect(setup.sleeps.recorded == [.seconds(3)])
    }

    @Test("throttling that outlasts the deadline gives up at once and reports the provider's hint as retryAfterSeconds")
    func throttledFinalHint() async throws {
        let setup = Setup(transport: ScriptedTransport([ScriptedTransport.response(429, [("Retry-After", "7")])]))
        let error = await #expect(throws: GatewayError.self) {
            try await setup.perform(deadline: Date().addingTimeInterval(5))
        }
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfterSeconds == 7)
        #expect(setup.transport.sent.count == 1)
        #expect(setup.sleeps.recorded.isEmpty)
    }

    @Test("no back-off is started that would end after the deadline")
    func neverSleepsPastDeadline() async throws {
        let setup = Setup(transport: ScriptedTransport([ScriptedTransport.response(503), ScriptedTransport.response(200)]))
        let error = await #expect(throws: GatewayError.self) {
            try await setup.perform(deadline: Date().addingTimeInterval(0.03))  // the first back-off is 50 ms
        }
        #expect(error?.reason == "PROVIDER_HTTP_STATUS")
        #expect(setup.transport.sent.count == 1)
    }

    @Test("a read retry that runs into the deadline reports what the provider answered before, a write its timeout")
    func retryTimeoutReportsEarlierError() async throws {
        var timeout = GatewayError(.providerTimeout, reason: "PROVIDER_TIMEOUT", detail: "late")
        timeout.outcomeUnknown = true
        let read = Setup(transport: ScriptedTransport([ScriptedTransport.response(503), .fail(timeout)]))
        let readError = await #expect(throws: GatewayError.self) {
            try await read.perform(deadline: Date().addingTimeInterval(0.5))
        }
        #expect(read.transport.sent.count >= 2)
        #expect(readError?.reason == "PROVIDER_HTTP_STATUS")

        let write = Setup(transport: ScriptedTransport([.fail(Self.connectFailed), .fail(timeout)]))
        let writeError = await #expect(throws: GatewayError.self) {
            try await write.perform(isWrite: true, deadline: Date().addingTimeInterval(0.5))
        }
        #expect(write.transport.sent.count == 2)
        #expect(writeError?.reason == "PROVIDER_TIMEOUT")
        #expect(writeError?.outcomeUnknown == true)
    }

    @Test("a retry that finds no rate-limit slot before the deadline reports the provider's earlier answer")
    func retryWithoutSlot() async throws {
        let setup = Setup(transport: ScriptedTransport([ScriptedTransport.response(503), ScriptedTransport.response(200)]))
        // 1 request/s: the retry's slot lies a second after the first, past the 0.5-s deadline.
        let caller = setup.caller(limits: ["CreateBackup": 1], maxWait: .seconds(5))
        let error = await #expect(throws: GatewayError.self) {
            try await setup.perform(caller, deadline: Date().addingTimeInterval(0.5))
        }
        #expect(error?.reason == "PROVIDER_HTTP_STATUS")
        #expect(setup.transport.sent.count == 1)
    }

    @Test("auth failures are sent once")
    func authOnce() async throws {
        let setup = Setup(transport: ScriptedTransport([ScriptedTransport.response(401)]))
        _ = await #expect(throws: GatewayError.self) { try await setup.perform() }
        #expect(setup.transport.sent.count == 1)
    }

    @Test("the gateway's own RATE_LIMIT_WAIT_EXCEEDED is answered at once, nothing sent, never retried")
    func ownLimit() async throws {
        let setup = Setup(transport: ScriptedTransport([ScriptedTransport.response(200)]))
        let caller = setup.caller(limits: ["CreateBackup": 1], maxWait: .zero)
        #expect(try await setup.perform(caller) == "ok")
        let error = await #expect(throws: GatewayError.self) { try await setup.perform(caller) }
        #expect(error?.code == .rateLimited)
        #expect(error?.reason == "RATE_LIMIT_WAIT_EXCEEDED")
        #expect(error?.retryAfterSeconds == 1)
        #expect(setup.transport.sent.count == 1)
        #expect(setup.sleeps.recorded.isEmpty)
    }

    @Test("an expired signature names the measured skew against the signing clock", arguments: [
        ("Mon, 23 Nov 2026 14:10:12 GMT", " The provider's clock (Date: Mon, 23 Nov 2026 14:10:12 GMT) is 612 s ahead of the gateway's; fix the gateway host's time (NTP)."),
        ("Mon, 23 Nov 2026 13:40:00 GMT", " The provider's clock (Date: Mon, 23 Nov 2026 13:40:00 GMT) is 1200 s behind the gateway's; fix the gateway host's time (NTP)."),
        ("Mon, 23 Nov 2026 14:00:02 GMT", " The provider's clock (Date: Mon, 23 Nov 2026 14:00:02 GMT) agrees with the gateway's to within 30 s, so the request was signed too long before it arrived."),
    ])
    func clockSkew(date: String, note: String) async throws {
        let setup = Setup(transport: ScriptedTransport([ScriptedTransport.response(401, [("Date", date)])]))
        let error = await #expect(throws: GatewayError.self) { try await setup.perform() }
        #expect(error?.reason == "SIGNATURE_EXPIRED")
        #expect(error?.code == .providerAuthFailed)
        #expect(error?.detail == "Alibaba Cloud answered InvalidTimeStamp.Expired." + note)
        #expect(setup.transport.sent.count == 1)
    }

    @Test("without a readable Date header the detail is left alone")
    func clockSkewWithoutDate() async throws {
        for headers in [[], [(name: "Date", value: "yesterday")]] as [[(name: String, value: String)]] {
            let setup = Setup(transport: ScriptedTransport([ScriptedTransport.response(401, headers)]))
            let error = await #expect(throws: GatewayError.self) { try await setup.perform() }
            #expect(error?.detail == "Alibaba Cloud answered InvalidTimeStamp.Expired.")
        }
    }
}

@Suite("HTTP dates and retry hints")
struct HTTPDateAndHintTests {
    @Test("IMF-fixdate parses and formats", arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777.0),
        ("Mon, 23 Nov 2026 14:00:00 GMT", 1_795_442_400.0),
        ("Thu, 01 Jan 2026 00:00:00 GMT", 1_767_225_600.0),
    ])
    func imfFixdate(text: String, epoch: Double) {
        #expect(HTTPDate.parse(text) == Date(timeIntervalSince1970: epoch))
        #expect(HTTPDate.format(Date(timeIntervalSince1970: epoch)) == text)
    }

    @Test("other shapes are not dates", arguments: ["", "yesterday", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT"])
    func notDates(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    static func response(_ headers: [(name: String, value: String)]) -> ProviderHTTPResponse {
        ProviderHTTPResponse(status: 429, headers: headers, body: [])
    }

    @Test("x-acs-retry-after is milliseconds, Retry-After seconds or an HTTP-date; the larger wins")
    func hints() {
        let now = Date(timeIntervalSince1970: 784_111_777)
        #expect(RetryAfterHint.from(Self.response([("x-acs-retry-after", "1500")]), now: now) == .milliseconds(1500))
        #expect(RetryAfterHint.from(Self.response([("Retry-After", "3")]), now: now) == .seconds(3))
        #expect(RetryAfterHint.from(Self.response([("retry-after", "Sun, 06 Nov 1994 08:49:47 GMT")]), now: now) == .seconds(10))
        #expect(RetryAfterHint.from(Self.response([("Retry-After", "2"), ("X-Acs-Retry-After", "2500")]), now: now) == .milliseconds(2500))
        #expect(RetryAfterHint.from(Self.response([("Retry-After", "soon"), ("x-acs-retry-after", "-5")]), now: now) == nil)
        #expect(RetryAfterHint.from(Self.response([]), now: now) == nil)
    }

    @Test("configured limits over provider defaults; a configured default replaces the provider's per-action defaults")
    func mergedLimits() {
        let defaults: [String: Double] = ["ManualBackupInstance": 20, "DescribeInstances": 20, "default": 20]
        #expect(ProviderCallPolicy.mergedLimits(configured: [:], defaults: defaults) == defaults)
        #expect(ProviderCallPolicy.mergedLimits(configured: ["DescribeInstances": 50], defaults: defaults)
            == ["ManualBackupInstance": 20, "DescribeInstances": 50, "default": 20])
        #expect(ProviderCallPolicy.mergedLimits(configured: ["default": 5, "DescribeInstances": 8], defaults: defaults)
            == ["default": 5, "DescribeInstances": 8])
    }
}
