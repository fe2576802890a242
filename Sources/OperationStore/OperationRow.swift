import Foundation
import GRDB
import GatewayCore

/// The database row of an operation: dates as UTC microseconds, JSON for the nested parts.
struct OperationRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "operations"

    var id: String
    var kind: String
    var state: String
    var instance_id: String
    var provider: String
    var account: String
    var region: String
    var progress: Int?
    var backup_id: String?
    var provider_task_id: String?
    var provider_request_id: String?
    var remark: String?
    var created_at: Int64
    var updated_at: Int64
    var refreshed_at: Int64?
    var failure: String?
    var provider_context: String
    var callback_url: String?

    init(_ record: OperationRecord) {
        id = record.id
        kind = record.kind.rawValue
        state = record.state.rawValue
        instance_id = record.instanceId
        provider = record.provider.rawValue
        account = record.account
        region = record.region
        progress = record.progress
        backup_id = record.backupId
        provider_task_id = record.providerTaskId
        provider_request_id = record.providerRequestId
        remark = record.remark
        created_at = Self.micros(record.createdAt)
        updated_at = Self.micros(record.updatedAt)
        refreshed_at = record.refreshedAt.map(Self.micros)
        failure = record.failure.flatMap { try? String(decoding: JSONEncoder().encode($0), as: UTF8.self) }
        provider_context = (try? String(decoding: JSONEncoder().encode(record.providerContext), as: UTF8.self)) ?? "{}"
        callback_url = record.callbackUrl
    }

    func record() throws -> OperationRecord {
        guard let kind = OperationKind(rawValue: kind), let state = OperationState(rawValue: state),
              let provider = ProviderKind(rawValue: provider)
        else {
            throw GatewayError(.internal, reason: "STORE_CORRUPT", detail: "Operation \(id) has values this gateway does not know.")
        }
        let decoder = JSONDecoder()
        return OperationRecord(
            id: id, kind: kind, state: state, instanceId: instance_id, provider: provider, account: account,
            region: region, progress: progress, backupId: backup_id, providerTaskId: provider_task_id,
            providerRequestId: provider_request_id, remark: remark, createdAt: Self.date(created_at),
            updatedAt: Self.date(updated_at), refreshedAt: refreshed_at.map(Self.date),
            failure: try failure.map { try decoder.decode(OperationFailure.self, from: Data($0.utf8)) },
            providerContext: (try? decoder.decode([String: String].self, from: Data(provider_context.utf8))) ?? [:],
            callbackUrl: callback_url
        )
    }

    static func micros(_ date: Date) -> Int64 { StoreTime.micros(date) }
    static func date(_ micros: Int64) -> Date { StoreTime.date(micros) }
}
