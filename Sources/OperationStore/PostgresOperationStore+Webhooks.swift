import Foundation
import GatewayCore
import PostgresNIO

/// The webhook outbox in table `webhook_deliveries`, one row per operation. `dueWebhooks`
/// picks and leases in one statement with `FOR UPDATE SKIP LOCKED`, so concurrent dispatchers
/// (in several replicas) never get the same delivery.
extension PostgresOperationStore: WebhookOutbox {
    /// The columns of `WebhookDeliveryRow`, in its decoding order.
    static let webhookColumns = "operation_id, url, attempts, next_attempt_at, state, last_error, created_at, delivered_at"

    public func enqueueWebhook(operationId: String, url: String, now: Date) async throws(GatewayError) {
        let nowMicros = StoreTime.micros(now)
        try await withConnection { connection in
            _ = try await connection.query("""
                INSERT INTO webhook_deliveries (operation_id, url, attempts, next_attempt_at, state, created_at)
                VALUES (\(operationId), \(url), 0, \(nowMicros), 'pending', \(nowMicros))
                ON CONFLICT (operation_id) DO NOTHING
                """, logger: self.logger).collect()
        }
    }

    public func dueWebhooks(now: Date, limit: Int, lease: Duration) async throws(GatewayError) -> [WebhookDelivery] {
        let nowMicros = StoreTime.micros(now)
        let leaseEnd = nowMicros + StoreTime.micros(lease)
        let limit = max(0, limit)
        let due = try await withConnection { connection in
            try await connection.query("""
                WITH due AS (
                  SELECT operation_id, next_attempt_at AS due_at FROM webhook_deliveries
                  WHERE state = 'pending' AND next_attempt_at <= \(nowMicros)
                  ORDER BY next_attempt_at ASC, created_at ASC, operation_id ASC
                  LIMIT \(limit)
                  FOR UPDATE SKIP LOCKED
                )
                UPDATE webhook_deliveries AS w SET next_attempt_at = \(leaseEnd)
                FROM due WHERE w.operation_id = due.operation_id
                RETURNING w.operation_id, w.url, w.attempts, w.next_attempt_at, w.state, w.last_error, w.created_at,
                  w.delivered_at, due.due_at
                """, logger: self.logger).collect().map { row in
                (delivery: try WebhookDeliveryRow(postgres: row), dueAt: try row.makeRandomAccess()[8].decode(Int64.self))
            }
        }
        // RETURNING has no order: restore the one of the selection.
        return try due.sorted { left, right in
            (left.dueAt, left.delivery.created_at, left.delivery.operation_id) < (right.dueAt, right.delivery.created_at, right.delivery.operation_id)
        }.map { row throws(GatewayError) in try row.delivery.delivery() }
    }

    public func markWebhookDelivered(operationId: String, at: Date) async throws(GatewayError) {
        let atMicros = StoreTime.micros(at)
        try await withConnection { connection in
            _ = try await connection.query("""
                UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = \(atMicros)
                WHERE operation_id = \(operationId) AND state = 'pending'
                """, logger: self.logger).collect()
        }
    }

    public func rescheduleWebhook(
        operationId: String, attempts: Int, nextAttemptAt: Date, lastError: String
    ) async throws(GatewayError) {
        let next = StoreTime.micros(nextAttemptAt)
        try await withConnection { connection in
            _ = try await connection.query("""
                UPDATE webhook_deliveries SET attempts = \(attempts), next_attempt_at = \(next), last_error = \(lastError)
                WHERE operation_id = \(operationId) AND state = 'pending'
                """, logger: self.logger).collect()
        }
    }

    public func abandonWebhook(operationId: String, attempts: Int, lastError: String) async throws(GatewayError) {
        try await withConnection { connection in
            _ = try await connection.query("""
                UPDATE webhook_deliveries SET state = 'abandoned', attempts = \(attempts), last_error = \(lastError)
                WHERE operation_id = \(operationId) AND state = 'pending'
                """, logger: self.logger).collect()
        }
    }

    public func webhookDelivery(operationId: String) async throws(GatewayError) -> WebhookDelivery? {
        let row = try await withConnection { connection in
            try await connection.query(
                "SELECT \(unescaped: Self.webhookColumns) FROM webhook_deliveries WHERE operation_id = \(operationId)",
                logger: self.logger
            ).collect().first.map { try WebhookDeliveryRow(postgres: $0) }
        }
        return try row.map { row throws(GatewayError) in try row.delivery() }
    }
}

extension WebhookDeliveryRow {
    /// A row selected with `PostgresOperationStore.webhookColumns` first.
    init(postgres row: PostgresRow) throws {
        (operation_id, url, attempts, next_attempt_at, state, last_error, created_at, delivered_at) = try row.decode(
            (String, String, Int, Int64, String, String?, Int64, Int64?).self
        )
    }
}
