import Foundation
import GatewayCore

/// The response given to the first request of an idempotency key, replayed to its repeats.
public struct StoredResponse: Sendable, Hashable, Codable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// What `IdempotencyStore.claim` found.
public enum IdempotencyClaim: Sendable, Hashable {
    /// This request owns the key now and must `complete` or `release` it. After a takeover
    /// (the previous owner's lease ran out) this is the operation the owner had linked, if any:
    /// answer with it instead of calling the provider again.
    case claimed(previousOperationId: String?)
    /// The same key and fingerprint are being processed by someone else whose lease runs until then.
    case inFlight(retryAfter: Date)
    /// The key was used with another fingerprint (in flight or completed).
    case mismatch
    /// Replay this response.
    case completed(StoredResponse)
}

/// A caller's idempotency key, as passed to `OperationStore.insert` to link the operation.
public struct IdempotencyKeyRef: Sendable, Hashable {
    public var caller: String
    public var key: String

    public init(caller: String, key: String) {
        self.caller = caller
        self.key = key
    }
}

/// `Idempotency-Key`s (IETF httpapi draft), one per (caller, key): the request's fingerprint,
/// a lease while in flight, the operation linked to it, and the response once completed.
/// Each method is atomic (one write transaction). Failures are `internal` / `STORE_UNAVAILABLE`.
public protocol IdempotencyStore: Sendable {
    /// Claims `key` for a request with `fingerprint`:
    /// - no row, or a row whose retention is over (`expiresAt <= now`) → a new in-flight row
    ///   (lease until `now + lease`, kept until `now + retention`) → `.claimed(previousOperationId: nil)`;
    /// - another fingerprint → `.mismatch`;
    /// - same fingerprint, completed → `.completed(response)`;
    /// - same fingerprint, in flight, lease running (`lockedUntil > now`) → `.inFlight(retryAfter: lockedUntil)`;
    /// - same fingerprint, in flight, lease over (the owner crashed) → taken over with a new lease
    ///   until `now + lease` (retention unchanged) → `.claimed(previousOperationId:)` with the
    ///   linked operation id, if any.
    /// Of concurrent claims of one key, exactly one is `.claimed`.
    func claim(
        caller: String, key: String, fingerprint: String, now: Date, lease: Duration, retention: Duration
    ) async throws(GatewayError) -> IdempotencyClaim

    /// Stores the response of an in-flight key and ends its lease; the first completion wins.
    /// A key that is not in flight (completed, released, purged) is left as it is.
    func complete(caller: String, key: String, response: StoredResponse, now: Date) async throws(GatewayError)

    /// Forgets an in-flight key when nothing was done, so it can be used again at once. A
    /// completed key is kept, and so is one linked to an operation (something was done): that
    /// one is taken over when its lease ends.
    func release(caller: String, key: String) async throws(GatewayError)

    /// Deletes the keys whose retention is over (`expiresAt <= now`); returns how many.
    func purgeExpiredIdempotencyKeys(now: Date) async throws(GatewayError) -> Int
}
