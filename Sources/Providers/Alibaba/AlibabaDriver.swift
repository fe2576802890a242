import Foundation
import GatewayCore
import ProviderSigning

/// `provider: alibaba` — Alibaba Cloud Tair / R-KVStore (2015-01-01, RPC), signed with
/// ACS3-HMAC-SHA256 or RPC signature v1 per account.
///
/// CreateBackup returns job ids (a comma list for per-shard jobs): the operation follows them
/// with DescribeBackupTasks (progress) and DescribeBackups (outcome and backup ids). In-place
/// RestoreInstance is allowed only on classic Tair memory-optimized instances with data
/// flashback; it returns only a RequestId, so completion is the instance going
/// `BackupRecovering` → `Normal`. Alibaba has no idempotency token: nothing is ever sent twice.
public struct AlibabaDriver: ProviderDriver {
    public let kind = ProviderKind.alibaba
    let client: AlibabaClient
    private let facts = InstanceFactsCache()

    public init(
        account: AlibabaAccount, transport: ProviderTransport, redactor: Redactor,
        userAgent: String = "redis-backup-gateway", clock: @escaping @Sendable () -> Date = { Date() },
        nonce: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        client = AlibabaClient(account: account, transport: transport, redactor: redactor, clock: clock, nonce: nonce, userAgent: userAgent)
    }

    /// What the kind can do before the instance is known; each instance narrows it.
    public static let capabilities = Capabilities(
        manualBackup: true, backupRetention: true, minRetentionDays: 7, maxRetentionDays: 730, backupFormats: [],
        listBackups: true, restoreFromBackup: true, inPlaceRestore: true, pointInTimeRestore: true,
        keyFilterRestore: true, timeShift: true, restorePasswordRequired: false,
        notes: [
            "In-place restore (from a backup, to a point in time, of a subset of keys, with time shift) only on classic Tair memory-optimized instances with data flashback; GET /instances/{id} tells per instance.",
            "Manual backups keep 7–730 days; Alibaba chooses the format.",
        ]
    )

    public var capabilities: Capabilities { Self.capabilities }

    static let unknownGiveUpAfter: TimeInterval = 15 * 60
    static let restoreSettleGrace: TimeInterval = 60

    // MARK: Instances

    public func describeInstance(_ instance: InstanceRef, context: CallContext) async throws(GatewayError) -> InstanceInfo {
        let facts = try await loadFacts(instance.instanceId, context: context, fresh: true)
        return InstanceInfo(
            ref: instance, name: facts.name, status: facts.status, providerStatus: facts.providerStatus,
            architecture: facts.classic ? "classic \(facts.architecture)" : "cloud-native \(facts.architecture)",
            passwordRequired: false, capabilities: facts.capabilities()
        )
    }

    /// DescribeInstanceAttribute + DescribeBackupPolicy, cached for a minute (the architecture
    /// does not change between a pre-check and the call that follows it).
    func loadFacts(_ instanceId: String, context: CallContext, fresh: Bool = false) async throws(GatewayError) -> AlibabaInstanceFacts {
        if !fresh, let cached = await facts.get(instanceId, now: client.clock()) { return cached }
        let (attributes, _) = try await client.call(
            "DescribeInstanceAttribute", [("InstanceId", instanceId)],
            as: AlibabaAPI.DescribeInstanceAttributeResponse.self, context: context
        )
        guard let attribute = attributes.Instances?.DBInstanceAttribute?.first(where: { $0.InstanceId == instanceId }) else {
            throw GatewayError.notFound("INSTANCE_NOT_FOUND", "Alibaba Cloud has no instance \(instanceId) in \(client.account.region).")
        }
        let (policy, _) = try await client.call(
            "DescribeBackupPolicy", [("InstanceId", instanceId)], as: AlibabaAPI.DescribeBackupPolicyResponse.self, context: context
        )
        let loaded = AlibabaInstanceFacts(
            instanceId: instanceId, name: attribute.InstanceName, providerStatus: attribute.InstanceStatus ?? "Unknown",
            architecture: attribute.ArchitectureType ?? "standard", instanceType: attribute.InstanceType ?? "Redis",
            instanceClass: attribute.InstanceClass ?? "", nodeType: attribute.NodeType ?? "",
            flashbackEnabled: policy.EnableBackupLog?.value == "1",
            flashbackSince: AlibabaTime.parse(policy.BackupLogStartTime ?? attribute.BackupLogStartTime)
        )
        await facts.put(loaded, now: client.clock())
        return loaded
    }

    // MARK: Backups

    public func startBackup(
        _ instance: InstanceRef, request: BackupRequest, operationId: String, context: CallContext
    ) async throws(GatewayError) -> StartedTask {
        let call = backupCall(instance, request: request)
        let (payload, requestId) = try await client.call(
            call.action, call.parameters, as: AlibabaAPI.CreateBackupResponse.self, context: context
        )
        let jobs = Self.jobIds(payload.BackupJobID?.value)
        guard !jobs.isEmpty else {
            var failure = GatewayError(
                .providerError, reason: "PROVIDER_RESPONSE_MALFORMED",
                detail: "Alibaba Cloud accepted CreateBackup but returned no BackupJobID.",
                provider: ProviderErrorInfo(name: kind.rawValue, requestId: requestId)
            )
            failure.outcomeUnknown = true
            throw failure
        }
        return StartedTask(OperationUpdate(
            state: .running, progress: 0, providerTaskId: jobs.joined(separator: ","), providerRequestId: requestId
        ))
    }

    /// One write as `start*` sends it and `preview*` shows it: the action and its business
    /// parameters (all in the query; the body is empty).
    struct WriteCall {
        var action: String
        var parameters: [(String, String)]
    }

    func backupCall(_ instance: InstanceRef, request: BackupRequest) -> WriteCall {
        var parameters = [("InstanceId", instance.instanceId)]
        if let days = request.retentionDays { parameters.append(("BackupRetentionPeriod", String(days))) }
        return WriteCall(action: "CreateBackup", parameters: parameters)
    }

    public func previewBackup(
        _ instance: InstanceRef, request: BackupRequest, operationId: String
    ) throws(GatewayError) -> ProviderRequestPreview {
        preview(backupCall(instance, request: request))
    }

    private func preview(_ call: WriteCall) -> ProviderRequestPreview {
        client.buildRequest(call.action, call.parameters)
            .preview(action: call.action, redactor: client.redactor, secrets: client.account.credentials.previewSecrets)
    }

    /// `"10000,10001"` → ["10000", "10001"].
    static func jobIds(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public func listBackups(_ instance: InstanceRef, query: BackupListQuery, context: CallContext) async throws(GatewayError) -> BackupPage {
        let facts = try await loadFacts(instance.instanceId, context: context)
        let lister = AlibabaBackupLister(client: client, instanceId: instance.instanceId, facts: facts)
        return try await lister.page(query, context: context)
    }

    // MARK: Restores

    public func validate(_ request: RestoreRequest, for instance: InstanceInfo) throws(GatewayError) {
        if request.keyPatterns != nil, request.pointInTime == nil {
            throw GatewayError.invalidArgument(
                "KEY_FILTER_REQUIRES_POINT_IN_TIME", "Alibaba Cloud restores a subset of keys only with a pointInTime (data flashback)."
            )
        }
        if let patterns = request.keyPatterns, let bad = patterns.first(where: { $0.contains(",") }) {
            throw GatewayError.invalidArgument(
                "KEY_PATTERN_INVALID", "Alibaba Cloud separates key patterns with commas, so a pattern cannot contain one: \"\(bad)\"."
            )
        }
        if let shift = request.timeShift {
            guard let pointInTime = request.pointInTime else {
                throw GatewayError.invalidArgument("TIME_SHIFT_REQUIRES_POINT_IN_TIME", "timeShift needs a pointInTime restore.")
            }
            if shift < pointInTime || shift > client.clock() {
                throw GatewayError.invalidArgument(
                    "TIME_SHIFT_OUT_OF_RANGE", "timeShift must lie between pointInTime and now."
                )
            }
        }
    }

    public func startRestore(
        _ instance: InstanceRef, request: RestoreRequest, operationId: String, context: CallContext
    ) async throws(GatewayError) -> StartedTask {
        let call = restoreCall(instance, request: request)
        let (_, requestId) = try await client.call(
            call.action, call.parameters, as: AlibabaAPI.Empty.self, context: context
        )
        await facts.forget(instance.instanceId)
        var tracking = ["restoreSentAt": AlibabaTime.seconds(client.clock())]
        // Best effort: seeing `BackupRecovering` now lets a quick restore be recognised as done
        // the first time the instance is `Normal` again, instead of after a grace period.
        if let after = try? await loadFacts(instance.instanceId, context: context, fresh: true), after.providerStatus == "BackupRecovering" {
            tracking["sawRecovering"] = "1"
        }
        return StartedTask(OperationUpdate(state: .running, providerRequestId: requestId, providerContext: tracking))
    }

    /// RestoreInstance from the request alone: the real call reads no instance facts before
    /// sending (it re-reads them after, to track the restore), so the preview is the same request.
    func restoreCall(_ instance: InstanceRef, request: RestoreRequest) -> WriteCall {
        var parameters = [("InstanceId", instance.instanceId)]
        if let backupId = request.backupId {
            parameters += [("BackupId", backupId), ("RestoreType", "0")]
        } else if let pointInTime = request.pointInTime {
            parameters += [("RestoreType", "1"), ("RestoreTime", AlibabaTime.seconds(pointInTime))]
            if let patterns = request.keyPatterns { parameters.append(("FilterKey", patterns.joined(separator: ","))) }
            if let shift = request.timeShift { parameters.append(("TimeShift", AlibabaTime.seconds(shift))) }
        }
        return WriteCall(action: "RestoreInstance", parameters: parameters)
    }

    /// The RestoreInstance request `startRestore` would send now. Alibaba restores need no
    /// instance password, so there is no call secret to mask besides the credentials.
    public func previewRestore(
        _ instance: InstanceRef, request: RestoreRequest, operationId: String
    ) throws(GatewayError) -> ProviderRequestPreview {
        preview(restoreCall(instance, request: request))
    }

    // MARK: Operations

    public func refresh(_ operation: OperationRecord, context: CallContext) async throws(GatewayError) -> OperationUpdate {
        let tracker = AlibabaOperationTracker(driver: self, client: client)
        switch operation.kind {
        case .backup: return try await tracker.refreshBackup(operation, context: context)
        case .restore: return try await tracker.refreshRestore(operation, context: context)
        }
    }
}

/// Instance facts for a minute, per instance.
actor InstanceFactsCache {
    private var entries: [String: (facts: AlibabaInstanceFacts, at: Date)] = [:]

    func get(_ id: String, now: Date) -> AlibabaInstanceFacts? {
        guard let entry = entries[id], now.timeIntervalSince(entry.at) < 60 else { return nil }
        return entry.facts
    }

    func put(_ facts: AlibabaInstanceFacts, now: Date) {
        entries[facts.instanceId] = (facts, now)
        if entries.count > 1000 { entries = entries.filter { now.timeIntervalSince($0.value.at) < 60 } }
    }

    func forget(_ id: String) { entries[id] = nil }
}
