import Foundation

/// Why an operation failed, as stored and shown (already redacted).
public struct OperationFailure: Sendable, Hashable, Codable {
    public var code: String
    public var reason: String
    public var detail: String
    public var provider: ProviderErrorInfo?

    public init(code: String, reason: String, detail: String, provider: ProviderErrorInfo? = nil) {
        self.code = code
        self.reason = reason
        self.detail = detail
        self.provider = provider
    }

    public init(_ error: GatewayError) {
        self.init(code: error.code.rawValue, reason: error.reason, detail: error.detail, provider: error.provider)
    }
}

/// One backup or restore the gateway started: what the caller sees plus what the driver needs
/// to follow the provider's task. Never holds a secret.
public struct OperationRecord: Sendable, Hashable, Codable {
    public var id: String
    public var kind: OperationKind
    public var state: OperationState
    public var instanceId: String
    public var provider: ProviderKind
    public var account: String
    public var region: String
    public var progress: Int?
    public var backupId: String?
    public var providerTaskId: String?
    public var providerRequestId: String?
    public var remark: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// When the provider was last asked about this operation.
    public var refreshedAt: Date?
    public var failure: OperationFailure?
    /// Driver-private bookkeeping (e.g. job ids, the time window to search), never secrets.
    public var providerContext: [String: String]
    /// Where the operation's end is POSTed once (a webhook), if the caller asked for it.
    public var callbackUrl: String?

    public init(
        id: String, kind: OperationKind, state: OperationState = .pending, instanceId: String,
        provider: ProviderKind, account: String, region: String, progress: Int? = nil,
        backupId: String? = nil, providerTaskId: String? = nil, providerRequestId: String? = nil,
        remark: String? = nil, createdAt: Date, updatedAt: Date? = nil, refreshedAt: Date? = nil,
        failure: OperationFailure? = nil, providerContext: [String: String] = [:], callbackUrl: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.state = state
        self.instanceId = instanceId
        self.provider = provider
        self.account = account
        self.region = region
        self.progress = progress
        self.backupId = backupId
        self.providerTaskId = providerTaskId
        self.providerRequestId = providerRequestId
        self.remark = remark
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.refreshedAt = refreshedAt
        self.failure = failure
        self.providerContext = providerContext
        self.callbackUrl = callbackUrl
    }

    public var done: Bool { state.isTerminal }

    /// Applies what the provider reported. Refuses to leave a terminal state; returns whether
    /// anything changed.
    @discardableResult
    public mutating func apply(_ update: OperationUpdate, at now: Date) -> Bool {
        guard state.canTransition(to: update.state) else { return false }
        let before = self
        state = update.state
        if let progress = update.progress { self.progress = max(0, min(100, progress)) }
        if update.state == .succeeded { progress = 100 }
        if let backupId = update.backupId { self.backupId = backupId }
        if let taskId = update.providerTaskId { providerTaskId = taskId }
        if let requestId = update.providerRequestId { providerRequestId = requestId }
        if let failure = update.failure { self.failure = failure }
        for (key, value) in update.providerContext { providerContext[key] = value }
        if before != self { updatedAt = now }
        return before != self
    }
}

/// A change the driver (or the service) wants to make to an operation.
public struct OperationUpdate: Sendable, Hashable {
    public var state: OperationState
    public var progress: Int?
    public var backupId: String?
    public var providerTaskId: String?
    public var providerRequestId: String?
    public var failure: OperationFailure?
    public var providerContext: [String: String]

    public init(
        state: OperationState, progress: Int? = nil, backupId: String? = nil, providerTaskId: String? = nil,
        providerRequestId: String? = nil, failure: OperationFailure? = nil, providerContext: [String: String] = [:]
    ) {
        self.state = state
        self.progress = progress
        self.backupId = backupId
        self.providerTaskId = providerTaskId
        self.providerRequestId = providerRequestId
        self.failure = failure
        self.providerContext = providerContext
    }
}
