import Foundation
import Synchronization

/// Nonces seen per AccessKeyId, remembered for 31 minutes of the simulator's clock (longer
/// than the ±15-minute timestamp window, as Alibaba's gateway does).
final class AlibabaNonceCache: Sendable {
    static let memory: TimeInterval = 31 * 60

    private let seen = Mutex<[String: Date]>([:])

    /// Records the nonce; false when it was used within the memory window.
    func use(_ nonce: String, accessKeyId: String, now: Date) -> Bool {
        let key = "\(accessKeyId)\u{0}\(nonce)"
        return seen.withLock { seen in
            seen = seen.filter { now.timeIntervalSince($0.value) < Self.memory }
            if seen[key] != nil { return false }
            seen[key] = now
            return true
        }
    }
}
