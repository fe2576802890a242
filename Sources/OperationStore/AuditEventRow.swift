import Foundation
import GRDB
import GatewayCore

/// The database row of an audit event: `at` as UTC microseconds, the summary as JSON.
struct AuditEventRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "audit_events"

    var id: String
    var at: Int64
    var caller: String
    var action: String
    var instance_id: String
    var provider: String?
    var account: String?
    var operation_id: String?
    var outcome: String
    var http_status: Int
    var code: String?
    var reason: String?
    var summary: String
    var provider_request_id: String?
    var request_id: String

    init(_ event: AuditEvent) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        id = event.id
        at = StoreTime.micros(event.at)
        caller = event.caller
        action = event.action
        instance_id = event.instanceId
        provider = event.provider
        account = event.account
        operation_id = event.operationId
        outcome = event.outcome
        http_status = event.httpStatus
        code = event.code
        reason = event.reason
        summary = (try? String(decoding: encoder.encode(event.summary), as: UTF8.self)) ?? "{}"
        provider_request_id = event.providerRequestId
        request_id = event.requestId
    }

    var event: AuditEvent {
        AuditEvent(
            id: id, at: StoreTime.date(at), caller: caller, action: action, instanceId: instance_id,
            provider: provider, account: account, operationId: operation_id, outcome: outcome,
            httpStatus: http_status, code: code, reason: reason,
            summary: (try? JSONDecoder().decode([String: String].self, from: Data(summary.utf8))) ?? [:],
            providerRequestId: provider_request_id, requestId: request_id
        )
    }
}
