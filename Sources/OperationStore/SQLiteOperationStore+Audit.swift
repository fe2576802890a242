import Foundation
import GRDB
import GatewayCore

/// The audit log in table `audit_events`, listed newest first with (at, id) keyset paging.
extension SQLiteOperationStore: AuditLog {
    public func append(_ event: AuditEvent) async throws(GatewayError) {
        let row = AuditEventRow(event)
        try await perform { db in try row.insert(db) }
    }

    public func listAuditEvents(_ filter: AuditFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> AuditPage {
        let cursor = try pageToken.map { token throws(GatewayError) in try AuditPageToken(decoding: token) }
        let limit = max(1, min(pageSize, 100))
        return try await perform { db in
            var conditions = SQLConditions()
            conditions.equal("caller", filter.caller)
            conditions.equal("instance_id", filter.instanceId)
            conditions.equal("action", filter.action)
            conditions.equal("outcome", filter.outcome)
            if let since = filter.since { conditions.add("at >= ?", [StoreTime.micros(since)]) }
            if let until = filter.until { conditions.add("at < ?", [StoreTime.micros(until)]) }
            conditions.instancePatterns("instance_id", filter.instancePatterns)
            if let cursor {
                conditions.add("(at < ? OR (at = ? AND id < ?))", [cursor.atMicros, cursor.atMicros, cursor.id])
            }
            let rows = try AuditEventRow.fetchAll(
                db,
                sql: "SELECT * FROM audit_events \(conditions.whereClause) ORDER BY at DESC, id DESC LIMIT \(limit + 1)",
                arguments: conditions.arguments
            )
            let page = Array(rows.prefix(limit))
            let next = rows.count > limit ? page.last.map { AuditPageToken(atMicros: $0.at, id: $0.id).encoded } : nil
            return AuditPage(events: page.map(\.event), nextPageToken: next)
        }
    }
}
