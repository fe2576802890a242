import Foundation
import GatewayCore
@testable import Providers
import Synchronization
import Testing

/// A monotonic clock the test moves by hand; sleeping "until" an instant moves it there.
final class ManualClock: Sendable {
    let start = ContinuousClock.now
    private let offset = Mutex<Duration>(.zero)
    private let sleeps = Mutex<[ContinuousClock.Instant]>([])

    var now: ContinuousClock.Instant { start + offset.withLock { $0 } }

    func advance(by duration: Duration) { offset.withLock { $0 += duration } }

    /// The instants slept until, in order.
    var sleptUntil: [ContinuousClock.Instant] { sleeps.withLock { $0 } }

    func sleep(until instant: ContinuousClock.Instant) {
        sleeps.withLock { $0.append(instant) }
        offset.withLock { current in current = max(current, start.duration(to: instant)) }
    }

    func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }
}

@Suite("Provider rate limiter: slot math (injected clock)")
struct ProviderRateLimiterMathTests {
    static func limiter(_ limits: [String: Double], maxWait: Duration = .seconds(2), clock: ManualClock = ManualClock()) -> ProviderRateLimiter {
        ProviderRateLimiter(
            account: "tencent-gz", limits: limits, maxWait: maxWait,
            now: { clock.now }, wallClock: { Date() }, sleep: { clock.sleep(until: $0) }
        )
    }

    @Test("slots are spaced 1/rate apart from the first caller on (burst 1)")
    func spacing() throws {
        let clock = ManualClock()
        let limiter = Self.limiter(["DescribeInstances": 20], clock: clock)
        let t0 = clock.now
        for index in 0..<5 {
            let slot = try limiter.reserve("DescribeInstances", now: t0)
            #expect(slot == t0 + .milliseconds(50 * index))
        }
    }

    @Test("an idle action does not save up a burst: the slot is now, then 1/rate later")
    func noBurstAfterIdle() throws {
        let clock = ManualClock()
        let limiter = Self.limiter(["A": 20], clock: clock)
        _ = try limiter.reserve("A", now: clock.at(0))
        #expect(try limiter.reserve("A", now: clock.at(10_000)) == clock.at(10_000))
        #expect(try limiter.reserve("A", now: clock.at(10_000)) == clock.at(10_050))
        #expect(try limiter.reserve("A", now: clock.at(10_060)) == clock.at(10_100))
    }

    @Test("a slot exactly maxWait away is granted; one further is refused with Retry-After and reserves nothing")
    func maxWait() throws {
        let clock = ManualClock()
        let limiter = Self.limiter(["A": 20], clock: clock)
        let t0 = clock.now
        for _ in 0...40 { _ = try limiter.reserve("A", now: t0) }  // the 41st slot is t0 + 2 s
        let error = #expect(throws: GatewayError.self) { try limiter.reserve("A", now: t0) }
        #expect(error?.code == .rateLimited)
        #expect(error?.reason == "RATE_LIMIT_WAIT_EXCEEDED")
        #expect(error?.retryAfterSeconds == 3)  // ceil(2.05 s)
        #expect(error?.provider == nil)
        #expect(error?.detail.contains("account tencent-gz, action A limited to 20 requests/s") == true, "\(error?.detail ?? "")")
        // Nothing was reserved: one second later the next slot is still t0 + 2.05 s.
        #expect(try limiter.reserve("A", now: clock.at(1000)) == clock.at(2050))
    }

    @Test("a slot after the call's deadline is refused even within maxWait")
    func deadline() throws {
        let clock = ManualClock()
        let limiter = Self.limiter(["A": 10], clock: clock)
        _ = try limiter.reserve("A", now: clock.at(0))
        let error = #expect(throws: GatewayError.self) {
            try limiter.reserve("A", now: clock.at(0), deadlineIn: .milliseconds(50))
        }
        #expect(error?.reason == "RATE_LIMIT_WAIT_EXCEEDED")
        #expect(error?.detail.contains("deadline") == true)
        #expect(error?.retryAfterSeconds == 1)
        #expect(try limiter.reserve("A", now: clock.at(0), deadlineIn: .milliseconds(100)) == clock.at(100))
    }

    @Test("maxWait 0: only a free slot passes")
    func zeroWait() throws {
        let clock = ManualClock()
        let limiter = Self.limiter(["A": 1], maxWait: .zero, clock: clock)
        #expect(try limiter.reserve("A", now: clock.at(0)) == clock.at(0))
        #expect(throws: GatewayError.self) { try limiter.reserve("A", now: clock.at(999)) }
        #expect(try limiter.reserve("A", now: clock.at(1000)) == clock.at(1000))
    }

    @Test("actions are limited apart; `default` covers unnamed actions; without either an action is free")
    func perAction() throws {
        let clock = ManualClock()
        let limited = Self.limiter(["A": 20, "default": 10], clock: clock)
        #expect(try limited.reserve("A", now: clock.at(0)) == clock.at(0))
        #expect(try limited.reserve("B", now: clock.at(0)) == clock.at(0))
        #expect(try limited.reserve("B", now: clock.at(0)) == clock.at(100))
        #expect(try limited.reserve("A", now: clock.at(0)) == clock.at(50))
        let free = Self.limiter(["A": 20], clock: clock)
        for _ in 0..<1000 { #expect(try free.reserve("B", now: clock.at(0)) == nil) }
        #expect(free.limit(for: "B") == nil)
        // Non-positive limits are ignored rather than blocking everything.
        #expect(Self.limiter(["A": 0]).limit(for: "A") == nil)
    }

    @Test("the spacing is rounded up to the nanosecond", arguments: [(3.0, Int64(333_333_334)), (20, 50_000_000), (0.5, 2_000_000_000)])
    func interval(rate: Double, nanoseconds: Int64) {
        #expect(ProviderRateLimiter.interval(forRate: rate) == .nanoseconds(nanoseconds))
    }

    @Test("500 calls at random arrival times against 20/s: never more than 20 slots in any 1-s window")
    func windowProperty() throws {
        let clock = ManualClock()
        let limiter = Self.limiter(["A": 20], maxWait: .seconds(60), clock: clock)
        var generator = SystemRandomNumberGenerator()
        var arrival = 0
        var slots: [ContinuousClock.Instant] = []
        for _ in 0..<500 {
            arrival += Int.random(in: 0...60, using: &generator)
            if let slot = try limiter.reserve("A", now: clock.at(arrival)) { slots.append(slot) }
        }
        #expect(slots.count == 500)
        let sorted = slots.sorted()
        for index in 0..<(sorted.count - 20) {
            #expect(sorted[index].duration(to: sorted[index + 20]) >= .seconds(1))
        }
    }

    @Test("acquire sleeps until the slot on the injected clock and returns it")
    func acquireSleeps() async throws {
        let clock = ManualClock()
        let limiter = Self.limiter(["A": 4], clock: clock)
        let deadline = Date().addingTimeInterval(60)
        let first = try await limiter.acquire("A", deadline: deadline)
        let second = try await limiter.acquire("A", deadline: deadline)
        #expect(first == clock.start)
        #expect(second == clock.start + .milliseconds(250))
        #expect(clock.sleptUntil == [clock.start + .milliseconds(250)])  // the first slot was free: no sleep
        #expect(try await limiter.acquire("Other", deadline: deadline) == nil)
    }

    @Test("calls that wake late are spaced again as they leave: a late one and an on-time one do not leave together")
    func lateWakeUpsDoNotBunch() async throws {
        let clock = ManualClock()
        let limiter = ProviderRateLimiter(
            account: "acc", limits: ["A": 10], now: { clock.now },
            // The process is busy: a call sleeping until its slot wakes 200 ms late.
            sleep: { instant in clock.sleep(until: instant + .milliseconds(200)) }
        )
        let deadline = Date().addingTimeInterval(60)
        _ = try await limiter.acquire("A", deadline: deadline)       // slot 0, leaves at 0
        _ = try await limiter.acquire("A", deadline: deadline)       // slot 100, wakes (and leaves) at 300
        #expect(clock.now == clock.at(300))
        _ = try await limiter.acquire("A", deadline: deadline)       // slot 300 is free at 300, but the last call left at 300
        // Asked to sleep until 100 (slot of the second) and 400 (departure of the third), each
        // recorded 200 ms late; without departure spacing the third would leave at 300 at once.
        #expect(clock.sleptUntil == [clock.at(300), clock.at(600)])
    }

    @Test("a call cancelled while waiting fails CALL_CANCELLED, sends nothing, and gives its slot back")
    func cancelledWait() async throws {
        let clock = ManualClock()
        let limiter = ProviderRateLimiter(
            account: "acc", limits: ["A": 1], now: { clock.now }, sleep: { _ in throw CancellationError() }
        )
        let deadline = Date().addingTimeInterval(60)
        _ = try await limiter.acquire("A", deadline: deadline)
        let error = await #expect(throws: GatewayError.self) { try await limiter.acquire("A", deadline: deadline) }
        #expect(error?.reason == "CALL_CANCELLED")
        #expect(error?.outcomeUnknown == false)
        // The cancelled slot (t0 + 1 s) is free again.
        #expect(try limiter.reserve("A", now: clock.now) == clock.start + .seconds(1))
    }
}

@Suite("Provider rate limiter: real time")
struct ProviderRateLimiterRealTimeTests {
    @Test("100 concurrent acquisitions at 50/s take about 2 s and never put more than 50 into any second")
    func burst() async throws {
        let limiter = ProviderRateLimiter(account: "acc", limits: ["A": 50], maxWait: .seconds(30))
        let started = ContinuousClock.now
        let deadline = Date().addingTimeInterval(60)
        let slots = try await withThrowingTaskGroup(of: ContinuousClock.Instant?.self) { group in
            for _ in 0..<100 {
                group.addTask { try await limiter.acquire("A", deadline: deadline) }
            }
            var slots: [ContinuousClock.Instant] = []
            for try await slot in group { if let slot { slots.append(slot) } }
            return slots
        }
        let elapsed = started.duration(to: .now)
        #expect(slots.count == 100)
        let sorted = slots.sorted()
        for index in 0..<(sorted.count - 50) {
            #expect(sorted[index].duration(to: sorted[index + 50]) >= .seconds(1))
        }
        // 99 gaps of 20 ms; a loaded machine may wake late, never early.
        #expect(elapsed >= .milliseconds(1_950))
        #expect(elapsed < .seconds(15))
    }
}
