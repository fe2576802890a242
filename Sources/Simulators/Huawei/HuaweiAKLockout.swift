import Foundation

/// API Gateway's protection of an AK: `threshold` failed authentications in a row lock it for
/// `duration` (by the simulator's clock); every request with a locked AK is refused. A success
/// resets the count; the lock ends by itself.
struct HuaweiAKLockout: Sendable {
    static let threshold = 5
    static let duration: TimeInterval = 5 * 60

    private var failures: [String: Int] = [:]
    private var lockedUntil: [String: Date] = [:]

    /// Whether the AK is locked now; an expired lock is lifted (and the count cleared).
    mutating func isLocked(_ accessKey: String, now: Date) -> Bool {
        guard let until = lockedUntil[accessKey] else { return false }
        if now < until { return true }
        lockedUntil[accessKey] = nil
        failures[accessKey] = nil
        return false
    }

    mutating func recordFailure(_ accessKey: String, now: Date) {
        let count = (failures[accessKey] ?? 0) + 1
        failures[accessKey] = count
        if count >= Self.threshold {
            lockedUntil[accessKey] = now.addingTimeInterval(Self.duration)
        }
    }

    mutating func recordSuccess(_ accessKey: String) {
        failures[accessKey] = nil
    }
}
