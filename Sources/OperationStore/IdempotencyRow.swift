import Foundation
import GRDB
import GatewayCore

/// The database row of an idempotency key: times as UTC microseconds, headers as JSON.
struct IdempotencyRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "idempotency_keys"
    static let inFlight = "in_flight"
    static let completed = "completed"

    var caller: String
    var idempotency_key: String
    var fingerprint: String
    /// `in_flight` | `completed`.
    var state: String
    var locked_until: Int64?
    var expires_at: Int64
    var created_at: Int64
    var completed_at: Int64?
    var operation_id: String?
    var response_status: Int?
    var response_headers: String?
    var response_body: Data?

    /// The stored response of a completed key.
    func response() throws(GatewayError) -> StoredResponse {
        guard state == Self.completed, let status = response_status else {
            throw GatewayError(.internal, reason: "STORE_CORRUPT", detail: "Idempotency key \(idempotency_key) is completed without a response.")
        }
        let headers = response_headers.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
        return StoredResponse(status: status, headers: headers, body: response_body.map { [UInt8]($0) } ?? [])
    }

    static func headersJSON(_ headers: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(headers), as: UTF8.self)) ?? "{}"
    }
}
