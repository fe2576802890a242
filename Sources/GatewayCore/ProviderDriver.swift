import Foundation

/// Per-call facts the driver needs: who asked (for logs and provider trace ids) and by when
/// the provider must have answered.
public struct CallContext: Sendable {
    public var requestId: String
    /// The latest moment (wall-clock time) the provider may answer this call.
    public var deadline: Date
    /// The operation this call belongs to, when there is one.
    public var operationId: String?

    public init(requestId: String, deadline: Date, operationId: String? = nil) {
        self.requestId = requestId
        self.deadline = deadline
        self.operationId = operationId
    }
}

/// What a provider answered when a backup or restore was accepted.
public struct StartedTask: Sendable, Hashable {
    public var update: OperationUpdate

    public init(_ update: OperationUpdate) { self.update = update }
}

/// One provider API behind the portable model (the Go CDK shape: a portable type over a
/// driver protocol). Drivers translate, sign, send, decode and map errors; they never touch the
/// store and never see another provider's types. Every failure is a `GatewayError`.
public protocol ProviderDriver: Sendable {
    var kind: ProviderKind { get }

    /// What this kind can do before any instance is known.
    var capabilities: Capabilities { get }

    /// The instance as the provider sees it, with its own capabilities. Unknown → `not_found`.
    func describeInstance(_ instance: InstanceRef, context: CallContext) async throws(GatewayError) -> InstanceInfo

    /// Starts a manual backup. `operationId` is carried to the provider where it has room
    /// (a remark), so an ambiguous call can be reconciled.
    func startBackup(
        _ instance: InstanceRef, request: BackupRequest, operationId: String, context: CallContext
    ) async throws(GatewayError) -> StartedTask

    /// Starts an in-place restore.
    func startRestore(
        _ instance: InstanceRef, request: RestoreRequest, operationId: String, context: CallContext
    ) async throws(GatewayError) -> StartedTask

    /// The signed provider request `startBackup` would send now, redacted; no provider call.
    /// Built by the same code as the real call (same action, parameters, body, signing), at
    /// the driver's clock: only the timestamp, nonce and signature of a later real call differ.
    func previewBackup(_ instance: InstanceRef, request: BackupRequest, operationId: String) throws(GatewayError) -> ProviderRequestPreview

    /// The signed provider request `startRestore` would send now, redacted (the instance
    /// password included); no provider call.
    func previewRestore(_ instance: InstanceRef, request: RestoreRequest, operationId: String) throws(GatewayError) -> ProviderRequestPreview

    /// One page of the instance's backups.
    func listBackups(_ instance: InstanceRef, query: BackupListQuery, context: CallContext) async throws(GatewayError) -> BackupPage

    /// Provider-specific refusals of a backup before anything is recorded (beyond `Capabilities`).
    func validate(_ request: BackupRequest, for instance: InstanceInfo) throws(GatewayError)

    /// Provider-specific refusals of a restore before anything is recorded (beyond `Capabilities`).
    func validate(_ request: RestoreRequest, for instance: InstanceInfo) throws(GatewayError)

    /// Asks the provider where a non-terminal operation stands (including `unknown` ones,
    /// which the driver reconciles from the provider's lists).
    func refresh(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate
}

extension ProviderDriver {
    public func validate(_ request: BackupRequest, for instance: InstanceInfo) throws(GatewayError) {}
    public func validate(_ request: RestoreRequest, for instance: InstanceInfo) throws(GatewayError) {}
}
