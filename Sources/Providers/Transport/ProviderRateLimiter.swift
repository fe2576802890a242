import Foundation
import GatewayCore
import Synchronization

/// The gateway's own per-action request rate towards one provider account (DESIGN.md §6: the
/// provider must never throttle us; callers wait, bounded, or get 429 with `Retry-After`).
///
/// GCRA with a burst of 1, i.e. strict spacing: an acquisition for an action limited to `r`
/// requests per second reserves the slot `max(now, lastSlot + 1/r)` and sleeps until it. So no
/// window of one second ever holds more than `r` slots of one action, whatever the concurrency;
/// calls that wake late are spaced again as they leave (`depart`), so they cannot bunch either.
/// When the slot lies later than `now + maxWait`, or later than the call's deadline, nothing is
/// reserved and the call fails at once with `rate_limited` / `RATE_LIMIT_WAIT_EXCEEDED`
/// (`retryAfterSeconds` = when the slot would have come, at least 1). Actions without a limit
/// (no entry and no `default`) pass freely.
///
/// One instance per account (limits are per account and action, as the providers count them);
/// per replica when the gateway runs scaled out (DESIGN.md §7).
public final class ProviderRateLimiter: Sendable {
    /// The reason of the refusal when a slot is too far away. Never retried by the gateway.
    public static let waitExceededReason = "RATE_LIMIT_WAIT_EXCEEDED"

    public typealias Instant = ContinuousClock.Instant

    /// The account whose calls are limited (for messages).
    public let account: String
    /// Requests per second by action name; `default` applies to actions without an entry.
    public let limits: [String: Double]
    /// The longest a call waits for its slot (`timeouts.rateLimitWait`).
    public let maxWait: Duration

    private let now: @Sendable () -> Instant
    private let wallClock: @Sendable () -> Date
    private let sleeper: @Sendable (Instant) async throws -> Void
    /// The latest slot reserved per action.
    private let lastSlots = Mutex<[String: Instant]>([:])
    /// The latest departure per action: when a call actually left the limiter.
    private let lastDepartures = Mutex<[String: Instant]>([:])

    /// - Parameters:
    ///   - limits: requests per second by action (`default` for every other action); entries
    ///     that are not positive are ignored (no limit).
    ///   - now: the monotonic clock slots are measured on (injectable for tests).
    ///   - wallClock: the clock call deadlines (`Date`) are compared with.
    ///   - sleep: waits until an instant of `now`'s clock; must throw when the task is cancelled.
    public init(
        account: String,
        limits: [String: Double],
        maxWait: Duration = .seconds(2),
        now: @escaping @Sendable () -> Instant = { ContinuousClock.now },
        wallClock: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Instant) async throws -> Void = { try await Task.sleep(until: $0, clock: .continuous) }
    ) {
        self.account = account
        self.limits = limits.filter { $0.value > 0 && $0.value.isFinite }
        self.maxWait = max(.zero, maxWait)
        self.now = now
        self.wallClock = wallClock
        self.sleeper = sleep
    }

    /// The limit of `action` in requests per second; nil when it is not limited.
    public func limit(for action: String) -> Double? {
        limits[action] ?? limits["default"]
    }

    /// The spacing between two slots at `rate` requests per second, rounded up to the
    /// nanosecond so that rounding never lets one more request into a second.
    public static func interval(forRate rate: Double) -> Duration {
        .nanoseconds(Int64((1e9 / rate).rounded(.up)))
    }

    /// Waits for the next slot of `action` and returns it (nil when `action` is not limited).
    /// Fails with `RATE_LIMIT_WAIT_EXCEEDED` without waiting when the slot is later than
    /// `maxWait` from now or than `deadline`; with `CALL_CANCELLED` when the task is cancelled
    /// while waiting (the slot is then given back when no later one was handed out).
    @discardableResult
    public func acquire(_ action: String, deadline: Date) async throws(GatewayError) -> Instant? {
        let start = now()
        let deadlineIn = Duration.seconds(deadline.timeIntervalSince(wallClock()))
        guard let reservation = try reserveSlot(action, now: start, deadlineIn: deadlineIn) else { return nil }
        do {
            if reservation.slot > start { try await sleeper(reservation.slot) }
            try await depart(action, interval: reservation.interval)
        } catch {
            lastSlots.withLock { slots in
                if slots[action] == reservation.slot { slots[action] = reservation.previous }
            }
            throw GatewayError(
                .providerUnavailable, reason: "CALL_CANCELLED",
                detail: "The call was cancelled while it waited for its turn under the rate limit of account \(account) (action \(action)); nothing was sent."
            )
        }
        return reservation.slot
    }

    /// Spaces actual departures too: calls whose slots were spaced but that woke late (a busy
    /// process) would otherwise leave together and bunch at the provider — seen in
    /// `scripts/bench` as 26 requests in one second against a limit of 20. Each call leaves at
    /// least `interval` after the previous one of its action left (a second GCRA stage on
    /// wake-up times; no wait when the call is on time).
    private func depart(_ action: String, interval: Duration) async throws {
        let now = self.now()
        let departure = lastDepartures.withLock { departures in
            let departure = departures[action].map { max(now, $0 + interval) } ?? now
            departures[action] = departure
            return departure
        }
        if departure > now { try await sleeper(departure) }
    }

    /// The pure reservation step: reserves and returns the slot of `action` at `now`, nil when
    /// `action` is not limited; throws `RATE_LIMIT_WAIT_EXCEEDED` (reserving nothing) when the
    /// slot is later than `now + maxWait` or than `now + deadlineIn`. A free slot (no wait) is
    /// always granted: a deadline that has already passed is the transport's to report.
    public func reserve(_ action: String, now: Instant, deadlineIn: Duration? = nil) throws(GatewayError) -> Instant? {
        try reserveSlot(action, now: now, deadlineIn: deadlineIn)?.slot
    }

    private struct Reservation {
        var slot: Instant
        var previous: Instant?
        var interval: Duration
    }

    private func reserveSlot(_ action: String, now: Instant, deadlineIn: Duration?) throws(GatewayError) -> Reservation? {
        guard let rate = limit(for: action) else { return nil }
        let interval = Self.interval(forRate: rate)
        let outcome: Result<Reservation, GatewayError> = lastSlots.withLock { slots in
            let previous = slots[action]
            let slot = previous.map { max(now, $0 + interval) } ?? now
            let wait = now.duration(to: slot)
            if wait > maxWait {
                return .failure(refusal(action: action, rate: rate, wait: wait, because: "more than the \(Self.format(maxWait)) s a call may wait for it (timeouts.rateLimitWait)"))
            }
            if let deadlineIn, wait > .zero, wait > deadlineIn {
                return .failure(refusal(action: action, rate: rate, wait: wait, because: "after the call's deadline"))
            }
            slots[action] = slot
            return .success(Reservation(slot: slot, previous: previous, interval: interval))
        }
        return try outcome.get()
    }

    private func refusal(action: String, rate: Double, wait: Duration, because: String) -> GatewayError {
        let seconds = Self.seconds(wait)
        return GatewayError(
            .rateLimited, reason: Self.waitExceededReason,
            detail: "The gateway keeps account \(account), action \(action) limited to \(Self.format(rate)) requests/s; "
                + "the next free slot is \(Self.format(seconds)) s away, \(because). Retry later.",
            retryAfterSeconds: max(1, Int(seconds.rounded(.up)))
        )
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// `20`, `2.5`, `0.05`: at most three decimals, no trailing zeros.
    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.3f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func format(_ duration: Duration) -> String { format(seconds(duration)) }
}
