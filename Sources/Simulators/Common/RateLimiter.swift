/// Token buckets keyed by (credential, action): capacity = limit, refilled at `limit` per `window`
/// (one second unless a caller names another), measured on the monotonic clock (independent of a
/// simulator's injectable wall clock).
struct RateLimiter: Sendable {
    /// The outcome of one admission check.
    enum Decision: Equatable {
        case allowed
        /// Rejected; `count` requests (including this one) arrived in the last `window`.
        case limited(count: Int, limit: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
        /// Arrival times within the last window, for the provider's "count in a second" message.
        var recent: [ContinuousClock.Instant]
    }

    private var buckets: [String: Bucket] = [:]

    mutating func admit(
        key: String,
        limit: Int,
        per window: Duration = .seconds(1),
        now: ContinuousClock.Instant = .now
    ) -> Decision {
        guard limit > 0 else { return .limited(count: 1, limit: limit) }
        let windowSeconds = max(1e-9, Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18)
        var bucket = buckets[key] ?? Bucket(tokens: Double(limit), updated: now, recent: [])
        let elapsed = bucket.updated.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        bucket.tokens = min(Double(limit), bucket.tokens + seconds * Double(limit) / windowSeconds)
        bucket.updated = now
        bucket.recent.removeAll { $0.duration(to: now) >= window }
        bucket.recent.append(now)
        let decision: Decision
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            decision = .allowed
        } else {
            decision = .limited(count: max(bucket.recent.count, limit + 1), limit: limit)
        }
        buckets[key] = bucket
        return decision
    }
}
