import Foundation
import GatewayCore
import ProviderSigning

/// `provider: huawei` — Huawei Cloud DCS, API v2 (default) or the legacy v1.0, signed with
/// SDK-HMAC-SHA256.
///
/// Creating a backup or a restore returns its id but no job: DCS has no get-by-id, so an
/// operation is followed by paging the backup or restore list in a narrow time window and
/// stopping at the matching id. The operation id travels in `remark`, so a create whose
/// outcome was unknown is found again. Single-node instances cannot be backed up or restored.
public struct HuaweiDriver: ProviderDriver {
    public let kind = ProviderKind.huawei
    let client: HuaweiClient

    public init(
        account: HuaweiAccount, transport: ProviderTransport, redactor: Redactor,
        userAgent: String = "redis-backup-gateway", clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        client = HuaweiClient(account: account, transport: transport, redactor: redactor, clock: clock, userAgent: userAgent)
    }

    static let remarkLimit = 128
    static let unknownGiveUpAfter: TimeInterval = 15 * 60

    public static func capabilities(apiVersion: HuaweiAccount.APIVersion, singleNode: Bool = false) -> Capabilities {
        let refusal = singleNode
            ? "Huawei Cloud DCS cannot back up or restore single-node instances (cache_mode single); only master/standby and cluster instances."
            : nil
        return Capabilities(
            manualBackup: !singleNode, backupRetention: false,
            backupFormats: apiVersion == .v2 ? [.rdb, .aof] : [],
            listBackups: true, restoreFromBackup: !singleNode, inPlaceRestore: !singleNode,
            pointInTimeRestore: false, keyFilterRestore: false, timeShift: false, restorePasswordRequired: false,
            refusal: refusal,
            notes: [
                "Restores overwrite the instance in place from one of its backups in succeed state.",
                "Manual backups follow the instance's retention; retentionDays is not accepted.",
                apiVersion == .v2 ? "format rdb (default) or aof." : "The v1.0 API cannot choose a backup format.",
            ] + (refusal.map { [$0] } ?? [])
        )
    }

    public var capabilities: Capabilities { Self.capabilities(apiVersion: client.account.apiVersion) }

    // MARK: Instances

    public func describeInstance(_ instance: InstanceRef, context: CallContext) async throws(GatewayError) -> InstanceInfo {
        let (payload, _) = try await client.call("GET", "instances/\(Self.segment(instance.instanceId))", as: HuaweiAPI.Instance.self, context: context)
        guard let found = payload else {
            throw GatewayError.notFound("INSTANCE_NOT_FOUND", "Huawei Cloud DCS has no instance \(instance.instanceId) in \(instance.region).")
        }
        let singleNode = found.cache_mode?.lowercased() == "single" || found.resource_spec_code == "dcs.single_node"
        return InstanceInfo(
            ref: instance, name: found.name, status: HuaweiNormalization.instanceStatus(found.status),
            providerStatus: found.status ?? "UNKNOWN", architecture: found.cache_mode ?? found.resource_spec_code,
            passwordRequired: false, capabilities: Self.capabilities(apiVersion: client.account.apiVersion, singleNode: singleNode)
        )
    }

    /// A path segment as the SDK writes it (`quote(v, safe='')`).
    static func segment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? value
    }

    // MARK: Backups

    public func startBackup(
        _ instance: InstanceRef, request: BackupRequest, operationId: String, context: CallContext
    ) async throws(GatewayError) -> StartedTask {
        let call = backupCall(instance, request: request, operationId: operationId)
        let (payload, requestId) = try await client.call(
            call.method, call.path, body: call.body, as: HuaweiAPI.CreateBackupResponse.self, context: context
        )
        guard let backupId = payload?.backup_id, !backupId.isEmpty else {
            throw Self.noId("create backup", requestId: requestId)
        }
        return StartedTask(OperationUpdate(state: .running, progress: 0, backupId: backupId, providerTaskId: backupId, providerRequestId: requestId))
    }

    /// One write as `start*` sends it and `preview*` shows it: method, path below
    /// `/{version}/{project_id}/`, and JSON body.
    struct WriteCall<Body: Encodable> {
        var method = "POST"
        var path: String
        var body: Body

        /// `POST instances/{id}/backups`, as the preview names the action.
        var action: String { "\(method) \(path)" }
    }

    func backupCall(_ instance: InstanceRef, request: BackupRequest, operationId: String) -> WriteCall<HuaweiAPI.CreateBackupBody> {
        WriteCall(
            path: "instances/\(Self.segment(instance.instanceId))/backups",
            body: HuaweiAPI.CreateBackupBody(
                remark: GatewayRemark.compose(callerRemark: request.remark, operationId: operationId, maxLength: Self.remarkLimit),
                backup_format: client.account.apiVersion == .v2 ? request.format?.rawValue : nil
            )
        )
    }

    public func previewBackup(
        _ instance: InstanceRef, request: BackupRequest, operationId: String
    ) throws(GatewayError) -> ProviderRequestPreview {
        try preview(backupCall(instance, request: request, operationId: operationId))
    }

    private func preview(_ call: WriteCall<some Encodable>) throws(GatewayError) -> ProviderRequestPreview {
        try client.buildRequest(call.method, call.path, body: call.body)
            .preview(action: call.action, redactor: client.redactor, secrets: client.account.credentials.previewSecrets)
    }

    public func listBackups(_ instance: InstanceRef, query: BackupListQuery, context: CallContext) async throws(GatewayError) -> BackupPage {
        try await HuaweiLister(client: client, instanceId: instance.instanceId).backups(query, context: context)
    }

    // MARK: Restores

    public func startRestore(
        _ instance: InstanceRef, request: RestoreRequest, operationId: String, context: CallContext
    ) async throws(GatewayError) -> StartedTask {
        let call = try restoreCall(instance, request: request, operationId: operationId)
        let (payload, requestId) = try await client.call(
            call.method, call.path, body: call.body, as: HuaweiAPI.RestoreResponse.self, context: context
        )
        guard let restoreId = payload?.restore_id, !restoreId.isEmpty else {
            throw Self.noId("restore", requestId: requestId)
        }
        return StartedTask(OperationUpdate(
            state: .running, progress: 0, backupId: call.body.backup_id, providerTaskId: restoreId, providerRequestId: requestId
        ))
    }

    func restoreCall(_ instance: InstanceRef, request: RestoreRequest, operationId: String) throws(GatewayError) -> WriteCall<HuaweiAPI.RestoreBody> {
        guard let backupId = request.backupId else {
            throw GatewayError.unsupported("POINT_IN_TIME_UNSUPPORTED", "Huawei Cloud DCS restores only from a backupId.")
        }
        return WriteCall(
            path: "instances/\(Self.segment(instance.instanceId))/restores",
            body: HuaweiAPI.RestoreBody(
                backup_id: backupId,
                remark: GatewayRemark.compose(callerRemark: request.remark, operationId: operationId, maxLength: Self.remarkLimit)
            )
        )
    }

    /// DCS restores need no instance password: only the credentials are masked.
    public func previewRestore(
        _ instance: InstanceRef, request: RestoreRequest, operationId: String
    ) throws(GatewayError) -> ProviderRequestPreview {
        try preview(restoreCall(instance, request: request, operationId: operationId))
    }

    static func noId(_ call: String, requestId: String?) -> GatewayError {
        var failure = GatewayError(
            .providerError, reason: "PROVIDER_RESPONSE_MALFORMED",
            detail: "Huawei Cloud DCS accepted the \(call) call but returned no id.",
            provider: ProviderErrorInfo(name: ProviderKind.huawei.rawValue, requestId: requestId)
        )
        failure.outcomeUnknown = true
        return failure
    }

    // MARK: Operations

    public func refresh(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate {
        let lister = HuaweiLister(client: client, instanceId: operation.instanceId)
        let since = operation.createdAt.addingTimeInterval(-600)
        switch operation.kind {
        case .backup:
            let id = operation.providerTaskId
            let found = try await lister.findBackup(since: since, context: context) { record in
                id.map { record.backup_id == $0 } ?? GatewayRemark.carries(record.remark, operationId: operation.id)
            }
            guard let record = found else { return notFound(operation) }
            let state = HuaweiNormalization.backupState(record.status)
            let update = OperationUpdate(
                state: Self.operationState(state), progress: HuaweiNormalization.progress(record.progress),
                backupId: record.backup_id, providerTaskId: record.backup_id,
                failure: state == .failed || state == .expired ? Self.failure("backup", record.backup_id, record.error_code) : nil
            )
            return update
        case .restore:
            let id = operation.providerTaskId
            let found = try await lister.findRestore(since: since, context: context) { record in
                id.map { record.restore_id == $0 } ?? GatewayRemark.carries(record.restore_remark, operationId: operation.id)
            }
            guard let record = found else { return notFound(operation) }
            let status = record.status?.lowercased()
            let state: OperationState = status == "succeed" ? .succeeded : status == "failed" ? .failed : .running
            return OperationUpdate(
                state: state, progress: HuaweiNormalization.progress(record.progress), providerTaskId: record.restore_id,
                failure: state == .failed ? Self.failure("restore", record.restore_id, record.error_code) : nil
            )
        }
    }

    static func operationState(_ state: Backup.State) -> OperationState {
        switch state {
        case .pending, .running: .running
        case .succeeded: .succeeded
        case .failed, .expired: .failed
        }
    }

    static func failure(_ what: String, _ id: String?, _ errorCode: String?) -> OperationFailure {
        OperationFailure(
            code: ErrorCode.providerError.rawValue, reason: "PROVIDER_TASK_FAILED",
            detail: "Huawei Cloud DCS \(what) \(id ?? "?") failed\(errorCode.map { " (\($0))" } ?? "").",
            provider: ProviderErrorInfo(name: ProviderKind.huawei.rawValue, code: errorCode)
        )
    }

    /// The record is not (yet) listed: a known id keeps waiting; an unknown outcome with no trace
    /// after 15 minutes was never started.
    private func notFound(_ operation: OperationRecord) -> OperationUpdate {
        if operation.providerTaskId == nil, client.clock().timeIntervalSince(operation.createdAt) > Self.unknownGiveUpAfter {
            return OperationUpdate(
                state: .failed,
                failure: OperationFailure(
                    code: ErrorCode.providerError.rawValue,
                    reason: operation.kind == .backup ? "BACKUP_NOT_STARTED" : "RESTORE_NOT_STARTED",
                    detail: "Huawei Cloud DCS has no \(operation.kind.rawValue) for this operation 15 minutes after the request was sent; it was not started."
                )
            )
        }
        return OperationUpdate(state: operation.state == .unknown ? .unknown : .running)
    }
}
