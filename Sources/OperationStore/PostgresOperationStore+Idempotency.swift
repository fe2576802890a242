import Foundation
import GatewayCore
import PostgresNIO

/// Idempotency keys in table `idempotency_keys`. A claim is at most two single statements,
/// each atomic on its own:
/// 1. insert a new in-flight row, or replace one whose retention is over (`INSERT … ON
///    CONFLICT DO UPDATE … WHERE expires_at <= now`): a row back means `.claimed(nil)`;
/// 2. otherwise take an expired lease over (`UPDATE … WHERE locked_until <= now`), and read the
///    row in the same statement: a row updated means `.claimed(previousOperationId:)`, else the
///    row read decides (`.mismatch`, `.completed`, `.inFlight`).
/// The row lock serializes concurrent writers and both statements re-check their condition on
/// the newest row, so of concurrent claims exactly one wins. The read of step 2 sees the row as
/// it was when the statement began: if it says the key was free (someone changed it meanwhile,
/// or deleted it), the claim starts again.
extension PostgresOperationStore: IdempotencyStore {
    /// Attempts of a claim before it gives up under contention (each retry means another
    /// claim won in between; the next attempt sees it).
    static let claimAttempts = 8

    public func claim(
        caller: String, key: String, fingerprint: String, now: Date, lease: Duration, retention: Duration
    ) async throws(GatewayError) -> IdempotencyClaim {
        let nowMicros = StoreTime.micros(now)
        let lockedUntil = nowMicros + StoreTime.micros(lease)
        let expiresAt = nowMicros + StoreTime.micros(retention)
        let outcome: IdempotencyClaim? = try await withConnection { connection in
            for _ in 0..<Self.claimAttempts {
                let inserted = try await connection.query("""
                    INSERT INTO idempotency_keys AS k
                      (caller, idempotency_key, fingerprint, state, locked_until, expires_at, created_at)
                    VALUES (\(caller), \(key), \(fingerprint), 'in_flight', \(lockedUntil), \(expiresAt), \(nowMicros))
                    ON CONFLICT (caller, idempotency_key) DO UPDATE SET
                      fingerprint = EXCLUDED.fingerprint, state = EXCLUDED.state, locked_until = EXCLUDED.locked_until,
                      expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at, completed_at = NULL,
                      operation_id = NULL, response_status = NULL, response_headers = NULL, response_body = NULL
                    WHERE k.expires_at <= \(nowMicros)
                    RETURNING 1
                    """, logger: self.logger).collect()
                if !inserted.isEmpty { return .claimed(previousOperationId: nil) }

                let rows = try await connection.query("""
                    WITH taken AS (
                      UPDATE idempotency_keys SET locked_until = \(lockedUntil)
                      WHERE caller = \(caller) AND idempotency_key = \(key) AND fingerprint = \(fingerprint)
                        AND state = 'in_flight' AND (locked_until IS NULL OR locked_until <= \(nowMicros))
                        AND expires_at > \(nowMicros)
                      RETURNING operation_id
                    )
                    SELECT (SELECT count(*) FROM taken), (SELECT operation_id FROM taken),
                      k.caller, k.idempotency_key, k.fingerprint, k.state, k.locked_until, k.expires_at, k.created_at,
                      k.completed_at, k.operation_id, k.response_status, k.response_headers, k.response_body
                    FROM (SELECT 1) AS one
                    LEFT JOIN idempotency_keys AS k ON k.caller = \(caller) AND k.idempotency_key = \(key)
                    """, logger: self.logger).collect()
                guard let row = rows.first else { continue }
                let (taken, previousOperationId) = try row.decode((Int64, String?).self)
                if taken == 1 { return .claimed(previousOperationId: previousOperationId) }
                // The row as the statement began.
                let cells = row.makeRandomAccess()
                guard try cells[2].decode(String?.self) != nil else { continue }
                let existing = IdempotencyRow(
                    caller: try cells[2].decode(String.self), idempotency_key: try cells[3].decode(String.self),
                    fingerprint: try cells[4].decode(String.self), state: try cells[5].decode(String.self),
                    locked_until: try cells[6].decode(Int64?.self), expires_at: try cells[7].decode(Int64.self),
                    created_at: try cells[8].decode(Int64.self), completed_at: try cells[9].decode(Int64?.self),
                    operation_id: try cells[10].decode(String?.self), response_status: try cells[11].decode(Int?.self),
                    response_headers: try cells[12].decode(String?.self), response_body: try cells[13].decode(Data?.self)
                )
                // Free when the statement began: changed since by another claim (or release); again.
                guard existing.expires_at > nowMicros else { continue }
                guard existing.fingerprint == fingerprint else { return .mismatch }
                if existing.state == IdempotencyRow.completed { return .completed(try existing.response()) }
                guard let until = existing.locked_until, until > nowMicros else { continue }
                return .inFlight(retryAfter: StoreTime.date(until))
            }
            return nil
        }
        guard let outcome else {
            throw GatewayError(
                .internal, reason: "STORE_UNAVAILABLE",
                detail: "The operation store failed: idempotency key \(key) kept changing under concurrent claims (\(Self.claimAttempts) attempts)."
            )
        }
        return outcome
    }

    public func complete(caller: String, key: String, response: StoredResponse, now: Date) async throws(GatewayError) {
        let headers = IdempotencyRow.headersJSON(response.headers)
        let body = Data(response.body)
        let nowMicros = StoreTime.micros(now)
        try await withConnection { connection in
            _ = try await connection.query("""
                UPDATE idempotency_keys SET state = 'completed', locked_until = NULL, completed_at = \(nowMicros),
                  response_status = \(response.status), response_headers = \(headers), response_body = \(body)
                WHERE caller = \(caller) AND idempotency_key = \(key) AND state = 'in_flight'
                """, logger: self.logger).collect()
        }
    }

    public func release(caller: String, key: String) async throws(GatewayError) {
        try await withConnection { connection in
            _ = try await connection.query("""
                DELETE FROM idempotency_keys
                WHERE caller = \(caller) AND idempotency_key = \(key) AND state = 'in_flight' AND operation_id IS NULL
                """, logger: self.logger).collect()
        }
    }

    public func purgeExpiredIdempotencyKeys(now: Date) async throws(GatewayError) -> Int {
        let nowMicros = StoreTime.micros(now)
        return try await withConnection { connection in
            try await connection.query("""
                WITH purged AS (DELETE FROM idempotency_keys WHERE expires_at <= \(nowMicros) RETURNING 1)
                SELECT count(*) FROM purged
                """, logger: self.logger).collect().first?.decode(Int.self) ?? 0
        }
    }
}
