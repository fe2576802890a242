import Foundation
import GatewayCore
import ProviderSigning

/// `provider: tencent-legacy` — Tencent Cloud CRS API 2.0 (`/v2/index.php`), for accounts and
/// private deployments that still speak it. ManualBackupInstance and RestoreInstance return a
/// task id (`data.requestId`), polled with DescribeTaskInfo (0/1 running, 2 succeeded, 3/-1
/// failed); the backup made is found by the operation id in its remark.
public struct TencentLegacyDriver: ProviderDriver {
    public let kind = ProviderKind.tencentLegacy
    let client: TencentLegacyClient

    public init(
        account: TencentLegacyAccount, transport: ProviderTransport, redactor: Redactor,
        userAgent: String = "redis-backup-gateway", clock: @escaping @Sendable () -> Date = { Date() },
        nonce: @escaping @Sendable () -> Int = { Int.random(in: 1...Int(Int32.max)) }
    ) {
        client = TencentLegacyClient(account: account, transport: transport, redactor: redactor, clock: clock, nonce: nonce, userAgent: userAgent)
    }

    public static let capabilities = Capabilities(
        manualBackup: true, backupRetention: false, backupFormats: [], listBackups: true, restoreFromBackup: true,
        inPlaceRestore: true, pointInTimeRestore: false, keyFilterRestore: false, timeShift: false, restorePasswordRequired: true,
        notes: [
            "The legacy API always needs the instance password to restore, and restores only from the instance's own backups.",
            "Backups keep Tencent's default retention; the legacy API lists only the last 7 days and suggests at most ~24 manual backups a day.",
        ]
    )

    public var capabilities: Capabilities { Self.capabilities }

    static let unknownGiveUpAfter: TimeInterval = 15 * 60

    public func describeInstance(_ instance: InstanceRef, context: CallContext) async throws(GatewayError) -> InstanceInfo {
        let answer = try await client.call("DescribeRedis", [("limit", "10"), ("offset", "0"), ("redisId", instance.instanceId)], context: context)
        let set = ((answer["data"] as? [String: Any])?["redisSet"] as? [[String: Any]]) ?? []
        guard let found = set.first(where: { $0["redisId"] as? String == instance.instanceId }) else {
            throw GatewayError.notFound("INSTANCE_NOT_FOUND", "Tencent Cloud (API 2.0) has no instance \(instance.instanceId) in \(instance.region).")
        }
        let status = (found["status"] as? NSNumber)?.intValue
        let statusText: InstanceInfo.Status = switch status {
        case 0: .creating
        case 1: .busy
        case 2: .running
        case -2: .isolated
        default: .unknown
        }
        return InstanceInfo(
            ref: instance, name: found["redisName"] as? String, status: statusText,
            providerStatus: status.map(String.init) ?? "unknown", passwordRequired: true, capabilities: Self.capabilities
        )
    }

    /// One write as `start*` sends it and `preview*` shows it: the action, its business
    /// parameters, and the secrets (the instance password) to keep out of anything echoed.
    struct WriteCall {
        var action: String
        var parameters: [(String, String)]
        var secrets: [String] = []
    }

    func backupCall(_ instance: InstanceRef, request: BackupRequest, operationId: String) -> WriteCall {
        WriteCall(
            action: "ManualBackupInstance",
            parameters: [("redisId", instance.instanceId), ("remark", GatewayRemark.compose(callerRemark: request.remark, operationId: operationId))]
        )
    }

    func restoreCall(_ instance: InstanceRef, request: RestoreRequest) throws(GatewayError) -> (call: WriteCall, backupId: String) {
        guard let backupId = request.backupId, let password = request.instancePassword else {
            throw GatewayError.invalidArgument("INSTANCE_PASSWORD_REQUIRED", "The legacy API restores only from a backupId, with the instance password.")
        }
        let call = WriteCall(
            action: "RestoreInstance",
            parameters: [("redisId", instance.instanceId), ("password", password.revealed), ("backupId", backupId)],
            secrets: [password.revealed]
        )
        return (call, backupId)
    }

    public func startBackup(
        _ instance: InstanceRef, request: BackupRequest, operationId: String, context: CallContext
    ) async throws(GatewayError) -> StartedTask {
        let call = backupCall(instance, request: request, operationId: operationId)
        let answer = try await client.call(call.action, call.parameters, context: context, secrets: call.secrets)
        return try started(answer, action: call.action)
    }

    public func previewBackup(
        _ instance: InstanceRef, request: BackupRequest, operationId: String
    ) throws(GatewayError) -> ProviderRequestPreview {
        preview(backupCall(instance, request: request, operationId: operationId))
    }

    public func startRestore(
        _ instance: InstanceRef, request: RestoreRequest, operationId: String, context: CallContext
    ) async throws(GatewayError) -> StartedTask {
        let (call, backupId) = try restoreCall(instance, request: request)
        let answer = try await client.call(call.action, call.parameters, context: context, secrets: call.secrets)
        var task = try started(answer, action: call.action)
        task.update.backupId = backupId
        return task
    }

    public func previewRestore(
        _ instance: InstanceRef, request: RestoreRequest, operationId: String
    ) throws(GatewayError) -> ProviderRequestPreview {
        preview(try restoreCall(instance, request: request).call)
    }

    private func preview(_ call: WriteCall) -> ProviderRequestPreview {
        client.buildRequest(call.action, call.parameters)
            .preview(action: call.action, redactor: client.redactor, secrets: call.secrets + client.account.credentials.previewSecrets)
    }

    private func started(_ answer: [String: Any], action: String) throws(GatewayError) -> StartedTask {
        guard let task = ((answer["data"] as? [String: Any])?["requestId"] as? NSNumber)?.int64Value else {
            var failure = GatewayError(
                .providerError, reason: "PROVIDER_RESPONSE_MALFORMED",
                detail: "Tencent Cloud (API 2.0) accepted \(action) but returned no task id.",
                provider: ProviderErrorInfo(name: kind.rawValue)
            )
            failure.outcomeUnknown = true
            throw failure
        }
        return StartedTask(OperationUpdate(state: .running, providerTaskId: String(task)))
    }

    public func listBackups(_ instance: InstanceRef, query: BackupListQuery, context: CallContext) async throws(GatewayError) -> BackupPage {
        var offset = 0
        var limit = query.pageSize
        if let token = query.pageToken {
            let decoded = try OffsetPageToken(decoding: token)
            offset = decoded.offset
            limit = decoded.limit
        }
        var window: [(String, String)] = []
        if let since = query.since { window.append(("beginTime", ChinaStandardTime.format(since))) }
        if let until = query.until { window.append(("endTime", ChinaStandardTime.format(until.addingTimeInterval(-1)))) }
        if let state = query.state {
            // The legacy API cannot filter by state: scan (it lists at most 7 days) and filter here.
            let all = try await page(instance.instanceId, offset: 0, limit: 100, window: window, context: context).backups
            let matching = all.filter { $0.state == state }
            let slice = Array(matching.dropFirst(offset).prefix(limit))
            let next = matching.count > offset + limit ? OffsetPageToken(offset: offset + limit, limit: limit).encoded : nil
            return BackupPage(backups: slice, nextPageToken: next)
        }
        let result = try await page(instance.instanceId, offset: offset, limit: limit, window: window, context: context)
        let next = !result.backups.isEmpty && offset + result.backups.count < result.total
            ? OffsetPageToken(offset: offset + result.backups.count, limit: limit).encoded : nil
        return BackupPage(backups: result.backups, nextPageToken: next)
    }

    private func page(_ instanceId: String, offset: Int, limit: Int, window: [(String, String)], context: CallContext) async throws(GatewayError) -> (backups: [Backup], total: Int) {
        let (sets, total) = try await rawPage(instanceId, offset: offset, limit: limit, window: window, context: context)
        return (sets.map { Self.backup($0, instanceId: instanceId) }, total)
    }

    private func rawPage(_ instanceId: String, offset: Int, limit: Int, window: [(String, String)], context: CallContext) async throws(GatewayError) -> (sets: [[String: Any]], total: Int) {
        let answer = try await client.call(
            "GetRedisBackupList", [("limit", String(limit)), ("offset", String(offset)), ("redisId", instanceId)] + window, context: context
        )
        let data = answer["data"] as? [String: Any]
        let sets = (data?["redisBackupSet"] as? [[String: Any]]) ?? []
        let total = (answer["totalCount"] as? NSNumber)?.intValue ?? (data?["totalCount"] as? NSNumber)?.intValue ?? sets.count
        return (sets, total)
    }

    static func backup(_ set: [String: Any], instanceId: String) -> Backup {
        let status = (set["status"] as? NSNumber)?.intValue
        let locked = (set["locked"] as? NSNumber)?.intValue ?? 0
        let state: Backup.State = switch status {
        case 2, 3, 4: .succeeded
        case -1, -2: .expired
        default: .running
        }
        return Backup(
            id: (set["backupId"] as? String) ?? "", instanceId: instanceId, state: state,
            kind: (set["backupType"] as? String) == "manualBackupInstance" ? .manual : .automatic,
            startedAt: ChinaStandardTime.parse(set["startTime"] as? String),
            remark: GatewayRemark.callerRemark(from: set["remark"] as? String),
            restorable: status == 2 && locked == 0
        )
    }

    public func refresh(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate {
        guard let task = operation.providerTaskId else {
            guard operation.kind == .backup else { return OperationUpdate(state: operation.state) }
            if let backupId = try await findBackup(operation, context: context) {
                return OperationUpdate(state: .succeeded, backupId: backupId)
            }
            if client.clock().timeIntervalSince(operation.createdAt) > Self.unknownGiveUpAfter {
                return OperationUpdate(state: .failed, failure: OperationFailure(
                    code: ErrorCode.providerError.rawValue, reason: "BACKUP_NOT_STARTED",
                    detail: "Tencent Cloud (API 2.0) has no backup for this operation 15 minutes after the request was sent; it was not started."
                ))
            }
            return OperationUpdate(state: operation.state)
        }
        let answer = try await client.call("DescribeTaskInfo", [("requestId", task)], context: context)
        let status = ((answer["data"] as? [String: Any])?["status"] as? NSNumber)?.intValue
        switch status {
        case 2:
            guard operation.kind == .backup, operation.backupId == nil else { return OperationUpdate(state: .succeeded) }
            let backupId = try await findBackup(operation, context: context)
            return OperationUpdate(state: backupId == nil && !operation.providerContext.keys.contains("lookupMiss") ? .running : .succeeded,
                                   backupId: backupId, providerContext: backupId == nil ? ["lookupMiss": "1"] : [:])
        case 3, -1:
            return OperationUpdate(state: .failed, failure: OperationFailure(
                code: ErrorCode.providerError.rawValue, reason: "PROVIDER_TASK_FAILED",
                detail: "Tencent Cloud (API 2.0) task \(task) ended with status \(status ?? -1)."
            ))
        default:
            return OperationUpdate(state: .running)
        }
    }

    /// The backup whose remark carries the operation id (the legacy list covers the last 7 days).
    private func findBackup(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> String? {
        let window = [("beginTime", ChinaStandardTime.format(operation.createdAt.addingTimeInterval(-600)))]
        var offset = 0
        for _ in 0..<10 {
            let (sets, total) = try await rawPage(operation.instanceId, offset: offset, limit: 100, window: window, context: context)
            if let match = sets.first(where: { GatewayRemark.carries($0["remark"] as? String, operationId: operation.id) }) {
                return match["backupId"] as? String
            }
            offset += sets.count
            if sets.isEmpty || offset >= total { return nil }
        }
        return nil
    }
}
