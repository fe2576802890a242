import Foundation
import GatewayCore

/// One entry of the audit log: who did what to which instance, and how it ended. Never holds a secret.
public struct AuditEvent: Sendable, Hashable, Codable {
    /// `ae_` + 26 lower-case base32 characters (`AuditEvent.makeId()`).
    public var id: String
    public var at: Date
    public var caller: String
    /// `backups.create` | `restores.create`.
    public var action: String
    public var instanceId: String
    public var provider: String?
    public var account: String?
    public var operationId: String?
    /// `accepted` | `refused` | `validated` | `replayed` | `denied`.
    public var outcome: String
    public var httpStatus: Int
    public var code: String?
    public var reason: String?
    /// The request, summarized without secrets.
    public var summary: [String: String]
    public var providerRequestId: String?
    public var requestId: String

    public init(
        id: String = AuditEvent.makeId(), at: Date, caller: String, action: String, instanceId: String,
        provider: String? = nil, account: String? = nil, operationId: String? = nil, outcome: String,
        httpStatus: Int, code: String? = nil, reason: String? = nil, summary: [String: String] = [:],
        providerRequestId: String? = nil, requestId: String
    ) {
        self.id = id
        self.at = at
        self.caller = caller
        self.action = action
        self.instanceId = instanceId
        self.provider = provider
        self.account = account
        self.operationId = operationId
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.code = code
        self.reason = reason
        self.summary = summary
        self.providerRequestId = providerRequestId
        self.requestId = requestId
    }

    /// A new random event id: `ae_` + 26 lower-case base32 characters (128 random bits).
    public static func makeId() -> String {
        "ae_" + OperationID.make().dropFirst(3)
    }
}

/// Filters of `GET /audit-events`; all given conditions must hold.
public struct AuditFilter: Sendable, Hashable {
    public var caller: String?
    public var instanceId: String?
    public var action: String?
    public var outcome: String?
    /// Inclusive.
    public var since: Date?
    /// Exclusive.
    public var until: Date?
    /// As `OperationFilter.instancePatterns`: nil no restriction, `[]` nothing, case-sensitive globs.
    public var instancePatterns: [String]?

    public init(
        caller: String? = nil, instanceId: String? = nil, action: String? = nil, outcome: String? = nil,
        since: Date? = nil, until: Date? = nil, instancePatterns: [String]? = nil
    ) {
        self.caller = caller
        self.instanceId = instanceId
        self.action = action
        self.outcome = outcome
        self.since = since
        self.until = until
        self.instancePatterns = instancePatterns
    }
}

/// One page of audit events, newest first.
public struct AuditPage: Sendable, Hashable {
    public var events: [AuditEvent]
    public var nextPageToken: String?

    public init(events: [AuditEvent], nextPageToken: String?) {
        self.events = events
        self.nextPageToken = nextPageToken
    }
}

/// The append-only audit log. Failures are `internal` / `STORE_UNAVAILABLE`.
public protocol AuditLog: Sendable {
    /// Appends `event`; ids are unique (a repeated id is a store failure) and events never change.
    func append(_ event: AuditEvent) async throws(GatewayError)

    /// Newest first (at, then id, descending), keyset paging with an opaque token from a previous
    /// page of the same filter; `pageSize` is clamped to 1…100. A token this store did not issue
    /// (an operations token included) is `invalid_argument` / `PAGE_TOKEN_INVALID`.
    func listAuditEvents(_ filter: AuditFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> AuditPage
}
