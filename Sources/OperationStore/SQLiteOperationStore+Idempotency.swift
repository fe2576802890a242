import Foundation
import GRDB
import GatewayCore

/// Idempotency keys in table `idempotency_keys`: each claim is one IMMEDIATE write transaction,
/// so concurrent claims of one key are serialized and exactly one wins.
extension SQLiteOperationStore: IdempotencyStore {
    public func claim(
        caller: String, key: String, fingerprint: String, now: Date, lease: Duration, retention: Duration
    ) async throws(GatewayError) -> IdempotencyClaim {
        let nowMicros = StoreTime.micros(now)
        let lockedUntil = nowMicros + StoreTime.micros(lease)
        let expiresAt = nowMicros + StoreTime.micros(retention)
        return try await perform { db in
            let existing = try IdempotencyRow.fetchOne(
                db, sql: "SELECT * FROM idempotency_keys WHERE caller = ? AND idempotency_key = ?", arguments: [caller, key]
            )
            guard let existing, existing.expires_at > nowMicros else {
                try db.execute(sql: "DELETE FROM idempotency_keys WHERE caller = ? AND idempotency_key = ?", arguments: [caller, key])
                try IdempotencyRow(
                    caller: caller, idempotency_key: key, fingerprint: fingerprint, state: IdempotencyRow.inFlight,
                    locked_until: lockedUntil, expires_at: expiresAt, created_at: nowMicros
                ).insert(db)
                return .claimed(previousOperationId: nil)
            }
            guard existing.fingerprint == fingerprint else { return .mismatch }
            if existing.state == IdempotencyRow.completed { return .completed(try existing.response()) }
            if let until = existing.locked_until, until > nowMicros { return .inFlight(retryAfter: StoreTime.date(until)) }
            // The owner's lease ran out: take the key over, keeping its retention and linked operation.
            try db.execute(
                sql: "UPDATE idempotency_keys SET locked_until = ? WHERE caller = ? AND idempotency_key = ?",
                arguments: [lockedUntil, caller, key]
            )
            return .claimed(previousOperationId: existing.operation_id)
        }
    }

    public func complete(caller: String, key: String, response: StoredResponse, now: Date) async throws(GatewayError) {
        let headers = IdempotencyRow.headersJSON(response.headers)
        let body = Data(response.body)
        try await perform { db in
            try db.execute(
                sql: """
                UPDATE idempotency_keys SET state = 'completed', locked_until = NULL, completed_at = ?,
                  response_status = ?, response_headers = ?, response_body = ?
                WHERE caller = ? AND idempotency_key = ? AND state = 'in_flight'
                """,
                arguments: [StoreTime.micros(now), response.status, headers, body, caller, key]
            )
        }
    }

    public func release(caller: String, key: String) async throws(GatewayError) {
        try await perform { db in
            try db.execute(
                sql: """
                DELETE FROM idempotency_keys
                WHERE caller = ? AND idempotency_key = ? AND state = 'in_flight' AND operation_id IS NULL
                """,
                arguments: [caller, key]
            )
        }
    }

    public func purgeExpiredIdempotencyKeys(now: Date) async throws(GatewayError) -> Int {
        try await perform { db in
            try db.execute(sql: "DELETE FROM idempotency_keys WHERE expires_at <= ?", arguments: [StoreTime.micros(now)])
            return db.changesCount
        }
    }

    /// Links `operationId` to the in-flight `key` inside the caller's transaction (see `insert`).
    static func link(operationId: String, to key: IdempotencyKeyRef, _ db: Database) throws {
        try db.execute(
            sql: """
            UPDATE idempotency_keys SET operation_id = ?
            WHERE caller = ? AND idempotency_key = ? AND state = 'in_flight'
            """,
            arguments: [operationId, key.caller, key.key]
        )
        guard db.changesCount == 1 else {
            throw GatewayError(
                .internal, reason: "IDEMPOTENCY_KEY_NOT_CLAIMED",
                detail: "Idempotency key \(key.key) of \(key.caller) is not in flight; operation \(operationId) was not recorded."
            )
        }
    }
}
