import Foundation
import GatewayCore

/// Filters of `GET /operations`.
public struct OperationFilter: Sendable, Hashable {
    public var instanceId: String?
    public var kind: OperationKind?
    public var state: OperationState?

    public init(instanceId: String? = nil, kind: OperationKind? = nil, state: OperationState? = nil) {
        self.instanceId = instanceId
        self.kind = kind
        self.state = state
    }
}

/// One page of operations, newest first.
public struct OperationPage: Sendable, Hashable {
    public var operations: [OperationRecord]
    public var nextPageToken: String?

    public init(operations: [OperationRecord], nextPageToken: String?) {
        self.operations = operations
        self.nextPageToken = nextPageToken
    }
}

/// Where operations live. Implementations must keep terminal states terminal: `update` never
/// overwrites a `succeeded` or `failed` record and returns what is stored instead.
/// Failures are `GatewayError`s (`internal`, reason `STORE_UNAVAILABLE`).
public protocol OperationStore: Sendable {
    /// Records a new operation (written before the provider is called).
    func insert(_ operation: OperationRecord) async throws(GatewayError)

    /// Stores `operation` unless the stored one is already terminal; returns the stored record.
    func update(_ operation: OperationRecord) async throws(GatewayError) -> OperationRecord

    func get(_ id: String) async throws(GatewayError) -> OperationRecord?

    /// Newest first; `pageToken` comes from a previous page.
    func list(_ filter: OperationFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> OperationPage

    /// Operations that are not terminal, oldest first (for reconciliation).
    func unfinished(limit: Int) async throws(GatewayError) -> [OperationRecord]

    /// Whether the store answers (readiness).
    func ping() async -> Bool
}
