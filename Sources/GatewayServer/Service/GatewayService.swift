import Foundation
import GatewayCore
import Logging
import OperationStore

/// The gateway's behaviour, independent of HTTP: validate → route → capability check →
/// pre-check → record the operation (`pending`) → call the driver → persist the outcome.
final class GatewayService: Sendable {
    let directory: AccountDirectory
    let store: any GatewayStore
    let refresher: OperationRefresher
    /// Whether `webhooks` is configured (a secret to sign deliveries with).
    let webhooksEnabled: Bool
    let clock: @Sendable () -> Date
    let logger: Logger
    /// Counts accepted operations (`gateway_operations_total`); nil in tests that do not care.
    let metrics: GatewayMetrics?

    init(
        directory: AccountDirectory, store: any GatewayStore, refreshInterval: Duration, webhooksEnabled: Bool = false,
        clock: @escaping @Sendable () -> Date, logger: Logger, metrics: GatewayMetrics? = nil
    ) {
        self.directory = directory
        self.store = store
        self.webhooksEnabled = webhooksEnabled
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        self.refresher = OperationRefresher(
            directory: directory, store: store, refreshInterval: refreshInterval, clock: clock, logger: logger, metrics: metrics
        )
    }

    /// Seconds a caller should wait before polling a running operation again.
    var pollAfterSeconds: Int { refresher.pollAfterSeconds }

    // MARK: Backups and restores

    func startBackup(instanceId: String, request: BackupRequest, requestId: String) async throws(GatewayError) -> OperationRecord {
        if let resumed = try await resumedOperation() { return resumed }
        try request.validate()
        let (account, info) = try await prepareWrite(instanceId: instanceId, requestId: requestId) { capabilities, provider throws(GatewayError) in
            try capabilities.check(request, provider: provider)
        }
        try account.driver.validate(request, for: info)
        let callbackUrl = try callbackURL(request.callbackUrl, account: account)
        return try await record(.backup, account: account, instanceId: instanceId, remark: request.remark, callbackUrl: callbackUrl, requestId: requestId) { operationId throws(GatewayError) in
            try await account.driver.startBackup(
                account.ref(for: instanceId), request: request, operationId: operationId,
                context: self.callContext(account, requestId: requestId, operationId: operationId)
            )
        }
    }

    func startRestore(instanceId: String, request: RestoreRequest, requestId: String) async throws(GatewayError) -> OperationRecord {
        if let resumed = try await resumedOperation() { return resumed }
        try request.validate()
        let (account, info) = try await prepareWrite(instanceId: instanceId, requestId: requestId) { capabilities, provider throws(GatewayError) in
            try capabilities.check(request, provider: provider)
        }
        try info.capabilities.checkWindow(request, now: clock(), provider: account.settings.provider)
        try InstanceReadiness.requirePassword(info, request: request)
        try account.driver.validate(request, for: info)
        let callbackUrl = try callbackURL(request.callbackUrl, account: account)
        return try await record(.restore, account: account, instanceId: instanceId, remark: request.remark, callbackUrl: callbackUrl, requestId: requestId) { operationId throws(GatewayError) in
            var started = try await account.driver.startRestore(
                account.ref(for: instanceId), request: request, operationId: operationId,
                context: self.callContext(account, requestId: requestId, operationId: operationId)
            )
            if started.update.backupId == nil { started.update.backupId = request.backupId }
            return started
        }
    }

    // MARK: Dry runs

    /// `validateOnly=true` for a backup: every check that needs no provider call, then the
    /// signed provider request, redacted. Nothing is recorded and nothing is sent.
    func previewBackup(instanceId: String, request: BackupRequest) throws(GatewayError) -> DryRun {
        try request.validate()
        let account = try routeWrite(instanceId)
        try account.driver.capabilities.check(request, provider: account.settings.provider)
        try account.driver.validate(request, for: placeholderInfo(account, instanceId))
        _ = try callbackURL(request.callbackUrl, account: account)
        let preview = try account.driver.previewBackup(account.ref(for: instanceId), request: request, operationId: OperationID.make())
        return DryRun(kind: .backup, ref: account.ref(for: instanceId), request: preview, notes: DryRun.notes)
    }

    /// `validateOnly=true` for a restore (see `previewBackup`).
    func previewRestore(instanceId: String, request: RestoreRequest) throws(GatewayError) -> DryRun {
        try request.validate()
        let account = try routeWrite(instanceId)
        try account.driver.capabilities.check(request, provider: account.settings.provider)
        try account.driver.validate(request, for: placeholderInfo(account, instanceId))
        _ = try callbackURL(request.callbackUrl, account: account)
        let preview = try account.driver.previewRestore(account.ref(for: instanceId), request: request, operationId: OperationID.make())
        return DryRun(kind: .restore, ref: account.ref(for: instanceId), request: preview, notes: DryRun.notes)
    }

    /// A dry run's instance: the kind's capabilities, state not asked.
    private func placeholderInfo(_ account: RoutedAccount, _ instanceId: String) -> InstanceInfo {
        InstanceInfo(
            ref: account.ref(for: instanceId), status: .unknown, providerStatus: "not asked (validateOnly)",
            capabilities: account.driver.capabilities
        )
    }

    // MARK: Write plumbing

    /// A request that took over an abandoned idempotency key answers with the operation the
    /// earlier holder created, instead of calling the provider a second time.
    private func resumedOperation() async throws(GatewayError) -> OperationRecord? {
        guard let id = IdempotencyScope.current?.resumeOperationId, let stored = try await store.get(id) else { return nil }
        logger.notice("idempotency key taken over; answering with its operation", metadata: ["operation": "\(id)"])
        AuditNotes.current?.update {
            $0.operationId = stored.id
            $0.provider = stored.provider.rawValue
            $0.account = stored.account
        }
        return stored
    }

    private func routeWrite(_ instanceId: String) throws(GatewayError) -> RoutedAccount {
        let account = try route(instanceId)
        AuditNotes.current?.update {
            $0.provider = account.settings.provider.rawValue
            $0.account = account.settings.name
        }
        return account
    }

    /// Validates `instanceId` and finds its account; the request's log lines carry both from here on.
    private func route(_ instanceId: String) throws(GatewayError) -> RoutedAccount {
        try InstanceIdentifier.validate(instanceId)
        RequestLogContext.note(.instanceId, instanceId)
        let account = try directory.route(instanceId)
        RequestLogContext.note(.provider, account.settings.provider.rawValue)
        RequestLogContext.note(.account, account.settings.name)
        return account
    }

    /// The URL to notify when the operation ends: the request's, else the account's webhook.
    private func callbackURL(_ requested: String?, account: RoutedAccount) throws(GatewayError) -> String? {
        guard let url = requested ?? account.settings.webhookUrl else { return nil }
        guard webhooksEnabled else {
            throw GatewayError.unsupported(
                "WEBHOOKS_NOT_CONFIGURED", "callbackUrl needs webhooks.secretEnv (or secretFile) in the gateway configuration to sign deliveries."
            )
        }
        return try CallbackURLRule.validate(url)
    }

    /// Routing and every check that can refuse a write before anything is recorded: the kind's
    /// capabilities, then the instance's own (from the provider) and its state.
    private func prepareWrite(
        instanceId: String, requestId: String,
        check: (Capabilities, ProviderKind) throws(GatewayError) -> Void
    ) async throws(GatewayError) -> (RoutedAccount, InstanceInfo) {
        let account = try routeWrite(instanceId)
        let provider = account.settings.provider
        try check(account.driver.capabilities, provider)
        let info = try await account.driver.describeInstance(account.ref(for: instanceId), context: callContext(account, requestId: requestId))
        try check(info.capabilities, provider)
        try InstanceReadiness.requireRunning(info)
        return (account, info)
    }

    /// Writes the operation before the provider is called (linked to the request's
    /// idempotency key in the same transaction), then records what the provider said.
    /// A definite refusal fails the operation and reaches the caller as a problem; an unknown
    /// outcome (timeout after sending) leaves the operation `unknown`, to be reconciled.
    private func record(
        _ kind: OperationKind, account: RoutedAccount, instanceId: String, remark: String?, callbackUrl: String?, requestId: String,
        start: @Sendable (String) async throws(GatewayError) -> StartedTask
    ) async throws(GatewayError) -> OperationRecord {
        let now = clock()
        var operation = OperationRecord(
            id: OperationID.make(), kind: kind, state: .pending, instanceId: instanceId,
            provider: account.settings.provider, account: account.settings.name, region: account.settings.region,
            remark: remark, createdAt: now, refreshedAt: now, providerContext: ["requestId": requestId], callbackUrl: callbackUrl
        )
        try await store.insert(operation, idempotencyKey: IdempotencyScope.current?.key)
        IdempotencyScope.current?.linkedOperation.set(operation.id)
        AuditNotes.current?.update { $0.operationId = operation.id }
        RequestLogContext.note(.operationId, operation.id)
        var log = logger
        log[metadataKey: "operationId"] = "\(operation.id)"
        log[metadataKey: "requestId"] = "\(requestId)"
        log[metadataKey: "caller"] = "\(CallerPrincipal.current.name)"
        log[metadataKey: "instanceId"] = "\(instanceId)"
        log[metadataKey: "provider"] = "\(account.settings.provider.rawValue)"
        log[metadataKey: "account"] = "\(account.settings.name)"
        do {
            let started = try await start(operation.id)
            operation.apply(started.update, at: clock())
            operation.refreshedAt = clock()
            AuditNotes.current?.update { $0.providerRequestId = operation.providerRequestId }
            RequestLogContext.note(.providerRequestId, operation.providerRequestId)
            log.info("\(kind.rawValue) started", metadata: [
                "providerTask": "\(operation.providerTaskId ?? "-")", "providerRequestId": "\(operation.providerRequestId ?? "-")",
            ])
            let stored = try await store.update(operation)
            metrics?.operation(kind: kind, state: stored.state)
            return stored
        } catch {
            RequestLogContext.note(.providerRequestId, error.provider?.requestId)
            if error.outcomeUnknown {
                operation.apply(OperationUpdate(state: .unknown, providerContext: ["startError": error.reason]), at: clock())
                log.warning("\(kind.rawValue) outcome unknown; will reconcile", metadata: ["reason": "\(error.reason)"])
                let stored = try await store.update(operation)
                metrics?.operation(kind: kind, state: stored.state)
                return stored
            }
            operation.apply(OperationUpdate(state: .failed, failure: OperationFailure(error)), at: clock())
            log.notice("\(kind.rawValue) refused by the provider", metadata: [
                "code": "\(error.code)", "reason": "\(error.reason)", "providerRequestId": "\(error.provider?.requestId ?? "-")",
            ])
            _ = try? await store.update(operation)
            metrics?.operation(kind: kind, state: .failed)
            throw error
        }
    }

    // MARK: Reads

    func listBackups(instanceId: String, query: BackupListQuery, requestId: String) async throws(GatewayError) -> BackupPage {
        try InstanceIdentifier.validate(instanceId)
        if let since = query.since, let until = query.until, since >= until {
            throw GatewayError.invalidArgument("TIME_RANGE_INVALID", "since must be before until.")
        }
        let account = try route(instanceId)
        return try await account.driver.listBackups(account.ref(for: instanceId), query: query, context: callContext(account, requestId: requestId))
    }

    func instance(instanceId: String, requestId: String) async throws(GatewayError) -> InstanceInfo {
        let account = try route(instanceId)
        return try await account.driver.describeInstance(account.ref(for: instanceId), context: callContext(account, requestId: requestId))
    }

    /// One operation, refreshed from the provider when it is not terminal and not fresh.
    /// `mayAccess` is the caller's instance check: an operation on another instance is refused
    /// before the provider is asked about it.
    func operation(id: String, requestId: String, mayAccess: (String) -> Bool = { _ in true }) async throws(GatewayError) -> OperationRecord {
        guard OperationID.isValid(id), let stored = try await store.get(id) else {
            throw GatewayError.notFound("OPERATION_NOT_FOUND", "There is no operation \(id).")
        }
        RequestLogContext.note(.operationId, stored.id)
        RequestLogContext.note(.instanceId, stored.instanceId)
        RequestLogContext.note(.provider, stored.provider.rawValue)
        RequestLogContext.note(.account, stored.account)
        guard mayAccess(stored.instanceId) else {
            throw GatewayError(
                .permissionDenied, reason: "INSTANCE_NOT_ALLOWED",
                detail: "Operation \(id) concerns an instance this caller may not see (see auth.tokens[].instances)."
            )
        }
        return await refresher.fresh(stored, requestId: requestId)
    }

    func operations(filter: OperationFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> OperationPage {
        guard (1...100).contains(pageSize) else {
            throw GatewayError.invalidArgument("PAGE_SIZE_OUT_OF_RANGE", "pageSize must be between 1 and 100.")
        }
        return try await store.list(filter, pageSize: pageSize, pageToken: pageToken)
    }

    func auditEvents(filter: AuditFilter, pageSize: Int, pageToken: String?) async throws(GatewayError) -> AuditPage {
        if let since = filter.since, let until = filter.until, since >= until {
            throw GatewayError.invalidArgument("TIME_RANGE_INVALID", "since must be before until.")
        }
        return try await store.listAuditEvents(filter, pageSize: pageSize, pageToken: pageToken)
    }

    private func callContext(_ account: RoutedAccount, requestId: String, operationId: String? = nil) -> CallContext {
        CallContext(
            requestId: requestId,
            deadline: Date().addingTimeInterval(account.settings.requestTimeout.timeInterval),
            operationId: operationId
        )
    }
}
