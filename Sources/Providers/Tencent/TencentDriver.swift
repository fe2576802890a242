import Foundation
import GatewayCore
import ProviderSigning

/// `provider: tencent` — Tencent Cloud Redis API 3.0 (2018-04-12), TC3-HMAC-SHA256.
///
/// ManualBackupInstance and RestoreInstance return a task id, polled with DescribeTaskInfo.
/// ManualBackupInstance does not say which backup it made: the gateway puts the operation id
/// into the backup's `Remark` and finds it with DescribeInstanceBackups once the task is done.
public struct TencentDriver: ProviderDriver {
    public let kind = ProviderKind.tencent
    let client: TencentClient

    public init(
        account: TencentAccount, transport: ProviderTransport, redactor: Redactor,
        userAgent: String = "redis-backup-gateway", clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        client = TencentClient(account: account, transport: transport, redactor: redactor, clock: clock, userAgent: userAgent)
    }

    public static let capabilities = Capabilities(
        manualBackup: true,
        backupRetention: true,
        maxRetentionDays: 1825,
        backupFormats: [],
        listBackups: true,
        restoreFromBackup: true,
        inPlaceRestore: true,
        pointInTimeRestore: false,
        keyFilterRestore: false,
        timeShift: false,
        restorePasswordRequired: nil,
        notes: [
            "Restores overwrite the instance in place, only from the instance's own backups.",
            "A restore needs the instance password unless the instance is password-free.",
            "Retention above 7 days needs a Tencent support ticket; Tencent chooses the backup format (RDB).",
        ]
    )

    public var capabilities: Capabilities { Self.capabilities }

    /// How far around an operation's creation the backup made for it is searched.
    static let lookupMargin: TimeInterval = 10 * 60
    /// An `unknown` backup with no trace at the provider after this long was never started.
    static let unknownGiveUpAfter: TimeInterval = 15 * 60

    // MARK: Instances

    public func describeInstance(_ instance: InstanceRef, context: CallContext) async throws(GatewayError) -> InstanceInfo {
        let (payload, _) = try await client.call(
            "DescribeInstances", TencentAPI.DescribeInstancesRequest(InstanceId: instance.instanceId),
            as: TencentAPI.DescribeInstancesResponse.self, context: context
        )
        guard let found = payload.InstanceSet?.first(where: { $0.InstanceId == instance.instanceId }) else {
            throw GatewayError.notFound(
                "INSTANCE_NOT_FOUND",
                "Tencent Cloud has no instance \(instance.instanceId) in \(instance.region) for account \(instance.account)."
            )
        }
        var capabilities = Self.capabilities
        capabilities.restorePasswordRequired = found.NoAuth.map { !$0 }
        return InstanceInfo(
            ref: instance,
            name: found.InstanceName,
            status: TencentNormalization.instanceStatus(found.Status),
            providerStatus: found.Status.map(String.init) ?? "unknown",
            architecture: found.ProductType,
            passwordRequired: found.NoAuth.map { !$0 },
            capabilities: capabilities
        )
    }

    // MARK: Backups

    /// The one write `startBackup` sends and `previewBackup` shows.
    struct BackupCall {
        let action = "ManualBackupInstance"
        var body: TencentAPI.ManualBackupInstanceRequest
    }

    /// The one write `startRestore` sends and `previewRestore` shows; `secrets` are the
    /// instance password, redacted from anything echoed or shown.
    struct RestoreCall {
        let action = "RestoreInstance"
        var body: TencentAPI.RestoreInstanceRequest
        var secrets: [String]
    }

    func backupCall(_ instance: InstanceRef, request: BackupRequest, operationId: String) -> BackupCall {
        BackupCall(body: TencentAPI.ManualBackupInstanceRequest(
            InstanceId: instance.instanceId,
            Remark: GatewayRemark.compose(callerRemark: request.remark, operationId: operationId),
            StorageDays: request.retentionDays
        ))
    }

    func restoreCall(_ instance: InstanceRef, request: RestoreRequest) throws(GatewayError) -> RestoreCall {
        guard let backupId = request.backupId else {
            throw GatewayError.unsupported("POINT_IN_TIME_UNSUPPORTED", "Tencent Cloud restores only from a backupId.")
        }
        return RestoreCall(
            body: TencentAPI.RestoreInstanceRequest(
                InstanceId: instance.instanceId, BackupId: backupId, Password: request.instancePassword?.revealed
            ),
            secrets: request.instancePassword.map { [$0.revealed] } ?? []
        )
    }

    public func startBackup(
        _ instance: InstanceRef, request: BackupRequest, operationId: String, context: CallContext
    ) async throws(GatewayError) -> StartedTask {
        let call = backupCall(instance, request: request, operationId: operationId)
        let (payload, requestId) = try await client.call(
            call.action, call.body, as: TencentAPI.TaskResponse.self, context: context
        )
        return try started(payload, requestId: requestId, action: call.action)
    }

    public func previewBackup(
        _ instance: InstanceRef, request: BackupRequest, operationId: String
    ) throws(GatewayError) -> ProviderRequestPreview {
        let call = backupCall(instance, request: request, operationId: operationId)
        return try client.buildRequest(action: call.action, body: call.body)
            .preview(action: call.action, redactor: client.redactor, secrets: client.account.credentials.previewSecrets)
    }

    public func listBackups(_ instance: InstanceRef, query: BackupListQuery, context: CallContext) async throws(GatewayError) -> BackupPage {
        var offset = 0
        var limit = query.pageSize
        if let token = query.pageToken {
            let decoded = try OffsetPageToken(decoding: token)
            offset = decoded.offset
            limit = decoded.limit
        }
        guard (1...100).contains(limit) else {
            throw GatewayError.invalidArgument("PAGE_SIZE_OUT_OF_RANGE", "pageSize must be between 1 and 100.")
        }
        guard let statuses = TencentNormalization.statusFilter(for: query.state) else {
            // Tencent keeps no pending or failed backups: nothing can match.
            return BackupPage(backups: [])
        }
        let window = try Self.timeWindow(since: query.since, until: query.until, now: client.clock())
        let body = TencentAPI.DescribeInstanceBackupsRequest(
            InstanceId: instance.instanceId, Limit: limit, Offset: offset,
            BeginTime: window.map { ChinaStandardTime.format($0.begin) },
            EndTime: window.map { ChinaStandardTime.format($0.end) },
            Status: statuses
        )
        let (payload, _) = try await client.call(
            "DescribeInstanceBackups", body, as: TencentAPI.DescribeInstanceBackupsResponse.self, context: context
        )
        let sets = payload.BackupSet ?? []
        let backups = sets.map { TencentNormalization.backup($0, instanceId: instance.instanceId) }
        let total = payload.TotalCount ?? 0
        let next = offset + sets.count < total && !sets.isEmpty
            ? OffsetPageToken(offset: offset + limit, limit: limit).encoded
            : nil
        return BackupPage(backups: backups, nextPageToken: next)
    }

    /// Tencent selects backups *started* in [BeginTime, EndTime], at most 30 days apart.
    /// `until` is exclusive for callers, so the last second before it is sent.
    static func timeWindow(since: Date?, until: Date?, now: Date) throws(GatewayError) -> (begin: Date, end: Date)? {
        guard since != nil || until != nil else { return nil }
        let maxSpan: TimeInterval = 30 * 86_400
        let end = (until ?? now.addingTimeInterval(60)).addingTimeInterval(-1)
        let begin = since ?? end.addingTimeInterval(-maxSpan + 1)
        guard begin <= end else {
            throw GatewayError.invalidArgument("TIME_RANGE_INVALID", "since must be before until.")
        }
        guard end.timeIntervalSince(begin) < maxSpan else {
            throw GatewayError.invalidArgument(
                "TIME_RANGE_TOO_WIDE", "Tencent Cloud lists backups at most 30 days at a time; narrow since/until."
            )
        }
        return (begin, end)
    }

    // MARK: Restores

    public func startRestore(
        _ instance: InstanceRef, request: RestoreRequest, operationId: String, context: CallContext
    ) async throws(GatewayError) -> StartedTask {
        let call = try restoreCall(instance, request: request)
        let (payload, requestId) = try await client.call(
            call.action, call.body, as: TencentAPI.TaskResponse.self, context: context, secrets: call.secrets
        )
        var task = try started(payload, requestId: requestId, action: call.action)
        task.update.backupId = call.body.BackupId
        return task
    }

    public func previewRestore(
        _ instance: InstanceRef, request: RestoreRequest, operationId: String
    ) throws(GatewayError) -> ProviderRequestPreview {
        let call = try restoreCall(instance, request: request)
        return try client.buildRequest(action: call.action, body: call.body)
            .preview(action: call.action, redactor: client.redactor, secrets: call.secrets + client.account.credentials.previewSecrets)
    }

    private func started(_ payload: TencentAPI.TaskResponse, requestId: String?, action: String) throws(GatewayError) -> StartedTask {
        guard let taskId = payload.TaskId else {
            var failure = GatewayError(
                .providerError, reason: "PROVIDER_RESPONSE_MALFORMED",
                detail: "Tencent Cloud accepted \(action) but returned no TaskId.",
                provider: ProviderErrorInfo(name: kind.rawValue, requestId: requestId)
            )
            failure.outcomeUnknown = true
            throw failure
        }
        return StartedTask(OperationUpdate(state: .running, providerTaskId: String(taskId), providerRequestId: requestId))
    }

    // MARK: Operations

    public func refresh(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate {
        guard let taskText = operation.providerTaskId else {
            return try await reconcileWithoutTask(operation, context: context)
        }
        guard let taskId = Int64(taskText) else {
            throw GatewayError.internal("Operation \(operation.id) has a task id Tencent cannot have issued.")
        }
        let (task, _) = try await client.call(
            "DescribeTaskInfo", TencentAPI.DescribeTaskInfoRequest(TaskId: taskId),
            as: TencentAPI.DescribeTaskInfoResponse.self, context: context
        )
        switch TencentNormalization.taskOutcome(task.Status) {
        case .running:
            return OperationUpdate(state: .running)
        case .failed:
            let message = client.redactor.redact(task.TaskMessage ?? "")
            return OperationUpdate(
                state: .failed,
                failure: OperationFailure(
                    code: ErrorCode.providerError.rawValue,
                    reason: "PROVIDER_TASK_FAILED",
                    detail: message.isEmpty
                        ? "Tencent Cloud task \(taskText) ended with status \(task.Status ?? "failed")."
                        : "Tencent Cloud task \(taskText) failed: \(message)",
                    provider: ProviderErrorInfo(name: kind.rawValue, code: task.Status, message: message.isEmpty ? nil : message)
                )
            )
        case .succeeded:
            guard operation.kind == .backup, operation.backupId == nil else {
                return OperationUpdate(state: .succeeded)
            }
            if let backup = try await findBackup(of: operation, context: context) {
                return OperationUpdate(state: .succeeded, backupId: backup.BackupId)
            }
            // The task is done but the backup is not listed yet: look again next time, a few times.
            let misses = (Int(operation.providerContext["backupLookupMisses"] ?? "0") ?? 0) + 1
            if misses >= 3 {
                return OperationUpdate(state: .succeeded, providerContext: ["backupLookupMisses": String(misses)])
            }
            return OperationUpdate(state: .running, providerContext: ["backupLookupMisses": String(misses)])
        }
    }

    /// An operation whose start call had an unknown outcome: a backup is found by the
    /// operation id in its remark; a restore by the one restore task (type `010`) that started
    /// on the instance since the call. Neither is ever started a second time.
    private func reconcileWithoutTask(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate {
        guard operation.kind == .backup else { return try await reconcileRestore(operation, context: context) }
        if let backup = try await findBackup(of: operation, context: context) {
            let state: OperationState = TencentNormalization.backupState(backup.Status) == .running ? .running : .succeeded
            return OperationUpdate(state: state, backupId: backup.BackupId)
        }
        if client.clock().timeIntervalSince(operation.createdAt) > Self.unknownGiveUpAfter {
            return OperationUpdate(
                state: .failed,
                failure: OperationFailure(
                    code: ErrorCode.providerError.rawValue, reason: "BACKUP_NOT_STARTED",
                    detail: "Tencent Cloud has no backup for this operation \(Int(Self.unknownGiveUpAfter / 60)) minutes after it was sent; it was not started. Start a new backup."
                )
            )
        }
        return OperationUpdate(state: operation.state)
    }

    private func reconcileRestore(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate {
        let begin = operation.createdAt.addingTimeInterval(-60)
        let end = min(client.clock().addingTimeInterval(60), begin.addingTimeInterval(30 * 86_400 - 1))
        let body = TencentAPI.DescribeTaskListRequest(
            InstanceId: operation.instanceId, Limit: 20, Offset: 0,
            BeginTime: ChinaStandardTime.format(begin), EndTime: ChinaStandardTime.format(end), TaskTypes: ["010"]
        )
        let (page, _) = try await client.call("DescribeTaskList", body, as: TencentAPI.DescribeTaskListResponse.self, context: context)
        let candidates = (page.Tasks ?? []).filter { task in
            task.InstanceId == operation.instanceId && task.TaskId != nil
                && (ChinaStandardTime.parse(task.StartTime).map { $0 >= begin } ?? false)
        }
        if candidates.count == 1, let task = candidates.first, let taskId = task.TaskId {
            let state: OperationState
            switch task.Result {
            case 2: state = .succeeded
            case 4: state = .failed
            default: state = .running
            }
            return OperationUpdate(
                state: state, providerTaskId: String(taskId),
                failure: state == .failed
                    ? OperationFailure(
                        code: ErrorCode.providerError.rawValue, reason: "PROVIDER_TASK_FAILED",
                        detail: "Tencent Cloud restore task \(taskId) failed."
                    )
                    : nil
            )
        }
        if candidates.isEmpty, client.clock().timeIntervalSince(operation.createdAt) > Self.unknownGiveUpAfter {
            return OperationUpdate(
                state: .failed,
                failure: OperationFailure(
                    code: ErrorCode.providerError.rawValue, reason: "RESTORE_NOT_STARTED",
                    detail: "Tencent Cloud has no restore task on this instance \(Int(Self.unknownGiveUpAfter / 60)) minutes after the request was sent; it was not started."
                )
            )
        }
        // Several restores since then (someone else's too): which is ours cannot be told; stay unknown.
        return OperationUpdate(state: operation.state)
    }

    /// The backup whose remark carries the operation id, searched in a window around its creation.
    private func findBackup(of operation: OperationRecord, context: CallContext) async throws(GatewayError) -> TencentAPI.BackupSet? {
        let begin = operation.createdAt.addingTimeInterval(-Self.lookupMargin)
        let end = min(client.clock().addingTimeInterval(Self.lookupMargin), begin.addingTimeInterval(30 * 86_400 - 1))
        var offset = 0
        let limit = 100
        for _ in 0..<10 {
            let body = TencentAPI.DescribeInstanceBackupsRequest(
                InstanceId: operation.instanceId, Limit: limit, Offset: offset,
                BeginTime: ChinaStandardTime.format(begin), EndTime: ChinaStandardTime.format(end),
                Status: [1, 2, 3, 4, -1]
            )
            let (page, _) = try await client.call(
                "DescribeInstanceBackups", body, as: TencentAPI.DescribeInstanceBackupsResponse.self, context: context
            )
            let sets = page.BackupSet ?? []
            if let match = sets.first(where: { GatewayRemark.carries($0.Remark, operationId: operation.id) }) {
                return match
            }
            offset += limit
            if sets.isEmpty || offset >= (page.TotalCount ?? 0) { return nil }
        }
        return nil
    }
}
