import Foundation
import GatewayCore
import PostgresNIO

/// The audit log in table `audit_events`, listed newest first with (at, id) keyset paging.
extension PostgresOperationStore: AuditLog {
    /// The columns of `AuditEventRow`, in its decoding order.
    static let auditColumns = """
        id, at, caller, action, instance_id, provider, account, operation_id, outcome, http_status, code, reason, \
        summary, provider_request_id, request_id
        """

    public func append(_ event: AuditEvent) async throws(GatewayError) {
        let row = AuditEventRow(event)
        try await withConnection { connection in
            _ = try await connection.query("""
                INSERT INTO audit_events (\(unescaped: Self.auditColumns))
                VALUES (\(row.id), \(row.at), \(row.caller), \(row.action), \(row.instance_id), \(row.provider), \(row.account),
                  \(row.operation_id), \(row.outcome), \(row.http_status), \(row.code), \(row.reason), \(row.summary),
                  \(row.provider_request_id), \(row.request_id))
                """, logger: self.logger).collect()
        }
    }

    public func listAuditEvents(_ filter: AuditFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> AuditPage {
        let cursor = try pageToken.map { token throws(GatewayError) in try AuditPageToken(decoding: token) }
        let limit = max(1, min(pageSize, 100))
        var conditions = PostgresConditions()
        conditions.equal("caller", filter.caller)
        conditions.equal("instance_id", filter.instanceId)
        conditions.equal("action", filter.action)
        conditions.equal("outcome", filter.outcome)
        if let since = filter.since {
            let placeholder = conditions.bind(StoreTime.micros(since))
            conditions.add("at >= \(placeholder)")
        }
        if let until = filter.until {
            let placeholder = conditions.bind(StoreTime.micros(until))
            conditions.add("at < \(placeholder)")
        }
        conditions.instancePatterns("instance_id", filter.instancePatterns)
        if let cursor {
            let at = conditions.bind(cursor.atMicros)
            let id = conditions.bind(cursor.id)
            conditions.add("(at < \(at) OR (at = \(at) AND id < \(id)))")
        }
        let rows = try await fetch(
            "SELECT \(Self.auditColumns) FROM audit_events \(conditions.whereClause) ORDER BY at DESC, id DESC LIMIT \(limit + 1)",
            binds: conditions.binds, AuditEventRow.init(postgres:)
        )
        let page = Array(rows.prefix(limit))
        let next = rows.count > limit ? page.last.map { AuditPageToken(atMicros: $0.at, id: $0.id).encoded } : nil
        return AuditPage(events: page.map(\.event), nextPageToken: next)
    }
}

extension AuditEventRow {
    /// A row selected with `PostgresOperationStore.auditColumns`.
    init(postgres row: PostgresRow) throws {
        (
            id, at, caller, action, instance_id, provider, account, operation_id, outcome, http_status, code, reason,
            summary, provider_request_id, request_id
        ) = try row.decode((
            String, Int64, String, String, String, String?, String?, String?, String, Int, String?, String?,
            String, String?, String
        ).self)
    }
}
