import Foundation
import GatewayCore

/// Filters of `GET /operations`.
public struct OperationFilter: Sendable, Hashable {
    public var instanceId: String?
    public var kind: OperationKind?
    public var state: OperationState?
    /// nil: no restriction. Otherwise only operations whose instance id matches at least one
    /// pattern (an exact id, or a glob where `*` matches any run and `?` one character),
    /// case-sensitively; `[]` matches nothing. `%`, `_` and `\` in a pattern are literal.
    public var instancePatterns: [String]?

    public init(
        instanceId: String? = nil, kind: OperationKind? = nil, state: OperationState? = nil, instancePatterns: [String]? = nil
    ) {
        self.instanceId = instanceId
        self.kind = kind
        self.state = state
        self.instancePatterns = instancePatterns
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
    /// Records a new operation (written before the provider is called). With `idempotencyKey`,
    /// links the operation to that key in the same transaction (the key's operation id), so a
    /// request that takes the key over after a crash learns about it (`IdempotencyClaim`).
    /// The key must be in flight for that caller; otherwise nothing is written and the error is
    /// `internal` / `IDEMPOTENCY_KEY_NOT_CLAIMED`.
    func insert(_ operation: OperationRecord, idempotencyKey: IdempotencyKeyRef?) async throws(GatewayError)

    /// Stores `operation` unless the stored one is already terminal (ending any refresh claim);
    /// returns the stored record.
    /// `callbackUrl` is set by `insert` only.
    func update(_ operation: OperationRecord) async throws(GatewayError) -> OperationRecord

    func get(_ id: String) async throws(GatewayError) -> OperationRecord?

    /// Newest first (createdAt, then id, descending); `pageToken` comes from a previous page of
    /// the same filter. `pageSize` is clamped to 1…100. A token this store did not issue is
    /// `invalid_argument` / `PAGE_TOKEN_INVALID`.
    func list(_ filter: OperationFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> OperationPage

    /// Operations that are not terminal, oldest first (for reconciliation).
    func unfinished(limit: Int) async throws(GatewayError) -> [OperationRecord]

    /// Claims the right to ask the provider about `id` now: true when the operation is not
    /// terminal, was not refreshed since `freshSince` (`refreshedAt` is nil or before
    /// `freshSince`), and no unexpired claim exists (no claim, or one that ended at or before
    /// `now`); the claim then lasts until `leaseUntil`. One atomic statement, so of concurrent
    /// claims (several replicas on one database included) at most one gets true. An unknown id
    /// is false. `update` ends the claim (the refresh it was for is stored); a claim whose
    /// holder vanished expires at `leaseUntil`.
    func claimRefresh(id: String, now: Date, freshSince: Date, leaseUntil: Date) async throws(GatewayError) -> Bool

    /// Whether the store answers (readiness).
    func ping() async -> Bool
}

extension OperationStore {
    /// Records a new operation that has no idempotency key.
    public func insert(_ operation: OperationRecord) async throws(GatewayError) {
        try await insert(operation, idempotencyKey: nil)
    }
}
