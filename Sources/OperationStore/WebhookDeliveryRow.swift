import Foundation
import GRDB
import GatewayCore

/// The database row of a webhook delivery: times as UTC microseconds.
struct WebhookDeliveryRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "webhook_deliveries"

    var operation_id: String
    var url: String
    var attempts: Int
    var next_attempt_at: Int64
    /// `pending` | `delivered` | `abandoned`.
    var state: String
    var last_error: String?
    var created_at: Int64
    var delivered_at: Int64?

    func delivery() throws(GatewayError) -> WebhookDelivery {
        guard let state = WebhookDelivery.State(rawValue: state) else {
            throw GatewayError(.internal, reason: "STORE_CORRUPT", detail: "Webhook delivery \(operation_id) has state \(state).")
        }
        return WebhookDelivery(
            operationId: operation_id, url: url, attempts: attempts, nextAttemptAt: StoreTime.date(next_attempt_at),
            state: state, lastError: last_error, createdAt: StoreTime.date(created_at), deliveredAt: delivered_at.map(StoreTime.date)
        )
    }
}
