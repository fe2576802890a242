import Foundation
import GRDB
import GatewayCore

/// The webhook outbox in table `webhook_deliveries`, one row per operation.
extension SQLiteOperationStore: WebhookOutbox {
    public func enqueueWebhook(operationId: String, url: String, now: Date) async throws(GatewayError) {
        let nowMicros = StoreTime.micros(now)
        try await perform { db in
            try db.execute(
                sql: """
                INSERT INTO webhook_deliveries (operation_id, url, attempts, next_attempt_at, state, created_at)
                VALUES (?, ?, 0, ?, 'pending', ?)
                ON CONFLICT (operation_id) DO NOTHING
                """,
                arguments: [operationId, url, nowMicros, nowMicros]
            )
        }
    }

    public func dueWebhooks(now: Date, limit: Int, lease: Duration) async throws(GatewayError) -> [WebhookDelivery] {
        let nowMicros = StoreTime.micros(now)
        let leaseEnd = nowMicros + StoreTime.micros(lease)
        return try await perform { db in
            var rows = try WebhookDeliveryRow.fetchAll(
                db,
                sql: """
                SELECT * FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= ?
                ORDER BY next_attempt_at ASC, created_at ASC, operation_id ASC LIMIT ?
                """,
                arguments: [nowMicros, max(0, limit)]
            )
            for index in rows.indices {
                try db.execute(
                    sql: "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE operation_id = ?",
                    arguments: [leaseEnd, rows[index].operation_id]
                )
                rows[index].next_attempt_at = leaseEnd
            }
            return try rows.map { row throws(GatewayError) in try row.delivery() }
        }
    }

    public func markWebhookDelivered(operationId: String, at: Date) async throws(GatewayError) {
        try await perform { db in
            try db.execute(
                sql: """
                UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = ?
                WHERE operation_id = ? AND state = 'pending'
                """,
                arguments: [StoreTime.micros(at), operationId]
            )
        }
    }

    public func rescheduleWebhook(
        operationId: String, attempts: Int, nextAttemptAt: Date, lastError: String
    ) async throws(GatewayError) {
        try await perform { db in
            try db.execute(
                sql: """
                UPDATE webhook_deliveries SET attempts = ?, next_attempt_at = ?, last_error = ?
                WHERE operation_id = ? AND state = 'pending'
                """,
                arguments: [attempts, StoreTime.micros(nextAttemptAt), lastError, operationId]
            )
        }
    }

    public func abandonWebhook(operationId: String, attempts: Int, lastError: String) async throws(GatewayError) {
        try await perform { db in
            try db.execute(
                sql: """
                UPDATE webhook_deliveries SET state = 'abandoned', attempts = ?, last_error = ?
                WHERE operation_id = ? AND state = 'pending'
                """,
                arguments: [attempts, lastError, operationId]
            )
        }
    }

    public func webhookDelivery(operationId: String) async throws(GatewayError) -> WebhookDelivery? {
        try await perform { db in try WebhookDeliveryRow.fetchOne(db, key: operationId)?.delivery() }
    }
}
